import DiffEqBase

/// CHEMAKZO, the Chemical Akzo Nobel problem: an index-1 differential-algebraic equation
/// `M y′ = f(y)` with `M = diag(1, 1, 1, 1, 1, 0)` for a chemical process in which CO₂ is
/// bubbled through a reaction mixture (Akzo Nobel Central Research, Arnhem), with
/// k₁ = 18.7, k₂ = 0.58, k₃ = 0.09, k₄ = 0.42, K = 34.4, kLa = 3.3, Ks = 115.83,
/// p(CO₂) = 0.9, H = 737:
///
/// ```
/// r₁ = k₁y₁⁴√y₂   r₂ = k₂y₃y₄   r₃ = (k₂/K)y₁y₅   r₄ = k₃y₁y₄²   r₅ = k₄y₆²√y₂
/// F_in = kLa(p(CO₂)/H − y₂)
///
/// y₁′ = −2r₁ + r₂ − r₃ − r₄
/// y₂′ = −r₁/2 − r₄ − r₅/2 + F_in
/// y₃′ = r₁ − r₂ + r₃
/// y₄′ = −r₂ + r₃ − 2r₄
/// y₅′ = r₂ − r₃ + r₅
///  0  = Ks·y₁y₄ − y₆
/// ```
///
/// with the consistent `y(0) = (0.444, 0.00123, 0, 0.007, 0, Ks·0.444·0.007)` on `(0, 180)`.
/// `y₂` must stay nonnegative: for `y₂ < 0` the Test Set's feval returns an error flag, and
/// here `√y₂` is NaN, so the step is rejected. Test Set for IVP Solvers (Bari), chemakzo.F
/// (feval, jeval, init; the same model as mauro3/IVPTestSuite.jl src/testcases/chemakzo.jl);
/// problems.json id "chemakzo".
public struct ChemicalAkzoNobel: ODEFunction {
  /// The model.
  @inlinable public init() {}

  // The constants of chemakzo.F (k₁ … k₄, K, kLa, Ks, p(CO₂), H).
  @usableFromInline static let k1 = 18.7
  @usableFromInline static let k2 = 0.58
  @usableFromInline static let k3 = 0.09
  @usableFromInline static let k4 = 0.42
  @usableFromInline static let kBig = 34.4
  @usableFromInline static let kla = 3.3
  @usableFromInline static let ks = 115.83
  @usableFromInline static let pCO2 = 0.9
  @usableFromInline static let henry = 737.0

  /// The right-hand side (chemakzo.F, feval); the sixth component is the algebraic
  /// constraint `Ks·y₁y₄ − y₆`.
  @inlinable
  public func callAsFunction(
    _ du: inout [Double], _ u: [Double], _ p: NullParameters, _ t: Double
  ) {
    let y1sq = u[0] * u[0]
    let sqrtY2 = u[1].squareRoot()
    let r1 = Self.k1 * (y1sq * y1sq) * sqrtY2
    let r2 = Self.k2 * u[2] * u[3]
    let r3 = (Self.k2 / Self.kBig) * u[0] * u[4]
    let r4 = Self.k3 * u[0] * (u[3] * u[3])
    let r5 = Self.k4 * (u[5] * u[5]) * sqrtY2
    let fin = Self.kla * (Self.pCO2 / Self.henry - u[1])
    du[0] = -2 * r1 + r2 - r3 - r4
    du[1] = -0.5 * r1 - r4 - 0.5 * r5 + fin
    du[2] = r1 - r2 + r3
    du[3] = -r2 + r3 - 2 * r4
    du[4] = r2 - r3 + r5
    du[5] = Self.ks * u[0] * u[3] - u[5]
  }

