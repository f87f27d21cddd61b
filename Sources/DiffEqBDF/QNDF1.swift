import DiffEqBase

/// The numerical differentiation formula of fixed order 1 on a quasi-constant step
/// (DifferentialEquations.jl's `QNDF1`; `ode15s` restricted to order 1) for stiff problems:
/// ``QNDF`` with `minOrder = maxOrder = 1`.
///
/// ```
/// (1 − κ) γ₁ (yₙ₊₁ − y⁰ₙ₊₁) + Σⱼ₌₁^1 γⱼ ∇ʲyₙ = h f(tₙ₊₁, yₙ₊₁),   y⁰ₙ₊₁ = yₙ + Σⱼ₌₁^1 ∇ʲyₙ,
/// LTE ≈ (κγ₁ + 1/2) ‖∇^2yₙ₊₁‖,
/// ```
///
/// with `κ = −0.1850 = −37/200` by default (Shampine & Reichelt 1997, Table 1; OrdinaryDiffEq.jl's
/// `QNDF1(kappa:)`): A-stable, L-stable; error constant κ₁ + 1/2 = 0.315 against backward Euler's 1/2. The step changes by interpolating the
/// differences (`∇ ← ∇ R(ρ)U`), is kept when the proposal is within `[h/1.2, h/0.9]`, and is
/// chosen from the order-1 estimate alone. Dense output: the step's polynomial of degree 1
/// (``NDFInterpolant``).
///
/// Shampine, L. F., Reichelt, M. W., "The MATLAB ODE Suite", SIAM J. Sci. Comput. 18 (1997)
/// 1–22, doi:10.1137/S1064827594276424.
public struct QNDF1: FixedOrderNDF {
  /// `κ`.
  public var kappa: Double
  /// LU as the problem's `jacPrototype` says (dense, banded, sparse), or matrix-free GMRES.
  public var linearSolver: LinearSolver

  /// QNDF1 with `kappa` (default −0.1850 = −37/200) and `linearSolver` (default: LU).
  public init(kappa: Double = -0.185, linearSolver: LinearSolver = .automatic) {
    self.kappa = kappa
    self.linearSolver = linearSolver
  }

  /// 1.
  public static var order: Int { 1 }
  /// `"QNDF1"` (``name`` adds `"(GMRES)"` for the Krylov solver).
  public var methodName: String { "QNDF1" }
}
