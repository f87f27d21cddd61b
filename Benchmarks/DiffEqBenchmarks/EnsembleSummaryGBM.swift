import DifferentialEquations

/// EnsembleSummary of GBM at t = 1 (`--ensemble`): SOSRI at tol 0.1 (weak bias ~1.5e-4,
/// `--sde`) over many threaded trajectories; mean and variance against the exact
/// E[u(1)] = 1.3728005075084582, Var[u(1)] = 2.132701105337689 (problems.json "gbm") in units
/// of their Monte Carlo standard errors (from the sample's second and fourth central moments).
func ensembleSummaryGBM(trajectories: Int) throws {
  let prob = SDEProblem(
    u0: [0.5], tspan: (0.0, 1.0), p: [1.01, 0.87],
    f: { du, u, p, t in du[0] = p[0] * u[0] },
    g: { du, u, p, t in du[0] = p[1] * u[0] })
  let ensemble = SDEEnsembleProblem(prob) { sol, _ in sol.solution }
  let start = now()
  let sims = try solve(
    ensemble, SOSRI(), EnsembleThreads(), trajectories: trajectories, seed: 2027,
    abstol: 0.1, reltol: 0.1)
  let seconds = now() - start
  let summary = EnsembleSummary(sims.u, at: [1.0])
  let mean = summary.mean[0][0]
  let variance = summary.variance[0][0]
  let n = Double(trajectories)
  var fourth = 0.0
  for sol in sims.u {
    let d = sol.u.last![0] - mean
    fourth += d * d * d * d / n
  }
  let meanError = (variance / n).squareRoot()
  let varianceError = ((fourth - variance * variance) / n).squareRoot()
  print("\nEnsembleSummary of GBM at t = 1 (\(trajectories) SOSRI trajectories, tol 0.1, threads)")
  print(
    format(
      "  mean     %.6f  exact 1.372801  (%+.2f standard errors of %.1e)", mean,
      (mean - 1.3728005075084582) / meanError, meanError))
  print(
    format(
      "  variance %.6f  exact 2.132701  (%+.2f standard errors of %.1e)", variance,
      (variance - 2.132701105337689) / varianceError, varianceError))
  print(format("  %.1f s", seconds))
}
