import DiffEqTestSupport
import DifferentialEquations
import Testing

@Suite("SDE ensembles")
struct SDEEnsembleTests {
  @Test("threads give exactly the serial results (same seeds)")
  func threadsMatchSerial() throws {
    let ensemble = SDEEnsembleProblem(GBM.problem()) { sol, _ in sol.u.last![0] }
    let serial = try solve(ensemble, SOSRI(), EnsembleSerial(), trajectories: 200, seed: 9)
    let threads = try solve(
      ensemble, SOSRI(), EnsembleThreads(workers: 2), trajectories: 200, seed: 9)
    #expect(serial.u == threads.u)
    #expect(Set(serial.u).count == 200, "every trajectory has its own path")
  }

  /// 4 000 SOSRI trajectories at the default tolerance: the EnsembleSummary mean and variance
  /// of u(1) against the exact E[u(1)] = 1.3728005075084582 and Var[u(1)] = 2.132701105337689
  /// (problems.json "gbm"), within 3 Monte Carlo standard errors (from the sample's second and
  /// fourth central moments).
  @Test("EnsembleSummary of GBM at t = 1 matches the exact mean and variance")
  func summary() throws {
    let ensemble = SDEEnsembleProblem(GBM.problem()) { sol, _ in sol.solution }
    let sims = try solve(
      ensemble, SOSRI(), EnsembleThreads(), trajectories: 4000, seed: 2026)
    let s = EnsembleSummary(sims.u, at: [1.0])
    let mean = s.mean[0][0]
    let variance = s.variance[0][0]
    let values = sims.u.map { $0.u.last![0] }
    let n = Double(values.count)
    let fourth =
      values.map {
        let d = $0 - mean
        return d * d * d * d
      }.reduce(0, +) / n
    let meanError = (variance / n).squareRoot()
    let varianceError = ((fourth - variance * variance) / n).squareRoot()
    #expect(abs(mean - 1.3728005075084582) <= 3 * meanError, "mean \(mean) ± \(meanError)")
    #expect(
      abs(variance - 2.132701105337689) <= 3 * varianceError,
      "variance \(variance) ± \(varianceError)")
  }

  /// A Monte Carlo mean of u(1) in batches of 100, stopping once its standard error is below
  /// 5% of the mean: the reduction sees trajectories in order, each with the path it has in
  /// the unreduced ensemble, and threads give the same value as serial.
  @Test("reduction in batches with early stopping: same trajectories, same value")
  func reduction() throws {
    let ensemble = SDEEnsembleProblem(GBM.problem()) { sol, _ in sol.u.last![0] }
    let reduction = EnsembleReduction<Double, [Double]>(initial: []) { values, batch, indices in
      #expect(indices.count == batch.count && indices.lowerBound == values.count)
      values += batch
      let n = Double(values.count)
      let mean = values.reduce(0, +) / n
      let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (n - 1)
      return (variance / n).squareRoot() < 0.05 * mean
    }
    let serial = try solve(
      ensemble, SOSRI(), EnsembleSerial(), trajectories: 20_000, batchSize: 100, seed: 4,
      reduction: reduction)
    let threads = try solve(
      ensemble, SOSRI(), EnsembleThreads(workers: 2), trajectories: 20_000, batchSize: 100,
      seed: 4, reduction: reduction)
    #expect(serial.stoppedEarly && serial.trajectories < 20_000 && serial.trajectories % 100 == 0)
    #expect(serial.u == threads.u && serial.trajectories == threads.trajectories)
    let plain = try solve(ensemble, SOSRI(), trajectories: serial.trajectories, seed: 4)
    #expect(plain.u == serial.u)
    #expect(throws: DiffEqError.self) {
      try solve(ensemble, SOSRI(), trajectories: 10, batchSize: 0, reduction: reduction)
    }
  }
}
