import DiffEqBase

/// The buffers a BDF step of a residual DAE shares with its ``DAEIterationFunction``:
/// the combination `c` of the back values and the derivative `u′ = c_j (x + c)` at the
/// iterate. A class, so that the function value passed to the linear algebra writes into
/// the stepper's buffers without copying them (one per stepper, used by one solve at a time).
public final class DAEIterationStorage<State: StateVector>: @unchecked Sendable {
  /// `c = Σⱼ (αⱼ/α₀) yⱼ`. (Exclusivity unchecked: one solve uses the buffers at a time, and
  /// the per-element access checks would dominate a small system's step.)
  @exclusivity(unchecked) public var combination: State
  /// `u′ = c_j (x + c)` at the last evaluation.
  @exclusivity(unchecked) public var derivative: State

  /// Buffers shaped like `prototype`.
  public init(prototype: State) {
    combination = prototype.zeroed()
    derivative = prototype.zeroed()
  }
}

/// The BDF corrector of a residual DAE as a function of the new state alone,
///
/// ```
/// G(x) = −F(c_j (x + c), x, p, t),   ∂G/∂x = −(∂F/∂u + c_j ∂F/∂u′),
/// ```
///
/// (`c_j = α₀/h`): as an ``ODEFunction`` it lets ``NewtonMatrix`` take its Jacobian by
/// (coloured) differences and apply it matrix-free, and with the mass matrix `M = 0` its
/// `W = M − γ ∂G/∂x = γ(∂F/∂u + c_j ∂F/∂u′)` (`γ = 1/c_j`) is the DAE's iteration matrix.
public struct DAEIterationFunction<State: StateVector, Parameters: Sendable>: ODEFunction {
  /// `F(&res, du, u, p, t)`.
  public let residual: @Sendable (inout State, State, State, Parameters, Double) -> Void
  /// `c` and the derivative buffer.
  public let storage: DAEIterationStorage<State>
  /// `c_j = α₀/h`.
  public let cj: Double

  /// `G` for one step.
  @inlinable
  public init(
    residual: @escaping @Sendable (inout State, State, State, Parameters, Double) -> Void,
    storage: DAEIterationStorage<State>, cj: Double
  ) {
    self.residual = residual
    self.storage = storage
    self.cj = cj
  }

  /// `g = −F(c_j (x + c), x, p, t)`.
  @inlinable
  public func callAsFunction(_ g: inout State, _ x: State, _ p: Parameters, _ t: Double) {
    let n = x.count
    for i in 0..<n {
      storage.derivative[i] = State.Scalar(cj) * (x[i] + storage.combination[i])
    }
    residual(&g, storage.derivative, x, p, t)
    for i in 0..<n { g[i] = -g[i] }
  }
}

/// The function the shared integrator holds for a residual DAE. The integrator calls `f`
/// only for its initial step size (the DAE solve always gives that step) and for
/// ``ODEIntegrator/derivative(of:at:)``, which a residual form cannot answer: it writes NaN.
/// The method (``DFBDFStepper``) keeps the residual itself.
public struct DAEIntegratorFunction<State: StateVector, Parameters: Sendable>: ODEFunction {
  /// The wrapper.
  @inlinable public init() {}

  /// NaN in every component: `u′` of a DAE is not a function of `u` alone.
  @inlinable
  public func callAsFunction(_ du: inout State, _ u: State, _ p: Parameters, _ t: Double) {
    for i in 0..<du.count { du[i] = State.Scalar(Double.nan) }
  }
}
