import CBaseline
import DiffEqProblemLibrary
import DifferentialEquations

/// One Swift-against-C timing: both solve the same problem with the same tableau, norm,
/// initial step and controller; the step counts must agree.
///
/// The time of a loop this small depends on where its data sit in memory (cache-line splits
/// and 4K aliasing between stack and heap addresses move a ratio by ±20% between otherwise
/// identical processes). So each comparison is repeated under several memory layouts (stack
/// depth and heap offset shifted), each layout's ratio is the ratio of the minimum times over
/// interleaved runs, and the reported ratio is the median over layouts, with the range.
struct BaselineResult {
  let label: String
  let swiftSteps: (Int, Int, Int)
  let cSteps: (Int, Int, Int)
  /// Per layout: minimum Swift time and minimum C time.
  let layouts: [(swift: Double, c: Double)]
  /// `max |u_swift − u_c|` at the end (0 when both did the same arithmetic).
  let difference: Double
  var ratios: [Double] { layouts.map { $0.swift / $0.c }.sorted() }
  var ratio: Double {
    let r = ratios
    return r.count % 2 == 1 ? r[r.count / 2] : (r[r.count / 2 - 1] + r[r.count / 2]) / 2
  }
  var swiftTime: Double { layouts.map(\.swift).min()! }
  var cTime: Double { layouts.map(\.c).min()! }
  var stepsAgree: Bool { swiftSteps == cSteps }
}

/// Runs `body` with the stack `depth` frames deeper and `depth` small heap blocks (of the
/// size class of a small state vector) and one larger block live, so that the solver's stack
/// and heap data land at other addresses than in the other layouts.
@inline(never)
func withShiftedLayout<R>(depth: Int, _ body: () throws -> R) rethrows -> R {
  if depth == 0 { return try body() }
  var frame = InlineArray<16, Double>(repeating: Double(depth))
  let heap = [UInt8](repeating: 1, count: 1000 * depth + 24)
  let small = (0..<depth).map { [Double](repeating: Double($0), count: 3 + $0 % 5) }
  let result = try withShiftedLayout(depth: depth - 1, body)
  frame[depth % 16] += Double(heap[depth]) + small[depth - 1][0]
  blackHole += frame[0]
  return result
}

/// Times `swift` and `c` interleaved, `rounds` times each, and keeps each one's minimum (so
/// that drifts in machine load hit both alike).
func interleavedMinimum(rounds: Int, _ swift: () throws -> Void, _ c: () -> Void) rethrows
  -> (Double, Double)
{
  try swift()
  c()
  var best = (Double.infinity, Double.infinity)
  for _ in 0..<rounds {
    var t0 = now()
    try swift()
    best.0 = min(best.0, now() - t0)
    t0 = now()
    c()
    best.1 = min(best.1, now() - t0)
  }
  return best
}

/// Runs one comparison: `swiftSolve` returns the solution, `cSolve` fills `u` and the stats.
func compare<S: StateVector>(
  _ label: String, rounds: Int, u0: [Double],
  swiftSolve: () throws -> ODESolution<S>,
  cSolve: (inout [Double], inout cb_stats) -> Void
) throws -> BaselineResult {
  let sol = try swiftSolve()
  var u = u0
  var stats = cb_stats()
  cSolve(&u, &stats)
  let end = sol.u.last!.doubles
  let difference = zip(end, u).map { abs($0 - $1) }.max() ?? 0
  var layouts: [(swift: Double, c: Double)] = []
  for depth in [0, 3, 6, 9, 12, 15, 18, 21] {
    let (ts, tc) = try withShiftedLayout(depth: depth) {
      try interleavedMinimum(
        rounds: max(1, rounds / 8),
        { blackHole += try Double(swiftSolve().u.last![0]) },
        {
          var v = u0
          var s = cb_stats()
          cSolve(&v, &s)
          blackHole += v[0]
        })
    }
    layouts.append((ts, tc))
  }
  return BaselineResult(
    label: label, swiftSteps: (sol.stats.nf, sol.stats.naccept, sol.stats.nreject),
    cSteps: (stats.nf, stats.naccept, stats.nreject), layouts: layouts, difference: difference)
}

