extension DiscreteCallback {
  /// Runs `affect` every `interval` of time, at `phase + k·interval` for integers k past the
  /// start (DifferentialEquations.jl's `PeriodicCallback`; `phase` is usually `t₀`). The
  /// integrator steps exactly to each of those times: each firing adds the next one as a
  /// `tstop`. Works forwards and backwards in time.
  public static func periodic(
    every interval: Double,
    phase: Double = 0,
    savePositions: (before: Bool, after: Bool) = (true, true),
    name: String? = "periodic",
    affect: @escaping @Sendable (inout any DEIntegrator<State, Parameters>) -> Void
  ) -> DiscreteCallback {
    let h = abs(interval)
    // The tstops and the test both compute phase + k·h, so they agree exactly.
    @Sendable func time(_ k: Double) -> Double { phase + k * h }
    @Sendable func addNeighbours(_ integrator: inout any DEIntegrator<State, Parameters>) {
      // addTstop keeps only times strictly ahead, so the grid points on both sides of t can
      // be offered whatever the direction of integration.
      let x = (integrator.t - phase) / h
      for k in [x.rounded(.down) - 1, x.rounded(.down), x.rounded(.up), x.rounded(.up) + 1] {
        integrator.addTstop(time(k))
      }
    }
    return DiscreteCallback(
      condition: { _, t, _ in
        let k = ((t - phase) / h).rounded()
        return time(k) == t
      },
      affect: { integrator in
        affect(&integrator)
        addNeighbours(&integrator)
      },
      savePositions: savePositions, name: name,
      initialize: { integrator in addNeighbours(&integrator) })
  }
}
