import DiffEqBase

/// The numerical differentiation formula of fixed order 2 on a quasi-constant step
/// (DifferentialEquations.jl's `QNDF2`; `ode15s` restricted to order 2) for stiff problems:
/// ``QNDF`` with `minOrder = maxOrder = 2` (the first step is of order 1).
///
/// ```
/// (1 − κ) γ₂ (yₙ₊₁ − y⁰ₙ₊₁) + Σⱼ₌₁^2 γⱼ ∇ʲyₙ = h f(tₙ₊₁, yₙ₊₁),   y⁰ₙ₊₁ = yₙ + Σⱼ₌₁^2 ∇ʲyₙ,
/// LTE ≈ (κγ₂ + 1/3) ‖∇^3yₙ₊₁‖,
/// ```
///
/// with `κ = −1/9` by default (Shampine & Reichelt 1997, Table 1; OrdinaryDiffEq.jl's
/// `QNDF2(kappa:)`): A-stable, L-stable; error constant (3/2)κ₂ + 1/3 = 1/6 against BDF2's 2/9. The step changes by interpolating the
/// differences (`∇ ← ∇ R(ρ)U`), is kept when the proposal is within `[h/1.2, h/0.9]`, and is
/// chosen from the order-2 estimate alone. Dense output: the step's polynomial of degree 2
/// (``NDFInterpolant``).
///
/// Shampine, L. F., Reichelt, M. W., "The MATLAB ODE Suite", SIAM J. Sci. Comput. 18 (1997)
/// 1–22, doi:10.1137/S1064827594276424.
public struct QNDF2: FixedOrderNDF {
  /// `κ`.
  public var kappa: Double
  /// LU as the problem's `jacPrototype` says (dense, banded, sparse), or matrix-free GMRES.
  public var linearSolver: LinearSolver

  /// QNDF2 with `kappa` (default −1/9) and `linearSolver` (default: LU).
  public init(kappa: Double = -1.0 / 9, linearSolver: LinearSolver = .automatic) {
    self.kappa = kappa
    self.linearSolver = linearSolver
  }

  /// 2.
  public static var order: Int { 2 }
  /// `"QNDF2"` (``name`` adds `"(GMRES)"` for the Krylov solver).
  public var methodName: String { "QNDF2" }
}
