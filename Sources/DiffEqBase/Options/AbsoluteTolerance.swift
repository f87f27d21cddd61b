/// A value `abstol` can take: one `Double` for every component, or a `[Double]` with one
/// tolerance per component.
///
/// `solve(prob, alg, abstol: 1e-8)` and `solve(prob, alg, abstol: [1e-8, 1e-12, 1e-8])` both
/// work, with literals or variables.
public protocol AbsoluteTolerance: Sendable {
  /// The tolerance as the solver stores it.
  var toleranceValue: ToleranceValue { get }
}

/// A scalar or componentwise absolute tolerance.
public enum ToleranceValue: Sendable, Equatable {
  /// The same tolerance for every component.
  case scalar(Double)
  /// One tolerance per component.
  case componentwise([Double])
}

extension Double: AbsoluteTolerance {
  /// `.scalar(self)`.
  public var toleranceValue: ToleranceValue { .scalar(self) }
}

extension Array: AbsoluteTolerance where Element == Double {
  /// `.componentwise(self)`.
  public var toleranceValue: ToleranceValue { .componentwise(self) }
}

extension ToleranceValue: AbsoluteTolerance {
  /// `self`.
  public var toleranceValue: ToleranceValue { self }
}
