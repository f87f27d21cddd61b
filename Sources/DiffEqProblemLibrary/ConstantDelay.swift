import DiffEqBase
import DiffEqDDE

/// `u′(t) = −u(t − 1)` with `u = 0` before 0 and `u(0) = 1` (DDEProblemLibrary.jl's
/// `prob_dde_constant_1delay_ip`; ../shared/reference/problems.json id
/// "dde_constant_1delay"). The history jumps at `t₀`, so `u⁽ᵏ⁾` jumps at `t = k`; the
/// solution is a polynomial on each `[k, k + 1]`.
public struct ConstantDelay: DDEFunction {
  /// The model.
  @inlinable public init() {}

  /// The right-hand side.
  @inlinable
  public func callAsFunction(
    _ du: inout [Double], _ u: [Double], _ h: DDEHistory<[Double]>, _ p: NullParameters,
    _ t: Double
  ) {
    du[0] = -h(t - 1, index: 0)
  }

  /// `u(10) = 19223/362880`, exact (the shared reference).
  public static let reference10 = 19223.0 / 362880.0

  /// The exact solution `u(t) = Σ_{k=0}^{⌊t⌋} (−1)ᵏ (t − k)ᵏ / k!` for `t ≥ 0` (the term `k`
  /// enters at `t = k`), 0 before.
  public static func exact(_ t: Double) -> Double {
    if t < 0 { return 0 }
    var sum = 0.0
    var k = 0
    while Double(k) <= t {
      var term = 1.0
      for i in 0..<k { term *= -(t - Double(k)) / Double(i + 1) }
      sum += term
      k += 1
    }
    return sum
  }

  /// The problem on `(0, tEnd)`.
  public static func problem(tEnd: Double = 10) -> DDEProblem<ConstantDelay> {
    DDEProblem(
      ConstantDelay(), u0: [1.0], history: { out, _, _, _ in out[0] = 0 }, tspan: (0, tEnd),
      p: NullParameters(), constantLags: [1])
  }
}
