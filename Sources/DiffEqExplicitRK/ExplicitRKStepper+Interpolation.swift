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

  /// Stores the step's start, size, initial state and step stages.
  @inlinable
  public mutating func record(
    into interpolant: inout ExplicitRKInterpolant<State>, t: Double, dt: Double, uprev: State
  ) {
    syncStages()
    interpolant.append(t: t, dt: dt, uprev: uprev, stages: k[0..<tableau.stageCount])
  }
}
