import DiffEqBase
import DiffEqDDE

/// The Mackey–Glass model of blood production (DDETST problem A1; Mackey & Glass, Science
/// 197 (1977) 287–289; DDEProblemLibrary.jl's `prob_dde_DDETST_A1`):
///
/// ```
/// u′(t) = 0.2·u(t − 14) / (1 + u(t − 14)¹⁰) − 0.1·u(t),   u = 0.5 for t ≤ 0,   t ∈ [0, 500]
/// ```
public struct MackeyGlass: DDEFunction {
  /// The model.
  @inlinable public init() {}

  /// The right-hand side.
  @inlinable
  public func callAsFunction(
    _ du: inout [Double], _ u: [Double], _ h: DDEHistory<[Double]>, _ p: NullParameters,
    _ t: Double
  ) {
    let z = h(t - 14, index: 0)
    let z2 = z * z
    let z4 = z2 * z2
    let z10 = z4 * z4 * z2
    du[0] = 0.2 * z / (1 + z10) - 0.1 * u[0]
  }

  /// The problem on `(0, tEnd)`.
  public static func problem(tEnd: Double = 500) -> DDEProblem<MackeyGlass> {
    DDEProblem(
      MackeyGlass(), u0: [0.5],
      history: { out, _, _, derivative in
        out[0] = derivative == 0 ? 0.5 : 0
      }, tspan: (0, tEnd), p: NullParameters(), constantLags: [14])
  }
}
