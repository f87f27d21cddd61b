import DiffEqBase
import DiffEqDAE

/// Robertson's chemical kinetics as a residual DAE: the third equation of ``Rober`` replaced
/// by the conservation law it implies,
///
/// ```
/// 0 = u′₁ − (−0.04u₁ + 10⁴u₂u₃)
/// 0 = u′₂ − (0.04u₁ − 10⁴u₂u₃ − 3·10⁷u₂²)
/// 0 = u₁ + u₂ + u₃ − 1
/// ```
///
/// with `u(0) = (1, 0, 0)`, `u′(0) = (−0.04, 0.04, 0)` (consistent; `u₃` algebraic) — the
/// form of SUNDIALS' `idaRoberts_dns` example and of DifferentialEquations.jl's DAE
/// tutorial. The first two residuals use ``Rober``'s arithmetic operation for operation
/// (the same as `Benchmarks/compare/ida_dae.c`).
public enum RobertsonDAE {
  /// `u(0) = (1, 0, 0)`.
  public static let initialValue: [Double] = [1, 0, 0]
  /// `u′(0) = (−0.04, 0.04, 0)`.
  public static let initialDerivative: [Double] = [-0.04, 0.04, 0]
  /// `[true, true, false]`.
  public static let differentialVars = [true, true, false]

  /// `F(u′, u)`.
  @inlinable
  public static func residual(
    _ res: inout [Double], _ du: [Double], _ u: [Double], _ p: NullParameters, _ t: Double
  ) {
    Rober()(&res, u, p, t)
    res[0] = du[0] - res[0]
    res[1] = du[1] - res[1]
    res[2] = u[0] + u[1] + u[2] - 1
  }

  /// `∂F/∂u + c ∂F/∂u′`, every entry.
  @inlinable
  public static func jacobian(
    _ jac: inout DenseMatrix, _ du: [Double], _ u: [Double], _ p: NullParameters, _ c: Double,
    _ t: Double
  ) {
    jac[0, 0] = c + 0.04
    jac[0, 1] = -(1e4 * u[2])
    jac[0, 2] = -(1e4 * u[1])
    jac[1, 0] = -0.04
    jac[1, 1] = c - (-1e4 * u[2] - 6e7 * u[1])
    jac[1, 2] = 1e4 * u[1]
    jac[2, 0] = 1
    jac[2, 1] = 1
    jac[2, 2] = 1
  }

  /// The reference at `t = 10⁵` (the Test Set publishes ROBER only at `t = 10¹¹`, which is
  /// ``Rober/reference``): SUNDIALS 6.4.1 IDA (Release, -O2) on this residual with dense LU
  /// and the analytic Jacobian at rtol = 1e-13, abstol = (1e-19, 1e-19, 1e-16); CVODE on the
  /// ODE form at the same tolerances agrees to 11.6 significant digits
  /// (`Benchmarks/compare/reference/roberdae_1e5.txt`, which says how it was made).
  public static let reference1e5: [Double] = [
    0.017865921142222803, 7.2747514684874413e-08, 0.98213400611026236,
  ]

  /// The same equations as a mass-matrix DAE `M u′ = f(u)` for the Rosenbrock and BDF methods,
  /// `M = diag(1, 1, 0)` by default (any `massMatrix` with that meaning, e.g. stored by rows),
  /// with the analytic Jacobian `∂f/∂u` (the difference increment of a zero component would
  /// vanish next to `u₁ = 1` in the constraint's sum).
  public static func massMatrixProblem(
    tEnd: Double = 1e5, massMatrix: MassMatrix = .diagonal([1, 1, 0])
  ) -> ODEProblem<InPlaceODEFunction<[Double], NullParameters>> {
    let f = InPlaceODEFunction<[Double], NullParameters> { du, u, p, t in
      Rober()(&du, u, p, t)
      du[2] = u[0] + u[1] + u[2] - 1
    }
    return ODEProblem(
      f, u0: initialValue, tspan: (0, tEnd), p: NullParameters(), massMatrix: massMatrix,
      jac: { j, u, p, t in
        Rober.jacobian(&j, u, p, t)
        j[2, 0] = 1
        j[2, 1] = 1
        j[2, 2] = 1
      })
  }

  /// The DAE on `(0, tEnd)` with the analytic iteration matrix.
  public static func problem(tEnd: Double = 1e5) -> DAEProblem<[Double], NullParameters> {
    DAEProblem(
      du0: initialDerivative, u0: initialValue, tspan: (0, tEnd), p: NullParameters(),
      differentialVars: differentialVars,
      jac: { j, du, u, p, c, t in RobertsonDAE.jacobian(&j, du, u, p, c, t) },
      { res, du, u, p, t in RobertsonDAE.residual(&res, du, u, p, t) })
  }
}
