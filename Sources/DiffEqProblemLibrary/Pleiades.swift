import DiffEqBase

/// PLEI, the Pleiades problem: seven bodies in the plane with masses `mⱼ = j`,
///
/// ```
/// xᵢ″ = Σ_{j≠i} mⱼ (xⱼ − xᵢ)/rᵢⱼ^(3/2),  yᵢ″ = Σ_{j≠i} mⱼ (yⱼ − yᵢ)/rᵢⱼ^(3/2),
/// rᵢⱼ = (xᵢ − xⱼ)² + (yᵢ − yⱼ)²
/// ```
///
/// with state `x₁…x₇, y₁…y₇, x₁′…x₇′, y₁′…y₇′` on `(0, 3)`. Test Set for IVP Solvers (Bari),
/// plei.F rev 1.2 (CRAN deTestSet src/Ex_pleiades.f, pleiafunc); problems.json id "plei".
/// The C baseline evaluates the same expression in the same order.
public struct Pleiades: ODEFunction {
  /// The model.
  @inlinable public init() {}

  /// The right-hand side.
  @inlinable
  public func callAsFunction(
    _ du: inout [Double], _ u: [Double], _ p: NullParameters, _ t: Double
  ) {
    for i in 0..<14 { du[i] = u[14 + i] }
    for i in 0..<7 {
      var ax = 0.0
      var ay = 0.0
      for j in 0..<7 where j != i {
        let dx = u[j] - u[i]
        let dy = u[7 + j] - u[7 + i]
        let r = dx * dx + dy * dy
        let r32 = r * r.squareRoot()
        ax += Double(j + 1) * dx / r32
        ay += Double(j + 1) * dy / r32
      }
      du[14 + i] = ax
      du[21 + i] = ay
    }
  }

  /// problems.json "plei" `y0` (plei.F, subroutine init).
  public static let initialValue: [Double] = [
    3, 3, -1, -3, 2, -2, 2,  // x₁ … x₇
    3, -3, 2, 0, 0, -4, 4,  // y₁ … y₇
    0, 0, 0, 0, 0, 1.75, -1.5,  // x₁′ … x₇′
    0, 0, 0, -1.25, 1, 0, 0,  // y₁′ … y₇′
  ]

  /// The reference solution at `t = 3`: problems.json "plei" `reference.y_str`, from plei.F's
  /// subroutine solut (deTestSet src/Ex_pleiades.f, pleiasoln, commit d5c4cbe8), computed with
  /// PSIDE on a Cray C90 at rtol = atol = 1e-16.
  public static let reference: [Double] = [
    0.3706139143970502, 0.3237284092057233e1, -0.3222559032418324e1, 0.6597091455775310,
    0.3425581707156584, 0.1562172101400631e1, -0.7003092922212495, -0.3943437585517392e1,
    -0.3271380973972550e1, 0.5225081843456543e1, -0.2590612434977470e1, 0.1198213693392275e1,
    -0.2429682344935824, 0.1091449240428980e1, 0.3417003806314313e1, 0.1354584501625501e1,
    -0.2590065597810775e1, 0.2025053734714242e1, -0.1155815100160448e1, -0.8072988170223021,
    0.5952396354208710, -0.3741244961234010e1, 0.3773459685750630, 0.9386858869551073,
    0.3667922227200571, -0.3474046353808490, 0.2344915448180937e1, -0.1947020434263292e1,
  ]

  /// The problem on `(0, tEnd)` (default 3, where ``reference`` applies).
  public static func problem(tEnd: Double = 3) -> ODEProblem<Pleiades> {
    ODEProblem(Pleiades(), u0: initialValue, tspan: (0, tEnd), p: NullParameters())
  }
}
