import DifferentialEquations

// Strong error against time on a 2-D problem with non-commuting noise (`--sde`).

/// `du₁ = dW₁`, `du₂ = u₁ dW₂` (Kloeden & Platen's example of non-commutative noise:
/// `L¹G₍·₂₎ = (0, 1) ≠ L²G₍·₁₎ = 0`), `u(0) = 0`, so `u₂(1) = ∫₀¹ W₁ dW₂`, an iterated integral
/// no function of `W(1)` gives; without Lévy areas every method is strong order ½ here (Itô and
/// Stratonovich agree: `Σⱼ LʲG₍·ⱼ₎ = 0`).
///
/// Each path is drawn on a 2¹⁶-step grid; the reference `Σ W₁(tₖ)ΔW₂ₖ` on that grid is off by
/// `√(h/2)` ≈ 2.8e-3 (RMS), under 1/8 of the smallest error measured (errors add in
/// quadrature: < 1%). Fixed-step methods read the grid at their own step times
/// (`NoiseGrid`); LambaEM reads the whole grid.
func sdeNonCommutingBenchmark(paths: Int, quick: Bool) throws {
  let fineSteps = 1 << 16
  let prob = SDEProblem(
    u0: [0.0, 0.0], tspan: (0.0, 1.0), p: (), noiseDimension: 2,
    f: { du, _, _, _ in
      du[0] = 0
      du[1] = 0
    },
    noiseRate: { g, u, _, _ in
      g[0, 0] = 1
      g[0, 1] = 0
      g[1, 0] = 0
      g[1, 1] = u[0]
    })
  struct Setting {
    let method: String
    let setting: String
    let steps: Int?
    let solveOne: (SDEProblem<[Double], Void>) throws -> SDESolution<[Double]>
  }
  var settings: [Setting] = []
  for n in quick ? [16, 256] : [16, 64, 256, 1024] {
    let dt = 1 / Double(n)
    settings.append(
      Setting(method: "EM", setting: "dt = 1/\(n)", steps: n) {
        try solve($0, EM(), dt: dt, saveEveryStep: false, dense: false)
      })
    settings.append(
      Setting(method: "EulerHeun", setting: "dt = 1/\(n)", steps: n) {
        var stratonovich = $0
        stratonovich.interpretation = .stratonovich
        return try solve(stratonovich, EulerHeun(), dt: dt, saveEveryStep: false, dense: false)
      })
  }
  for tol in quick ? [1e-1] : [1e-1, 1e-2, 1e-3] {
    settings.append(
      Setting(method: "LambaEM", setting: "tol = \(tol)", steps: nil) {
        try solve($0, LambaEM(), abstol: tol, reltol: tol, saveEveryStep: false, dense: false)
      })
  }
  var errors = [Double](repeating: 0, count: settings.count)
  var times = [Double](repeating: 0, count: settings.count)
  var stepCounts = [Double](repeating: 0, count: settings.count)
  var generator = WienerProcess(dimension: 1, t0: 0, seed: 2024)
  let h = 1 / Double(fineSteps)
  for _ in 0..<paths {
    var w1 = [0.0]
    var w2 = [0.0]
    var reference = 0.0
    for _ in 0..<fineSteps {
      let d1 = h.squareRoot() * generator.normal()
      let d2 = h.squareRoot() * generator.normal()
      reference += w1[w1.count - 1] * d2
      w1.append(w1[w1.count - 1] + d1)
      w2.append(w2[w2.count - 1] + d2)
    }
    for (index, setting) in settings.enumerated() {
      let stride = fineSteps / (setting.steps ?? fineSteps)
      let ks = Swift.stride(from: 0, through: fineSteps, by: stride)
      var prob = prob
      prob.noiseProcess = .grid(
        NoiseGrid(t: ks.map { Double($0) * h }, W: ks.map { [w1[$0], w2[$0]] }))
      let sol = try setting.solveOne(prob)
      errors[index] += abs(sol.u.last![1] - reference) / Double(paths)
      stepCounts[index] += Double(sol.stats.naccept) / Double(paths)
      times[index] +=
        try minimumTime(maxRuns: 1, budget: 0) { blackHole += try setting.solveOne(prob).u[0][0] }
        / Double(paths)
    }
  }
  print("\nSDE suite: du₁ = dW₁, du₂ = u₁ dW₂ (non-commuting noise), strong error in u₂(1)")
  print("  (\(paths) paths; reference Σ W₁ΔW₂ on a 2^16-step grid of each path; time per path;")
  print("  LambaEM's includes reading and checking the whole grid)")
  print(
    "  " + pad("method", -10) + pad("setting", -16) + pad("strong error", 14) + pad("steps", 10)
      + pad("time µs", 12))
  for index in settings.indices {
    print(
      "  " + pad(settings[index].method, -10) + pad(settings[index].setting, -16)
        + format("%13.3e %9.1f %11.2f", errors[index], stepCounts[index], times[index] * 1e6))
  }
}
