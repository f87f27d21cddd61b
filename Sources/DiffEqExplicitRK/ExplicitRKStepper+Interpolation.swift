import DiffEqBase

// The continuous extension of the current step: used in the loop for `saveAt`, and recorded
// per step for `sol(t)`.
extension ExplicitRKStepper {
  /// `u(t + θh) = uprev + h Σᵢ bᵢ(θ) kᵢ` (or its time derivative `Σᵢ bᵢ′(θ) kᵢ`), evaluating
  /// the lazy stages of the current step first if the interpolant needs them.
  @inlinable
  public mutating func interpolate<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, t: Double, dt: Double, uprev: State, theta: Double,
    derivative: Int, into out: inout State, stats: inout SolverStats
  ) where F.State == State {
    if isSevenStageFSAL && !stagesInArray {
      Self.interpolateSevenStage(
        sevenStage, tableau: tableau, dt: dt, uprev: uprev, theta: theta, derivative: derivative,
        into: &out)
      return
    }
    syncStages()
    let total = tableau.totalStageCount
    if total > tableau.stageCount && !lazyStagesReady {
      for i in tableau.stageCount..<total {
        Self.stageArgument(i, a: tableau.a, k: k, dt: dt, u: uprev, into: &tmp)
        f(&k[i], tmp, p, t + tableau.c[i] * dt)
      }
      stats.nf += total - tableau.stageCount
      lazyStagesReady = true
    }
    tableau.denseWeights(theta: theta, derivative: derivative, into: &weights)
    for idx in 0..<uprev.count {
      var acc = 0.0
      for j in 0..<total { acc += weights[j] * Double(k[j][idx]) }
      out[idx] = derivative == 0 ? uprev[idx] + State.Scalar(dt * acc) : State.Scalar(acc)
    }
  }

  /// An empty dense output for this method; lazy stages are evaluated with `f` on demand.
  public func makeInterpolant<F: ODEFunction>(_ f: F, _ p: F.Parameters)
    -> ExplicitRKInterpolant<State> where F.State == State
  {
    ExplicitRKInterpolant(tableau: tableau) { du, u, t in f(&du, u, p, t) }
  }

  /// Lazy stages of steps recorded from now on use `p`.
  public func updateParameters<F: ODEFunction>(
    of interpolant: inout ExplicitRKInterpolant<State>, _ f: F, _ p: F.Parameters
  ) where F.State == State {
    interpolant.setRHS { du, u, t in f(&du, u, p, t) }
  }

  /// Stores the step's start, size, initial state and step stages.
  @inlinable
  public mutating func record(
    into interpolant: inout ExplicitRKInterpolant<State>, t: Double, dt: Double, uprev: State
  ) {
    syncStages()
    interpolant.append(t: t, dt: dt, uprev: uprev, stages: k[0..<tableau.stageCount])
  }
}

extension ExplicitRKStepper {
  /// The seven-stage interpolant straight from the named stages (no copies; what event
  /// location calls ten times a step).
  @inlinable
  static func interpolateSevenStage(
    _ c: SevenStageCache<State>, tableau: ExplicitRKTableau, dt: Double, uprev: State,
    theta: Double, derivative: Int, into out: inout State
  ) {
    typealias T = State.Scalar
    let d = tableau.interpolantDegree
    // dᵐ/dθ factors: powers[m] multiplies Bᵢₘ (θ^(m+1) for the value, (m+1)θ^m for d/dθ).
    var powers = InlineArray<16, Double>(repeating: 0)
    var power = derivative == 0 ? theta : 1.0
    for m in 0..<Swift.min(d, 16) {
      powers[m] = derivative == 0 ? power : Double(m + 1) * power
      power *= theta
    }
    let scale = derivative == 0 ? dt : 1.0
    let w = tableau.interpolant.withUnsafeBufferPointer { b in
      var w = InlineArray<7, T>(repeating: 0)
      for i in 0..<7 {
        var acc = 0.0
        for m in 0..<d { acc += b[i * d + m] * powers[m] }
        w[i] = T(scale * acc)
      }
      return w
    }
    let (w1, w2, w3, w4, w5, w6, w7) = (w[0], w[1], w[2], w[3], w[4], w[5], w[6])
    let base: T = derivative == 0 ? 1 : 0
    out.write { i in
      var s = w1 * c.k1[i]
      s += w2 * c.k2[i]
      s += w3 * c.k3[i]
      s += w4 * c.k4[i]
      s += w5 * c.k5[i]
      s += w6 * c.k6[i]
      s += w7 * c.k7[i]
      return base * uprev[i] + s
    }
  }
}
