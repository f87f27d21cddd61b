import DifferentialEquations

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// The SDE suite (`--sde`): strong error against the exact solution on the same Brownian path,
// against time, for geometric Brownian motion (problems.json "gbm").

/// One point: a method at one step size or tolerance.
struct StrongErrorPoint {
  let method: String
  let setting: String
  /// Mean over the paths of |u(1) − exact(W(1))|.
  let error: Double
  /// Mean steps per path.
  let steps: Double
  /// Mean time per path, seconds (minimum over repetitions of the whole batch).
  let time: Double
}

/// GBM `du = 1.01u dt + 0.87u dW`, `u₀ = 0.5`: exact `u₀ exp(0.63155t + 0.87W(t))`.
func sdeBenchmark(paths: Int, quick: Bool) throws {
  let prob = SDEProblem(
    u0: [0.5], tspan: (0.0, 1.0), p: [1.01, 0.87],
    f: { du, u, p, t in du[0] = p[0] * u[0] },
    g: { du, u, p, t in du[0] = p[1] * u[0] })
  func exact(_ w: Double) -> Double { 0.5 * exp((1.01 - 0.87 * 0.87 / 2) + 0.87 * w) }
  func run(_ name: String, _ setting: String, _ solveOne: (UInt64) throws -> SDESolution<[Double]>)
    throws -> StrongErrorPoint
  {
    var total = 0.0
    var steps = 0
    for seed in 0..<paths {
      let sol = try solveOne(UInt64(seed) + 1)
      total += abs(sol.u.last![0] - exact(sol.W.values[sol.W.values.count - 1]))
      steps += sol.stats.naccept
    }
    let time = try minimumTime(maxRuns: quick ? 2 : 3, budget: quick ? 0.05 : 0.5) {
      for seed in 0..<paths { blackHole += try solveOne(UInt64(seed) + 1).u.last![0] }
    }
    return StrongErrorPoint(
      method: name, setting: setting, error: total / Double(paths),
      steps: Double(steps) / Double(paths), time: time / Double(paths))
  }
  var points: [StrongErrorPoint] = []
  let fixedSteps = quick ? [64, 1024] : [64, 256, 1024, 4096, 16384]
  // EM's ladder goes one rung further, to reach the errors SOSRI gets at loose tolerances.
  for n in fixedSteps + (quick ? [] : [65536]) {
    points.append(
      try run("EM", "dt = 1/\(n)") {
        try solve(prob, EM(), dt: 1 / Double(n), seed: $0, saveEveryStep: false, dense: false)
      })
    if n > fixedSteps.last! { continue }
    points.append(
      try run("RKMil", "dt = 1/\(n)") {
        try solve(prob, RKMil(), dt: 1 / Double(n), seed: $0, saveEveryStep: false, dense: false)
      })
  }
  let tolerances = quick ? [1e-2, 1e-3] : [1e-1, 1e-2, 1e-3, 1e-4]
  for tol in tolerances {
    points.append(
      try run("SOSRI", "tol = \(tol)") {
        try solve(
          prob, SOSRI(), abstol: tol, reltol: tol, seed: $0, saveEveryStep: false, dense: false)
      })
    var treeProblem = prob
    treeProblem.noiseProcess = .virtualBrownianTree
    points.append(
      try run("SOSRI-VBT", "tol = \(tol)") {
        try solve(
          treeProblem, SOSRI(), abstol: tol, reltol: tol, seed: $0, saveEveryStep: false,
          dense: false)
      })
    points.append(
      try run("SRIW1", "tol = \(tol)") {
        try solve(
          prob, SRIW1(), abstol: tol, reltol: tol, seed: $0, saveEveryStep: false, dense: false)
      })
  }
  print("\nSDE suite: GBM, strong error at t = 1 against the exact solution on the same path")
  print("  (\(paths) paths per point; time per path; SOSRI-VBT: on a virtual Brownian tree)")
  print(
    "  " + pad("method", -10) + pad("setting", -16) + pad("strong error", 14) + pad("steps", 10)
      + pad("time µs", 12))
  for p in points {
    print(
      "  " + pad(p.method, -10) + pad(p.setting, -16)
        + format(
          "%13.3e %9.1f %11.2f", p.error,
          p.steps, p.time * 1e6))
  }
  // SOSRI against EM at matched error: interpolate EM's time (log–log) at each SOSRI error.
  let em = points.filter { $0.method == "EM" }.sorted { $0.error > $1.error }
  for p in points where p.method == "SOSRI" {
    guard
      let i = em.indices.dropLast().first(where: {
        em[$0].error >= p.error && em[$0 + 1].error <= p.error
      })
    else {
      print(format("  SOSRI at error %.2e: outside EM's measured range", p.error))
      continue
    }
    let (a, b) = (em[i], em[i + 1])
    let x = (log(p.error) - log(a.error)) / (log(b.error) - log(a.error))
    let emTime = exp(log(a.time) + x * (log(b.time) - log(a.time)))
    print(
      format(
        "  SOSRI at error %.2e: %.1f µs, EM %.1f µs: EM / SOSRI = %.1f", p.error,
        p.time * 1e6, emTime * 1e6, emTime / p.time))
  }
}
