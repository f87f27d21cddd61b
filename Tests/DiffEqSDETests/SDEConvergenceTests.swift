import DiffEqTestSupport
import DifferentialEquations
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Geometric Brownian motion `du = αu dt + βu dW`, `u₀ = 0.5`, α = 1.01, β = 0.87
/// (../shared/reference/problems.json "gbm", DiffEqProblemLibrary.jl's `prob_sde_linear`):
/// Itô solution `u₀ exp((α − β²/2)t + βW(t))`, Stratonovich solution `u₀ exp(αt + βW(t))`.
enum GBM {
  static let alpha = 1.01
  static let beta = 0.87
  static let u0 = 0.5

  static func problem(_ interpretation: SDEInterpretation = .ito) -> SDEProblem<[Double], [Double]>
  {
    SDEProblem(
      u0: [u0], tspan: (0.0, 1.0), p: [alpha, beta], interpretation: interpretation,
      f: { du, u, p, t in du[0] = p[0] * u[0] },
      g: { du, u, p, t in du[0] = p[1] * u[0] })
  }

  /// The exact solution at `t` on the path value `w = W(t)`.
  static func exact(_ t: Double, _ w: Double, _ interpretation: SDEInterpretation) -> Double {
    interpretation == .ito
      ? u0 * exp((alpha - beta * beta / 2) * t + beta * w) : u0 * exp(alpha * t + beta * w)
  }

  /// Mean over `paths` seeds of `u_N − exact(W(1))` (signed: weak) or its absolute value
  /// (strong), for each step count.
  static func errors(
    _ alg: some SDEAlgorithm, _ interpretation: SDEInterpretation, steps: [Int], paths: Int,
    strong: Bool, adaptive: Bool = false
  ) throws -> [Double] {
    try estimates(alg, interpretation, steps: steps, paths: paths, strong: strong).map(\.mean)
  }

  /// The means of ``errors(_:_:steps:paths:strong:)`` with their Monte Carlo standard errors.
  static func estimates(
    _ alg: some SDEAlgorithm, _ interpretation: SDEInterpretation, steps: [Int], paths: Int,
    strong: Bool
  ) throws -> [(mean: Double, standardError: Double)] {
    let prob = problem(interpretation)
    return try steps.map { n in
      var sum = 0.0
      var sumSquares = 0.0
      for seed in 0..<paths {
        let sol = try solve(
          prob, alg, dt: 1 / Double(n), adaptive: false, seed: UInt64(seed) &* 0x9E37_79B9 &+ 17,
          saveEveryStep: false, dense: false)
        let w = sol.W.values[sol.W.values.count - 1]
        let e = sol.u.last![0] - exact(1, w, interpretation)
        let x = strong ? abs(e) : e
        sum += x
        sumSquares += x * x
      }
      let mean = sum / Double(paths)
      let variance = sumSquares / Double(paths) - mean * mean
      return (abs(mean), (Swift.max(variance, 0) / Double(paths)).squareRoot())
    }
  }
}

@Suite("SDE fixed-step schemes: convergence on GBM")
struct SDEConvergenceTests {
  static let steps = [16, 32, 64, 128, 256]

  @Test("strong order: EM ½, RKMil 1 (Itô); 1000 paths, five halvings of dt")
  func strongOrder() throws {
    let hs = Self.steps.map { 1 / Double($0) }
    for (name, alg, order) in [
      ("EM", EM() as any SDEAlgorithm, 0.5), ("RKMil", RKMil() as any SDEAlgorithm, 1.0),
    ] {
      let errors = try GBM.errors(alg, .ito, steps: Self.steps, paths: 1000, strong: true)
      let study = ConvergenceStudy(stepSizes: hs, errors: errors)
      #expect(abs(study.slope - order) <= 0.2, "\(name): \(study)")
    }
  }