/// The C baseline ratio of the issue: Tsit5 and DP5 on Lorenz (abstol = reltol = 1e-8,
/// `saveEveryStep: false`) with `[Double]` and with `StaticVector<3, Double>`, and on PLEI
/// with `[Double]`.
///
/// Pairing: a `[Double]` solve knows the system size only at run time, so it is timed
/// against the C solver with the size passed at run time (`cb_solve_*_n`); a `StaticVector`
/// solve knows it at compile time, and is timed against the C solver with the size a
/// constant. Both C variants are printed for `[Double]` so nothing is hidden.
func baselineComparison(rounds: Int) throws -> [BaselineResult] {
  let tol = 1e-8
  // The run-time size, opaque to the C compiler.
  let n3 = Int32(CommandLine.arguments.count >= 0 ? 3 : 0)
  let n28 = Int32(CommandLine.arguments.count >= 0 ? 28 : 0)
  let lorenz = Lorenz.problem()
  // The fixed-size model is the client's own (UserModels.swift): defined in the library
  // module, the same model measured about 8% slower here.
  let clientLorenzStatic = ODEProblem(
    ClientLorenzStatic(), u0: StaticVector<3, Double>([1, 0, 0]), tspan: (0, 100),
    p: NullParameters())
  let pleiU0 = Pleiades.initialValue
  let plei = Pleiades.problem()
  var results: [BaselineResult] = []
  func run<A: ExplicitRKAlgorithm>(_ alg: A, _ method: cb_method) throws {
    let d = alg.controllerDefaults
    let name = alg.name
    func solveOptions<F: ODEFunction>(_ p: ODEProblem<F>) throws -> ODESolution<F.State> {
      try solve(
        p, alg, abstol: tol, reltol: tol, maxIters: 10_000_000, saveEveryStep: false, dense: false)
    }
    results.append(
      try compare(
        "\(name) Lorenz [Double] vs C (run-time n)", rounds: rounds, u0: [1, 0, 0],
        swiftSolve: { try solveOptions(lorenz) },
        cSolve: { u, s in
          cb_solve_lorenz_n(n3, method, &u, 0, 100, tol, tol, d.beta1, d.beta2, 10_000_000, &s)
        }))
    results.append(
      try compare(
        "\(name) Lorenz [Double] vs C (constant n)", rounds: rounds, u0: [1, 0, 0],
        swiftSolve: { try solveOptions(lorenz) },
        cSolve: { u, s in
          cb_solve_lorenz(method, &u, 0, 100, tol, tol, d.beta1, d.beta2, 10_000_000, &s)
        }))
    results.append(
      try compare(
        "\(name) Lorenz StaticVector vs C (constant n)", rounds: rounds, u0: [1, 0, 0],
        swiftSolve: { try solveOptions(clientLorenzStatic) },
        cSolve: { u, s in
          cb_solve_lorenz(method, &u, 0, 100, tol, tol, d.beta1, d.beta2, 10_000_000, &s)
        }))
    results.append(
      try compare(
        "\(name) PLEI [Double] vs C (run-time n)", rounds: rounds * 4, u0: pleiU0,
        swiftSolve: { try solveOptions(plei) },
        cSolve: { u, s in
          cb_solve_plei_n(n28, method, &u, 0, 3, tol, tol, d.beta1, d.beta2, 10_000_000, &s)
        }))
    results.append(
      try compare(
        "\(name) PLEI [Double] vs C (constant n)", rounds: rounds * 4, u0: pleiU0,
        swiftSolve: { try solveOptions(plei) },
        cSolve: { u, s in
          cb_solve_plei(method, &u, 0, 3, tol, tol, d.beta1, d.beta2, 10_000_000, &s)
        }))
  }
  try run(Tsit5(), CB_TSIT5)
  try run(DP5(), CB_DP5)
  return results
}

