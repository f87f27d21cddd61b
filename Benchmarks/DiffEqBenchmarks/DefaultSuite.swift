import DiffEqProblemLibrary
import DifferentialEquations

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// `--default`: the automatic choice (`solve(prob)`) against every single method it could have
// picked, at matched error, on non-stiff, stiff and switching problems.

/// The methods the default chooses among, and the default itself.
enum SuiteMethod: String, CaseIterable, BenchmarkMethod {
  case tsit5 = "Tsit5"
  case vern7 = "Vern7"
  case vern9 = "Vern9"
  case rosenbrock23 = "Rosenbrock23"
  case rodas5P = "Rodas5P"
  case fbdf = "FBDF"
  case fbdfGMRES = "FBDF(GMRES)"
  case automatic = "default"

  var name: String { rawValue }
  var isExplicit: Bool { self == .tsit5 || self == .vern7 || self == .vern9 }
}

/// One problem of the suite: the solve per method and tolerance, the reference, and the
/// largest step count a single method may take (explicit methods on stiff problems stop there).
struct DefaultSuiteProblem {
  let name: String
  let kind: String
  let referenceSource: String
  let reference: [Double]
  let solve: (SuiteMethod, Double, Double, Int) throws -> ODESolution<[Double]>
  /// Methods not run, and why.
  var skipped: [SuiteMethod: String] = [
    .fbdfGMRES: "matrix-free GMRES is for large systems (run on Bruss2D only)"
  ]
  /// Step attempts an explicit method may take (it fails there on a stiff problem).
  var explicitMaxIters = 300_000
}

/// The solve closure for `problem` (`abstols` turns the scalar abstol into the problem's).
func suiteSolver<F: ODEFunction>(
  _ problem: ODEProblem<F>, abstols: ((Double) -> [Double])? = nil, tstops: [Double] = []
) -> (SuiteMethod, Double, Double, Int) throws -> ODESolution<[Double]>
where F.State == [Double] {
  { method, abstol, reltol, maxIters in
    let atol = abstols?(abstol) ?? [Double](repeating: abstol, count: problem.u0.count)
    func run(_ alg: some ODEAlgorithm) throws -> ODESolution<[Double]> {
      try solve(
        problem, alg, abstol: atol, reltol: reltol, maxIters: maxIters, saveEveryStep: false,
        tstops: tstops, dense: false)
    }
    switch method {
    case .tsit5: return try run(Tsit5())
    case .vern7: return try run(Vern7())
    case .vern9: return try run(Vern9())
    case .rosenbrock23: return try run(Rosenbrock23())
    case .rodas5P: return try run(Rodas5P())
    case .fbdf: return try run(FBDF())
    case .fbdfGMRES: return try run(FBDF(linearSolver: .gmres))
    case .automatic: return try run(DefaultODEAlgorithm())
    }
  }
}

