import DiffEqBase

/// The dense output of a delay equation's solution: the problem's history before `t₀`, the
/// method's own interpolant over every step after.
@usableFromInline
struct DDESolutionInterpolant<Step: ODEInterpolant>: ODEInterpolant {
  @usableFromInline typealias State = Step.State

  /// The solve's history (the initial history, and the right-hand side for lazy stages).
  let storage: HistoryStorage<State>
  /// The steps.
  let steps: StepHistory<Step>

  @usableFromInline
  init(storage: HistoryStorage<State>, steps: StepHistory<Step>) {
    self.storage = storage
    self.steps = steps
  }

  /// The method's interpolant order.
  @usableFromInline var order: Int { steps.accepted.order }

  /// `u(t)` or `u′(t)`: the history before `t₀`, otherwise the step containing `t`.
  @usableFromInline
  func evaluate(at t: Double, derivative: Int) -> State {
    var out = storage.prototype.zeroed()
    evaluate(at: t, derivative: derivative, into: &out)
    return out
  }

  /// In place (serialised: a step's lazy stages, evaluated on first use, read the history).
  @usableFromInline
  func evaluate(at t: Double, derivative: Int, into out: inout State) {
    storage.solutionLock.withLock { _ in
      storage.evaluate(at: t, derivative: derivative, into: &out)
    }
  }

  /// Number of steps.
  @usableFromInline var stepCount: Int { steps.starts.count }

  /// The polynomial of step `step` at `t`.
  @usableFromInline
  func evaluate(step: Int, at t: Double, derivative: Int, into out: inout State) {
    storage.solutionLock.withLock { _ in
      let outer = storage.stepEnd
      storage.stepEnd = steps.ends[step]
      steps.accepted.evaluate(step: step, at: t, derivative: derivative, into: &out)
      storage.stepEnd = outer
    }
  }
}
