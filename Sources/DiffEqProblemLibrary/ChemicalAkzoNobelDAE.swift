import DiffEqBase
import DiffEqDAE

/// ``ChemicalAkzoNobel`` (Test Set "chemakzo", index 1) as a residual DAE,
/// `F(y′, y) = M y′ − f(y)` with `M = diag(1, 1, 1, 1, 1, 0)`:
///
/// ```
/// Fᵢ = y′ᵢ − fᵢ(y)   (i = 1 … 5),     F₆ = −f₆(y) = y₆ − Ks·y₁y₄,
/// ```
///
/// `f` from ``ChemicalAkzoNobel`` (the same arithmetic, and that of
/// `Benchmarks/compare/ida_dae.c`), `y(0)` its consistent start and `y′(0) = (f₁ … f₅, 0)(y(0))`;
/// reference ``ChemicalAkzoNobel/reference`` at `t = 180`.
public enum ChemicalAkzoNobelDAE {
  /// `[true, true, true, true, true, false]`.
  public static let differentialVars = [true, true, true, true, true, false]

  /// `y′(0)`: `f(y(0))` for the differential components, 0 for `y₆`.
  public static var initialDerivative: [Double] {
    var du = [Double](repeating: 0, count: 6)
    ChemicalAkzoNobel()(&du, ChemicalAkzoNobel.initialValue, NullParameters(), 0)
    du[5] = 0
    return du
  }

  /// `F(y′, y)`.
  @inlinable
  public static func residual(
    _ res: inout [Double], _ du: [Double], _ u: [Double], _ p: NullParameters, _ t: Double
  ) {
    ChemicalAkzoNobel()(&res, u, p, t)
    for i in 0..<5 { res[i] = du[i] - res[i] }
    res[5] = -res[5]
  }

  /// `∂F/∂y + c ∂F/∂y′ = −J_f + c M`, every entry.
  @inlinable
  public static func jacobian(
    _ jac: inout DenseMatrix, _ du: [Double], _ u: [Double], _ p: NullParameters, _ c: Double,
    _ t: Double
  ) {
    ChemicalAkzoNobel.jacobian(&jac, u, p, t)
    for j in 0..<6 { for i in 0..<6 { jac[i, j] = -jac[i, j] } }
    for i in 0..<5 { jac[i, i] += c }
  }

  /// The DAE on `(0, tEnd)` with the analytic iteration matrix.
  public static func problem(tEnd: Double = ChemicalAkzoNobel.tEnd)
    -> DAEProblem<[Double], NullParameters>
  {
    DAEProblem(
      du0: initialDerivative, u0: ChemicalAkzoNobel.initialValue, tspan: (0, tEnd),
      p: NullParameters(), differentialVars: differentialVars,
      jac: { j, du, u, p, c, t in ChemicalAkzoNobelDAE.jacobian(&j, du, u, p, c, t) },
      { res, du, u, p, t in ChemicalAkzoNobelDAE.residual(&res, du, u, p, t) })
  }
}
