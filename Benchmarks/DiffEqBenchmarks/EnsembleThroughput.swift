import DiffEqProblemLibrary
import DifferentialEquations

/// Ensemble throughput: Lorenz on (0, 10) from perturbed starts at abstol = reltol = 1e-8,
/// serial against threaded, with the check that both give identical results.
func ensembleThroughput(trajectories: Int) throws {
  let base = Lorenz.problem(tspan: (0, 10))
  let ensemble = EnsembleProblem(
    base,
    probFunc: { prob, _, context in
      var prob = prob
      var rng = context.rng
      prob.u0[0] = 1 + Double.random(in: -0.1...0.1, using: &rng)
      return prob
    },
    outputFunc: { sol, _ in (sol.u.last!, false) })
  let options = ODESolverOptions(abstol: 1e-8, reltol: 1e-8, saveEveryStep: false, dense: false)
  let threads = EnsembleThreads()
  var serialResult: [[Double]] = []
  var threadResult: [[Double]] = []
  let tSerial = try minimumTime(maxRuns: 3, budget: 0) {
    serialResult = try solve(
      ensemble, Tsit5(), EnsembleSerial(), trajectories: trajectories, options: options
    ).u
  }
  let tThreads = try minimumTime(maxRuns: 3, budget: 0) {
    threadResult = try solve(
      ensemble, Tsit5(), threads, trajectories: trajectories, options: options
    ).u
  }
  print("\nEnsemble throughput (\(trajectories) Lorenz solves on (0, 10), Tsit5, 1e-8)")
  print(
    format("  serial  %9.0f solves/s", Double(trajectories) / tSerial)
      + format("\n  threads %9.0f solves/s", Double(trajectories) / tThreads)
      + " (\(threads.workers) workers)"
      + format("\n  speedup %9.2fx", tSerial / tThreads)
      + "   results identical: \(serialResult == threadResult)")
}
