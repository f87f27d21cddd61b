import DiffEqBase
import Synchronization

/// What the history function of one method-of-steps solve reads, and the discontinuities it
/// tracks.
///
/// A query `h(s)` is routed by where `s` lies:
///
/// ```
/// s < t₀                     the problem's history function
/// t₀ ≤ s ≤ tₙ                the accepted steps' dense output (read in place)
/// tₙ < s  (a lag < the step) the current step's previous fixed-point iterate, or, before
///                            the first iterate, the last step's polynomial extrapolated
/// ```
///
/// where `tₙ` is the start of the step being computed. One storage belongs to one solve and
/// is used by one thread at a time (the solution's dense output takes ``solutionLock``).
@usableFromInline
final class HistoryStorage<State: StateVector>: @unchecked Sendable {
  /// The initial time.
  @usableFromInline let t0: Double
  /// The final time.
  @usableFromInline let tEnd: Double
  /// `+1` forwards in time, `−1` backwards.
  @usableFromInline let direction: Double
  /// The problem's history before `t₀`, with `p` bound: `(out, s, derivative)`.
  @usableFromInline var initialHistory: (inout State, Double, Int) -> Void
  /// Binds new parameters into ``initialHistory`` (set by the solve, which knows their type).
  @usableFromInline var rebindParameters: ((Any) -> Void)?
  /// `u₀`.
  @usableFromInline let initialState: State
  /// Evaluates the accepted steps (set by the solve for its interpolant type).
  /// Arguments: time, derivative order, nesting depth.
  @usableFromInline var evaluateAccepted: (Double, Int, Int, inout State) -> Void = {
    _, _, _, _ in
  }
  /// Evaluates the current step's previous iterate; `nil` before the first iterate.
  @usableFromInline var evaluateProvisional: ((Double, Int, inout State) -> Void)?
  /// Whether any step has been accepted.
  @usableFromInline var hasAcceptedSteps = false
  /// Start of the step being computed.
  @usableFromInline var stepStart: Double
  /// The state there, used for queries inside the very first step before its first iterate.
  @usableFromInline var stepStartState: State
  /// The time at which `f` is being evaluated (set around each call of `f`).
  @usableFromInline var evaluationTime: Double
  /// End of the step being computed (NaN outside a step). Queries made by `f` at the step's
  /// end take one-sided limits from the left, those at its start from the right: the step's
  /// solution is smooth on the closed step even when an end maps through a lag onto a jump.
  @usableFromInline var stepEnd = Double.nan
  /// Whether a query of the current step fell inside it (a lag shorter than the step).
  @usableFromInline var queriedAhead = false
  /// The smallest lag `t − s` seen in any query so far.
  @usableFromInline var smallestLag = Double.infinity
  /// Nesting of queries (lazy dense-output stages evaluate `f`, which queries again).
  @usableFromInline var depth = 0
  /// Scratch states handed out by `h(s)`, one per nesting level in use.
  @usableFromInline var scratch: [State] = []
  /// A state of the right shape.
  @usableFromInline let prototype: State
  /// Serialises evaluations of the finished solution's dense output.
  let solutionLock = Mutex(())

  /// The constant lags.
  @usableFromInline let constantLags: [Double]
  /// Whether the equation is neutral (discontinuities do not smooth out).
  @usableFromInline let neutral: Bool
  /// Discontinuities of higher order than this are not followed (the method's order).
  @usableFromInline let maxOrder: Int
  /// The discontinuities tracked so far, in the order they were found.
  @usableFromInline var discontinuities: [Discontinuity] = []
  /// The discontinuity times in integration order (for ``isDiscontinuity(_:)``).
  @usableFromInline var sortedTimes: [Double] = []
  /// Discontinuity times not yet handed to the integrator as stopping times.
  @usableFromInline var pendingStops: [Double] = []
  /// Most discontinuities tracked (neutral problems with several lags produce many).
  @usableFromInline static var capacity: Int { 10_000 }
  /// Deepest query nesting answered as routed (deeper ones, which only a lag that collapses
  /// inside a step can cause, read the end of the step before, or `u₀`).
  @usableFromInline static var maxDepth: Int { 16 }

  /// Storage for a solve from `(t₀, u₀)` to `tEnd`.
  @usableFromInline
  init(
    t0: Double, tEnd: Double, u0: State, constantLags: [Double], neutral: Bool, maxOrder: Int,
    initialHistory: @escaping (inout State, Double, Int) -> Void
  ) {
    self.t0 = t0
    self.tEnd = tEnd
    direction = tEnd >= t0 ? 1 : -1
    self.initialHistory = initialHistory
    stepStart = t0
    evaluationTime = t0
    stepStartState = u0.zeroed()
    stepStartState.assign(u0)
    var initial = u0.zeroed()
    initial.assign(u0)
    initialState = initial
    prototype = u0.zeroed()
    self.constantLags = constantLags
    self.neutral = neutral
    self.maxOrder = maxOrder
    scratch.reserveCapacity(Self.maxDepth + 1)
    for _ in 0..<4 { scratch.append(u0.zeroed()) }
  }

