import DiffEqBase
import Synchronization

/// The lazy dense-output stages computed so far, per step index: shared by the copies of a
/// solution (a reference), filled on first use, thread-safe.
public final class LazyStageCache<State: StateVector>: Sendable {
  private let storage = Mutex<[Int: [State]]>([:])

  /// An empty cache.
  public init() {}

  /// The extra stages of step `index`, computing them with `make` the first time.
  public func stages(_ index: Int, _ make: () -> [State]) -> [State] {
    if let cached = storage.withLock({ $0[index] }) { return cached }
    let computed = make()
    storage.withLock { $0[index] = computed }
    return computed
  }
}

/// The dense output of an explicit Runge–Kutta solve: per step, `(tₙ, hₙ, uₙ, k₁ … k_s)`, and
/// the method's continuous extension
///
/// ```
/// u(tₙ + θhₙ) = uₙ + hₙ Σᵢ bᵢ(θ) kᵢ,   θ = (t − tₙ)/hₙ
/// ```
///
/// Methods whose interpolant needs extra stages (BS5, Vern6–9, DP8) evaluate them lazily from
/// the stored step with the problem's right-hand side (with the parameters in force for that
/// step), the first time a point of that step is asked for, and keep them.
public struct ExplicitRKInterpolant<State: StateVector>: ODEInterpolant {
  /// The method's coefficients.
  public let tableau: ExplicitRKTableau
  /// The right-hand side `f(&du, u, t)` with the parameters bound, for lazy stages: one per
  /// stretch of steps with the same parameters, with the index of its first step.
  public private(set) var rhs: [(firstStep: Int, f: @Sendable (inout State, State, Double) -> Void)]
  /// Step start times.
  public private(set) var times: [Double] = []
  /// Step sizes (signed).
  public private(set) var steps: [Double] = []
  /// States at the step starts.
  public private(set) var states: [State] = []
  /// Step stages, `stageCount` per step, step after step.
  public private(set) var stages: [State] = []
  /// Lazy stages evaluated so far.
  public let lazyStages = LazyStageCache<State>()

  /// An empty interpolant.
  public init(
    tableau: ExplicitRKTableau, rhs: @escaping @Sendable (inout State, State, Double) -> Void
  ) {
    self.tableau = tableau
    self.rhs = [(0, rhs)]
  }

  /// From the next appended step on, lazy stages use `rhs` (the parameters changed).
  public mutating func setRHS(_ rhs: @escaping @Sendable (inout State, State, Double) -> Void) {
    if self.rhs.last?.firstStep == times.count { self.rhs.removeLast() }
    self.rhs.append((times.count, rhs))
  }

  /// The dense output's order.
  public var order: Int { tableau.interpolantOrder }

  /// Appends one accepted step.
  public mutating func append(t: Double, dt: Double, uprev: State, stages k: ArraySlice<State>) {
    times.append(t)
    steps.append(dt)
    states.append(uprev)
    stages.append(contentsOf: k)
  }

  /// The interpolated state or its first derivative at `t` (see ``ODEInterpolant``).
  public func evaluate(at t: Double, derivative: Int) -> State {
    precondition(!times.isEmpty, "the solve recorded no steps")
    var out = states[0].zeroed()
    evaluate(at: t, derivative: derivative, into: &out)
    return out
  }

  /// Writes the interpolated state or its first derivative at `t` into `out`, reading the
  /// stored stages in place: nothing is allocated once the step's lazy stages exist.
  @inlinable
  public func evaluate(at t: Double, derivative: Int, into out: inout State) {
    precondition(!times.isEmpty, "the solve recorded no steps")
    evaluate(step: stepIndex(containing: t), at: t, derivative: derivative, into: &out)
  }

  /// Number of steps recorded.
  public var stepCount: Int { times.count }

  /// The polynomial of step `lo` at `t` (extrapolated outside the step) into `out`.
  @inlinable
  public func evaluate(step lo: Int, at t: Double, derivative: Int, into out: inout State) {
    let h = steps[lo]
    let theta = (t - times[lo]) / h
    let s = tableau.stageCount
    let total = tableau.totalStageCount
    let extra: [State] = total > s ? lazyStages.stages(lo) { computeLazyStages(lo) } : []
    let first = lo * s
    withUnsafeTemporaryAllocation(of: Double.self, capacity: total) { weights in
      tableau.denseWeights(theta: theta, derivative: derivative, into: weights)
      // Stage by stage (one stage vector in hand at a time), summing Σⱼ bⱼ(θ) kⱼ in `out`.
      let n = out.count
      for idx in 0..<n { out[idx] = 0 }
      for j in 0..<total {
        let w = weights[j]
        let k = j < s ? stages[first + j] : extra[j - s]
        // Get and set, not `+=`: a generic `_modify` accessor can allocate its coroutine
        // frame where the call is not specialised.
        for idx in 0..<n { out[idx] = out[idx] + State.Scalar(w) * k[idx] }
      }
      if derivative == 0 {
        let u0 = states[lo]
        for idx in 0..<n { out[idx] = u0[idx] + State.Scalar(h) * out[idx] }
      }
    }
  }

  /// The last step whose start is at or before `t` in the integration direction (the first
  /// or last step when `t` is outside the span: its polynomial is extrapolated).
  @usableFromInline
  func stepIndex(containing t: Double) -> Int {
    let dir = steps[0] > 0 ? 1.0 : -1.0
    var lo = 0
    var hi = times.count
    while hi - lo > 1 {
      let mid = (lo + hi) / 2
      if (times[mid] - t) * dir <= 0 { lo = mid } else { hi = mid }
    }
    return lo
  }

  /// The extra dense-output stages of step `index`, from its stored stages and the
  /// right-hand side in force for that step.
  @usableFromInline
  func computeLazyStages(_ index: Int) -> [State] {
    let f = rhs.last { $0.firstStep <= index }!.f
    let s = tableau.stageCount
    let h = steps[index]
    let u0 = states[index]
    var all = Array(stages[(index * s)..<(index * s + s)])
    var extra: [State] = []
    var tmp = u0.zeroed()
    for i in s..<tableau.totalStageCount {
      let row = i * (i - 1) / 2
      for idx in 0..<u0.count {
        var acc = 0.0
        for j in 0..<i { acc += tableau.a[row + j] * Double(all[j][idx]) }
        tmp[idx] = u0[idx] + State.Scalar(h * acc)
      }
      var ki = u0.zeroed()
      f(&ki, tmp, times[index] + tableau.c[i] * h)
      all.append(ki)
      extra.append(ki)
    }
    return extra
  }
}
