/// Invalid input to `solve`: thrown before any step is taken, naming the field and the fix.
///
/// Solver failures during integration are not errors: they end the solve with a
/// ``ReturnCode`` and a ``FailureDiagnostic`` and keep the partial solution.
public struct DiffEqError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The offending field (`"u0"`, `"tspan"`, `"abstol"`, `"reltol"`, `"saveAt"`, …).
  public var field: String
  /// What is wrong and how to fix it.
  public var message: String

  /// An error for `field`.
  public init(field: String, message: String) {
    self.field = field
    self.message = message
  }

  /// `field: message`.
  public var description: String { "invalid \(field): \(message)" }
}
