extension ExplicitRKTableau {
  /// The dense-output weights at `θ`: `bᵢ(θ) = Σₘ Bᵢₘ θᵐ` (`derivative == 0`) or
  /// `bᵢ′(θ) = Σₘ m·Bᵢₘ θᵐ⁻¹` (`derivative == 1`), for every stage `i < S`, written into
  /// `weights` (which must hold `S` entries). Horner's rule, no allocation.
  @inlinable
  public func denseWeights(theta: Double, derivative: Int, into weights: inout [Double]) {
    let d = interpolantDegree
    for i in 0..<totalStageCount {
      let row = i * d
      var acc = 0.0
      if derivative == 0 {
        for m in stride(from: d - 1, through: 0, by: -1) {
          acc = (acc + interpolant[row + m]) * theta
        }
      } else {
        for m in stride(from: d - 1, through: 0, by: -1) {
          acc = acc * theta + Double(m + 1) * interpolant[row + m]
        }
      }
      weights[i] = acc
    }
  }
}
