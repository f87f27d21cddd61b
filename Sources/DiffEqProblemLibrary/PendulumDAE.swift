import DiffEqBase
import DiffEqDAE

/// The Cartesian pendulum (unit mass, length `L = 1`, `g = 9.81`) in index-1 form, as a
/// residual DAE in `(x, y, u, v, λ)`, `λ` the rod's tension per unit length:
///
/// ```
/// 0 = x′ − u
/// 0 = y′ − v
/// 0 = u′ + λx
/// 0 = v′ + λy + g
/// 0 = u² + v² − λ(x² + y²) − g·y
/// ```
///
/// The last equation is the constraint `x² + y² = 1` differentiated twice: `x u + y v = 0`,
/// then `u² + v² + x u′ + y v′ = 0`, with `u′ = −λx`, `v′ = −λy − g`. It is linear in `λ`
/// with coefficient `−(x² + y²) ≠ 0`, so `λ = (u² + v² − g y)/(x² + y²)` is determined by the
/// differential components: index 1.
///
/// The start: released from rest at `(x, y) = (0.8, −0.6)`, 36.87° below the horizontal
/// (53.13° from the downward vertical; a 3-4-5 triangle, so every start value is a short
/// decimal). It is consistent:
///
/// ```
/// u(0) = v(0) = 0                          (x u + y v = 0)
/// λ(0) = (0 + 0 − g·(−0.6))/(0.64 + 0.36) = 0.6 g = 5.886
/// u′(0) = −λx = −4.7088,   v′(0) = −λy − g = 3.5316 − 9.81 = −6.2784
/// x′(0) = u = 0,   y′(0) = v = 0
/// λ′(0) = 0                                (λ′ = (2uu′ + 2vv′ − g v)/r² − 2λ(xu + yv)/r²)
/// ```
///
/// Over `(0, 10)` it swings through about 4.7 periods (period
/// `4 K(k²)/√g = 2.1195…`, `k = sin(φ₀/2)`, `φ₀ = 53.13°`).
///
/// The index-1 form does not enforce `x² + y² = 1` or `x u + y v = 0`: a numerical solution
/// drifts off them (linearly in time, since `(x² + y²)″ = 0` on the index-1 system), and the
/// ladder measures the error of this system's solution, not the drift. From this consistent
/// start the exact solution does stay on the constraint, so the ``reference`` is the
/// pendulum's exact solution. The residual's arithmetic is that of
/// `Benchmarks/compare/ida_dae.c` (`pend_res`), operation for operation.
public enum PendulumDAE {
  /// The end of the time span, `t = 10`.
  public static let tEnd: Double = 10
  /// Gravity `g = 9.81`.
  public static let g = 9.81

  /// `u(0) = (x, y, u, v, λ) = (0.8, −0.6, 0, 0, 0.6 g)`.
  public static let initialValue: [Double] = [0.8, -0.6, 0, 0, 5.886]
  /// `u′(0) = (0, 0, −λ(0)·0.8, λ(0)·0.6 − g, 0) = (0, 0, −4.7088, −6.2784, 0)`.
  public static let initialDerivative: [Double] = [0, 0, -4.7088, -6.2784, 0]
  /// `[true, true, true, true, false]`: `λ` is algebraic.
  public static let differentialVars = [true, true, true, true, false]

  /// `F(u′, u)`:
  ///
  /// ```
  /// F = (x′ − u, y′ − v, u′ + λx, v′ + λy + g, u² + v² − λ(x² + y²) − g y)
  /// ```
  @inlinable
  public static func residual(
    _ res: inout [Double], _ du: [Double], _ u: [Double], _ p: NullParameters, _ t: Double
  ) {
    res[0] = du[0] - u[2]
    res[1] = du[1] - u[3]
    res[2] = du[2] + u[4] * u[0]
    res[3] = du[3] + u[4] * u[1] + g
    res[4] = u[2] * u[2] + u[3] * u[3] - u[4] * (u[0] * u[0] + u[1] * u[1]) - g * u[1]
  }

  /// `∂F/∂u + c ∂F/∂u′`, every entry:
  ///
  /// ```
  /// ⎡ c     0          −1   0    0         ⎤
  /// ⎢ 0     c           0  −1    0         ⎥
  /// ⎢ λ     0           c   0    x         ⎥
  /// ⎢ 0     λ           0   c    y         ⎥
  /// ⎣ −2λx  −2λy − g   2u  2v   −(x² + y²) ⎦
  /// ```
  @inlinable
  public static func jacobian(
    _ jac: inout DenseMatrix, _ du: [Double], _ u: [Double], _ p: NullParameters, _ c: Double,
    _ t: Double
  ) {
    jac.fill(0)
    jac[0, 0] = c
    jac[0, 2] = -1
    jac[1, 1] = c
    jac[1, 3] = -1
    jac[2, 0] = u[4]
    jac[2, 2] = c
    jac[2, 4] = u[0]
    jac[3, 1] = u[4]
    jac[3, 3] = c
    jac[3, 4] = u[1]
    constraintRow(&jac, u)
  }

