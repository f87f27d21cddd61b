import DiffEqBase

/// HIRES, the "High Irradiance RESponse" of photomorphogenesis (Schäfer 1975; Hairer & Wanner,
/// *Solving ODEs II*, §IV.10), a stiff linear-plus-bilinear system of eight equations:
///
/// ```
/// y₁′ = −1.71y₁ + 0.43y₂ + 8.32y₃ + 0.0007
/// y₂′ = 1.71y₁ − 8.75y₂
/// y₃′ = −10.03y₃ + 0.43y₄ + 0.035y₅
/// y₄′ = 8.32y₂ + 1.71y₃ − 1.12y₄
/// y₅′ = −1.745y₅ + 0.43(y₆ + y₇)
/// y₆′ = −280y₆y₈ + 0.69y₄ + 1.71y₅ − 0.43y₆ + 0.69y₇
/// y₇′ = 280y₆y₈ − 1.81y₇
/// y₈′ = −y₇′
/// ```
///
/// with `y(0) = (1, 0, 0, 0, 0, 0, 0, 0.0057)` on `(0, 321.8122)`. Test Set for IVP Solvers
/// (Bari), hires.F rev 1.2 (feval, jeval, init); problems.json id "hires".
public struct Hires: DifferentiableODEFunction {
  /// The state: the concentrations.
  public typealias State = [Double]
  /// No parameters.
  public typealias Parameters = NullParameters

  /// The model.
  @inlinable public init() {}

  /// The right-hand side (hires.F, feval).
  @inlinable
  public func evaluate<T: DiffEqReal>(
    _ du: inout [T], _ u: [T], _ p: NullParameters, _ t: T
  ) {
    du[0] = -1.71 * u[0] + 0.43 * u[1] + 8.32 * u[2] + 0.0007
    du[1] = 1.71 * u[0] - 8.75 * u[1]
    du[2] = -10.03 * u[2] + 0.43 * u[3] + 0.035 * u[4]
    du[3] = 8.32 * u[1] + 1.71 * u[2] - 1.12 * u[3]
    du[4] = -1.745 * u[4] + 0.43 * (u[5] + u[6])
    du[5] = -280.0 * u[5] * u[7] + 0.69 * u[3] + 1.71 * u[4] - 0.43 * u[5] + 0.69 * u[6]
    du[6] = 280.0 * u[5] * u[7] - 1.81 * u[6]
    du[7] = -du[6]
  }

  /// The analytic Jacobian `∂f/∂y` (hires.F, jeval), every entry of the 8 × 8 matrix `J`:
  /// constant except `∂f₆/∂y₆ = −280y₈ − 0.43`, `∂f₆/∂y₈ = −280y₆`, `∂f₇/∂y₆ = 280y₈`,
  /// `∂f₇/∂y₈ = 280y₆` and row 8 = −row 7.
  @inlinable
  public static func jacobian(
    _ jac: inout DenseMatrix, _ u: [Double], _ p: NullParameters, _ t: Double
  ) {
    jac.fill(0)
    jac[0, 0] = -1.71
    jac[0, 1] = 0.43
    jac[0, 2] = 8.32
    jac[1, 0] = 1.71
    jac[1, 1] = -8.75
    jac[2, 2] = -10.03
    jac[2, 3] = 0.43
    jac[2, 4] = 0.035
    jac[3, 1] = 8.32
    jac[3, 2] = 1.71
    jac[3, 3] = -1.12
    jac[4, 4] = -1.745
    jac[4, 5] = 0.43
    jac[4, 6] = 0.43
    jac[5, 3] = 0.69
    jac[5, 4] = 1.71
    jac[5, 5] = -280.0 * u[7] - 0.43
    jac[5, 6] = 0.69
    jac[5, 7] = -280.0 * u[5]
    jac[6, 5] = 280.0 * u[7]
    jac[6, 6] = -1.81
    jac[6, 7] = 280.0 * u[5]
    jac[7, 5] = -280.0 * u[7]
    jac[7, 6] = 1.81
    jac[7, 7] = -280.0 * u[5]
  }

  /// `y(0) = (1, 0, 0, 0, 0, 0, 0, 0.0057)` (hires.F, init; problems.json "hires" `y0`).
  public static let initialValue: [Double] = [1, 0, 0, 0, 0, 0, 0, 0.0057]

  /// The end of the Test Set interval, `t = 321.8122`, where ``reference`` applies.
  public static let tEnd: Double = 321.8122

  /// The reference solution at `t = 321.8122`: problems.json "hires" `reference.y_str`, from
  /// hires.F's subroutine solut (liuqx315/Multiscale-pattern sundials_extensions/regression/
  /// hires.f; identical in volpatto/pside problems/HIRES/hires.f and CRAN deTestSet
  /// src/Ex_hires.f), computed with true double precision RADAU5 on a Cray C90 with
  /// uround = 1.01e-19, rtol = atol = h0 = 1.1e-18.
  public static let reference: [Double] = [
    0.7371312573325668e-3, 0.1442485726316185e-3, 0.5888729740967575e-4, 0.1175651343283149e-2,
    0.2386356198831331e-2, 0.6238968252742796e-2, 0.2849998395185769e-2, 0.2850001604814231e-2,
  ]

  /// The problem on `(0, tEnd)` (default 321.8122, where ``reference`` applies), with the
  /// analytic Jacobian; autonomous.
  public static func problem(tEnd: Double = Hires.tEnd) -> ODEProblem<Hires> {
    ODEProblem(
      Hires(), u0: initialValue, tspan: (0, tEnd), p: NullParameters(),
      jac: { jac, u, p, t in Hires.jacobian(&jac, u, p, t) }, isAutonomous: true)
  }
}