  // MARK: Queries

  /// Writes `u(s)` (or `u′(s)`) into `out`, routed as described on the type.
  @inlinable
  func evaluate(at s: Double, derivative: Int, into out: inout State) {
    let lag = (evaluationTime - s) * direction
    if lag < smallestLag { smallestLag = lag }
    // One-sided limits where the solution may jump (at t₀, at a jump of the history, at a
    // restart): a query made at the step's end reads the left limit, one made at its start
    // the right limit. `s = t + c·h − τ` carries the rounding of `t + c·h`, so the query
    // point is moved by a few units in the last place to the side wanted.
    let roundoff = 16 * Swift.max(abs(evaluationTime), abs(s)).ulp
    let at =
      evaluationTime == stepEnd
      ? s - roundoff * direction : evaluationTime == stepStart ? s + roundoff * direction : s
    if (at - t0) * direction < 0 {
      initialHistory(&out, at, derivative)
      return
    }
    depth += 1
    defer { depth -= 1 }
    let inside = (at - stepStart) * direction <= 0
    if inside && hasAcceptedSteps {
      evaluateAccepted(at, derivative, depth, &out)
      return
    }
    if !inside { queriedAhead = true }
    if let evaluateProvisional, depth <= Self.maxDepth {
      evaluateProvisional(at, derivative, &out)
    } else if hasAcceptedSteps {
      evaluateAccepted(at, derivative, depth, &out)
    } else if derivative == 0 {
      out.assign(stepStartState)
    } else {
      initialHistory(&out, t0, 1)
    }
  }

  /// `u(s)` in a scratch state (see ``DDEHistory/callAsFunction(_:derivative:)``).
  @inlinable
  func value(at s: Double, derivative: Int) -> State {
    var buffer = scratch.popLast() ?? prototype.zeroed()
    evaluate(at: s, derivative: derivative, into: &buffer)
    scratch.append(buffer)
    return buffer
  }

  /// Component `index` of `u(s)`.
  @inlinable
  func component(_ index: Int, at s: Double, derivative: Int) -> State.Scalar {
    var buffer = scratch.popLast() ?? prototype.zeroed()
    evaluate(at: s, derivative: derivative, into: &buffer)
    let x = buffer[index]
    scratch.append(buffer)
    return x
  }

  /// A new step starts at `t` from `u`: queries beyond `t` now belong to it.
  @inlinable
  func beginStep(at t: Double, u: State) {
    stepStart = t
    stepEnd = .nan
    queriedAhead = false
    evaluateProvisional = nil
    if !hasAcceptedSteps { stepStartState.assign(u) }
  }

  // MARK: Discontinuities

  /// Tracks a discontinuity at `t` of order `order` and, through the constant lags, the ones
  /// it causes; each new one inside the span becomes a pending stopping time.
  @usableFromInline
  func addDiscontinuity(at t: Double, order: Int) {
    var work = [Discontinuity(t: t, order: order)]
    while let d = work.popLast() {
      // Discontinuities of the history before t₀ are tracked (they propagate), never stops.
      if d.order > maxOrder || (d.t - tEnd) * direction >= 0 { continue }
      let tolerance = 64 * Swift.max(abs(d.t), 1).ulp
      if let i = discontinuities.firstIndex(where: { abs($0.t - d.t) <= tolerance }) {
        if discontinuities[i].order <= d.order { continue }
        discontinuities[i].order = d.order
      } else {
        // Past the cap (neutral problems with many lags) further ones are not tracked.
        if discontinuities.count >= Self.capacity { continue }
        discontinuities.append(d)
        let index = sortedTimes.firstIndex { ($0 - d.t) * direction > 0 } ?? sortedTimes.count
        sortedTimes.insert(d.t, at: index)
        if (d.t - t0) * direction > 0 { pendingStops.append(d.t) }
      }
      let next = neutral ? d.order : d.order + 1
      for lag in constantLags { work.append(Discontinuity(t: d.t + direction * lag, order: next)) }
    }
  }

  /// Whether `t` is a tracked discontinuity (to the last few bits).
  @inlinable
  func isDiscontinuity(_ t: Double) -> Bool {
    var lo = 0
    var hi = sortedTimes.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if (sortedTimes[mid] - t) * direction < 0 { lo = mid + 1 } else { hi = mid }
    }
    let tolerance = 64 * Swift.max(abs(t), 1).ulp
    return (lo < sortedTimes.count && abs(sortedTimes[lo] - t) <= tolerance)
      || (lo > 0 && abs(sortedTimes[lo - 1] - t) <= tolerance)
  }

}
