/// What the integrator knew when a solve failed: where, with which step, and why.
public struct FailureDiagnostic: Sendable, Equatable, CustomStringConvertible {
  /// Time of the last accepted state.
  public var t: Double
  /// The last step size tried.
  public var dt: Double
  /// Consecutive rejected steps before the failure.
  public var rejectionStreak: Int
  /// The first component of the trial state that was NaN or infinite, if any.
  public var firstNonFiniteComponent: Int?
  /// A sentence for a person: what happened and what to try.
  public var message: String

  /// A diagnostic.
  public init(
    t: Double, dt: Double, rejectionStreak: Int, firstNonFiniteComponent: Int?, message: String
  ) {
    self.t = t
    self.dt = dt
    self.rejectionStreak = rejectionStreak
    self.firstNonFiniteComponent = firstNonFiniteComponent
    self.message = message
  }

  /// The message with the numbers.
  public var description: String {
    var s = "\(message) (t = \(t), dt = \(dt), rejected in a row: \(rejectionStreak)"
    if let i = firstNonFiniteComponent { s += ", first non-finite component: \(i)" }
    return s + ")"
  }
}
