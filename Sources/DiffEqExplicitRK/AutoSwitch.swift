import DiffEqBase

/// A composite method: an explicit Runge–Kutta method while the problem is non-stiff, a stiff
/// method while it is stiff, switching on the stiffness measured along the solve
/// (DifferentialEquations.jl's `AutoSwitch`; see ``AutoSwitchPolicy`` for the rule and
/// ``AutoSwitchStepper`` for the mechanics).
///
/// ```swift
/// let sol = try solve(prob, AutoTsit5(Rosenbrock23()))
/// let tight = try solve(prob, AutoVern7(Rodas5P()), abstol: 1e-10, reltol: 1e-10)
/// let custom = AutoSwitch(nonstiff: Tsit5(), stiff: FBDF(), policy: AutoSwitchPolicy(maxStiffStep: 5))
/// print(sol.algorithmChoice!)   // which method took which steps, and why it switched
/// ```
///
/// With a mass matrix the stiff method takes every step.
public struct AutoSwitch<Nonstiff: ExplicitRKAlgorithm, Stiff: SwitchingStiffAlgorithm>:
  ODEAlgorithm
{
  /// The explicit method.
  public var nonstiff: Nonstiff
  /// The stiff method.
  public var stiff: Stiff
  /// The switching rule.
  public var policy: AutoSwitchPolicy
  /// Why these methods (set by the default choice), recorded in the solution.
  public var reason: String?

  /// The composite of `nonstiff` and `stiff` under `policy`.
  public init(
    nonstiff: Nonstiff, stiff: Stiff, policy: AutoSwitchPolicy = AutoSwitchPolicy(),
    reason: String? = nil
  ) {
    self.nonstiff = nonstiff
    self.stiff = stiff
    self.policy = policy
    self.reason = reason
  }

  /// `"AutoTsit5(Rosenbrock23)"` (DifferentialEquations.jl's names).
  public var name: String { "Auto\(nonstiff.name)(\(stiff.name))" }

  /// Adaptive.
  public var isAdaptive: Bool { nonstiff.isAdaptive && stiff.isAdaptive }

  /// Runs the composite in the shared loop.
  @inlinable
  public func solve<F: ODEFunction>(
    _ problem: ODEProblem<F>, options: ODESolverOptions,
    callback: CallbackSet<F.State, F.Parameters>
  ) throws -> ODESolution<F.State> {
    try stiff.solve(
      problem, switchingFrom: ExplicitRKStepper(nonstiff, prototype: problem.u0), policy: policy,
      name: name, reason: reason, options: options, callback: callback)
  }
}

/// `AutoTsit5(stiff)`: Tsit5 with `stiff` (DifferentialEquations.jl's `AutoTsit5`).
public typealias AutoTsit5<Stiff: SwitchingStiffAlgorithm> = AutoSwitch<Tsit5, Stiff>
/// `AutoDP5(stiff)`: DP5 with `stiff`.
public typealias AutoDP5<Stiff: SwitchingStiffAlgorithm> = AutoSwitch<DP5, Stiff>
/// `AutoVern7(stiff)`: Vern7 with `stiff` (tighter tolerances).
public typealias AutoVern7<Stiff: SwitchingStiffAlgorithm> = AutoSwitch<Vern7, Stiff>
/// `AutoVern9(stiff)`: Vern9 with `stiff` (the tightest tolerances).
public typealias AutoVern9<Stiff: SwitchingStiffAlgorithm> = AutoSwitch<Vern9, Stiff>

extension AutoSwitch where Nonstiff == Tsit5 {
  /// `AutoTsit5(Rosenbrock23())`.
  public init(_ stiff: Stiff, policy: AutoSwitchPolicy = AutoSwitchPolicy()) {
    self.init(nonstiff: Tsit5(), stiff: stiff, policy: policy)
  }
}

extension AutoSwitch where Nonstiff == DP5 {
  /// `AutoDP5(Rosenbrock23())`.
  public init(_ stiff: Stiff, policy: AutoSwitchPolicy = AutoSwitchPolicy()) {
    self.init(nonstiff: DP5(), stiff: stiff, policy: policy)
  }
}

extension AutoSwitch where Nonstiff == Vern7 {
  /// `AutoVern7(Rodas5P())`.
  public init(_ stiff: Stiff, policy: AutoSwitchPolicy = AutoSwitchPolicy()) {
    self.init(nonstiff: Vern7(), stiff: stiff, policy: policy)
  }
}

extension AutoSwitch where Nonstiff == Vern9 {
  /// `AutoVern9(Rodas5P())`.
  public init(_ stiff: Stiff, policy: AutoSwitchPolicy = AutoSwitchPolicy()) {
    self.init(nonstiff: Vern9(), stiff: stiff, policy: policy)
  }
}
