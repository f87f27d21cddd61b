import DiffEqBase

extension ExplicitRKStepper: StiffnessDetecting {
  /// Hairer's estimate from the step's last two stages, `ρ ≈ ‖kₛ − kₛ₋₁‖ / ‖gₛ − gₛ₋₁‖`
  /// (stage arguments `g`, derivatives `k = f(g)`): for FSAL methods `gₛ = uₙ₊₁`; the
  /// argument `gₛ₋₁` is still in the stage buffer (FSAL) or recomputed from the stored
  /// stages. `nil` for one-stage methods or when the two arguments coincide.
  @inlinable
  public mutating func stiffnessEstimate(t: Double, dt: Double, u: State, unew: State) -> Double? {
    let s = tableau.stageCount
    guard s >= 2 else { return nil }
    var numerator = 0.0
    var denominator = 0.0
    if isSevenStageFSAL {
      for i in 0..<u.count {
        let dk = Double(sevenStage.k7[i]) - Double(sevenStage.k6[i])
        let dg = Double(unew[i]) - Double(tmp[i])
        numerator += dk * dk
        denominator += dg * dg
      }
    } else if tableau.isFSAL {
      // The loop's last stage argument (stage s − 1) is in tmp; stage s's is uₙ₊₁.
      for i in 0..<u.count {
        let dk = Double(k[s - 1][i]) - Double(k[s - 2][i])
        let dg = Double(unew[i]) - Double(tmp[i])
        numerator += dk * dk
        denominator += dg * dg
      }
    } else {
      // tmp holds stage s's argument; stage s − 1's is recomputed (no buffer needed).
      let row = (s - 2) * (s - 3) / 2
      let a = tableau.a
      for i in 0..<u.count {
        var acc = 0.0
        for j in 0..<(s - 2) { acc += a[row + j] * Double(k[j][i]) }
        let previous = Double(u[i]) + dt * acc
        let dk = Double(k[s - 1][i]) - Double(k[s - 2][i])
        let dg = Double(tmp[i]) - previous
        numerator += dk * dk
        denominator += dg * dg
      }
    }
    guard denominator > 0, numerator.isFinite else { return nil }
    return (numerator / denominator).squareRoot()
  }

  /// The tableau's stability boundary on the negative real axis.
  public var stabilityBoundary: Double { tableau.stabilityBoundary }
}