  /// The analytic Jacobian `∂f/∂y` (chemakzo.F, jeval), every entry of the 6 × 6 matrix `J`,
  /// from the partial derivatives of the rates
  ///
  /// ```
  /// ∂r₁/∂y₁ = 4k₁y₁³√y₂   ∂r₁/∂y₂ = k₁y₁⁴/(2√y₂)   ∂r₂/∂y₃ = k₂y₄   ∂r₂/∂y₄ = k₂y₃
  /// ∂r₃/∂y₁ = (k₂/K)y₅    ∂r₃/∂y₅ = (k₂/K)y₁       ∂r₄/∂y₁ = k₃y₄²  ∂r₄/∂y₄ = 2k₃y₁y₄
  /// ∂r₅/∂y₂ = k₄y₆²/(2√y₂)  ∂r₅/∂y₆ = 2k₄y₆√y₂     ∂F_in/∂y₂ = −kLa
  /// ```
  ///
  /// and the constraint row `(Ks·y₄, 0, 0, Ks·y₁, 0, −1)`. Infinite at `y₂ = 0`.
  @inlinable
  public static func jacobian(
    _ jac: inout DenseMatrix, _ u: [Double], _ p: NullParameters, _ t: Double
  ) {
    jac.fill(0)
    let sqrtY2 = u[1].squareRoot()
    let y1sq = u[0] * u[0]
    let r11 = 4 * k1 * (y1sq * u[0]) * sqrtY2
    let r12 = 0.5 * k1 * (y1sq * y1sq) / sqrtY2
    let r23 = k2 * u[3]
    let r24 = k2 * u[2]
    let r31 = (k2 / kBig) * u[4]
    let r35 = (k2 / kBig) * u[0]
    let r41 = k3 * (u[3] * u[3])
    let r44 = 2 * k3 * u[0] * u[3]
    let r52 = 0.5 * k4 * (u[5] * u[5]) / sqrtY2
    let r56 = 2 * k4 * u[5] * sqrtY2
    let fin2 = -kla

    jac[0, 0] = -2 * r11 - r31 - r41
    jac[0, 1] = -2 * r12
    jac[0, 2] = r23
    jac[0, 3] = r24 - r44
    jac[0, 4] = -r35

    jac[1, 0] = -0.5 * r11 - r41
    jac[1, 1] = -0.5 * r12 - 0.5 * r52 + fin2
    jac[1, 3] = -r44
    jac[1, 5] = -0.5 * r56

    jac[2, 0] = r11 + r31
    jac[2, 1] = r12
    jac[2, 2] = -r23
    jac[2, 3] = -r24
    jac[2, 4] = r35

    jac[3, 0] = r31 - 2 * r41
    jac[3, 2] = -r23
    jac[3, 3] = -r24 - 2 * r44
    jac[3, 4] = r35

    jac[4, 0] = -r31
    jac[4, 1] = r52
    jac[4, 2] = r23
    jac[4, 3] = r24
    jac[4, 4] = -r35
    jac[4, 5] = r56

    jac[5, 0] = ks * u[3]
    jac[5, 3] = ks * u[0]
    jac[5, 5] = -1
  }

  /// The consistent `y(0) = (0.444, 0.00123, 0, 0.007, 0, Ks·y₁(0)·y₄(0))` (chemakzo.F,
  /// init; problems.json "chemakzo" `y0`): `y₆(0) = 115.83·0.444·0.007 ≈ 0.35999964` is
  /// computed in the same order as the Test Set, so the constraint holds exactly.
  public static let initialValue: [Double] = [0.444, 0.00123, 0, 0.007, 0, ks * 0.444 * 0.007]

  /// The end of the Test Set interval, `t = 180`, where ``reference`` applies.
  public static let tEnd: Double = 180

  /// The reference solution at `t = 180`: problems.json "chemakzo" `reference.y_str`, the
  /// Test Set's chemakzo.F solut values (as carried verbatim by IDAES/idaes-pse
  /// idaes/core/solvers/features.py, function dae; mauro3/IVPTestSuite.jl
  /// src/testcases/chemakzo.jl has the same values to 14 digits), computed with PSIDE in true
  /// double precision on a Cray C90 at rtol = atol = 1e-19 (the solut comment, as reproduced
  /// in J. Ernsthausen's DASSL driver adapted from the Test Set).
  public static let reference: [Double] = [
    0.1150794920661702, 0.1203831471567715e-2, 0.1611562887407974, 0.3656156421249283e-3,
    0.1708010885264404e-1, 0.4873531310307455e-2,
  ]

  /// The DAE on `(0, tEnd)` (default 180, where ``reference`` applies) with mass matrix
  /// `diag(1, 1, 1, 1, 1, 0)` and the analytic Jacobian; autonomous.
  public static func problem(tEnd: Double = ChemicalAkzoNobel.tEnd)
    -> ODEProblem<ChemicalAkzoNobel>
  {
    ODEProblem(
      ChemicalAkzoNobel(), u0: initialValue, tspan: (0, tEnd), p: NullParameters(),
      massMatrix: .diagonal([1, 1, 1, 1, 1, 0]),
      jac: { jac, u, p, t in ChemicalAkzoNobel.jacobian(&jac, u, p, t) }, isAutonomous: true)
  }
}