/// The suite: six non-stiff problems, seven stiff ones, and van der Pol (μ = 1000) over four
/// periods, which switches.
func defaultSuite(quick: Bool) throws -> [DefaultSuiteProblem] {
  let testSet = "Test Set for IVP Solvers (problems.json)"
  let lorenz = Lorenz.problem(tspan: (0, 10))
  let lorenzRef = try solve(
    lorenz, Vern9(), abstol: 1e-14, reltol: 1e-14, saveEveryStep: false, dense: false)
  let lv = LotkaVolterra.problem()
  let lvRef = try solve(
    lv, Vern9(), abstol: 1e-14, reltol: 1e-14, saveEveryStep: false, dense: false)
  let vdp = VanDerPolOscillator.problem(mu: 1000, tEnd: 6300)
  // No closed form: Rodas5P at 1e-12, checked against Vern9 at 1e-12.
  let vdpRef = try solve(
    vdp, Rodas5P(), abstol: 1e-12, reltol: 1e-12, maxIters: 10_000_000, saveEveryStep: false,
    dense: false)
  let vdpCheck = try solve(
    vdp, Vern9(), abstol: 1e-12, reltol: 1e-12, maxIters: 10_000_000, saveEveryStep: false,
    dense: false)
  let vdpAgreement = accuracy(vdpCheck.u.last!, vdpRef.u.last!).scd
  var problems: [DefaultSuiteProblem] = []
  if !quick {
    // Also no closed form: FBDF (sparse LU) at 1e-10, checked against Tsit5 at 1e-10.
    let bruss = Brusselator2D.problem(n: 32)
    let brussRef = try solve(
      bruss, FBDF(), abstol: 1e-12, reltol: 1e-10, maxIters: 10_000_000, saveEveryStep: false,
      tstops: [1.1], dense: false)
    let brussCheck = try solve(
      bruss, Tsit5(), abstol: 1e-12, reltol: 1e-10, maxIters: 10_000_000, saveEveryStep: false,
      tstops: [1.1], dense: false)
    let brussAgreement = accuracy(brussCheck.u.last!, brussRef.u.last!).scd
    let dense = "dense LU on 2048 equations (Rosenbrock methods have no sparse LU yet)"
    problems.append(
      DefaultSuiteProblem(
        name: "Bruss2D", kind: "stiff, n = 2048, sparse Jacobian",
        referenceSource: format(
          "FBDF at reltol 1e-10 (\(brussRef.retcode)); Tsit5 at 1e-10 agrees to %.1f digits",
          brussAgreement),
        reference: brussRef.u.last!, solve: suiteSolver(bruss, tstops: [1.1]),
        skipped: [
          .rosenbrock23: dense, .rodas5P: dense,
          .vern7: "same stability limit as Tsit5, more stages",
          .vern9: "same stability limit as Tsit5, more stages",
        ], explicitMaxIters: 2_000_000))
  }
  let heat = HeatEquation1D.problem(n: 200, tEnd: 0.1)
  let all =
    [
      DefaultSuiteProblem(
        name: "Lorenz", kind: "non-stiff", referenceSource: "Vern9 at 1e-14, t = 10",
        reference: lorenzRef.u.last!, solve: suiteSolver(lorenz)),
      DefaultSuiteProblem(
        name: "LotkaVolterra", kind: "non-stiff", referenceSource: "Vern9 at 1e-14",
        reference: lvRef.u.last!, solve: suiteSolver(lv)),
      DefaultSuiteProblem(
        name: "PLEI", kind: "non-stiff", referenceSource: testSet, reference: Pleiades.reference,
        solve: suiteSolver(Pleiades.problem())),
      DefaultSuiteProblem(
        name: "Arenstorf", kind: "non-stiff", referenceSource: "periodic: y(T) = y(0)",
        reference: Arenstorf.initialValue, solve: suiteSolver(Arenstorf.problem())),
      DefaultSuiteProblem(
        name: "RigidBody", kind: "non-stiff", referenceSource: "closed form (problems.json)",
        reference: RigidBody.referenceAt20, solve: suiteSolver(RigidBody.problem())),
      DefaultSuiteProblem(
        name: "HIRES", kind: "stiff", referenceSource: testSet, reference: Hires.reference,
        solve: suiteSolver(Hires.problem())),
      DefaultSuiteProblem(
        name: "ROBER", kind: "stiff", referenceSource: testSet + "; abstol 10^-(k+6) on y1, y2",
        reference: Rober.reference,
        solve: suiteSolver(Rober.problem(), abstols: { [$0 * 1e-3, $0 * 1e-3, $0] })),
      DefaultSuiteProblem(
        name: "OREGO", kind: "stiff", referenceSource: testSet, reference: Orego.reference,
        solve: suiteSolver(Orego.problem())),
      DefaultSuiteProblem(
        name: "VDPOL", kind: "stiff", referenceSource: testSet, reference: VanDerPol.reference,
        solve: suiteSolver(VanDerPol.problem())),
      DefaultSuiteProblem(
        name: "POLLU", kind: "stiff", referenceSource: testSet, reference: Pollu.reference,
        solve: suiteSolver(Pollu.problem())),
      DefaultSuiteProblem(
        name: "Heat200", kind: "stiff linear, n = 200",
        referenceSource: "exact: e^{λ₁t} sin(πx)", reference: HeatEquation1D(n: 200).exact(at: 0.1),
        solve: suiteSolver(heat)),
      DefaultSuiteProblem(
        name: "VdP1000", kind: "switching, μ = 1000 on (0, 6300): four periods",
        referenceSource: format(
          "Rodas5P at 1e-12 (\(vdpRef.retcode)); Vern9 at 1e-12 agrees to %.1f digits",
          vdpAgreement),
        reference: vdpRef.u.last!, solve: suiteSolver(vdp), explicitMaxIters: 100_000_000),
    ] + problems
  let quickNames = ["Lorenz", "HIRES", "VdP1000"]
  return all.filter { !quick || quickNames.contains($0.name) }
}

