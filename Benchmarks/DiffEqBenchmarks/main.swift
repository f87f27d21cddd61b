// diffeq-bench: the non-stiff work-precision suite and the C baseline ratio.
//
//   swift run -c release diffeq-bench                 full suite (a few minutes)
//   swift run -c release diffeq-bench --quick         small subset in seconds (CI)
//   … --filter PLEI,Tsit5   only problems/methods whose name contains one of the words
//   … --csv FILE            write the work-precision data as CSV
//   … --svg DIR             write one work-precision diagram per problem
import DifferentialEquations

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

var quick = false
var csvPath: String?
var svgDirectory: String?
var filters: [String] = []
var profileCase: String?
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
  switch argument {
  case "--quick": quick = true
  case "--csv": csvPath = arguments.next()
  case "--svg": svgDirectory = arguments.next()
  case "--filter": filters += (arguments.next() ?? "").split(separator: ",").map(String.init)
  case "--profile": profileCase = arguments.next()
  case "--dde": filters.append("dde")
  case "--stiff": filters.append("stiff")
  case "--sde": filters.append("sde")
  case "--msa": filters.append("msa")
  case "--default": filters.append("default")
  case "--sizes": filters.append("sizes")
  case "--large": filters.append("large")
  case "--dae": filters.append("dae")
  case "--help", "-h":
    print("usage: diffeq-bench [--quick] [--dde] [--filter WORDS] [--csv FILE] [--svg DIR]")
    print("  --dde: only the delay-equation suite (same as --filter dde)")
    print("  --stiff: only the stiff suite (Rosenbrock methods; same as --filter stiff)")
    print("  --sde: only the SDE suite (strong error on GBM; same as --filter sde)")
    print("  --msa: only the MultiScaleArray overhead (same as --filter msa)")
    print("  --default: only the default-choice suite: solve(prob) against single methods")
    print("  --sizes: Rodas5P against FBDF over system sizes (the default's size threshold)")
    print("  --large: FBDF, QNDF and FBDF(GMRES) on POLLU and the 2-D Brusselator (N = 32)")
    print("  --dae: DFBDF (residual), FBDF and Rodas5P (mass matrix): Robertson, Akzo, pendulum")
    print("       diffeq-bench --profile tsit5-lorenz-array|tsit5-lorenz-static|tsit5-lorenz-c")
    print("       diffeq-bench --profile dfbdf-akzo|dfbdf-rober[@reltol] (200 solves a round)")
    print("         (20 solves of one case and nothing else, to run under perf or callgrind)")
    exit(0)
  default:
    print("unknown argument \(argument); try --help")
    exit(2)
  }
}

/// Whether `name` contains one of `words` (case-insensitive).
func matches(_ name: String, _ words: [String]) -> Bool {
  words.contains { name.lowercased().contains($0.lowercased()) }
}

let allMethods: [ExplicitRK] = [
  ExplicitRK(BS3()), ExplicitRK(OwrenZen3()), ExplicitRK(OwrenZen4()), ExplicitRK(OwrenZen5()),
  ExplicitRK(DP5()), ExplicitRK(Tsit5()), ExplicitRK(BS5()), ExplicitRK(Vern6()),
  ExplicitRK(Vern7()), ExplicitRK(Vern8()), ExplicitRK(Vern9()), ExplicitRK(DP8()),
]
let quickMethods = ["BS3", "DP5", "Tsit5", "Vern7", "Vern9"]
// --filter words: those naming a method pick methods, "baseline" and "callback" pick those
// sections, the rest pick problems.
let sectionWords = [
  "baseline", "callback", "ensemble", "dde", "stiff", "sde", "msa", "default", "sizes",
  "large", "dae",
]
let methodWords = filters.filter { f in allMethods.contains { matches($0.name, [f]) } }
let problemWords = filters.filter {
  !methodWords.contains($0) && !sectionWords.contains($0.lowercased())
}
let methods = allMethods.filter {
  (!quick || quickMethods.contains($0.name))
    && (methodWords.isEmpty || matches($0.name, methodWords))
}
let ks = quick ? [4, 8] : Array(3...10)
let runDDE = filters.isEmpty || filters.contains { $0.lowercased() == "dde" }
let runStiff = filters.isEmpty || filters.contains { $0.lowercased() == "stiff" }
let runSDE = filters.isEmpty || filters.contains { $0.lowercased() == "sde" }
let runDefault = filters.isEmpty || filters.contains { $0.lowercased() == "default" }
let runLarge = filters.isEmpty || filters.contains { $0.lowercased() == "large" }
let runDAE = filters.isEmpty || filters.contains { $0.lowercased() == "dae" }
let runWorkPrecision =
  filters.isEmpty
  || ((!methodWords.isEmpty || !problemWords.isEmpty) && !runDDE && !runStiff && !runSDE
    && !runDefault && !runLarge && !runDAE)
let runBaseline = filters.isEmpty || matches("baseline", filters)
let runCallbacks = filters.isEmpty || matches("callback", filters)
let runEnsemble = filters.isEmpty || matches("ensemble", filters)
let runMSA = filters.isEmpty || matches("msa", filters)

if let profileCase {
  do {
    try profile(profileCase)
    exit(0)
  } catch {
    print("error: \(error)")
    exit(1)
  }
}

