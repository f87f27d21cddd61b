import DiffEqProblemLibrary
import DifferentialEquations

/// What callbacks and progress cost when nothing fires: Lorenz with Tsit5 at
/// abstol = reltol = 1e-8, `saveEveryStep: false`, against the same solve with none.
struct OverheadResult {
  let label: String
  let ratio: Double
  let steps: (Int, Int)
}

func callbackOverhead(rounds: Int) throws -> [OverheadResult] {
  let lorenz = Lorenz.problem()
  func run(_ callback: CallbackSet<[Double], NullParameters>, progress: Bool = false) throws
    -> ODESolution<[Double]>
  {
    try solve(
      lorenz, Tsit5(), abstol: 1e-8, reltol: 1e-8, maxIters: 10_000_000, saveEveryStep: false,
      dense: false, callback: callback,
      progressHandler: progress ? { @Sendable _ in } : nil)
  }
  let inactiveDiscrete = DiscreteCallback<[Double], NullParameters>(
    condition: { u, _, _ in u[2] < -1000 }, affect: { _ in })
  let inactiveContinuous = ContinuousCallback<[Double], NullParameters>(
    condition: { u, _, _ in u[2] + 1000 }, affect: { _ in })
  let cases: [(String, CallbackSet<[Double], NullParameters>, Bool)] = [
    ("inactive DiscreteCallback", CallbackSet(inactiveDiscrete), false),
    ("inactive ContinuousCallback (10 samples/step)", CallbackSet(inactiveContinuous), false),
    ("progressHandler on (reports every 0.2 s)", CallbackSet(), true),
  ]
  var results: [OverheadResult] = []
  for (label, callback, progress) in cases {
    let plain = try run(CallbackSet())
    let with = try run(callback, progress: progress)
    let (tPlain, tWith) = try interleavedMinimum(
      rounds: rounds,
      { blackHole += try run(CallbackSet()).u.last![0] },
      { blackHole += (try? run(callback, progress: progress).u.last![0]) ?? 0 })
    results.append(
      OverheadResult(
        label: label, ratio: tWith / tPlain, steps: (plain.stats.naccept, with.stats.naccept)))
  }
  return results
}

func printOverhead(_ results: [OverheadResult]) {
  print("\nCallback and progress overhead (Lorenz, Tsit5, 1e-8; time with / time without)")
  for r in results {
    let same = r.steps.0 == r.steps.1 ? "same steps" : "steps \(r.steps.0) vs \(r.steps.1)"
    print("  " + pad(r.label, -48) + format(" %7.3f", r.ratio) + "  (\(same))")
  }
}
