/// Statistics across an ensemble's solutions (DifferentialEquations.jl's EnsembleAnalysis):
/// at a saved step index shared by every trajectory (fixed steps or `saveAt`), or at a time
/// through each solution's dense output. Means and unbiased variances per component.
public enum EnsembleAnalysis {
  /// Mean and unbiased variance of component vectors `values` (Welford's update).
  static func meanVar(_ values: [[Double]]) -> (mean: [Double], variance: [Double]) {
    let m = values.first?.count ?? 0
    var mean = [Double](repeating: 0, count: m)
    var m2 = [Double](repeating: 0, count: m)
    for (k, x) in values.enumerated() {
      for j in 0..<m {
        let delta = x[j] - mean[j]
        mean[j] += delta / Double(k + 1)
        m2[j] += delta * (x[j] - mean[j])
      }
    }
    let n = values.count
    return (mean, m2.map { n > 1 ? $0 / Double(n - 1) : 0 })
  }

  /// The mean of every trajectory's `step`-th saved state (DifferentialEquations.jl's
  /// `timestep_mean`); `nil` when a trajectory has no such step.
  public static func timestepMean<S: StateVector>(_ solutions: [ODESolution<S>], _ step: Int)
    -> [Double]?
  {
    timestepMeanVar(solutions, step)?.mean
  }

  /// The mean and variance of every trajectory's `step`-th saved state (`timestep_meanvar`);
  /// `nil` when a trajectory has no such step.
  public static func timestepMeanVar<S: StateVector>(
    _ solutions: [ODESolution<S>], _ step: Int
  ) -> (mean: [Double], variance: [Double])? {
    guard step >= 0, solutions.allSatisfy({ step < $0.u.count }) else { return nil }
    return meanVar(solutions.map { $0.u[step].doubles })
  }

  /// The mean of the solutions at time `t`, from their dense output (`timepoint_mean`).
  public static func timepointMean<S: StateVector>(_ solutions: [ODESolution<S>], _ t: Double)
    -> [Double]
  {
    timepointMeanVar(solutions, t).mean
  }

  /// The mean and variance of the solutions at time `t` (`timepoint_meanvar`).
  public static func timepointMeanVar<S: StateVector>(
    _ solutions: [ODESolution<S>], _ t: Double
  ) -> (mean: [Double], variance: [Double]) {
    meanVar(solutions.map { $0(t).doubles })
  }

  /// Mean and variance at every saved step shared by all trajectories
  /// (`timeseries_steps_meanvar`): one entry per step up to the shortest solution.
  public static func timeseriesStepsMeanVar<S: StateVector>(_ solutions: [ODESolution<S>])
    -> [(t: Double, mean: [Double], variance: [Double])]
  {
    let steps = solutions.map(\.u.count).min() ?? 0
    return (0..<steps).map { k in
      let (mean, variance) = meanVar(solutions.map { $0.u[k].doubles })
      return (solutions[0].t[k], mean, variance)
    }
  }
}
