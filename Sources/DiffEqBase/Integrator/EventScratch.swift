/// Storage the event search reuses every step: condition values and probe states, made once
/// at `init`, so that watching for events allocates nothing.
@usableFromInline
struct EventScratch<State: StateVector> {
  /// Per continuous callback: condition values at the left end of the current sample interval.
  @usableFromInline var left: [[Double]]
  /// Per continuous callback: condition values at the right end.
  @usableFromInline var right: [[Double]]
  /// Per continuous callback: condition values at a trial time (root finding, probes).
  @usableFromInline var trial: [[Double]]
  /// Per continuous callback: the sign each component had before the current sample interval
  /// (`+1`, `−1`).
  @usableFromInline var signs: [[Double]]
  /// Per continuous callback and component: the time of its last event (`nan` if none); per
  /// callback: the largest condition magnitude left at that event.
  @usableFromInline var lastEventTime: [[Double]]
  @usableFromInline var lastEventResidual: [Double]
  /// States for interpolated values.
  @usableFromInline var probe: State
  @usableFromInline var probe2: State

  @usableFromInline
  init<P>(callbacks: [VectorContinuousCallback<State, P>], prototype: State) {
    left = callbacks.map { [Double](repeating: 0, count: $0.count) }
    right = left
    trial = left
    signs = left
    lastEventTime = callbacks.map { [Double](repeating: .nan, count: $0.count) }
    lastEventResidual = [Double](repeating: 0, count: callbacks.count)
    probe = prototype.zeroed()
    probe2 = prototype.zeroed()
  }
}

/// A continuous event located inside a step.
@usableFromInline
struct FiringEvent {
  /// Index of the callback in the set's `continuous` list.
  @usableFromInline var callback: Int
  /// Event time (on the far side of the crossing, or an exact zero).
  @usableFromInline var time: Double
  /// Components that crossed there.
  @usableFromInline var crossings: [EventCrossing]
  /// Largest |gᵢ| among the crossing components at `time`.
  @usableFromInline var residual: Double

  @usableFromInline
  init(callback: Int, time: Double, crossings: [EventCrossing], residual: Double) {
    self.callback = callback
    self.time = time
    self.crossings = crossings
    self.residual = residual
  }
}
