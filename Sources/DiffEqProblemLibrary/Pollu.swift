import DiffEqBase

/// POLLU, the air pollution model of the Dutch National Institute of Public Health and
/// Environmental Protection (RIVM; Verwer 1994), chemistry of 20 species in 25 reactions:
///
/// ```
/// r₁ = k₁y₁        r₂ = k₂y₂y₄       r₃ = k₃y₅y₂       r₄ = k₄y₇        r₅ = k₅y₇
/// r₆ = k₆y₇y₆      r₇ = k₇y₉         r₈ = k₈y₉y₆       r₉ = k₉y₁₁y₂     r₁₀ = k₁₀y₁₁y₁
/// r₁₁ = k₁₁y₁₃     r₁₂ = k₁₂y₁₀y₂    r₁₃ = k₁₃y₁₄      r₁₄ = k₁₄y₁y₆    r₁₅ = k₁₅y₃
/// r₁₆ = k₁₆y₄      r₁₇ = k₁₇y₄       r₁₈ = k₁₈y₁₆      r₁₉ = k₁₉y₁₆     r₂₀ = k₂₀y₁₇y₆
/// r₂₁ = k₂₁y₁₉     r₂₂ = k₂₂y₁₉      r₂₃ = k₂₃y₁y₄     r₂₄ = k₂₄y₁₉y₁   r₂₅ = k₂₅y₂₀
///
/// y₁′ = −r₁ − r₁₀ − r₁₄ − r₂₃ − r₂₄ + r₂ + r₃ + r₉ + r₁₁ + r₁₂ + r₂₂ + r₂₅
/// y₂′ = −r₂ − r₃ − r₉ − r₁₂ + r₁ + r₂₁
/// y₃′ = −r₁₅ + r₁ + r₁₇ + r₁₉ + r₂₂
/// y₄′ = −r₂ − r₁₆ − r₁₇ − r₂₃ + r₁₅
/// y₅′ = −r₃ + 2r₄ + r₆ + r₇ + r₁₃ + r₂₀
/// y₆′ = −r₆ − r₈ − r₁₄ − r₂₀ + r₃ + 2r₁₈
/// y₇′ = −r₄ − r₅ − r₆ + r₁₃
/// y₈′ = r₄ + r₅ + r₆ + r₇
/// y₉′ = −r₇ − r₈
/// y₁₀′ = −r₁₂ + r₇ + r₉
/// y₁₁′ = −r₉ − r₁₀ + r₈ + r₁₁
/// y₁₂′ = r₉
/// y₁₃′ = −r₁₁ + r₁₀
/// y₁₄′ = −r₁₃ + r₁₂
/// y₁₅′ = r₁₄
/// y₁₆′ = −r₁₈ − r₁₉ + r₁₆
/// y₁₇′ = −r₂₀
/// y₁₈′ = r₂₀
/// y₁₉′ = −r₂₁ − r₂₂ − r₂₄ + r₂₃ + r₂₅
/// y₂₀′ = −r₂₅ + r₂₄
/// ```
///
/// with the rate constants
///
/// ```
/// k₁ = 0.35      k₂ = 26.6      k₃ = 1.23·10⁴   k₄ = 8.6·10⁻⁴    k₅ = 8.2·10⁻⁴
/// k₆ = 1.5·10⁴   k₇ = 1.3·10⁻⁴  k₈ = 2.4·10⁴    k₉ = 1.65·10⁴    k₁₀ = 9·10³
/// k₁₁ = 0.022    k₁₂ = 1.2·10⁴  k₁₃ = 1.88      k₁₄ = 1.63·10⁴   k₁₅ = 4.8·10⁶
/// k₁₆ = 3.5·10⁻⁴ k₁₇ = 0.0175   k₁₈ = 10⁸       k₁₉ = 4.44·10¹¹  k₂₀ = 1240
/// k₂₁ = 2.1      k₂₂ = 5.78     k₂₃ = 0.0474    k₂₄ = 1780       k₂₅ = 3.12
/// ```
///
/// and `y(0) = 0` except `y₂ = 0.2`, `y₄ = 0.04`, `y₇ = 0.1`, `y₈ = 0.3`, `y₉ = 0.01`,
/// `y₁₇ = 0.007`, on `(0, 60)`. Test Set for IVP Solvers (Bari), pollu.F rev 1.2 (feval,
/// jeval, init; volpatto/pside problems/Pollution/pollu.f); problems.json id "pollu".
public struct Pollu: DifferentiableODEFunction {
  /// The state: the concentrations.
  public typealias State = [Double]
  /// No parameters.
  public typealias Parameters = NullParameters

