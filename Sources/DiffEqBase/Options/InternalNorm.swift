/// The norm that turns the scaled componentwise error into one number `EEst` (accept when ≤ 1).
///
/// With `eᵢ` the error estimate and `scᵢ = abstolᵢ + reltol · max(|uₙ,ᵢ|, |uₙ₊₁,ᵢ|)`:
///
/// ```
/// rms: EEst = √( Σᵢ (eᵢ / scᵢ)² / n )     (DifferentialEquations.jl's default)
/// max: EEst = maxᵢ |eᵢ / scᵢ|
/// ```
public enum InternalNorm: Sendable, Equatable {
  /// Root mean square (the default).
  case rms
  /// Maximum norm.
  case max
}
