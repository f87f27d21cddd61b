import DiffEqBase

extension RosenbrockStepper {
  /// Fills the dense-output vectors of the step just computed: `Kⱼ = Σᵢ Hⱼᵢ kᵢ` (Rodas),
  /// `f(uₙ), f(uₙ₊₁)` (Hermite) or `k₁, k₂` (Rosenbrock23).
  @inlinable
  mutating func fillDenseOutput(u: State, dt: Double) {
    switch tableau.denseOutput {
    case .rodas(let rows, let h):
      let s = tableau.stageCount
      for r in 0..<rows {
        for idx in 0..<u.count {
          var acc = 0.0
          for i in 0..<s { acc += h[r * s + i] * Double(k[i][idx]) }
          dense[r][idx] = State.Scalar(acc)
        }
      }
    case .hermite:
      dense[0].assign(f0)
      dense[1].assign(f1)
    case .shampineReichelt:
      dense[0].assign(k[0])
      dense[1].assign(k[1])
    }
  }

  /// The dense output of the step just computed (see ``RosenbrockInterpolant``).
  @inlinable
  public mutating func interpolate<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, t: Double, dt: Double, uprev: State, theta: Double,
    derivative: Int, into out: inout State, stats: inout SolverStats
  ) where F.State == State {
    RosenbrockInterpolant<State>.evaluate(
      tableau.denseOutput, gamma: tableau.gamma, theta: theta, dt: dt, derivative: derivative,
      start: uprev, end: uEnd, vectors: dense, into: &out)
  }

  /// An empty dense output.
  public func makeInterpolant<F: ODEFunction>(_ f: F, _ p: F.Parameters)
    -> RosenbrockInterpolant<State> where F.State == State
  {
    RosenbrockInterpolant(tableau: tableau)
  }

  /// The dense output does not call `f`: nothing to do.
  public func updateParameters<F: ODEFunction>(
    of interpolant: inout RosenbrockInterpolant<State>, _ f: F, _ p: F.Parameters
  ) where F.State == State {}

  /// Appends the step just computed.
  @inlinable
  public mutating func record(
    into interpolant: inout RosenbrockInterpolant<State>, t: Double, dt: Double, uprev: State
  ) {
    interpolant.append(t: t, dt: dt, start: uprev, end: uEnd, vectors: dense[...])
  }
}