/// Log-linear interpolation of a method's time at `digits` correct digits on its
/// work-precision points; `nil` when the method never reached that accuracy. A method already
/// more accurate than that at its loosest tolerance gets its loosest time.
func timeAtMatchedDigits(_ points: [(scd: Double, time: Double)], _ digits: Double) -> Double? {
  let sorted = points.sorted { $0.scd < $1.scd }
  guard let last = sorted.last, last.scd >= digits else { return nil }
  guard let first = sorted.first, first.scd < digits else {
    return sorted.map(\.time).min()
  }
  for (a, b) in zip(sorted, sorted.dropFirst()) where a.scd < digits && b.scd >= digits {
    let w = (digits - a.scd) / (b.scd - a.scd)
    return exp(log(a.time) + w * (log(b.time) - log(a.time)))
  }
  return last.time
}

/// Runs the suite: every method over the ladder, the default at reltol 1e-6, the ratio to the
/// best single method at the default's error, and the default at default tolerances.
func defaultSuiteBenchmark(quick: Bool, include: (String) -> Bool) throws {
  print("\ndefault-choice suite: solve(prob) against each single method at matched error")
  print("  ladder abstol = 10^-(k+3), reltol = 10^-k; the default at k = 6; times: minimum of runs")
  let ks = quick ? [4, 6, 8] : Array(3...10)
  let singles = SuiteMethod.allCases.filter { $0 != .automatic }
  var summary: [String] = []
  for problem in try defaultSuite(quick: quick) where include(problem.name) {
    print("\n\(problem.name) (\(problem.kind)) — reference: \(problem.referenceSource)")
    let curves = try suiteCurves(problem, methods: singles, ks: ks, quick: quick)
    // The default at reltol 1e-6 (k = 6).
    let sol = try problem.solve(.automatic, 1e-9, 1e-6, 100_000_000)
    let time = try minimumTime(maxRuns: quick ? 3 : 10, budget: quick ? 0.05 : 0.3) {
      blackHole += try problem.solve(.automatic, 1e-9, 1e-6, 100_000_000).u.last![0]
    }
    let digits = accuracy(sol.u.last!, problem.reference).scd
    var best: (SuiteMethod, Double)?
    for (method, curve) in curves {
      if let t = timeAtMatchedDigits(curve, digits), t < (best?.1 ?? .infinity) {
        best = (method, t)
      }
    }
    let choice = sol.algorithmChoice
    print(
      "  default at k = 6: \(sol.algorithm), \(sol.retcode), "
        + format("%.2f digits, %.3g ms", digits, time * 1000))
    if let choice { print("    \(choice)") }
    let ratio = best.map { time / $0.1 }
    let bestText =
      best.map { "best single \($0.0.name) " + format("%.3g ms", $0.1 * 1000) }
      ?? "no single method reached it"
    print(
      "    at matched error (\(format("%.2f", digits)) digits): \(bestText); default / best = \(ratio.map { format("%.2f", $0) } ?? "-")"
    )
    // At the default tolerances (abstol 1e-6, reltol 1e-3).
    let loose = try problem.solve(.automatic, 1e-6, 1e-3, 100_000_000)
    print(
      "  default at default tolerances: \(loose.retcode), "
        + format("%.2f digits", accuracy(loose.u.last!, problem.reference).scd))
    summary.append(
      pad(problem.name, -14) + pad(sol.algorithm, -24)
        + format("%6.2f %10.3g", digits, time * 1000) + "  "
        + pad(best.map { $0.0.name } ?? "-", -13)
        + (best.map { format("%10.3g %6.2f", $0.1 * 1000, time / $0.1) } ?? "         -      -")
        + "  " + pad("\(loose.retcode)", -8) + "  \(choice?.switches.count ?? 0)")
  }
  print(
    "\nsummary (reltol 1e-6): problem, default's method, digits, ms, best single, its ms at matched error, default/best, retcode at default tolerances, switches"
  )
  for line in summary { print("  " + line) }
}

