/// The result of a solve: saved times and states, a return code, work counters and the dense
/// output.
///
/// ```swift
/// let sol = try solve(prob, Tsit5(), abstol: 1e-8, reltol: 1e-8)
/// sol.retcode      // .success
/// sol.t, sol.u     // saved times and states
/// sol(42.0)        // the method's interpolant at t = 42
/// sol(42.0, derivative: 1)
/// ```
///
/// A failed solve keeps everything computed before the failure, with ``retcode`` saying why
/// and ``diagnostic`` saying where.
public struct ODESolution<State: StateVector>: Sendable {
  /// Saved times, in integration order.
  public var t: [Double]
  /// Saved states, one per entry of ``t``.
  public var u: [State]
  /// How the solve ended.
  public var retcode: ReturnCode
  /// Work counters.
  public var stats: SolverStats
  /// Name of the algorithm that produced the solution (`"Tsit5"`).
  public var algorithm: String
  /// Where and why the solve failed; `nil` on success.
  public var diagnostic: FailureDiagnostic?
  /// The dense output; `nil` when solved with `dense: false`.
  public var interpolant: (any ODEInterpolant<State>)?
  /// The events of the solve, in order: when, which callback, which crossings.
  public var events: [EventRecord]
  /// For a composite method (``AutoSwitchStepper``, the default `solve(prob)`): which method
  /// took which steps, and when and why it switched; `nil` for a single method.
  public var algorithmChoice: AlgorithmChoice?

  /// A solution value (built by the integrator).
  public init(
    t: [Double], u: [State], retcode: ReturnCode, stats: SolverStats, algorithm: String,
    diagnostic: FailureDiagnostic?, interpolant: (any ODEInterpolant<State>)?,
    events: [EventRecord] = [], algorithmChoice: AlgorithmChoice? = nil
  ) {
    self.t = t
    self.u = u
    self.retcode = retcode
    self.stats = stats
    self.algorithm = algorithm
    self.diagnostic = diagnostic
    self.interpolant = interpolant
    self.events = events
    self.algorithmChoice = algorithmChoice
  }

  /// The solution at time `t`.
  ///
  /// With dense output (the default) this is the method's own interpolant, of the order given
  /// in the method table, at any `t` in the span. With `dense: false` it interpolates
  /// linearly between saved points (`derivative: 1` gives the secant slope). Outside the span
  /// the end polynomial is extrapolated.
  public func callAsFunction(_ time: Double, derivative: Int = 0) -> State {
    if let interpolant { return interpolant.evaluate(at: time, derivative: derivative) }
    return linearInterpolation(at: time, derivative: derivative)
  }

  /// The solution at each of `times`.
  public func callAsFunction(_ times: [Double], derivative: Int = 0) -> [State] {
    times.map { self($0, derivative: derivative) }
  }

  private func linearInterpolation(at time: Double, derivative: Int) -> State {
    precondition(!t.isEmpty, "the solution saved no points")
    if t.count == 1 { return derivative == 0 ? u[0] : u[0].zeroed() }
    let forward = t[t.count - 1] >= t[0]
    // Index of the last saved time at or before `time`, clamped to an interior segment.
    var lo = 0
    var hi = t.count - 1
    while hi - lo > 1 {
      let mid = (lo + hi) / 2
      if (t[mid] <= time) == forward { lo = mid } else { hi = mid }
    }
    let h = t[hi] - t[lo]
    var out = u[lo]
    if h == 0 { return derivative == 0 ? out : out.zeroed() }
    let theta = (time - t[lo]) / h
    for i in 0..<out.count {
      let a = Double(u[lo][i])
      let b = Double(u[hi][i])
      out[i] = State.Scalar(derivative == 0 ? a + theta * (b - a) : (b - a) / h)
    }
    return out
  }

  /// The saved points as CSV: a header `t,u1,…,un` and one row per saved time, each number
  /// written so that it reads back to the same `Double`.
  public func csv() -> String {
    let n = u.first?.count ?? 0
    var s = "t" + (0..<n).map { ",u\($0 + 1)" }.joined() + "\n"
    for (ti, ui) in zip(t, u) {
      s += "\(ti)" + ui.doubles.map { ",\($0)" }.joined() + "\n"
    }
    return s
  }
}

extension ODESolution: CustomStringConvertible {
  /// A short summary: algorithm, return code, counters, and the first and last saved points.
  public var description: String {
    var lines = [
      "ODESolution (\(algorithm)): retcode = \(retcode), \(t.count) saved points",
      "  stats: \(stats)",
    ]
    if let t0 = t.first, let u0 = u.first { lines.append("  t = \(t0): u = \(u0.doubles)") }
    if t.count > 1, let tl = t.last, let ul = u.last {
      lines.append("  t = \(tl): u = \(ul.doubles)")
    }
    if !events.isEmpty { lines.append("  events: \(events.count)") }
    if let diagnostic { lines.append("  diagnostic: \(diagnostic)") }
    return lines.joined(separator: "\n")
  }
}
