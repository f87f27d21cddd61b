/// Statistics across an ensemble's trajectories at chosen times (DifferentialEquations.jl's
/// `EnsembleSummary`): per time and component, the mean, the (unbiased) variance and
/// quantiles, from each trajectory's dense output `sol(t)`.
public struct EnsembleSummary: Sendable {
  /// The times.
  public var t: [Double]
  /// `mean[k][j]`: mean of component `j` at `t[k]`.
  public var mean: [[Double]]
  /// `variance[k][j]`: unbiased variance `Σ(x − x̄)²/(N − 1)` of component `j` at `t[k]`.
  public var variance: [[Double]]
  /// The quantile levels.
  public var levels: [Double]
  /// `quantiles[q][k][j]`: the `levels[q]` quantile (linear interpolation between order
  /// statistics) of component `j` at `t[k]`.
  public var quantiles: [[[Double]]]

  /// The summary of `solutions` at `times` (default quantiles 5% and 95%).
  public init<S: StateVector>(
    _ solutions: [ODESolution<S>], at times: [Double], quantiles levels: [Double] = [0.05, 0.95]
  ) {
    t = times
    self.levels = levels
    let n = solutions.count
    var mean: [[Double]] = []
    var variance: [[Double]] = []
    var quantiles = [[[Double]]](repeating: [], count: levels.count)
    for time in times {
      let values = solutions.map { $0(time).doubles }
      let m = values.first?.count ?? 0
      var mu = [Double](repeating: 0, count: m)
      var v = [Double](repeating: 0, count: m)
      for j in 0..<m {
        // Welford's update: stable for large ensembles.
        var runningMean = 0.0
        var m2 = 0.0
        for (k, x) in values.enumerated() {
          let delta = x[j] - runningMean
          runningMean += delta / Double(k + 1)
          m2 += delta * (x[j] - runningMean)
        }
        mu[j] = runningMean
        v[j] = n > 1 ? m2 / Double(n - 1) : 0
      }
      mean.append(mu)
      variance.append(v)
      for (q, level) in levels.enumerated() {
        quantiles[q].append(
          (0..<m).map { j in Self.quantile(values.map { $0[j] }.sorted(), level) })
      }
    }
    self.mean = mean
    self.variance = variance
    self.quantiles = quantiles
  }

  /// The `level` quantile of sorted values, interpolating linearly between order statistics
  /// (Hyndman & Fan type 7, the default of R and NumPy).
  static func quantile(_ sorted: [Double], _ level: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let h = Double(sorted.count - 1) * min(max(level, 0), 1)
    let lo = Int(h.rounded(.down))
    let hi = min(lo + 1, sorted.count - 1)
    return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
  }
}
