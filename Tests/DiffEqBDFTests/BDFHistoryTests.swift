import Testing

@testable import DiffEqBDF

/// The divided-difference history of FBDF and DFBDF: its coefficient tables, its incremental
/// update against the differences rebuilt from the states, and its predictor on polynomials.
@Suite("BDFHistory: modified divided differences")
struct BDFHistoryTests {
  @Test("α₀ and αⱼ without arrays agree with FBDF.coefficients")
  func coefficientTables() {
    for q in 1...5 {
      let alpha = FBDF.coefficients[q - 1]
      #expect(BDFHistory<[Double]>.leadingCoefficient(order: q) == alpha[0], "q = \(q)")
      guard q >= 2 else { continue }
      let weights = BDFHistory<[Double]>.interpolationWeights(order: q)
      for j in 2...5 {
        #expect(weights[j - 2] == (j <= q ? alpha[j] : 0), "q = \(q), j = \(j)")
      }
    }
  }

  /// The error estimates' factors, built up over the orders in one pass, against the formula
  /// evaluated order by order from the steps: `σ_q = q! Πᵢ₌₁..q h/ψᵢ` times
  /// `|1 + (q + 1) Σⱼ₌₂..q αⱼ rⱼ|`, `rⱼ = Πᵢ₌₀..q (ψᵢ − jh) / ((q + 1)! hᑫ⁺¹)`, with
  /// `ψᵢ = tₙ₊₁ − tₙ₋ᵢ`; on a constant step the factor is `1/(q + 1)`.
  @Test("estimate scales: σ_q and the interpolation factor against the formula")
  func estimateScales() {
    for steps in [[0.1, 0.13, 0.07, 0.2, 0.11, 0.09, 0.15], [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]] {
      var history = BDFHistory<[Double]>(prototype: [0.0], maxOrder: 5)
      history.restart(t: 0, u: [0])
      var t = 0.0
      for dt in steps.dropLast() {
        _ = history.beginStep(t: t, h: dt)
        history.end = [0]
        history.accept()
        t += dt
      }
      let h = steps.last!
      _ = history.beginStep(t: t, h: h)
      let top = min(5, history.count - 1)
      history.setEstimateScales(through: top)
      // ψᵢ = h + (the i most recent steps).
      var psi = [h]
      for i in 1...top { psi.append(psi[i - 1] + steps[steps.count - 1 - i]) }
      for q in 1...top {
        var sigma = 1.0
        for i in 1...q { sigma *= Double(i) * h / psi[i] }
        var sum = 0.0
        if q >= 2 {
          var denominator = 1.0
          for i in 1...(q + 1) { denominator *= Double(i) * h }
          for j in 2...q {
            var r = 1.0
            for i in 0...q { r *= psi[i] - Double(j) * h }
            sum += FBDF.coefficients[q - 1][j] * r / denominator
          }
        }
        let expected = sigma * abs(1 + Double(q + 1) * sum)
        let got = history.estimateScales[q]
        #expect(abs(got - expected) <= 1e-13 * expected, "q = \(q): \(got) vs \(expected)")
        if steps.allSatisfy({ $0 == h }) {
          #expect(abs(got - 1 / Double(q + 1)) <= 1e-13, "constant step, q = \(q)")
        }
      }
    }
  }

  /// A cubic through variable steps (ratios from 0.17 to 6): the order-3 predictor and the
  /// corrector's derivative `(α₀/h)(x + c)` at the exact `x` reproduce the cubic, and after
  /// every accepted step the incrementally updated `φⱼ` equal those rebuilt from the stored
  /// states and steps.
  @Test("the incremental update equals the rebuilt differences; order 3 is exact on a cubic")
  func incrementalUpdate() {
    let cubic: (Double) -> Double = { t in 1 + 2 * t - 0.5 * t * t + 0.25 * t * t * t }
    let slope: (Double) -> Double = { t in 2 - t + 0.75 * t * t }
    var history = BDFHistory<[Double]>(prototype: [0.0], maxOrder: 5)
    history.restart(t: 0, u: [cubic(0)])
    var t = 0.0
    for dt in [0.1, 0.13, 0.07, 0.2, 0.11, 0.09, 0.15, 0.12, 0.3, 0.05, 0.05, 0.05, 0.05, 0.05] {
      let k = history.beginStep(t: t, h: dt)
      let exact = cubic(t + dt)
      if !history.isStarting {
        var combination = [0.0]
        var predictor = [0.0]
        history.predict(order: k, h: dt, combination: &combination, predictor: &predictor)
        if k == 3 {
          #expect(abs(predictor[0] - exact) <= 1e-13, "t = \(t + dt)")
          let alpha0 = BDFHistory<[Double]>.leadingCoefficient(order: 3)
          let derivative = alpha0 / dt * (exact + combination[0])
          #expect(abs(derivative - slope(t + dt)) <= 1e-11, "t = \(t + dt)")
        }
      }
      history.end = [exact]
      history.nextOrderIfAccepted = 3
      history.accept()
      t += dt
      var rebuilt = history
      rebuilt.rebuildDifferences()
      for j in 0..<history.count {
        let a = history.differences[j]
        let b = rebuilt.differences[j]
        #expect(abs(a - b) <= 1e-12 * max(1, abs(b)), "φ\(j) at t = \(t): \(a) vs \(b)")
      }
    }
    #expect(history.count == 7)
  }
}
