/// Scales a step's componentwise error estimate by the tolerances and reduces it to `EEst`.
///
/// ```
/// scᵢ = abstolᵢ + reltol · max(|uₙ,ᵢ|, |uₙ₊₁,ᵢ|)
/// EEst = ‖ eᵢ / scᵢ ‖     (RMS or max, see InternalNorm)
/// ```
///
/// Steppers call ``scaled(_:error:u0:u1:)`` and ``accumulate(_:_:)`` inside their fused error
/// loop and ``finish(_:count:)`` once, so the norm costs one pass and no storage.
@frozen
public struct ErrorNorm: Sendable {
  /// Scalar absolute tolerance (used when ``abstols`` is empty).
  public let abstol: Double
  /// Componentwise absolute tolerances, or empty.
  public let abstols: [Double]
  /// Relative tolerance.
  public let reltol: Double
  /// Whether the norm is the max norm (otherwise RMS).
  public let isMaxNorm: Bool

  /// A norm from the solve options.
  public init(abstol: ToleranceValue, reltol: Double, norm: InternalNorm) {
    switch abstol {
    case .scalar(let a):
      self.abstol = a
      self.abstols = []
    case .componentwise(let a):
      self.abstol = 0
      self.abstols = a
    }
    self.reltol = reltol
    self.isMaxNorm = norm == .max
  }

  /// The scale `scᵢ = abstolᵢ + reltol · magnitude` of component `i`.
  @inlinable
  public func tolerance(_ i: Int, magnitude: Double) -> Double {
    (abstols.isEmpty ? abstol : abstols[i]) + magnitude * reltol
  }

  /// `e / (abstolᵢ + reltol · max(|u0|, |u1|))`.
  @inlinable
  public func scaled(_ i: Int, error e: Double, u0: Double, u1: Double) -> Double {
    e / tolerance(i, magnitude: Swift.max(abs(u0), abs(u1)))
  }

  /// Adds one scaled component to the running sum (RMS) or maximum.
  @inlinable
  public func accumulate(_ acc: inout Double, _ x: Double) {
    if isMaxNorm {
      let ax = abs(x)
      acc = ax > acc || ax.isNaN ? ax : acc
    } else {
      acc += x * x
    }
  }

  /// The norm from the accumulated value over `count` components.
  @inlinable
  public func finish(_ acc: Double, count: Int) -> Double {
    isMaxNorm ? acc : (acc / Double(count)).squareRoot()
  }

  /// The norm of `v` with weights from `u` alone (`scᵢ = abstolᵢ + reltol·|uᵢ|`), used by the
  /// initial step-size algorithm.
  @inlinable
  public func norm<S: StateVector>(_ v: S, weightsFrom u: S) -> Double {
    var acc = 0.0
    for i in 0..<v.count {
      accumulate(&acc, Double(v[i]) / tolerance(i, magnitude: abs(Double(u[i]))))
    }
    return finish(acc, count: v.count)
  }
}
