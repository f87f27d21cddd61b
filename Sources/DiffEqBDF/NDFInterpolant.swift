import DiffEqBase

/// The dense output of a ``QNDF`` solve: per step its end `tₙ₊₁`, step `h`, order `k`, the
/// end state and the backward differences `∇ʲyₙ₊₁`, `j = 1 … k`, of its quasi-constant grid —
/// the polynomial of degree `k` in Newton's backward form (as `ode15s`'s `ntrp15s`):
///
/// ```
/// P(tₙ₊₁ + sh) = yₙ₊₁ + Σⱼ₌₁ᵏ ∇ʲyₙ₊₁ cⱼ(s),   cⱼ(s) = Πₘ₌₀ʲ⁻¹ (s + m)/(m + 1),
/// P′(tₙ₊₁ + sh) = (1/h) Σⱼ₌₁ᵏ ∇ʲyₙ₊₁ cⱼ′(s).
/// ```
///
/// It interpolates `yₙ₊₁` at `s = 0` and `yₙ` at `s = −1` (`c₁(−1) = −1`, `cⱼ(−1) = 0` for
/// `j ≥ 2`), so the dense output is continuous.
public struct NDFInterpolant<State: StateVector>: ODEInterpolant {
  /// Per step: where the integrator's step began.
  public private(set) var starts: [Double] = []
  /// Per step: the end `tₙ₊₁` of its polynomial's grid.
  public private(set) var ends: [Double] = []
  /// Per step: its size `h` (the grid's spacing).
  public private(set) var steps: [Double] = []
  /// Per step: its order `k` (the polynomial's degree).
  public private(set) var orders: [Int] = []
  /// Per step: the index of its end state in ``values``; the `k` differences follow it.
  public private(set) var offsets: [Int] = []
  /// End states and differences, step after step.
  public private(set) var values: [State] = []

  /// An empty dense output.
  public init() {}

  /// The polynomials are of degree up to 5.
  public var order: Int { 5 }

  /// Number of steps.
  public var stepCount: Int { starts.count }

  /// Appends a step that began at `start` and whose polynomial (step `step`, end `end`) is
  /// `uEnd` and `differences` (`∇¹ … ∇ᵏ`).
  public mutating func append(
    start: Double, end: Double, step: Double, uEnd: State, differences: ArraySlice<State>
  ) {
    starts.append(start)
    ends.append(end)
    steps.append(step)
    orders.append(differences.count)
    offsets.append(values.count)
    values.append(uEnd)
    for d in differences { values.append(d) }
  }

  /// The value or derivative at `t` (the step containing it; the end steps extrapolate).
  public func evaluate(at t: Double, derivative: Int) -> State {
    precondition(!starts.isEmpty, "the solve recorded no steps")
    var out = values[0].zeroed()
    evaluate(at: t, derivative: derivative, into: &out)
    return out
  }

  /// In place.
  public func evaluate(at t: Double, derivative: Int, into out: inout State) {
    let dir = steps[0] >= 0 ? 1.0 : -1.0
    // The last step whose start is at or before t.
    var lo = 0
    var hi = starts.count
    while hi - lo > 1 {
      let mid = (lo + hi) / 2
      if (starts[mid] - t) * dir <= 0 { lo = mid } else { hi = mid }
    }
    evaluate(step: lo, at: t, derivative: derivative, into: &out)
  }

  /// Step `step`'s polynomial at `t`.
  public func evaluate(step: Int, at t: Double, derivative: Int, into out: inout State) {
    let h = steps[step]
    let s = (t - ends[step]) / h
    let k = orders[step]
    let base = offsets[step]
    for i in 0..<out.count {
      out[i] = derivative == 0 ? values[base][i] : State.Scalar(0)
    }
    var c = 1.0
    var dc = 0.0
    for j in 1...max(k, 1) where j <= k {
      let factor = s + Double(j - 1)
      dc = (dc * factor + c) / Double(j)
      c = c * factor / Double(j)
      let w = derivative == 0 ? c : dc / h
      let d = values[base + j]
      for i in 0..<out.count { out[i] = out[i] + State.Scalar(w * Double(d[i])) }
    }
  }
}
