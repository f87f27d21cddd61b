import DifferentialEquations

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One point of a work-precision diagram.
struct WorkPrecisionPoint {
  let problem: String
  let method: String
  let k: Int
  let abstol: Double
  let reltol: Double
  /// Significant correct digits `−log10 maxᵢ |yᵢ − refᵢ|/|refᵢ|` over non-negligible
  /// components (Test Set convention); `nil` for timing-only problems.
  let scd: Double?
  /// Mean absolute error at the end (SciMLBenchmarks' `:final`).
  let finalError: Double?
  let nf: Int
  let naccept: Int
  let nreject: Int
  /// Jacobian evaluations and factorizations (stiff methods).
  let njacs: Int
  let nfactorizations: Int
  let retcode: ReturnCode
  /// Minimum time over repeated runs, seconds.
  let time: Double
}

/// Significant correct digits and mean absolute error of `y` against `ref`.
func accuracy(_ y: [Double], _ ref: [Double]) -> (scd: Double, mean: Double) {
  let scale = ref.map { abs($0) }.max() ?? 0
  var worst = 0.0
  var sum = 0.0
  for (a, r) in zip(y, ref) {
    sum += abs(a - r)
    // Components whose reference is negligible (zero by symmetry) count only in the mean.
    if abs(r) > 1e-8 * scale { worst = max(worst, abs(a - r) / abs(r)) }
  }
  return (-log10(max(worst, 1e-17)), sum / Double(ref.count))
}

/// Runs `methods` over the tolerance ladder abstol = 10^−(k+3), reltol = 10^−k on `problem`.
func workPrecision<M: BenchmarkMethod>(
  _ problem: BenchmarkProblem<M>, methods: [M], ks: [Int], maxRuns: Int, budget: Double
) throws -> [WorkPrecisionPoint] {
  var points: [WorkPrecisionPoint] = []
  for method in methods {
    for k in ks {
      let reltol = pow(10, -Double(k))
      let abstol = pow(10, -Double(k + 3))
      let sol = try problem.solve(method, abstol, reltol)
      let time = try minimumTime(maxRuns: maxRuns, budget: budget) {
        blackHole += try problem.solve(method, abstol, reltol).u.last![0]
      }
      let acc = problem.reference.map { accuracy(sol.u.last!, $0) }
      points.append(
        WorkPrecisionPoint(
          problem: problem.name, method: method.name, k: k, abstol: abstol, reltol: reltol,
          scd: acc?.scd, finalError: acc?.mean, nf: sol.stats.nf, naccept: sol.stats.naccept,
          nreject: sol.stats.nreject, njacs: sol.stats.njacs,
          nfactorizations: sol.stats.nfactorizations, retcode: sol.retcode, time: time))
    }
  }
  return points
}

/// Prints one problem's table (with Jacobian and factorization counts for stiff methods).
func printTable<M>(_ problem: BenchmarkProblem<M>, _ points: [WorkPrecisionPoint]) {
  let stiff = points.contains { $0.njacs > 0 }
  print("\n\(problem.name) — reference: \(problem.referenceSource)")
  print(
    "  " + pad("method", -10) + pad("k", 4) + pad("reltol", 10) + pad("scd", 7)
      + pad("final err", 11) + pad("nf", 9) + pad("accept", 8) + pad("reject", 7)
      + (stiff ? pad("njacs", 7) + pad("nfact", 7) : "") + pad("time ms", 11))
  for p in points {
    let scd = p.scd.map { format("%6.2f", $0) } ?? "     -"
    let fe = p.finalError.map { format("%10.2e", $0) } ?? "         -"
    let flag = p.retcode == .success ? "" : "  (\(p.retcode))"
    let linearAlgebra = stiff ? format(" %6d %6d", p.njacs, p.nfactorizations) : ""
    print(
      "  " + pad(p.method, -10) + pad("\(p.k)", 4) + format(" %9.0e", p.reltol) + " " + scd + " "
        + fe + format(" %8d %7d %6d", p.nf, p.naccept, p.nreject) + linearAlgebra
        + format(" %10.4f", p.time * 1000) + flag)
  }
}

/// The work-precision data as CSV, one row per method, problem and tolerance.
func csv(_ points: [WorkPrecisionPoint]) -> String {
  var s =
    "problem,method,k,abstol,reltol,scd,final_error,nf,naccept,nreject,njacs,nfactorizations,retcode,time_s\n"
  for p in points {
    let scd = p.scd.map { "\($0)" } ?? ""
    let fe = p.finalError.map { "\($0)" } ?? ""
    s += "\(p.problem),\(p.method),\(p.k),\(p.abstol),\(p.reltol),\(scd),\(fe),"
    s +=
      "\(p.nf),\(p.naccept),\(p.nreject),\(p.njacs),\(p.nfactorizations),\(p.retcode),\(p.time)\n"
  }
  return s
}

/// Writes `text` to `path`, or says why it could not.
func write(_ text: String, to path: String) {
  guard let file = fopen(path, "w") else {
    print("cannot write \(path)")
    return
  }
  fputs(text, file)
  fclose(file)
}
