import DiffEqTestSupport
import DifferentialEquations
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@Suite("Ensemble analysis and reductions")
struct EnsembleAnalysisTests {
  /// `u′ = −k u`, `u(0) = 1`, with `k = 1 + i/100` for trajectory i (i = 0 … 99): the exact
  /// values `e^{−k t}` give the means and variances the helpers must reproduce.
  static var ensemble: EnsembleProblem<InPlaceODEFunction<[Double], Double>, ODESolution<[Double]>>
  {
    let prob = ODEProblem(u0: [1.0], tspan: (0.0, 1.0), p: 1.0) { du, u, k, _ in
      du[0] = -k * u[0]
    }
    return EnsembleProblem(prob) { prob, i, _ in
      var prob = prob
      prob.p = 1 + Double(i) / 100
      return prob
    }
  }

  static func exactMeanVar(_ t: Double) -> (Double, Double) {
    let values = (0..<100).map { exp(-(1 + Double($0) / 100) * t) }
    let mean = values.reduce(0, +) / 100
    return (mean, values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 99)
  }

  @Test("timestep and timepoint means and variances against the exact values")
  func analysis() throws {
    let options = ODESolverOptions(
      abstol: 1e-12, reltol: 1e-12, saveAt: [0.25, 0.5, 0.75, 1], saveEveryStep: false)
    let sims = try solve(Self.ensemble, Tsit5(), trajectories: 100, options: options).u
    let steps = EnsembleAnalysis.timeseriesStepsMeanVar(sims)
    #expect(steps.map(\.t) == [0.25, 0.5, 0.75, 1])
    for (k, step) in steps.enumerated() {
      let (mean, variance) = Self.exactMeanVar(step.t)
      #expect(abs(step.mean[0] - mean) <= 1e-10 && abs(step.variance[0] - variance) <= 1e-10)
      #expect(EnsembleAnalysis.timestepMean(sims, k) == step.mean)
    }
    #expect(EnsembleAnalysis.timestepMean(sims, 4) == nil)
    let dense = try solve(
      Self.ensemble, Tsit5(), trajectories: 100,
      options: ODESolverOptions(abstol: 1e-12, reltol: 1e-12))
    let (mean, variance) = Self.exactMeanVar(0.3)
    let point = EnsembleAnalysis.timepointMeanVar(dense.u, 0.3)
    #expect(abs(point.mean[0] - mean) <= 1e-9 && abs(point.variance[0] - variance) <= 1e-9)
    #expect(EnsembleAnalysis.timepointMean(dense.u, 0.3) == point.mean)
  }

  @Test("a reduction folds batches in order and can stop early")
  func reduction() throws {
    let finals = EnsembleProblem(Self.ensemble.prob, probFunc: Self.ensemble.probFunc) {
      sol, _ in (sol.u.last![0], false)
    }
    let sum = EnsembleReduction<Double, Double>(initial: 0) { total, batch, _ in
      total += batch.reduce(0, +)
      return total > 20
    }
    let reduced = try solve(
      finals, Tsit5(), EnsembleThreads(workers: 2), trajectories: 100, batchSize: 30,
      reduction: sum)
    let all = try solve(finals, Tsit5(), trajectories: 100).u
    #expect(reduced.stoppedEarly && reduced.trajectories == 90)
    // Batch sums added in order (the reduction's own arithmetic).
    let batchSums = (0..<3).map { b in all[(30 * b)..<(30 * b + 30)].reduce(0, +) }
    #expect(reduced.u == batchSums.reduce(0, +))
    let complete = try solve(
      finals, Tsit5(), trajectories: 100, batchSize: 30,
      reduction: EnsembleReduction<Double, Int>(initial: 0) { n, batch, _ in
        n += batch.count
        return false
      })
    #expect(complete.u == 100 && !complete.stoppedEarly && complete.trajectories == 100)
  }
}
