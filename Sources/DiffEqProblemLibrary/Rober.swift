import DiffEqBase

/// ROBER, Robertson's autocatalytic chemical reaction (Robertson 1966; Hairer & Wanner,
/// *Solving ODEs II*, §IV.1), the classic very stiff kinetics problem:
///
/// ```
/// y₁′ = −0.04y₁ + 10⁴y₂y₃
/// y₂′ = 0.04y₁ − 10⁴y₂y₃ − 3·10⁷y₂²
/// y₃′ = 3·10⁷y₂²
/// ```
///
/// with `y(0) = (1, 0, 0)` on `(0, 10¹¹)`; `y₁ + y₂ + y₃ = 1` is conserved and `y₂` stays
/// near 10⁻¹³ at the end (use a componentwise or tiny absolute tolerance). Test Set for IVP
/// Solvers (Bari), rober.F rev 1.2 (feval, jeval, init); problems.json id "rober".
public struct Rober: ODEFunction {
  /// The model.
  @inlinable public init() {}

  /// The right-hand side (rober.F, feval).
  @inlinable
  public func callAsFunction(
    _ du: inout [Double], _ u: [Double], _ p: NullParameters, _ t: Double
  ) {
    let r1 = 0.04 * u[0]
    let r2 = 1e4 * u[1] * u[2]
    let r3 = 3e7 * (u[1] * u[1])
    du[0] = -r1 + r2
    du[1] = r1 - r2 - r3
    du[2] = r3
  }

  /// The analytic Jacobian `∂f/∂y` (rober.F, jeval), every entry of the 3 × 3 matrix `J`:
  ///
  /// ```
  /// ⎡ −0.04   10⁴y₃              10⁴y₂  ⎤
  /// ⎢  0.04  −10⁴y₃ − 6·10⁷y₂   −10⁴y₂  ⎥
  /// ⎣  0      6·10⁷y₂             0     ⎦
  /// ```
  @inlinable
  public static func jacobian(
    _ jac: inout DenseMatrix, _ u: [Double], _ p: NullParameters, _ t: Double
  ) {
    jac.fill(0)
    jac[0, 0] = -0.04
    jac[0, 1] = 1e4 * u[2]
    jac[0, 2] = 1e4 * u[1]
    jac[1, 0] = 0.04
    jac[1, 1] = -1e4 * u[2] - 6e7 * u[1]
    jac[1, 2] = -1e4 * u[1]
    jac[2, 1] = 6e7 * u[1]
  }

  /// `y(0) = (1, 0, 0)` (rober.F, init; problems.json "rober" `y0`).
  public static let initialValue: [Double] = [1, 0, 0]

  /// The end of the Test Set interval, `t = 10¹¹`, where ``reference`` applies.
  public static let tEnd: Double = 1e11

  /// The reference solution at `t = 10¹¹`: problems.json "rober" `reference.y_str`, from
  /// rober.F's subroutine solut (liuqx315/Multiscale-pattern sundials_extensions/regression/
  /// rober.f), computed with double precision RADAU on an Alphaserver DS20E with
  /// uround = 1.01e-19, rtol = atol = h0 = 1.1e-18.
  public static let reference: [Double] = [
    0.2083340149701255e-7, 0.8333360770334713e-13, 0.9999999791665050e+0,
  ]

  /// The problem on `(0, tEnd)` (default 10¹¹, where ``reference`` applies), with the
  /// analytic Jacobian; autonomous.
  public static func problem(tEnd: Double = Rober.tEnd) -> ODEProblem<Rober> {
    ODEProblem(
      Rober(), u0: initialValue, tspan: (0, tEnd), p: NullParameters(),
      jac: { jac, u, p, t in Rober.jacobian(&jac, u, p, t) }, isAutonomous: true)
  }
}
