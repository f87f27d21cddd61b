import DiffEqBase

/// The dense output of an SDE solve: linear between the ends of each step (a path is not
/// differentiable; DifferentialEquations.jl interpolates SDE solutions linearly too).
public struct SDEInterpolant<State: StateVector>: ODEInterpolant {
  /// Step start times.
  public private(set) var times: [Double] = []
  /// Step sizes.
  public private(set) var steps: [Double] = []
  /// States at the step starts.
  public private(set) var starts: [State] = []
  /// States at the step ends.
  public private(set) var ends: [State] = []

  /// An empty dense output.
  public init() {}

  /// Linear interpolation.
  public var order: Int { 1 }

  /// Appends a step.
  public mutating func append(t: Double, dt: Double, start: State, end: State) {
    times.append(t)
    steps.append(dt)
    starts.append(start)
    ends.append(end)
  }

  /// Number of steps.
  public var stepCount: Int { times.count }

  /// The value (or the step's secant slope) at `t`.
  public func evaluate(at t: Double, derivative: Int) -> State {
    precondition(!times.isEmpty, "the solve recorded no steps")
    var out = starts[0].zeroed()
    evaluate(at: t, derivative: derivative, into: &out)
    return out
  }

  /// In place.
  public func evaluate(at t: Double, derivative: Int, into out: inout State) {
    let dir = steps[0] > 0 ? 1.0 : -1.0
    var lo = 0
    var hi = times.count
    while hi - lo > 1 {
      let mid = (lo + hi) / 2
      if (times[mid] - t) * dir <= 0 { lo = mid } else { hi = mid }
    }
    evaluate(step: lo, at: t, derivative: derivative, into: &out)
  }

  /// Step `step`'s segment at `t`.
  public func evaluate(step: Int, at t: Double, derivative: Int, into out: inout State) {
    let theta = (t - times[step]) / steps[step]
    for i in 0..<out.count {
      let a = Double(starts[step][i])
      let b = Double(ends[step][i])
      out[i] = State.Scalar(derivative == 0 ? a + theta * (b - a) : (b - a) / steps[step])
    }
  }
}