if runWorkPrecision {
  print("diffeq-bench: non-stiff work-precision suite (abstol = 10^-(k+3), reltol = 10^-k)")
  print(
    "  methods: \(methods.map(\.name).joined(separator: ", ")); k = \(ks.map(String.init).joined(separator: ", "))"
  )
}
let started = now()
var allPoints: [WorkPrecisionPoint] = []
do {
  for problem in try nonStiffSuite()
  where runWorkPrecision && (problemWords.isEmpty || matches(problem.name, problemWords)) {
    let points = try workPrecision(
      problem, methods: methods, ks: ks, maxRuns: quick ? 3 : 20, budget: quick ? 0.02 : 0.3)
    printTable(problem, points)
    allPoints += points
    if let dir = svgDirectory {
      write(workPrecisionSVG(title: problem.name, points), to: "\(dir)/\(problem.name).svg")
    }
  }
  if runBaseline {
    let results = try baselineComparison(rounds: quick ? 5 : 200)
    printBaseline(results)
  }
  if runCallbacks {
    printOverhead(try callbackOverhead(rounds: quick ? 3 : 40))
  }
  if runEnsemble {
    try ensembleThroughput(trajectories: quick ? 1000 : 10_000)
    try ensembleSummaryGBM(trajectories: quick ? 5000 : 100_000)
  }
  if runMSA {
    try multiScaleOverhead(quick: quick)
  }
  if runStiff {
    let stiffKs = quick ? [4, 7] : Array(4...9)
    print(
      "\nstiff suite: Rosenbrock methods, abstol = 10^-(k+3), reltol = 10^-k, analytic Jacobians")
    for problem in stiffSuite(
      RosenbrockSolveBuilder(), including: { problemWords.isEmpty || matches($0, problemWords) })
    {
      let points = try workPrecision(
        problem, methods: stiffMethods(quick: quick), ks: stiffKs, maxRuns: quick ? 3 : 20,
        budget: quick ? 0.02 : 0.3)
      printTable(problem, points)
      allPoints += points
      if let dir = svgDirectory {
        write(workPrecisionSVG(title: problem.name, points), to: "\(dir)/\(problem.name).svg")
      }
    }
    print("\nstiff suite: FBDF and QNDF, the same problems and ladder")
    for problem in stiffSuite(
      MultistepSolveBuilder(),
      including: {
        problemWords.isEmpty || matches($0, problemWords)
      })
    {
      let methods = (quick ? ["FBDF"] : ["FBDF", "QNDF"]).map(NamedMethod.init)
      let points = try workPrecision(
        problem, methods: methods, ks: stiffKs, maxRuns: quick ? 3 : 20,
        budget: quick ? 0.02 : 0.3)
      printTable(problem, points)
      allPoints += points
    }
  }
  if runLarge {
    let stiffKs = quick ? [4, 6] : Array(4...9)
    print("\nlarge stiff suite: abstol = 10^-(k+3), reltol = 10^-k")
    for problem in largeStiffSuite(including: { problemWords.isEmpty || matches($0, problemWords) })
    {
      let points = try workPrecision(
        problem, methods: largeStiffMethods(for: problem.name, quick: quick), ks: stiffKs,
        maxRuns: quick ? 1 : 20, budget: quick ? 0 : 0.3)
      printTable(problem, points)
      allPoints += points
    }
  }
  if runDAE {
    let stiffKs = quick ? [4, 7] : Array(4...9)
    print("\nDAE suite: abstol = 10^-(k+3), reltol = 10^-k (ROBER: 10^-(k+6) on y1, y2)")
    for problem in daeSuite(including: { problemWords.isEmpty || matches($0, problemWords) }) {
      let points = try workPrecision(
        problem, methods: daeMethods(quick: quick), ks: stiffKs, maxRuns: quick ? 3 : 20,
        budget: quick ? 0.02 : 0.3)
      printTable(problem, points)
      allPoints += points
    }
  }
  if filters.contains("sizes") {
    try stiffSizeSweep()
  }
  if runDefault {
    try defaultSuiteBenchmark(
      quick: quick, include: { problemWords.isEmpty || matches($0, problemWords) })
  }
  if runSDE {
    try sdeBenchmark(paths: quick ? 20 : 200, quick: quick)
    try sdeWeakBenchmark(paths: quick ? 200 : 4000, quick: quick)
    try sdeNonCommutingBenchmark(paths: quick ? 4 : 100, quick: quick)
  }
  if runDDE {
    print("\ndelay-equation suite: MethodOfSteps(method), same tolerance ladder")
    for problem in try ddeSuite(including: {
      problemWords.isEmpty || matches($0, problemWords)
    }) {
      let points = try workPrecision(
        problem, methods: methods, ks: ks, maxRuns: quick ? 3 : 20, budget: quick ? 0.02 : 0.3)
      printTable(problem, points)
      allPoints += points
      if let dir = svgDirectory {
        write(workPrecisionSVG(title: problem.name, points), to: "\(dir)/\(problem.name).svg")
      }
    }
    try ddeOverhead(rounds: quick ? 3 : 30)
  }
  if let path = csvPath { write(csv(allPoints), to: path) }
} catch {
  print("error: \(error)")
  exit(1)
}
print(format("\ndone in %.1f s", now() - started))
