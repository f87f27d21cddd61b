import DiffEqBase
import DiffEqDDE

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A neutral equation with a state-dependent argument and a closed form: DDETST problem H2
/// (Hayashi, "Numerical solution of retarded and neutral delay differential equations using
/// continuous Runge–Kutta methods", PhD thesis, Toronto 1996; DDEProblemLibrary.jl's
/// `prob_dde_DDETST_H2`), with `z = t·u(t)²`:
///
/// ```
/// u′ = cos t·(1 + u(z)) + L₃·u·u′(z) + (1 − L₃)·sin t·cos(t sin²t) − sin(t + t sin²t),
/// L₃ = 0.1,  t ∈ [0, π],  u(0) = 0, u′(0) = 1;   exact solution u = sin t
/// ```
///
/// The lag `t(1 − u²)` vanishes at `t = 0` and `t = π/2`.
public struct HayashiH2: DDEFunction {
  /// The model.
  @inlinable public init() {}

  /// The right-hand side.
  @inlinable
  public func callAsFunction(
    _ du: inout [Double], _ u: [Double], _ h: DDEHistory<[Double]>, _ p: NullParameters,
    _ t: Double
  ) {
    let s = sin(t)
    let a = t * s * s
    let z = t * u[0] * u[0]
    let l3 = 0.1
    du[0] =
      cos(t) * (1 + h(z, index: 0)) + l3 * u[0] * h(z, index: 0, derivative: 1)
      + (1 - l3) * s * cos(a) - sin(t + a)
  }

  /// The problem on `(0, tEnd)` (default `π`).
  public static func problem(tEnd: Double = Double.pi) -> DDEProblem<HayashiH2> {
    DDEProblem(
      HayashiH2(), u0: [0.0],
      history: { out, _, _, derivative in out[0] = derivative == 0 ? 0 : 1 },
      tspan: (0, tEnd), p: NullParameters(),
      dependentLags: [{ u, _, t in t * (1 - u[0] * u[0]) }], neutral: true)
  }
}
