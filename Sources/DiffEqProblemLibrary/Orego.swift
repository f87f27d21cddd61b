import DiffEqBase

/// OREGO, the Oregonator (Field & Noyes 1974; Hairer & Wanner, *Solving ODEs II*, §IV.1), a
/// stiff periodic model of the Belousov–Zhabotinsky reaction, with s = 77.27,
/// q = 8.375·10⁻⁶, w = 0.161:
///
/// ```
/// y₁′ = s(y₂ + y₁(1 − qy₁ − y₂))
/// y₂′ = (y₃ − (1 + y₁)y₂)/s
/// y₃′ = w(y₁ − y₃)
/// ```
///
/// with `y(0) = (1, 2, 3)` on `(0, 360)`. Test Set for IVP Solvers (Bari), orego.F rev 1.4
/// (feval, jeval, init); problems.json id "orego". (DiffEqProblemLibrary.jl's
/// `prob_ode_orego` stops at 30 instead.)
public struct Orego: ODEFunction {
  /// The model.
  @inlinable public init() {}

  /// The right-hand side (orego.F, feval).
  @inlinable
  public func callAsFunction(
    _ du: inout [Double], _ u: [Double], _ p: NullParameters, _ t: Double
  ) {
    du[0] = 77.27 * (u[1] + u[0] * (1 - 8.375e-6 * u[0] - u[1]))
    du[1] = (u[2] - (1 + u[0]) * u[1]) / 77.27
    du[2] = 0.161 * (u[0] - u[2])
  }

  /// The analytic Jacobian `∂f/∂y` (orego.F, jeval), every entry of the 3 × 3 matrix `J`:
  ///
  /// ```
  /// ⎡ s(1 − 2qy₁ − y₂)   s(1 − y₁)      0   ⎤
  /// ⎢ −y₂/s              −(1 + y₁)/s    1/s ⎥
  /// ⎣ w                   0            −w   ⎦
  /// ```
  @inlinable
  public static func jacobian(
    _ jac: inout DenseMatrix, _ u: [Double], _ p: NullParameters, _ t: Double
  ) {
    jac.fill(0)
    jac[0, 0] = 77.27 * (1 - 2 * 8.375e-6 * u[0] - u[1])
    jac[0, 1] = 77.27 * (1 - u[0])
    jac[1, 0] = -u[1] / 77.27
    jac[1, 1] = -(1 + u[0]) / 77.27
    jac[1, 2] = 1 / 77.27
    jac[2, 0] = 0.161
    jac[2, 2] = -0.161
  }

  /// `y(0) = (1, 2, 3)` (orego.F, init; problems.json "orego" `y0`).
  public static let initialValue: [Double] = [1, 2, 3]

  /// The end of the Test Set interval, `t = 360`, where ``reference`` applies.
  public static let tEnd: Double = 360

  /// The reference solution at `t = 360`: problems.json "orego" `reference.y_str`, from
  /// orego.F's subroutine solut (liuqx315/Multiscale-pattern sundials_extensions/regression/
  /// orego.f), computed with double precision RADAU on an Alphaserver DS20E with
  /// uround = 1.01e-19, rtol = h0 = 1.1e-18, atol = 1.1e-40.
  public static let reference: [Double] = [
    0.1000814870318523e+1, 0.1228178521549917e+4, 0.1320554942846706e+3,
  ]

  /// The problem on `(0, tEnd)` (default 360, where ``reference`` applies), with the analytic
  /// Jacobian; autonomous.
  public static func problem(tEnd: Double = Orego.tEnd) -> ODEProblem<Orego> {
    ODEProblem(
      Orego(), u0: initialValue, tspan: (0, tEnd), p: NullParameters(),
      jac: { jac, u, p, t in Orego.jacobian(&jac, u, p, t) }, isAutonomous: true)
  }
}