  /// The model.
  @inlinable public init() {}

  // The rate constants k₁ … k₂₅ (pollu.F, the parameter statement of feval and jeval).
  @usableFromInline static let k1 = 0.35
  @usableFromInline static let k2 = 26.6
  @usableFromInline static let k3 = 1.23e4
  @usableFromInline static let k4 = 8.6e-4
  @usableFromInline static let k5 = 8.2e-4
  @usableFromInline static let k6 = 1.5e4
  @usableFromInline static let k7 = 1.3e-4
  @usableFromInline static let k8 = 2.4e4
  @usableFromInline static let k9 = 1.65e4
  @usableFromInline static let k10 = 9e3
  @usableFromInline static let k11 = 2.2e-2
  @usableFromInline static let k12 = 1.2e4
  @usableFromInline static let k13 = 1.88
  @usableFromInline static let k14 = 1.63e4
  @usableFromInline static let k15 = 4.8e6
  @usableFromInline static let k16 = 3.5e-4
  @usableFromInline static let k17 = 1.75e-2
  @usableFromInline static let k18 = 1e8
  @usableFromInline static let k19 = 4.44e11
  @usableFromInline static let k20 = 1.24e3
  @usableFromInline static let k21 = 2.1
  @usableFromInline static let k22 = 5.78
  @usableFromInline static let k23 = 4.74e-2
  @usableFromInline static let k24 = 1.78e3
  @usableFromInline static let k25 = 3.12

  /// The right-hand side (pollu.F, feval): the 25 reaction rates, then the 20 balances.
  @inlinable
  public func evaluate<T: DiffEqReal>(
    _ du: inout [T], _ u: [T], _ p: NullParameters, _ t: T
  ) {
    let r1 = T(Self.k1) * u[0]
    let r2 = T(Self.k2) * u[1] * u[3]
    let r3 = T(Self.k3) * u[4] * u[1]
    let r4 = T(Self.k4) * u[6]
    let r5 = T(Self.k5) * u[6]
    let r6 = T(Self.k6) * u[6] * u[5]
    let r7 = T(Self.k7) * u[8]
    let r8 = T(Self.k8) * u[8] * u[5]
    let r9 = T(Self.k9) * u[10] * u[1]
    let r10 = T(Self.k10) * u[10] * u[0]
    let r11 = T(Self.k11) * u[12]
    let r12 = T(Self.k12) * u[9] * u[1]
    let r13 = T(Self.k13) * u[13]
    let r14 = T(Self.k14) * u[0] * u[5]
    let r15 = T(Self.k15) * u[2]
    let r16 = T(Self.k16) * u[3]
    let r17 = T(Self.k17) * u[3]
    let r18 = T(Self.k18) * u[15]
    let r19 = T(Self.k19) * u[15]
    let r20 = T(Self.k20) * u[16] * u[5]
    let r21 = T(Self.k21) * u[18]
    let r22 = T(Self.k22) * u[18]
    let r23 = T(Self.k23) * u[0] * u[3]
    let r24 = T(Self.k24) * u[18] * u[0]
    let r25 = T(Self.k25) * u[19]

    let loss1 = -r1 - r10 - r14 - r23 - r24
    du[0] = loss1 + r2 + r3 + r9 + r11 + r12 + r22 + r25
    du[1] = -r2 - r3 - r9 - r12 + r1 + r21
    du[2] = -r15 + r1 + r17 + r19 + r22
    du[3] = -r2 - r16 - r17 - r23 + r15
    du[4] = -r3 + r4 + r4 + r6 + r7 + r13 + r20
    du[5] = -r6 - r8 - r14 - r20 + r3 + r18 + r18
    du[6] = -r4 - r5 - r6 + r13
    du[7] = r4 + r5 + r6 + r7
    du[8] = -r7 - r8
    du[9] = -r12 + r7 + r9
    du[10] = -r9 - r10 + r8 + r11
    du[11] = r9
    du[12] = -r11 + r10
    du[13] = -r13 + r12
    du[14] = r14
    du[15] = -r18 - r19 + r16
    du[16] = -r20
    du[17] = r20
    du[18] = -r21 - r22 - r24 + r23 + r25
    du[19] = -r25 + r24
  }

