import DiffEqBase

/// The dense output of a BDF solve: every accepted state once, and per step the number of
/// states its interpolating polynomial runs through (the step's end and the ones before it,
/// never across a restart).
public struct BDFInterpolant<State: StateVector>: ODEInterpolant {
  /// Times and states of the polynomial points, in order (a restart repeats a time).
  public private(set) var times: [Double] = []
  /// The states at ``times``.
  public private(set) var values: [State] = []
  /// Per step: the index of its end in ``values`` and the number of points it uses.
  public private(set) var stepEnds: [Int] = []
  /// Per step: the number of points of its polynomial.
  public private(set) var stepPoints: [Int] = []
  /// Index of the first point after the last restart.
  var restartIndex = 0

  /// An empty dense output.
  public init() {}

  /// The polynomials are of degree up to 5.
  public var order: Int { 5 }

  /// Appends a step from `(start, uprev)` to `(end, uEnd)` whose polynomial uses `points`
  /// states (`uprev` starts a new segment when it is not the last point: a restart).
  public mutating func append(start: Double, uprev: State, end: Double, uEnd: State, points: Int) {
    if times.isEmpty || times[times.count - 1] != start
      || !sameValues(values[values.count - 1], uprev)
    {
      times.append(start)
      values.append(uprev)
      restartIndex = values.count - 1
    }
    times.append(end)
    values.append(uEnd)
    let endIndex = values.count - 1
    stepEnds.append(endIndex)
    stepPoints.append(min(points, endIndex - restartIndex + 1))
  }

  /// Whether two states are equal component by component.
  func sameValues(_ a: State, _ b: State) -> Bool {
    guard a.count == b.count else { return false }
    for i in 0..<a.count where a[i] != b[i] { return false }
    return true
  }

  /// Number of steps.
  public var stepCount: Int { stepEnds.count }

  /// The value or derivative at `t` (the step containing it; the end steps extrapolate).
  public func evaluate(at t: Double, derivative: Int) -> State {
    precondition(!stepEnds.isEmpty, "the solve recorded no steps")
    var out = values[0].zeroed()
    evaluate(at: t, derivative: derivative, into: &out)
    return out
  }

  /// In place.
  public func evaluate(at t: Double, derivative: Int, into out: inout State) {
    let first = times[stepEnds[0]] - times[stepEnds[0] - 1]
    let dir = first >= 0 ? 1.0 : -1.0
    // The last step whose start is at or before t.
    var lo = 0
    var hi = stepEnds.count
    while hi - lo > 1 {
      let mid = (lo + hi) / 2
      if (times[stepEnds[mid] - 1] - t) * dir <= 0 { lo = mid } else { hi = mid }
    }
    evaluate(step: lo, at: t, derivative: derivative, into: &out)
  }

  /// Step `step`'s polynomial at `t`.
  public func evaluate(step: Int, at t: Double, derivative: Int, into out: inout State) {
    let end = stepEnds[step]
    let m = stepPoints[step]
    let first = end - m + 1
    for i in 0..<out.count { out[i] = State.Scalar(0) }
    for a in first...end {
      var w = 0.0
      if derivative == 0 {
        w = 1
        for b in first...end where b != a { w *= (t - times[b]) / (times[a] - times[b]) }
      } else {
        for l in first...end where l != a {
          var term = 1 / (times[a] - times[l])
          for b in first...end where b != a && b != l {
            term *= (t - times[b]) / (times[a] - times[b])
          }
          w += term
        }
      }
      for i in 0..<out.count { out[i] = out[i] + State.Scalar(w * Double(values[a][i])) }
    }
  }
}
