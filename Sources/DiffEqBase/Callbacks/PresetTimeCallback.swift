extension DiscreteCallback {
  /// Runs `affect` at each of `times` (DifferentialEquations.jl's `PresetTimeCallback`): the
  /// times become `tstops`, so the integrator steps exactly to them, and the affect fires
  /// there — the way to give doses, switch inputs or reset at known times.
  ///
  /// ```swift
  /// let doses = DiscreteCallback<[Double], NullParameters>.presetTime(
  ///   stride(from: 12.0, through: 240, by: 12).map { $0 }) { integrator in
  ///   integrator.u[0] += 100  // bolus
  /// }
  /// ```
  ///
  /// Times outside the span are ignored; a time equal to `t₀` is not applied (give the dose
  /// in `u₀`).
  public static func presetTime(
    _ times: [Double],
    savePositions: (before: Bool, after: Bool) = (true, true),
    name: String? = "presetTime",
    affect: @escaping @Sendable (inout any DEIntegrator<State, Parameters>) -> Void
  ) -> DiscreteCallback {
    let set = Set(times)
    return DiscreteCallback(
      condition: { _, t, _ in set.contains(t) }, affect: affect, savePositions: savePositions,
      name: name,
      initialize: { integrator in
        for time in times { integrator.addTstop(time) }
      })
  }
}