/// Prints the comparison table.
func printBaseline(_ results: [BaselineResult]) {
  print("\nC baseline (abstol = reltol = 1e-8, saveEveryStep: false, dense: false)")
  print("  min ratio: best Swift time / best C time over all runs and layouts (BENCHMARKING.md);")
  print("  median: over 8 memory layouts of the per-layout min ratio, with its range")
  print(
    "  " + pad("case", -46) + pad("nf", 9) + pad("naccept", 9) + pad("steps", 7)
      + pad("Swift ms", 11) + pad("C ms", 11) + pad("min ratio", 10) + pad("median", 8)
      + "  range")
  for r in results {
    let steps = r.stepsAgree ? "equal" : "DIFFER"
    print(
      "  " + pad(r.label, -46) + pad("\(r.swiftSteps.0)", 9) + pad("\(r.swiftSteps.1)", 9)
        + pad(steps, 7)
        + format(
          " %10.4f %10.4f %9.3f %7.3f", r.swiftTime * 1000, r.cTime * 1000,
          r.swiftTime / r.cTime, r.ratio)
        + format("  %.3f–%.3f", r.ratios.first!, r.ratios.last!))
    if !r.stepsAgree {
      print("    Swift nf/accept/reject = \(r.swiftSteps), C = \(r.cSteps)")
    }
  }
}

/// Runs one baseline case 20 times and nothing else (for `perf` or `valgrind --tool=callgrind`).
func profile(_ name: String) throws {
  let lorenz = Lorenz.problem()
  let lorenzStatic = ODEProblem(
    ClientLorenzStatic(), u0: StaticVector<3, Double>([1, 0, 0]), tspan: (0, 100),
    p: NullParameters())
  for _ in 0..<20 {
    switch name {
    case "tsit5-lorenz-array":
      let sol = try solve(
        lorenz, Tsit5(), abstol: 1e-8, reltol: 1e-8, maxIters: 10_000_000, saveEveryStep: false,
        dense: false)
      blackHole += sol.u.last![0]
    case "tsit5-lorenz-static":
      let sol = try solve(
        lorenzStatic, Tsit5(), abstol: 1e-8, reltol: 1e-8, maxIters: 10_000_000,
        saveEveryStep: false, dense: false)
      blackHole += sol.u.last![0]
    case "tsit5-lorenz-discrete", "tsit5-lorenz-continuous":
      let callback =
        name.hasSuffix("discrete")
        ? CallbackSet(
          DiscreteCallback<[Double], NullParameters>(
            condition: { u, _, _ in u[2] < -1000 }, affect: { _ in }))
        : CallbackSet(
          ContinuousCallback<[Double], NullParameters>(
            condition: { u, _, _ in u[2] + 1000 }, affect: { _ in }))
      let sol = try solve(
        lorenz, Tsit5(), abstol: 1e-8, reltol: 1e-8, maxIters: 10_000_000, saveEveryStep: false,
        dense: false, callback: callback)
      blackHole += sol.u.last![0]
    case let dae where dae.hasPrefix("dfbdf-akzo") || dae.hasPrefix("dfbdf-rober"):
      // 200 solves per round: one DAE solve is under a millisecond. `dfbdf-rober@1e-4` sets
      // reltol (default 1e-8); abstol is reltol·1e-3 (ROBER: y₁, y₂ another 1e-3 lower), as
      // on the DAE suite's ladder.
      let parts = dae.split(separator: "@")
      let reltol = parts.count > 1 ? Double(parts[1]) ?? 1e-8 : 1e-8
      let akzo = parts[0].hasSuffix("akzo")
      let prob = akzo ? ChemicalAkzoNobelDAE.problem() : RobertsonDAE.problem(tEnd: 1e5)
      let a = reltol * 1e-3
      let abstol = akzo ? [Double](repeating: a, count: 6) : [a * 1e-3, a * 1e-3, a]
      for _ in 0..<200 {
        let sol = try solve(
          prob, DFBDF(), abstol: abstol, reltol: reltol, maxIters: 10_000_000,
          saveEveryStep: false, dense: false)
        blackHole += sol.u.last![0]
      }
    case "tsit5-lorenz-c":
      var u = [1.0, 0.0, 0.0]
      var s = cb_stats()
      cb_solve_lorenz(CB_TSIT5, &u, 0, 100, 1e-8, 1e-8, 0.14, 0.08, 10_000_000, &s)
      blackHole += u[0]
    default:
      print("unknown profile case \(name); see --help")
      return
    }
  }
}