  /// The weak error `E[u_N] − E[u(1)]` is estimated as the mean of `u_N − u(1)` on the same
  /// path (a control variate: `E[u(1)]` is known): its Monte Carlo standard error is the
  /// spread of the strong error over √paths (2.2e-3 at h = 1/64), checked to be at most a
  /// quarter of the bias it measures (EM's mean is exactly u₀(1 + αh)^N: bias 0.0787, 0.0435, 0.0212, 0.0108
  /// at h = 1/8 … 1/64; at larger h the bias is not yet linear in h: 0.24 and 0.14 at 1/2
  /// and 1/4).
  @Test("weak order of EM: 1, against the exact expectation E[u(1)] = 1.3728005075084582")
  func weakOrder() throws {
    let steps = [8, 16, 32, 64]
    let estimates = try GBM.estimates(EM(), .ito, steps: steps, paths: 4000, strong: false)
    let study = ConvergenceStudy(
      stepSizes: steps.map { 1 / Double($0) }, errors: estimates.map(\.mean))
    #expect(abs(study.slope - 1) <= 0.2, "EM weak: \(study)")
    let exactMean = 1.3728005075084582
    #expect(abs(GBM.u0 * exp(GBM.alpha) - exactMean) <= 1e-15)
    for (n, estimate) in zip(steps, estimates) {
      let h = 1 / Double(n)
      let bias = exactMean - GBM.u0 * pow(1 + GBM.alpha * h, Double(n))
      #expect(estimate.standardError <= bias / 4, "h = 1/\(n): MC error \(estimate.standardError)")
      #expect(
        abs(estimate.mean - bias) <= 3 * estimate.standardError,
        "h = 1/\(n): \(estimate.mean) vs exact bias \(bias) ± \(estimate.standardError)")
    }
  }

  /// EM's second moment is exact too: `E[u_N²] = u₀²((1 + αh)² + β²h)^N`, so the variance's
  /// bias is known; the sample variance over 20 000 paths (standard error ≈ 0.06 at h = 1/16,
  /// from the fourth moment) must match `Var[u_N]` within 4 standard errors, and `Var[u_N]`
  /// must approach the shared reference `Var[u(1)] = 2.132701105337689` like h.
  @Test("EM's variance: matches its exact value and tends to Var[u(1)] at order 1")
  func weakVariance() throws {
    let exactVariance = 2.132701105337689
    let (a, b, u0) = (GBM.alpha, GBM.beta, GBM.u0)
    #expect(abs(u0 * u0 * exp(2 * a) * (exp(b * b) - 1) - exactVariance) <= 1e-14)
    func emVariance(_ n: Int) -> Double {
      let h = 1 / Double(n)
      let second = u0 * u0 * pow((1 + a * h) * (1 + a * h) + b * b * h, Double(n))
      let mean = u0 * pow(1 + a * h, Double(n))
      return second - mean * mean
    }
    // The bias of EM's variance decays like h (exact values, no sampling).
    let biases = [16, 32, 64, 128].map { abs(emVariance($0) - exactVariance) }
    let study = ConvergenceStudy(
      stepSizes: [16, 32, 64, 128].map { 1 / Double($0) }, errors: biases)
    #expect(abs(study.slope - 1) <= 0.2, "variance bias: \(study)")
    // And the solver's samples have that variance.
    let prob = GBM.problem()
    var values: [Double] = []
    for seed in 0..<20_000 {
      let sol = try solve(
        prob, EM(), dt: 1.0 / 16, seed: UInt64(seed) &+ 99, saveEveryStep: false, dense: false)
      values.append(sol.u.last![0])
    }
    let mean = values.reduce(0, +) / Double(values.count)
    let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)
    let fourth = values.map { pow($0 - mean, 4) }.reduce(0, +) / Double(values.count)
    let standardError = ((fourth - variance * variance) / Double(values.count)).squareRoot()
    #expect(
      abs(variance - emVariance(16)) <= 4 * standardError,
      "sample variance \(variance), exact \(emVariance(16)) ± \(standardError)")
  }

  @Test("Stratonovich: EulerHeun (½) and RKMil (1) converge to u₀ exp(αt + βW)")
  func stratonovich() throws {
    let hs = Self.steps.map { 1 / Double($0) }
    for (name, alg, order) in [
      ("EulerHeun", EulerHeun() as any SDEAlgorithm, 0.5),
      ("RKMil", RKMil() as any SDEAlgorithm, 1.0),
    ] {
      let errors = try GBM.errors(alg, .stratonovich, steps: Self.steps, paths: 1000, strong: true)
      let study = ConvergenceStudy(stepSizes: hs, errors: errors)
      // EulerHeun on this scalar problem (commutative noise) converges at order 1.
      let expected = name == "EulerHeun" ? 1.0 : order
      #expect(abs(study.slope - expected) <= 0.2, "\(name): \(study)")
    }
  }
}
