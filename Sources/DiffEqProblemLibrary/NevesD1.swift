import DiffEqBase
import DiffEqDDE

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A state-dependent lag with a closed form: DDETST problem D1 (Neves, "Automatic
/// integration of functional differential equations: an approach", ACM TOMS 1 (1975)
/// 357–368; in Paul's DDETST test set and DDEProblemLibrary.jl's `prob_dde_DDETST_D1`):
///
/// ```
/// u₁′ = u₂,   u₂′ = −u₂(exp(1 − u₂(t))) · u₂(t)² · exp(1 − u₂(t)),   t ∈ [0.1, 5]
/// u(t) = (log t, 1/t) for t ≤ 0.1;   exact solution (log t, 1/t)
/// ```
///
/// The deviating argument `exp(1 − u₂)` depends on the state; the lag `t − exp(1 − u₂)`
/// vanishes at `t = 1`.
public struct NevesD1: DDEFunction {
  /// The model.
  @inlinable public init() {}

  /// The right-hand side.
  @inlinable
  public func callAsFunction(
    _ du: inout [Double], _ u: [Double], _ h: DDEHistory<[Double]>, _ p: NullParameters,
    _ t: Double
  ) {
    let s = exp(1 - u[1])
    du[0] = u[1]
    du[1] = -h(s, index: 1) * u[1] * u[1] * s
  }

  /// The exact solution `(log t, 1/t)`.
  public static func exact(_ t: Double) -> [Double] { [log(t), 1 / t] }

  /// The problem on `(0.1, tEnd)`.
  public static func problem(tEnd: Double = 5) -> DDEProblem<NevesD1> {
    DDEProblem(
      NevesD1(), u0: exact(0.1),
      history: { out, _, s, derivative in
        out[0] = derivative == 0 ? log(s) : 1 / s
        out[1] = derivative == 0 ? 1 / s : -1 / (s * s)
      }, tspan: (0.1, tEnd), p: NullParameters(),
      dependentLags: [{ u, _, t in t - exp(1 - u[1]) }])
  }
}
