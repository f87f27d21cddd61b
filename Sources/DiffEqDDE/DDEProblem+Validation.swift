import DiffEqBase

extension DDEProblem {
  /// Checks what is particular to a delay equation, once before a solve, and throws a
  /// ``DiffEqError`` naming the field and the fix: a forward span; every constant lag finite
  /// and positive; the history's discontinuities before `t₀`;
  /// the history of `u0`'s size and finite (sampled at `t₀` and the largest constant lag
  /// before it); every
  /// dependent lag finite and non-negative at `(u₀, p, t₀)`; a neutral problem's history
  /// derivative. (The fields shared with ODEs — `u0`, `tspan`, tolerances — are checked by
  /// the ODE integrator the method of steps runs.)
  public func validate() throws {
    for (i, lag) in constantLags.enumerated() where !(lag > 0) || !lag.isFinite {
      throw DiffEqError(
        field: "constantLags",
        message:
          "lag \(i) is \(lag); constant lags must be finite and positive (a zero lag is an ODE term: read u itself)"
      )
    }
    let (t0, tf) = tspan
    // The ODE integrator's validation names these fields.
    guard t0.isFinite, tf.isFinite, t0 != tf, u0.count > 0 else { return }
    if tf < t0 {
      throw DiffEqError(
        field: "tspan",
        message:
          "(\(t0), \(tf)) runs backwards; a delay equation's history lies behind t₀, so integrate forwards"
      )
    }
    for (i, time) in historyDiscontinuities.enumerated() where !(time < t0) || !time.isFinite {
      throw DiffEqError(
        field: "historyDiscontinuities",
        message: "entry \(i) is \(time); give finite times before t₀ = \(t0)")
    }
    let direction = tf > t0 ? 1.0 : -1.0
    // At t₀, and one (largest) constant lag back, where f certainly reads it.
    let samples = [t0] + (constantLags.max().map { [t0 - $0 * direction] } ?? [])
    for s in samples {
      if let historyValue {
        let value = historyValue(p, s)
        if value.count != u0.count {
          throw DiffEqError(
            field: "history",
            message:
              "the history at t = \(s) has \(value.count) components but u0 has \(u0.count); return a state of u0's size"
          )
        }
      }
      for derivative in (neutral ? [0, 1] : [0]) {
        var out = u0.zeroed()
        history(&out, p, s, derivative)
        let what = derivative == 0 ? "history" : "history derivative"
        if let i = out.firstNonFiniteIndex {
          throw DiffEqError(
            field: "history",
            message: "component \(i) of the \(what) at t = \(s) is \(out[i]); it must be finite")
        }
      }
    }
    for (j, lag) in dependentLags.enumerated() {
      let value = lag(u0, p, t0)
      if !(value >= 0) || !value.isFinite {
        throw DiffEqError(
          field: "dependentLags",
          message:
            "lag \(j) is \(value) at (u0, p, t0); dependent lags must be finite and non-negative")
      }
    }
    if neutral && !hasHistoryDerivative {
      throw DiffEqError(
        field: "historyDerivative",
        message:
          "a neutral problem reads past derivatives; give historyDerivative: { p, t in φ′(t) }")
    }
  }
}
