/// The dense output of a solve: the method's own continuous extension over every step.
///
/// Each method family records what its interpolant needs per accepted step (stages, states)
/// and evaluates it; ``ODESolution`` holds one and calls it for `sol(t)`.
public protocol ODEInterpolant<State>: Sendable {
  /// The state vector type.
  associatedtype State: StateVector

  /// Order of accuracy of the interpolant.
  var order: Int { get }

  /// The interpolated state (`derivative == 0`) or its first time derivative
  /// (`derivative == 1`) at `t`; outside the integrated span the end steps' polynomials are
  /// extrapolated.
  func evaluate(at t: Double, derivative: Int) -> State
}