  /// The analytic Jacobian `∂f/∂y` (pollu.F, jeval), every entry of the 20 × 20 matrix `J`:
  /// zero, then the 82 structurally nonzero entries `Σ_r ν_{ir} ∂r/∂y_j` of the reactions above.
  @inlinable
  public static func jacobian(
    _ jac: inout DenseMatrix, _ u: [Double], _ p: NullParameters, _ t: Double
  ) {
    jac.fill(0)
    jac[0, 0] = -k1 - k10 * u[10] - k14 * u[5] - k23 * u[3] - k24 * u[18]
    jac[0, 10] = -k10 * u[0] + k9 * u[1]
    jac[0, 5] = -k14 * u[0]
    jac[0, 3] = -k23 * u[0] + k2 * u[1]
    jac[0, 18] = -k24 * u[0] + k22
    jac[0, 1] = k2 * u[3] + k9 * u[10] + k3 * u[4] + k12 * u[9]
    jac[0, 12] = k11
    jac[0, 19] = k25
    jac[0, 4] = k3 * u[1]
    jac[0, 9] = k12 * u[1]
    jac[1, 3] = -k2 * u[1]
    jac[1, 4] = -k3 * u[1]
    jac[1, 10] = -k9 * u[1]
    jac[1, 9] = -k12 * u[1]
    jac[1, 18] = k21
    jac[1, 0] = k1
    jac[1, 1] = -k2 * u[3] - k3 * u[4] - k9 * u[10] - k12 * u[9]
    jac[2, 0] = k1
    jac[2, 3] = k17
    jac[2, 15] = k19
    jac[2, 18] = k22
    jac[2, 2] = -k15
    jac[3, 3] = -k2 * u[1] - k16 - k17 - k23 * u[0]
    jac[3, 1] = -k2 * u[3]
    jac[3, 0] = -k23 * u[3]
    jac[3, 2] = k15
    jac[4, 4] = -k3 * u[1]
    jac[4, 1] = -k3 * u[4]
    jac[4, 6] = 2 * k4 + k6 * u[5]
    jac[4, 5] = k6 * u[6] + k20 * u[16]
    jac[4, 8] = k7
    jac[4, 13] = k13
    jac[4, 16] = k20 * u[5]
    jac[5, 5] = -k6 * u[6] - k8 * u[8] - k14 * u[0] - k20 * u[16]
    jac[5, 6] = -k6 * u[5]
    jac[5, 8] = -k8 * u[5]
    jac[5, 0] = -k14 * u[5]
    jac[5, 16] = -k20 * u[5]
    jac[5, 1] = k3 * u[4]
    jac[5, 4] = k3 * u[1]
    jac[5, 15] = 2 * k18
    jac[6, 6] = -k4 - k5 - k6 * u[5]
    jac[6, 5] = -k6 * u[6]
    jac[6, 13] = k13
    jac[7, 6] = k4 + k5 + k6 * u[5]
    jac[7, 5] = k6 * u[6]
    jac[7, 8] = k7
    jac[8, 8] = -k7 - k8 * u[5]
    jac[8, 5] = -k8 * u[8]
    jac[9, 9] = -k12 * u[1]
    jac[9, 1] = -k12 * u[9] + k9 * u[10]
    jac[9, 8] = k7
    jac[9, 10] = k9 * u[1]
    jac[10, 10] = -k9 * u[1] - k10 * u[0]
    jac[10, 1] = -k9 * u[10]
    jac[10, 0] = -k10 * u[10]
    jac[10, 8] = k8 * u[5]
    jac[10, 5] = k8 * u[8]
    jac[10, 12] = k11
    jac[11, 10] = k9 * u[1]
    jac[11, 1] = k9 * u[10]
    jac[12, 12] = -k11
    jac[12, 10] = k10 * u[0]
    jac[12, 0] = k10 * u[10]
    jac[13, 13] = -k13
    jac[13, 9] = k12 * u[1]
    jac[13, 1] = k12 * u[9]
    jac[14, 0] = k14 * u[5]
    jac[14, 5] = k14 * u[0]
    jac[15, 15] = -k18 - k19
    jac[15, 3] = k16
    jac[16, 16] = -k20 * u[5]
    jac[16, 5] = -k20 * u[16]
    jac[17, 16] = k20 * u[5]
    jac[17, 5] = k20 * u[16]
    jac[18, 18] = -k21 - k22 - k24 * u[0]
    jac[18, 0] = -k24 * u[18] + k23 * u[3]
    jac[18, 3] = k23 * u[0]
    jac[18, 19] = k25
    jac[19, 19] = -k25
    jac[19, 0] = k24 * u[18]
    jac[19, 18] = k24 * u[0]
  }

