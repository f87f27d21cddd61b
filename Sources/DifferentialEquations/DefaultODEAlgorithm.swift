/// The method `solve(prob)` uses when none is named: ``DefaultODEPolicy``'s choice for the
/// problem's size, the tolerance, a mass matrix and the user's hints — by default an explicit
/// method and a stiff method that switch on measured stiffness (``AutoSwitch``). The solution's
/// `algorithm` names the composite and `algorithmChoice` records every switch and the reason
/// for the choice.
public struct DefaultODEAlgorithm: ODEAlgorithm {
  /// The user's hints.
  public var hints: Set<ODEAlgorithmHint>
  /// The switching rule of the composite.
  public var policy: AutoSwitchPolicy

  /// The default under `hints`.
  public init(hints: Set<ODEAlgorithmHint> = [], policy: AutoSwitchPolicy = AutoSwitchPolicy()) {
    self.hints = hints
    self.policy = policy
  }

  /// `"DefaultODEAlgorithm"`; the solution's `algorithm` names the method used.
  public var name: String { "DefaultODEAlgorithm" }

  /// Adaptive.
  public var isAdaptive: Bool { true }

  /// The choice for `problem` at `options.reltol`.
  public func choice<F: ODEFunction>(for problem: ODEProblem<F>, reltol: Double) -> DefaultODEChoice
  {
    var sparse = false
    if case .sparse? = problem.jacPrototype { sparse = true }
    return DefaultODEPolicy.choice(
      count: problem.u0.count, reltol: reltol,
      hasMassMatrix: problem.massMatrix.map { !$0.isIdentity } ?? false, sparseJacobian: sparse,
      hints: hints)
  }

  /// Solves with the chosen method or composite.
  @inlinable
  public func solve<F: ODEFunction>(
    _ problem: ODEProblem<F>, options: ODESolverOptions,
    callback: CallbackSet<F.State, F.Parameters>
  ) throws -> ODESolution<F.State> {
    let chosen = choice(for: problem, reltol: options.reltol)
    guard let stiffChoice = chosen.stiff else {
      switch chosen.nonstiff ?? .tsit5 {
      case .tsit5: return try Tsit5().solve(problem, options: options, callback: callback)
      case .vern7: return try Vern7().solve(problem, options: options, callback: callback)
      case .vern9: return try Vern9().solve(problem, options: options, callback: callback)
      }
    }
    guard let nonstiffChoice = chosen.nonstiff else {
      switch stiffChoice {
      case .rosenbrock23:
        return try Rosenbrock23().solve(problem, options: options, callback: callback)
      case .rodas5P: return try Rodas5P().solve(problem, options: options, callback: callback)
      case .fbdf: return try FBDF().solve(problem, options: options, callback: callback)
      }
    }
    // One stepper type for every explicit method (and one for every Rosenbrock method): the
    // composites below specialise the loop twice, not nine times.
    let nonstiff: ExplicitRKStepper<F.State>
    switch nonstiffChoice {
    case .tsit5: nonstiff = ExplicitRKStepper(Tsit5(), prototype: problem.u0)
    case .vern7: nonstiff = ExplicitRKStepper(Vern7(), prototype: problem.u0)
    case .vern9: nonstiff = ExplicitRKStepper(Vern9(), prototype: problem.u0)
    }
    let name = "Auto\(nonstiffChoice.rawValue)(\(stiffChoice.rawValue))"
    switch stiffChoice {
    case .rosenbrock23:
      return try Rosenbrock(Rosenbrock23()).solve(
        problem, switchingFrom: nonstiff, policy: policy, name: name, reason: chosen.reason,
        options: options, callback: callback)
    case .rodas5P:
      return try Rosenbrock(Rodas5P()).solve(
        problem, switchingFrom: nonstiff, policy: policy, name: name, reason: chosen.reason,
        options: options, callback: callback)
    case .fbdf:
      return try FBDF().solve(
        problem, switchingFrom: nonstiff, policy: policy, name: name, reason: chosen.reason,
        options: options, callback: callback)
    }
  }
}
