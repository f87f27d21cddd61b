import Synchronization

/// Values a ``DiscreteCallback/saving(_:into:saveAt:)`` callback collected: times and the
/// derived quantity at each. A reference type, filled during the solve and read after it
/// (thread-safe).
public final class SavedValues<Value: Sendable>: Sendable {
  private let storage = Mutex<(t: [Double], values: [Value])>(([], []))

  /// An empty collection.
  public init() {}

  /// The saved times.
  public var t: [Double] { storage.withLock { $0.t } }
  /// The saved values, one per time.
  public var values: [Value] { storage.withLock { $0.values } }

  /// Appends one value.
  public func append(_ t: Double, _ value: Value) {
    storage.withLock {
      $0.t.append(t)
      $0.values.append(value)
    }
  }
}

extension DiscreteCallback {
  /// Saves `save(u, t, integrator)` — any derived quantity — into `values` at the times
  /// `saveAt` (interpolated with the method's dense output), or after every step when
  /// `saveAt` is empty (DifferentialEquations.jl's `SavingCallback`). It never fires as an
  /// event and changes nothing.
  public static func saving<Value: Sendable>(
    _ save: @escaping @Sendable (State, Double, inout any DEIntegrator<State, Parameters>) -> Value,
    into values: SavedValues<Value>,
    saveAt: [Double] = []
  ) -> DiscreteCallback {
    let times = saveAt.sorted()
    return DiscreteCallback(
      integratorCondition: { integrator in
        let (a, b) = (integrator.tprev, integrator.t)
        if times.isEmpty {
          values.append(b, save(integrator.u, b, &integrator))
          return false
        }
        let lo = Swift.min(a, b)
        let hi = Swift.max(a, b)
        // Times in (tprev, t] in the direction of integration (t₀ itself in the first step).
        let selected = times.filter {
          ($0 > lo && $0 <= hi && b >= a) || ($0 >= lo && $0 < hi && b < a)
            || (integrator.stats.naccept == 1 && $0 == a)
        }
        for ts in (b >= a ? selected : selected.reversed()) {
          let u = ts == b ? integrator.u : integrator.interpolate(at: ts, derivative: 0)
          values.append(ts, save(u, ts, &integrator))
        }
        return false
      },
      affect: { _ in }, savePositions: (false, false), name: "saving")
  }
}