  /// `y(0)`: zero except `y₂ = 0.2`, `y₄ = 0.04`, `y₇ = 0.1`, `y₈ = 0.3`, `y₉ = 0.01`,
  /// `y₁₇ = 0.007` (pollu.F, init; problems.json "pollu" `y0`).
  public static let initialValue: [Double] = [
    0, 0.2, 0, 0.04, 0, 0, 0.1, 0.3, 0.01, 0, 0, 0, 0, 0, 0, 0, 0.007, 0, 0, 0,
  ]

  /// The end of the Test Set interval, `t = 60`, where ``reference`` applies.
  public static let tEnd: Double = 60

  /// The reference solution at `t = 60`: problems.json "pollu" `reference.y_str`, from
  /// pollu.F's subroutine solut (liuqx315/Multiscale-pattern sundials_extensions/regression/
  /// pollu.f; identical in volpatto/pside problems/Pollution/pollu.f and CRAN deTestSet
  /// src/Ex_pollution.f), computed with true double precision RADAU5 on a Cray C90 with
  /// uround = 1.01e-19, rtol = atol = h0 = 1.1e-18. `y₁₆ ≈ 4·10⁻¹⁸` is negligible.
  public static let reference: [Double] = [
    0.5646255480022769e-1, 0.1342484130422339e+0, 0.4139734331099427e-8, 0.5523140207484359e-2,
    0.2018977262302196e-6, 0.1464541863493966e-6, 0.7784249118997964e-1, 0.3245075353396018e+0,
    0.7494013383880406e-2, 0.1622293157301561e-7, 0.1135863833257075e-7, 0.2230505975721359e-2,
    0.2087162882798630e-3, 0.1396921016840158e-4, 0.8964884856898295e-2, 0.4352846369330103e-17,
    0.6899219696263405e-2, 0.1007803037365946e-3, 0.1772146513969984e-5, 0.5682943292316392e-4,
  ]

  /// The problem on `(0, tEnd)` (default 60, where ``reference`` applies), with the analytic
  /// Jacobian; autonomous.
  public static func problem(tEnd: Double = Pollu.tEnd) -> ODEProblem<Pollu> {
    ODEProblem(
      Pollu(), u0: initialValue, tspan: (0, tEnd), p: NullParameters(),
      jac: { jac, u, p, t in Pollu.jacobian(&jac, u, p, t) }, isAutonomous: true)
  }
}