/// The work-precision points of `methods` on `problem` over the ladder `ks`: one line per
/// method, stopping at the first failure.
func suiteCurves(
  _ problem: DefaultSuiteProblem, methods: [SuiteMethod], ks: [Int], quick: Bool
) throws -> [SuiteMethod: [(scd: Double, time: Double)]] {
  var curves: [SuiteMethod: [(scd: Double, time: Double)]] = [:]
  for method in methods {
    var line = "  " + pad(method.name, -13)
    if let why = problem.skipped[method] {
      print(line + "  not run: " + why)
      continue
    }
    for k in ks {
      let reltol = pow(10, -Double(k))
      let abstol = pow(10, -Double(k + 3))
      let maxIters = method.isExplicit ? problem.explicitMaxIters : 100_000_000
      let first = now()
      let sol = try problem.solve(method, abstol, reltol, maxIters)
      let once = now() - first
      guard sol.retcode == .success else {
        line += "  k=\(k): \(sol.retcode)"
        break
      }
      let time =
        once > 1
        ? once
        : try minimumTime(maxRuns: quick ? 3 : 10, budget: quick ? 0.05 : 0.2) {
          blackHole += try problem.solve(method, abstol, reltol, maxIters).u.last![0]
        }
      let scd = accuracy(sol.u.last!, problem.reference).scd
      curves[method, default: []].append((scd, time))
      line += format("  k=%d %5.2f/%.3gms", k, scd, time * 1000)
    }
    print(line)
  }
  return curves
}

/// Where FBDF overtakes Rodas5P as the stiff method: the heat equation (linear) and the 2-D
/// Brusselator without its sparsity (nonlinear, dense Jacobian by differences) at several
/// sizes; each method's time at the other's error at reltol 1e-6.
func stiffSizeSweep() throws {
  print("\nstiff size sweep: Rodas5P and FBDF with dense LU, at matched error")
  var problems: [DefaultSuiteProblem] = []
  for n in [25, 50, 100, 200, 400] {
    let heat = HeatEquation1D.problem(n: n, tEnd: 0.1)
    problems.append(
      DefaultSuiteProblem(
        name: "Heat\(n)", kind: "linear", referenceSource: "exact",
        reference: HeatEquation1D(n: n).exact(at: 0.1), solve: suiteSolver(heat)))
  }
  for grid in [4, 6, 8, 12, 16] {
    var bruss = Brusselator2D.problem(n: grid, tEnd: 11.5)
    bruss.jacPrototype = nil
    let ref = try solve(
      bruss, Rodas5P(), abstol: 1e-12, reltol: 1e-11, saveEveryStep: false, tstops: [1.1],
      dense: false)
    problems.append(
      DefaultSuiteProblem(
        name: "Bruss2D-dense-\(2 * grid * grid)", kind: "nonlinear",
        referenceSource: "Rodas5P at 1e-11", reference: ref.u.last!,
        solve: suiteSolver(bruss, tstops: [1.1])))
  }
  for problem in problems {
    print("\n\(problem.name) (\(problem.kind)) — reference: \(problem.referenceSource)")
    let curves = try suiteCurves(
      problem, methods: [.rodas5P, .fbdf], ks: Array(4...9), quick: false)
    guard let rodas = curves[.rodas5P], let fbdf = curves[.fbdf], rodas.count > 2, fbdf.count > 2
    else { continue }
    // k = 6 is the third point of each ladder.
    let rodasAtFBDF = timeAtMatchedDigits(rodas, fbdf[2].scd).map { $0 / fbdf[2].time }
    let fbdfAtRodas = timeAtMatchedDigits(fbdf, rodas[2].scd).map { rodas[2].time / $0 }
    print(
      "  Rodas5P / FBDF time at FBDF's k = 6 error: "
        + (rodasAtFBDF.map { format("%.2f", $0) } ?? "-")
        + "; at Rodas5P's k = 6 error: " + (fbdfAtRodas.map { format("%.2f", $0) } ?? "-"))
  }
}
