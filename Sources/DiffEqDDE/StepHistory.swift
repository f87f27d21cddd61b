import DiffEqBase

/// The accepted steps of a method-of-steps solve (the method's own dense output, grown step
/// by step as for an ODE) and the current step's latest fixed-point iterate.
///
/// A step's lazily evaluated dense-output stages (Vern, BS5, DP8) may read the history
/// inside the step itself when a lag is shorter than it. Such a step is recorded, its lazy
/// stages evaluated while queries inside it still read an older approximation (the step is
/// not yet in ``starts``, and steps are evaluated by index), and only then noted: a step
/// never asks itself for its own values.
@usableFromInline
final class StepHistory<Interpolant: ODEInterpolant>: @unchecked Sendable {
  /// The accepted steps' dense output, kept at a fixed address: read in place by every
  /// history look-up (a stored property of a class would be copied out, with a retain of
  /// each of its arrays, for every call).
  @usableFromInline let acceptedStorage: UnsafeMutablePointer<Interpolant>
  /// The accepted steps' dense output.
  @inlinable var accepted: Interpolant {
    unsafeAddress { UnsafePointer(acceptedStorage) }
    unsafeMutableAddress { acceptedStorage }
  }
  /// Start times of the accepted steps.
  @usableFromInline var starts: [Double] = []
  /// End times of the accepted steps (of the whole step, also when an event cut it short).
  @usableFromInline var ends: [Double] = []
  /// The current step's previous fixed-point iterate.
  @usableFromInline var provisional: Interpolant?
  /// `+1` forwards in time, `−1` backwards.
  @usableFromInline let direction: Double

  /// An empty history (`accepted` has no steps) for a solve in `direction`.
  @usableFromInline
  init(_ accepted: Interpolant, direction: Double) {
    acceptedStorage = .allocate(capacity: 1)
    acceptedStorage.initialize(to: accepted)
    self.direction = direction
  }

  deinit {
    acceptedStorage.deinitialize(count: 1)
    acceptedStorage.deallocate()
  }

  /// Whether any step was accepted.
  @inlinable
  var isEmpty: Bool { starts.isEmpty }

  /// Index of the accepted step containing `s` (the last step whose start is at or before
  /// `s`; the first or last outside the span), as the dense output's own search finds it.
  @inlinable
  func stepIndex(containing s: Double) -> Int {
    var lo = 0
    var hi = starts.count
    while hi - lo > 1 {
      let mid = (lo + hi) / 2
      if (starts[mid] - s) * direction <= 0 { lo = mid } else { hi = mid }
    }
    return lo
  }

  /// Writes the accepted steps' value (or derivative) at `s` into `out`.
  ///
  /// While a step's polynomial is evaluated, `storage.stepEnd` is that step's end, so the
  /// lazy dense-output stages it computes at its end read one-sided limits like its own
  /// stages. Past ``HistoryStorage/maxDepth`` nested queries (only a lag collapsing inside a
  /// step gets there) the step before is evaluated at its end instead (`u₀` in the first
  /// step), to stop the recursion.
  @inlinable
  func evaluate(
    at s: Double, derivative: Int, depth: Int, storage: HistoryStorage<Interpolant.State>,
    into out: inout Interpolant.State
  ) {
    var i = stepIndex(containing: s)
    var at = s
    if depth > HistoryStorage<Interpolant.State>.maxDepth {
      if i == 0 {
        out.assign(storage.initialState)
        return
      }
      at = direction > 0 ? starts[i].nextDown : starts[i].nextUp
      i -= 1
    }
    let outer = storage.stepEnd
    storage.stepEnd = ends[i]
    accepted.evaluate(step: i, at: at, derivative: derivative, into: &out)
    storage.stepEnd = outer
  }

  /// Notes that a step from `start` to `end` was appended to ``accepted``.
  @inlinable
  func noteStep(from start: Double, to end: Double) {
    starts.append(start)
    ends.append(end)
  }
}
