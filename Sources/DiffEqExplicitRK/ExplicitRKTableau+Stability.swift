extension ExplicitRKTableau {
  /// The coefficients `γⱼ = bᵀAʲ⁻¹𝟙` of the stability polynomial
  /// `R(z) = 1 + Σⱼ₌₁ˢ γⱼ zʲ` (the step's amplification of `u′ = λu`, `z = hλ`).
  public var stabilityPolynomial: [Double] {
    Self.stabilityPolynomial(a: a, b: b, stageCount: stageCount)
  }

  /// `γ₀ = 1, γⱼ = bᵀAʲ⁻¹𝟙` for the strict lower triangle `a` (rows concatenated) and weights
  /// `b` of an explicit `s`-stage method.
  static func stabilityPolynomial(a: [Double], b: [Double], stageCount s: Int) -> [Double] {
    var coefficients = [1.0]
    // v = Aʲ⁻¹𝟙, starting from 𝟙.
    var v = [Double](repeating: 1, count: s)
    for _ in 0..<s {
      var gamma = 0.0
      for i in 0..<s { gamma += b[i] * v[i] }
      coefficients.append(gamma)
      var next = [Double](repeating: 0, count: s)
      for i in 0..<s {
        let row = i * (i - 1) / 2
        var acc = 0.0
        for j in 0..<i { acc += a[row + j] * v[j] }
        next[i] = acc
      }
      v = next
    }
    return coefficients
  }

  /// The largest `r` with `|R(−x)| ≤ 1` for every `x ∈ [0, r]`, for the stability polynomial
  /// with `coefficients` (Tsit5 3.5068, DP5 3.3066, Vern7 4.6400, Vern9 4.4762: the `ssize`
  /// of OrdinaryDiffEq.jl's stiffness detection). A scan in steps of 1/1000, then bisection.
  public static func stabilityBoundary(of coefficients: [Double]) -> Double {
    func amplification(_ x: Double) -> Double {
      var r = 0.0
      for c in coefficients.reversed() { r = r * -x + c }
      return abs(r)
    }
    var x = 0.0
    let step = 1e-3
    while x < 100 && amplification(x + step) <= 1 { x += step }
    var lo = x
    var hi = x + step
    for _ in 0..<60 {
      let mid = (lo + hi) / 2
      if amplification(mid) <= 1 { lo = mid } else { hi = mid }
    }
    return lo
  }
}