  /// The constraint's row of both Jacobians, `∂F₅/∂u = ∂f₅/∂u =
  /// (−2λx, −2λy − g, 2u, 2v, −(x² + y²))`.
  @inlinable
  static func constraintRow(_ jac: inout DenseMatrix, _ u: [Double]) {
    jac[4, 0] = -2 * u[4] * u[0]
    jac[4, 1] = -2 * u[4] * u[1] - g
    jac[4, 2] = 2 * u[2]
    jac[4, 3] = 2 * u[3]
    jac[4, 4] = -(u[0] * u[0] + u[1] * u[1])
  }

  /// The right-hand side of the mass-matrix form `M u′ = f(u)`, `M = diag(1, 1, 1, 1, 0)`:
  ///
  /// ```
  /// f = (u, v, −λx, −λy − g, u² + v² − λ(x² + y²) − g y)
  /// ```
  ///
  /// (`F = M u′ − f` in the first four rows, `F₅ = f₅`.)
  @inlinable
  public static func rightHandSide(
    _ du: inout [Double], _ u: [Double], _ p: NullParameters, _ t: Double
  ) {
    du[0] = u[2]
    du[1] = u[3]
    du[2] = -u[4] * u[0]
    du[3] = -u[4] * u[1] - g
    du[4] = u[2] * u[2] + u[3] * u[3] - u[4] * (u[0] * u[0] + u[1] * u[1]) - g * u[1]
  }

  /// `∂f/∂u` of ``rightHandSide(_:_:_:_:)``, every entry:
  ///
  /// ```
  /// ⎡ 0     0          1   0    0         ⎤
  /// ⎢ 0     0          0   1    0         ⎥
  /// ⎢ −λ    0          0   0   −x         ⎥
  /// ⎢ 0    −λ          0   0   −y         ⎥
  /// ⎣ −2λx  −2λy − g   2u  2v  −(x² + y²) ⎦
  /// ```
  @inlinable
  public static func rightHandSideJacobian(
    _ jac: inout DenseMatrix, _ u: [Double], _ p: NullParameters, _ t: Double
  ) {
    jac.fill(0)
    jac[0, 2] = 1
    jac[1, 3] = 1
    jac[2, 0] = -u[4]
    jac[2, 4] = -u[0]
    jac[3, 1] = -u[4]
    jac[3, 4] = -u[1]
    constraintRow(&jac, u)
  }

  /// The exact solution at `t = 10`, `(x, y, u, v, λ)`, rounded to doubles:
  /// `Benchmarks/compare/reference/pendulum_dae.txt`, which says how it was made. With `φ` the
  /// angle from the downward vertical (`x = sin φ`, `y = −cos φ`), `φ₀ = atan2(0.8, 0.6)`,
  /// `k = sin(φ₀/2)`, `K = K(k²)` the complete elliptic integral of the first kind,
  ///
  /// ```
  /// φ(t) = 2 arcsin(k sn(K − √g t | k²)),   φ′(t) = −2k√g cn(K − √g t | k²),
  /// u = φ′ cos φ,   v = φ′ sin φ,   λ = u² + v² − g y,
  /// ```
  ///
  /// evaluated by mpmath at 50 digits; mpmath's Taylor integrator at 30 digits on this system
  /// (with `λ` eliminated) agrees to 22 digits. SUNDIALS IDA on ``residual(_:_:_:_:)`` (dense
  /// LU, analytic Jacobian) reaches it to 9.50 significant digits at rtol = 1e-13,
  /// abstol = 1e-16 and to 10.62 at rtol = 1e-14; ARKODE's explicit Verner 8(5,6) on the ODE
  /// form at rtol = 1e-14 to 10.73 (the index-1 drift limits them).
  public static let reference: [Double] = [
    -0.18703369553488841, -0.98235349886614776, 2.6906043016872205, -0.51227350067717081,
    17.138663471630728,
  ]

  /// The DAE on `(0, tEnd)` with the analytic iteration matrix ``jacobian(_:_:_:_:_:_:)``.
  public static func problem(tEnd: Double = PendulumDAE.tEnd)
    -> DAEProblem<[Double], NullParameters>
  {
    DAEProblem(
      du0: initialDerivative, u0: initialValue, tspan: (0, tEnd), p: NullParameters(),
      differentialVars: differentialVars,
      jac: { j, du, u, p, c, t in PendulumDAE.jacobian(&j, du, u, p, c, t) },
      { res, du, u, p, t in PendulumDAE.residual(&res, du, u, p, t) })
  }

  /// The same equations as a mass-matrix DAE `M u′ = f(u)` for the Rosenbrock and BDF methods,
  /// `M = diag(1, 1, 1, 1, 0)` by default, `f` = ``rightHandSide(_:_:_:_:)`` with its analytic
  /// Jacobian ``rightHandSideJacobian(_:_:_:_:)``.
  public static func massMatrixProblem(
    tEnd: Double = PendulumDAE.tEnd, massMatrix: MassMatrix = .diagonal([1, 1, 1, 1, 0])
  ) -> ODEProblem<InPlaceODEFunction<[Double], NullParameters>> {
    ODEProblem(
      InPlaceODEFunction<[Double], NullParameters> { du, u, p, t in
        PendulumDAE.rightHandSide(&du, u, p, t)
      }, u0: initialValue, tspan: (0, tEnd), p: NullParameters(), massMatrix: massMatrix,
      jac: { j, u, p, t in PendulumDAE.rightHandSideJacobian(&j, u, p, t) }, isAutonomous: true)
  }
}
