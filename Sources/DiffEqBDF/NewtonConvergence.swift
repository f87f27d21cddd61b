/// The convergence test of a simplified Newton iteration (Hairer & Wanner, *Solving Ordinary
/// Differential Equations II*, IV.8): with the corrections `Δₘ` measured in the error weights,
/// the contraction `θ = ‖Δₘ‖/‖Δₘ₋₁‖` bounds the remaining error by `η‖Δₘ‖`, `η = θ/(1 − θ)`,
/// and the iteration stops once `η‖Δₘ‖ ≤ κ` (the first iteration uses the last step's `η`).
/// `θ ≥ 1` is divergence.
///
/// `κ = max(10ε/rtol, min(0.03, √rtol))` is RADAU5's FNEWT: the iteration error is not in the
/// local error estimate, and at rtol 1e-8 a fixed κ = 0.01 left it large enough to cost the
/// Test Set problems 0.3–0.5 digits.
public struct NewtonConvergence: Sendable {
  /// What one iteration's correction says.
  public enum Verdict: Sendable, Equatable {
    /// Converged: stop.
    case converged
    /// Contracting but not there yet.
    case iterate
    /// Not contracting (or not finite): give up this attempt.
    case diverged
  }

  /// The last converged rate bound `η`, carried to the next step's first iteration.
  public var eta = 1.0
  @usableFromInline var rate = 1.0
  @usableFromInline var previous = 0.0
  /// `κ` of the current attempt.
  public var tolerance: Double { _tolerance }
  @usableFromInline var _tolerance = 0.01

  /// A fixed `κ` in place of RADAU5's rule (`nil`: the rule).
  public let kappa: Double?

  /// A fresh monitor (`η = 1`) with RADAU5's `κ`, or a fixed one.
  public init(kappa: Double? = nil) { self.kappa = kappa }

  /// `κ = max(10ε/rtol, min(0.03, √rtol))`.
  @inlinable
  public static func tolerance(reltol: Double) -> Double {
    max(10 * Double.ulpOfOne / reltol, min(0.03, reltol.squareRoot()))
  }

  /// Begins an attempt for relative tolerance `reltol`.
  @inlinable
  public mutating func begin(reltol: Double) {
    _tolerance = kappa ?? Self.tolerance(reltol: reltol)
    rate = max(eta, 1e-16).squareRoot()
    previous = 0
  }

  /// Judges iteration `iteration`'s correction of weighted size `size`.
  @inlinable
  public mutating func check(size: Double, iteration: Int) -> Verdict {
    guard size.isFinite else { return .diverged }
    if iteration > 0 {
      let theta = size / max(previous, 1e-300)
      if theta >= 1 { return size <= 1e-12 ? .converged : .diverged }
      rate = theta / (1 - theta)
    }
    previous = size
    if rate * size <= _tolerance || size <= 1e-12 {
      eta = rate
      return .converged
    }
    return .iterate
  }

  /// After an attempt failed: the next starts without trusting the old rate.
  @inlinable
  public mutating func failed() { eta = 1 }
}
