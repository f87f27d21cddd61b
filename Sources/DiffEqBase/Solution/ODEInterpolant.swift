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

  /// Writes the interpolated state or its first derivative at `t` into `out` (which has the
  /// state's shape). Interpolants that can, do this without allocating: the history of a
  /// delay equation is read this way inside every step.
  func evaluate(at t: Double, derivative: Int, into out: inout State)

  /// Number of steps recorded.
  var stepCount: Int { get }

  /// Writes the polynomial of step `step` (0-based, in integration order) at `t` into `out`,
  /// extrapolated when `t` is outside that step: for a caller that must choose the step
  /// (the history of a delay equation evaluates a step before its successor is complete).
  func evaluate(step: Int, at t: Double, derivative: Int, into out: inout State)
}

extension ODEInterpolant {
  /// Assigns ``evaluate(at:derivative:)``'s result (allocates; families override it).
  public func evaluate(at t: Double, derivative: Int, into out: inout State) {
    out.assign(evaluate(at: t, derivative: derivative))
  }
}
