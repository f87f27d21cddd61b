import DiffEqBase

/// The accepted steps of a method-of-steps solve, one single-step dense output each, and the
/// current step's latest fixed-point iterate.
///
/// Keeping each step in its own interpolant lets a step's lazily evaluated dense-output
/// stages (Vern, BS5, DP8) be computed before the step joins the history, while queries
/// inside it still read an older approximation: a step never asks itself for its own values.
@usableFromInline
final class StepHistory<Interpolant: ODEInterpolant>: @unchecked Sendable {
  /// Start times of the accepted steps.
  @usableFromInline var starts: [Double] = []
  /// End times of the accepted steps (of the whole step, also when an event cut it short).
  @usableFromInline var ends: [Double] = []
  /// The accepted steps, one interpolant each.
  @usableFromInline var steps: [Interpolant] = []
  /// The current step's previous fixed-point iterate.
  @usableFromInline var provisional: Interpolant?
  /// `+1` forwards in time, `−1` backwards.
  @usableFromInline let direction: Double

  /// An empty history for a solve in `direction`.
  @usableFromInline
  init(direction: Double) {
    self.direction = direction
  }

  /// Index of the accepted step containing `s` (the last step whose start is at or before
  /// `s`; the first or last outside the span).
  /// With `leftLimit`, a step starting at `s` (to the rounding of a stage time) is passed
  /// over for the one before it.
  @inlinable
  func stepIndex(containing s: Double, leftLimit: Bool = false) -> Int {
    var lo = 0
    var hi = starts.count
    while hi - lo > 1 {
      let mid = (lo + hi) / 2
      if (starts[mid] - s) * direction <= 0 { lo = mid } else { hi = mid }
    }
    if leftLimit && lo > 0 && abs(s - starts[lo]) <= 16 * Swift.max(abs(s), 1).ulp {
      lo -= 1
    }
    return lo
  }

  /// Writes the accepted steps' value (or derivative) at `s` into `out` (the left limit at a
  /// step boundary with `leftLimit`). Past
  /// ``HistoryStorage/maxDepth`` nested queries, the step before the one containing `s` is
  /// extrapolated instead (only a lag collapsing inside a step gets there).
  ///
  /// While the step's polynomial is evaluated, `storage.stepEnd` is that step's end: lazy
  /// dense-output stages it computes at its end read one-sided limits like its own stages.
  @inlinable
  func evaluate(
    at s: Double, derivative: Int, depth: Int, leftLimit: Bool = false,
    storage: HistoryStorage<Interpolant.State>, into out: inout Interpolant.State
  ) {
    var i = stepIndex(containing: s, leftLimit: leftLimit)
    if depth > HistoryStorage<Interpolant.State>.maxDepth && i > 0 { i -= 1 }
    let outer = storage.stepEnd
    storage.stepEnd = ends[i]
    steps[i].evaluate(at: s, derivative: derivative, into: &out)
    storage.stepEnd = outer
  }

  /// Appends an accepted step from `start` to `end`.
  @inlinable
  func append(_ step: Interpolant, from start: Double, to end: Double) {
    starts.append(start)
    ends.append(end)
    steps.append(step)
  }
}
