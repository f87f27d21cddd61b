/// The convergence test of a simplified Newton iteration (Hairer & Wanner, *Solving Ordinary
/// Differential Equations II*, IV.8): with the corrections `Δₘ` measured in the error weights,
/// the contraction `θ = ‖Δₘ‖/‖Δₘ₋₁‖` bounds the remaining error by `η‖Δₘ‖`, `η = θ/(1 − θ)`,
/// and the iteration stops once `η‖Δₘ‖ ≤ κ` (the first iteration uses `√η` of the last
/// step's). `θ ≥ 1` is divergence.
///
/// `κ = 0.01` (OrdinaryDiffEq's `NLNewton` default). RADAU5's tighter
/// `max(10ε/rtol, min(0.03, √rtol))` (1e-4 at rtol 1e-8) was used before, when it bought the
/// Test Set 0.3–0.5 digits; since the step-offset and interpolation-error fixes of the BDF
/// history it no longer does (FBDF at reltol 1e-8, κ = 0.01 against RADAU5's: HIRES 6.44
/// against 6.46, OREGO 6.83 against 6.27, VDPOL 6.98 against 6.75, POLLU 7.42 against 7.36,
/// ROBER 7.09 against 7.05) and costs 20–30% more iterations (Brusselator N = 32 at reltol
/// 1e-6: 1489 → 1177 evaluations for the same 538 steps). IDA's looser `κ = 0.33` took 25%
/// more steps on the DAEs: the iteration error then shows in the error estimate.
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
  /// `κ`: the iteration stops once `η‖Δₘ‖ ≤ κ`.
  public let kappa: Double

  /// A fresh monitor (`η = 1`) stopping at `η‖Δₘ‖ ≤ kappa`.
  public init(kappa: Double = 0.01) { self.kappa = kappa }

  /// Begins an attempt.
  @inlinable
  public mutating func begin() {
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
    if rate * size <= kappa || size <= 1e-12 {
      eta = rate
      return .converged
    }
    return .iterate
  }

  /// After an attempt failed: the next starts without trusting the old rate.
  @inlinable
  public mutating func failed() { eta = 1 }
}
