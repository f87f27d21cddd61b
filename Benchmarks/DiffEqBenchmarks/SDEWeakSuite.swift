import DifferentialEquations

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// Weak error against time for GBM's mean (`--sde`): E[u(1)] = u₀e^α = 1.3728005075084582
// (problems.json "gbm").

/// Weak error of EM and SOSRI on GBM's mean, with its Monte Carlo standard error.
///
/// The bias `E[u_N] − E[u(1)]` is estimated as the mean of `u_N − u(1)` over the paths, `u(1)`
/// the exact solution on the same path (a control variate: `E[u(1)]` is known exactly), so its
/// Monte Carlo error is the spread of the strong error over √paths, far below the spread of
/// `u_N` itself; a row is reported as measured only where the bias exceeds 3 standard errors.
func sdeWeakBenchmark(paths: Int, quick: Bool) throws {
  let prob = SDEProblem(
    u0: [0.5], tspan: (0.0, 1.0), p: [1.01, 0.87],
    f: { du, u, p, t in du[0] = p[0] * u[0] },
    g: { du, u, p, t in du[0] = p[1] * u[0] })
  let exactMean = 1.3728005075084582
  func exact(_ w: Double) -> Double { 0.5 * exp((1.01 - 0.87 * 0.87 / 2) + 0.87 * w) }
  print("\nSDE suite: GBM, weak error |E[u(1)] − \(exactMean)| against time")
  print("  (\(paths) paths per point, control variate: mean of u_N − u(1) on the same path)")
  print(
    "  " + pad("method", -8) + pad("setting", -16) + pad("weak error", 12) + pad("± MC", 10)
      + pad("E[u_N]", 10) + pad("time ms", 10))
  func row(_ name: String, _ setting: String, _ solveOne: (UInt64) throws -> SDESolution<[Double]>)
    throws
  {
    var sum = 0.0
    var sumSquares = 0.0
    var meanU = 0.0
    for seed in 0..<paths {
      let sol = try solveOne(UInt64(seed) &* 2_654_435_761 &+ 5)
      let u = sol.u.last![0]
      let difference = u - exact(sol.W.values[sol.W.values.count - 1])
      sum += difference
      sumSquares += difference * difference
      meanU += u / Double(paths)
    }
    let bias = sum / Double(paths)
    let standardError =
      (max(sumSquares / Double(paths) - bias * bias, 0) / Double(paths)).squareRoot()
    let time = try minimumTime(maxRuns: quick ? 1 : 2, budget: quick ? 0.05 : 0.5) {
      for seed in 0..<paths {
        blackHole += try solveOne(UInt64(seed) &* 2_654_435_761 &+ 5).u.last![0]
      }
    }
    let resolved = abs(bias) > 3 * standardError ? "" : "  (below MC error)"
    print(
      "  " + pad(name, -8) + pad(setting, -16)
        + format("%11.3e %9.1e %9.4f %9.2f", abs(bias), standardError, meanU, time * 1e3)
        + resolved)
  }
  for n in quick ? [4, 16] : [4, 8, 16, 32, 64] {
    try row("EM", "dt = 1/\(n)") {
      try solve(prob, EM(), dt: 1 / Double(n), seed: $0, saveEveryStep: false, dense: false)
    }
  }
  for tol in quick ? [1e-1] : [1e-1, 1e-2] {
    try row("SOSRI", "tol = \(tol)") {
      try solve(
        prob, SOSRI(), abstol: tol, reltol: tol, seed: $0, saveEveryStep: false, dense: false)
    }
  }
}
