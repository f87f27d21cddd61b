import DiffEqBase

/// VDPOL, the van der Pol oscillator in the Test Set's scaled form (Hairer & Wanner,
/// *Solving ODEs II*, §IV.1) with ε = 10⁻⁶, a relaxation oscillation with sharp transitions:
///
/// ```
/// y₁′ = y₂
/// y₂′ = ((1 − y₁²)y₂ − y₁)/ε
/// ```
///
/// with `y(0) = (2, 0)` on `(0, 2)`. Test Set for IVP Solvers (Bari), vdpol.F rev 1.2
/// (feval, jeval, init); problems.json id "vdpol".
public struct VanDerPol: ODEFunction {
  /// The model.
  @inlinable public init() {}

  /// The right-hand side (vdpol.F, feval).
  @inlinable
  public func callAsFunction(
    _ du: inout [Double], _ u: [Double], _ p: NullParameters, _ t: Double
  ) {
    du[0] = u[1]
    du[1] = ((1 - u[0] * u[0]) * u[1] - u[0]) / 1e-6
  }

  /// The analytic Jacobian `∂f/∂y` (vdpol.F, jeval), every entry of the 2 × 2 matrix `J`:
  ///
  /// ```
  /// ⎡ 0                  1            ⎤
  /// ⎣ (−2y₁y₂ − 1)/ε     (1 − y₁²)/ε  ⎦
  /// ```
  @inlinable
  public static func jacobian(
    _ jac: inout DenseMatrix, _ u: [Double], _ p: NullParameters, _ t: Double
  ) {
    jac.fill(0)
    jac[0, 1] = 1
    jac[1, 0] = (-2 * u[0] * u[1] - 1) / 1e-6
    jac[1, 1] = (1 - u[0] * u[0]) / 1e-6
  }

  /// `y(0) = (2, 0)` (vdpol.F, init; problems.json "vdpol" `y0`).
  public static let initialValue: [Double] = [2, 0]

  /// The end of the Test Set interval, `t = 2`, where ``reference`` applies.
  public static let tEnd: Double = 2

  /// The reference solution at `t = 2`: problems.json "vdpol" `reference.y_str`, from
  /// vdpol.F's subroutine solut (liuqx315/Multiscale-pattern sundials_extensions/regression/
  /// vdpol.f; identical in volpatto/pside problems/VdPol/vdpol.f), computed with double
  /// precision RADAU on an Alphaserver DS20E with uround = 1.01e-19,
  /// rtol = atol = h0 = 1.1e-18.
  public static let reference: [Double] = [0.1706167732170483e+1, -0.8928097010247975e+0]

  /// The problem on `(0, tEnd)` (default 2, where ``reference`` applies), with the analytic
  /// Jacobian; autonomous.
  public static func problem(tEnd: Double = VanDerPol.tEnd) -> ODEProblem<VanDerPol> {
    ODEProblem(
      VanDerPol(), u0: initialValue, tspan: (0, tEnd), p: NullParameters(),
      jac: { jac, u, p, t in VanDerPol.jacobian(&jac, u, p, t) }, isAutonomous: true)
  }
}
