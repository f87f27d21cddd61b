extension ExplicitRKTableau {
  /// The dense-output weights at `θ`: `bᵢ(θ) = Σₘ Bᵢₘ θᵐ` (`derivative == 0`) or
  /// `bᵢ′(θ) = Σₘ m·Bᵢₘ θᵐ⁻¹` (`derivative == 1`), for every stage `i < S`, written into
  /// `weights` (which must hold `S` entries). Horner's rule, no allocation.
  @inlinable
  public func denseWeights(theta: Double, derivative: Int, into weights: inout [Double]) {
    weights.withUnsafeMutableBufferPointer {
      denseWeights(theta: theta, derivative: derivative, into: $0)
    }
  }

  /// ``denseWeights(theta:derivative:into:)-([Double])`` into a buffer of `S` entries (a
  /// stack buffer from `withUnsafeTemporaryAllocation`, for callers without a cache).
  @inlinable
  public func denseWeights(
    theta: Double, derivative: Int, into weights: UnsafeMutableBufferPointer<Double>
  ) {
    let d = interpolantDegree
    let total = totalStageCount
    for i in 0..<total { weights[i] = 0 }
    // Column by column: weights += Bₘ·θᵐ⁺¹ (value) or (m+1)·Bₘ·θᵐ (derivative).
    var power = derivative == 0 ? theta : 1.0
    for m in 0..<d {
      let factor = derivative == 0 ? power : Double(m + 1) * power
      for i in 0..<total { weights[i] += interpolant[i * d + m] * factor }
      power *= theta
    }
  }
}
