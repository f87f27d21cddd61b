/// The dense output of a composite solve: each method's own dense output over the steps it
/// took, and per step which one holds it.
public struct CompositeInterpolant<First: ODEInterpolant, Second: ODEInterpolant>: ODEInterpolant
where First.State == Second.State {
  /// The state vector type.
  public typealias State = First.State

  /// The first (explicit) method's dense output.
  public var first: First
  /// The second (stiff) method's dense output.
  public var second: Second
  /// Per step: its start time.
  public private(set) var starts: [Double] = []
  /// Per step: its end time.
  public private(set) var ends: [Double] = []
  /// Per step: whether the second (stiff) method took it.
  public private(set) var usesSecond: [Bool] = []
  /// Per step: its index in the dense output of the method that took it.
  public private(set) var localIndex: [Int] = []

  /// Two empty dense outputs.
  public init(_ first: First, _ second: Second) {
    self.first = first
    self.second = second
  }

  /// The lower of the two orders.
  public var order: Int { min(first.order, second.order) }

  /// Number of steps recorded.
  public var stepCount: Int { usesSecond.count }

  /// Notes that the step `[start, end]` was just recorded in the second (`usesSecond`) or
  /// first dense output.
  public mutating func appendStep(start: Double, end: Double, usesSecond second: Bool) {
    starts.append(start)
    ends.append(end)
    usesSecond.append(second)
    localIndex.append(second ? self.second.stepCount - 1 : first.stepCount - 1)
  }

  /// The step whose span contains `t` (the first or last step outside the span).
  @inlinable
  func stepIndex(containing t: Double) -> Int {
    let forward = ends[ends.count - 1] >= starts[0]
    // The first step whose end is at or beyond t in the direction of integration.
    var lo = 0
    var hi = ends.count - 1
    while lo < hi {
      let mid = (lo + hi) / 2
      if forward ? ends[mid] >= t : ends[mid] <= t { hi = mid } else { lo = mid + 1 }
    }
    return lo
  }

  /// The state or its derivative at `t`, from the method that took the step containing it.
  public func evaluate(at t: Double, derivative: Int) -> State {
    precondition(!usesSecond.isEmpty, "the solve recorded no steps")
    let i = stepIndex(containing: t)
    return usesSecond[i]
      ? second.evaluate(at: t, derivative: derivative)
      : first.evaluate(at: t, derivative: derivative)
  }

  /// The same, into `out`.
  public func evaluate(at t: Double, derivative: Int, into out: inout State) {
    precondition(!usesSecond.isEmpty, "the solve recorded no steps")
    evaluate(step: stepIndex(containing: t), at: t, derivative: derivative, into: &out)
  }

  /// Step `step`'s polynomial at `t`.
  public func evaluate(step: Int, at t: Double, derivative: Int, into out: inout State) {
    if usesSecond[step] {
      second.evaluate(step: localIndex[step], at: t, derivative: derivative, into: &out)
    } else {
      first.evaluate(step: localIndex[step], at: t, derivative: derivative, into: &out)
    }
  }
}
