import DiffEqBase

/// The dense output of a Rosenbrock solve: per step `(tₙ, hₙ, uₙ, uₙ₊₁)` and the method's
/// dense-output vectors (``RosenbrockDenseOutput``): `K₁, K₂(, K₃)` for the Rodas methods,
/// `f(uₙ), f(uₙ₊₁)` for the Hermite interpolant, `k₁, k₂` for Rosenbrock23.
public struct RosenbrockInterpolant<State: StateVector>: ODEInterpolant {
  /// The method's continuous extension.
  public let kind: RosenbrockDenseOutput
  /// `γ` (Rosenbrock23's `d`).
  public let gamma: Double
  /// Order of the continuous extension.
  public let order: Int
  /// Step start times.
  public private(set) var times: [Double] = []
  /// Step sizes.
  public private(set) var steps: [Double] = []
  /// States at the step starts.
  public private(set) var starts: [State] = []
  /// States at the step ends.
  public private(set) var ends: [State] = []
  /// Dense-output vectors, ``vectorsPerStep`` per step.
  public private(set) var vectors: [State] = []

  /// An empty dense output for `tableau`.
  public init(tableau: RosenbrockTableau) {
    kind = tableau.denseOutput
    gamma = tableau.gamma
    order = tableau.interpolantOrder
  }

  /// Vectors stored per step.
  @inlinable
  public var vectorsPerStep: Int {
    if case .rodas(let rows, _) = kind { return rows }
    return 2
  }

  /// Appends one step.
  public mutating func append(
    t: Double, dt: Double, start: State, end: State, vectors v: ArraySlice<State>
  ) {
    times.append(t)
    steps.append(dt)
    starts.append(start)
    ends.append(end)
    vectors.append(contentsOf: v)
  }

  /// Number of steps.
  public var stepCount: Int { times.count }

  /// The value or first derivative at `t`.
  public func evaluate(at t: Double, derivative: Int) -> State {
    precondition(!times.isEmpty, "the solve recorded no steps")
    var out = starts[0].zeroed()
    evaluate(at: t, derivative: derivative, into: &out)
    return out
  }

  /// In place.
  @inlinable
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

  /// The polynomial of step `step` at `t`.
  @inlinable
  public func evaluate(step: Int, at t: Double, derivative: Int, into out: inout State) {
    let m = vectorsPerStep
    Self.evaluate(
      kind, gamma: gamma, theta: (t - times[step]) / steps[step], dt: steps[step],
      derivative: derivative, start: starts[step], end: ends[step],
      vectors: vectors[(step * m)..<(step * m + m)], into: &out)
  }

  /// The continuous extension of one step at `Θ` (shared with the stepper's own
  /// interpolation during a step).
  @inlinable
  static func evaluate<C: Collection<State>>(
    _ kind: RosenbrockDenseOutput, gamma: Double, theta: Double, dt: Double, derivative: Int,
    start y0: State, end y1: State, vectors v: C, into out: inout State
  ) where C.Index == Int {
    let first = v.startIndex
    let t1 = 1 - theta
    switch kind {
    case .rodas(let rows, _):
      let k1 = v[first]
      let k2 = v[first + 1]
      for i in 0..<y0.count {
        let a = Double(y0[i])
        let b = Double(y1[i])
        let x1 = Double(k1[i])
        let x2 = Double(k2[i])
        let x3 = rows == 3 ? Double(v[first + 2][i]) : 0
        if derivative == 0 {
          out[i] = State.Scalar(t1 * a + theta * (b + t1 * (x1 + theta * (x2 + theta * x3))))
        } else {
          let d =
            x1 + theta * (-2 * x1 + 2 * x2 + theta * (-3 * x2 + 3 * x3 - 4 * theta * x3)) - a + b
          out[i] = State.Scalar(d / dt)
        }
      }
    case .hermite:
      let f0 = v[first]
      let f1 = v[first + 1]
      for i in 0..<y0.count {
        let a = Double(y0[i])
        let b = Double(y1[i])
        let s0 = Double(f0[i])
        let s1 = Double(f1[i])
        if derivative == 0 {
          out[i] = State.Scalar(
            t1 * a + theta * b
              + theta * (theta - 1)
              * ((1 - 2 * theta) * (b - a) + (theta - 1) * dt * s0 + theta * dt * s1))
        } else {
          let d =
            6 * theta * t1 * (b - a) / dt + (3 * theta * theta - 4 * theta + 1) * s0
            + (3 * theta * theta - 2 * theta) * s1
          out[i] = State.Scalar(d)
        }
      }
    case .shampineReichelt:
      // Slopes from the increments: h k̂₁ = k₁/d, h k̂₂ = (k₁ + k₂)/d.
      let u1 = v[first]
      let u2 = v[first + 1]
      let d = gamma
      let scale = 1 / (1 - 2 * d)
      for i in 0..<y0.count {
        let hk1 = Double(u1[i]) / d
        let hk2 = (Double(u1[i]) + Double(u2[i])) / d
        if derivative == 0 {
          let c1 = theta * t1 * scale
          let c2 = theta * (theta - 2 * d) * scale
          out[i] = State.Scalar(Double(y0[i]) + c1 * hk1 + c2 * hk2)
        } else {
          let c1 = (1 - 2 * theta) * scale
          let c2 = (2 * theta - 2 * d) * scale
          out[i] = State.Scalar((c1 * hk1 + c2 * hk2) / dt)
        }
      }
    }
  }
}
