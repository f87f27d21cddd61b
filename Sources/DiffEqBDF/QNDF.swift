import DiffEqBase

/// The quasi-constant-step numerical differentiation formulas of orders 1 to 5 with variable
/// step and order (DifferentialEquations.jl's `QNDF`; MATLAB's `ode15s`) for stiff problems.
///
/// The NDF of order `k` (Klopfenstein; Shampine & Reichelt 1997, eq. (2)) on a constant step
/// `h` is the BDF with one extra term,
///
/// ```
/// Σⱼ₌₁ᵏ (1/j) ∇ʲyₙ₊₁ − κₖ γₖ (yₙ₊₁ − y⁰ₙ₊₁) = h f(tₙ₊₁, yₙ₊₁),   γₖ = Σⱼ₌₁ᵏ 1/j,
/// ```
///
/// with the predictor `y⁰ₙ₊₁ = yₙ + Σⱼ₌₁ᵏ ∇ʲyₙ`. Written on the backward differences of
/// `yₙ` (Shampine & Reichelt, eq. (3)) it is
///
/// ```
/// (1 − κₖ) γₖ (yₙ₊₁ − y⁰ₙ₊₁) + Σⱼ₌₁ᵏ γⱼ ∇ʲyₙ = h f(tₙ₊₁, yₙ₊₁),
/// ```
///
/// solved by simplified Newton with `W = I − h/((1 − κₖ)γₖ) J`. The differences are kept for
/// the current step; when the step changes from `h` to `ρh` they are interpolated onto the
/// new grid, `∇ ← ∇ (R(ρ) U)` with `R(ρ)ᵢⱼ = Πₘ₌₀ⁱ⁻¹ (m − jρ)/i!` and `U = R(1)`
/// (Shampine & Reichelt, §2.3; a "quasi-constant" step). The local error of order `k` is
/// `(κₖγₖ + 1/(k + 1)) ‖∇ᵏ⁺¹yₙ₊₁‖` with `∇ᵏ⁺¹yₙ₊₁ = yₙ₊₁ − y⁰ₙ₊₁`; those of orders `k − 1` and
/// `k + 1` use `∇ᵏyₙ₊₁` and `∇ᵏ⁺²yₙ₊₁`, and the next order is the one of `k − 1, k, k + 1`
/// that allows the longest step, each estimate aimed (as in ``FBDF``) with CVODE's biases:
/// the step `h/(6·EEst)^{1/(k+1)}` for order `k`, `h/(6·EEst_{k−1})^{1/k}` and
/// `h/(10·EEst_{k+1})^{1/(k+2)}` for its neighbours (`ode15s`'s factors 1.2, 1.3, 1.4 on the
/// roots left OREGO at 5.85 digits at reltol 1e-8; these cost about 10% more steps). The step is
/// kept when the proposal is within `[h/1.2, h/0.9]` (within `[h/1.2, h/0.6]` until `k + 2`
/// steps were taken at the current step and order), so the factorization is reused. After a
/// rejection the step shrinks by `1/(6 EEst)^{1/(k+1)}` (halved again from the second
/// rejection in a row), and the order drops when `k − 1` allows the longer step or from the
/// third rejection in a row. The first step is of order 1 with `∇y₀ = h f(t₀, y₀)`. Dense
/// output: the step's interpolating polynomial of degree `k` in Newton's backward form
/// (``NDFInterpolant``).
///
/// `κ` = (−0.1850, −1/9, −0.0823, −0.0415, 0) (Shampine & Reichelt 1997, Table 1;
/// OrdinaryDiffEq.jl `QNDF(kappa:)`): orders 1 and 2 are A-stable (as BDF1/2) with error
/// constants 26 % smaller; orders 3 and 4 keep most of the BDF stability angle.
///
/// With a constant mass matrix (`M u′ = f`, index-1 DAEs) the corrector is
/// `M((1 − κₖ)γₖ(yₙ₊₁ − y⁰ₙ₊₁) + Σⱼ γⱼ∇ʲyₙ) = h f(tₙ₊₁, yₙ₊₁)` with `W = M − γJ`; the first
/// step's `∇y₀ = h fᵢ/Mᵢᵢ` (0 where `Mᵢᵢ = 0` or `M` is not diagonal), and its estimate leaves
/// those components out (as ``FBDF``).
///
/// Uses the problem's analytic Jacobian `jac` when given, forward differences otherwise; LU as
/// the problem's `jacPrototype` says (dense, banded, sparse) or matrix-free GMRES.
///
/// Shampine, L. F., Reichelt, M. W., "The MATLAB ODE Suite", SIAM J. Sci. Comput. 18 (1997)
/// 1–22, doi:10.1137/S1064827594276424.
public struct QNDF: MultistepAlgorithm {
  /// The highest order used (1 … 5).
  public var maxOrder: Int
  /// The lowest order used once the history allows it (1 … `maxOrder`; `minOrder == maxOrder`
  /// runs a fixed order after a start that climbs one order per step).
  public var minOrder: Int
  /// `κ₁ … κ₅`.
  public var kappa: [Double]
  /// LU as the problem's `jacPrototype` says (dense, banded, sparse), or matrix-free GMRES.
  public var linearSolver: LinearSolver
  /// The name of the fixed-order algorithm this one runs for (``QNDF1``, ``QNDF2``).
  @usableFromInline var fixedOrderName: String?

  /// QNDF with orders `minOrder … maxOrder` (default 1 … 5), `kappa` (default
  /// ``defaultKappa``) and `linearSolver` (default: LU).
  public init(
    maxOrder: Int = 5, minOrder: Int = 1, kappa: [Double] = QNDF.defaultKappa,
    linearSolver: LinearSolver = .automatic
  ) {
    self.maxOrder = maxOrder
    self.minOrder = minOrder
    self.kappa = kappa
    self.linearSolver = linearSolver
  }

  /// `"QNDF"` (``name`` adds `"(GMRES)"` for the Krylov solver).
  public var methodName: String { fixedOrderName ?? "QNDF" }

  /// Throws for orders outside 1 … 5 or `minOrder > maxOrder`, or a `kappa` that is not five
  /// finite values below 1.
  public func validateSettings() throws {
    guard (1...5).contains(maxOrder) else {
      throw DiffEqError(field: "maxOrder", message: "\(maxOrder) must be between 1 and 5")
    }
    guard (1...maxOrder).contains(minOrder) else {
      throw DiffEqError(
        field: "minOrder", message: "\(minOrder) must be between 1 and maxOrder = \(maxOrder)")
    }
    guard kappa.count == 5, kappa.allSatisfy({ $0.isFinite && $0 < 1 }) else {
      throw DiffEqError(
        field: "kappa", message: "needs five finite values below 1 (κ₁ … κ₅), got \(kappa)")
    }
  }

  /// The stepper for `problem`.
  @inlinable
  func makeStepper<F: ODEFunction>(_ problem: ODEProblem<F>)
    -> QNDFStepper<F.State, F.Parameters>
  {
    QNDFStepper(
      problem: problem, maxOrder: maxOrder, minOrder: minOrder, kappa: kappa,
      linearSolver: linearSolver, name: name)
  }

  /// Passes a ``QNDFStepper`` for `problem` to `visitor`.
  @inlinable
  public func withStepper<V: MultistepStepperVisitor>(
    for problem: ODEProblem<V.Function>, _ visitor: V
  ) throws -> V.Result {
    try visitor.visit(makeStepper(problem))
  }

  /// Shampine & Reichelt's accuracy-optimal `κ₁ … κ₅` (1997, Table 1; OrdinaryDiffEq.jl's
  /// `QNDF` default `(-37//200, -1//9, -823//10000, -83//2000, 0)`).
  public static let defaultKappa: [Double] = [-0.185, -1.0 / 9, -0.0823, -0.0415, 0]

  /// `γₖ = Σⱼ₌₁ᵏ 1/j` for `k = 1 … 5`.
  public static let gamma: [Double] = [1, 3.0 / 2, 11.0 / 6, 25.0 / 12, 137.0 / 60]

  /// The error constant `κₖγₖ + 1/(k + 1)` of order `k` with `kappa`.
  @inlinable
  public static func errorConstant(order k: Int, kappa: [Double]) -> Double {
    kappa[k - 1] * gamma[k - 1] + 1 / Double(k + 1)
  }
}

/// ``QNDF`` held at one order (``QNDF1``, ``QNDF2``): `minOrder = maxOrder = order` with its
/// own `κ`, the start climbing one order per step.
public protocol FixedOrderNDF: MultistepAlgorithm {
  /// The order.
  static var order: Int { get }
  /// `κ` of that order.
  var kappa: Double { get }
}

extension FixedOrderNDF {
  /// The variable-order method it restricts.
  @inlinable
  var general: QNDF {
    var kappas = QNDF.defaultKappa
    kappas[Self.order - 1] = kappa
    var method = QNDF(
      maxOrder: Self.order, minOrder: Self.order, kappa: kappas, linearSolver: linearSolver)
    method.fixedOrderName = methodName
    return method
  }

  /// Throws for a `kappa` that is not finite and below 1.
  public func validateSettings() throws { try general.validateSettings() }

  /// Passes a ``QNDFStepper`` of fixed order for `problem` to `visitor`.
  @inlinable
  public func withStepper<V: MultistepStepperVisitor>(
    for problem: ODEProblem<V.Function>, _ visitor: V
  ) throws -> V.Result {
    try general.withStepper(for: problem, visitor)
  }
}

extension ODEIntegrator {
  /// The stepping interface for QNDF.
  @inlinable
  public init(
    _ problem: ODEProblem<F>, _ alg: QNDF, options: ODESolverOptions = ODESolverOptions(),
    callback: CallbackSet<F.State, F.Parameters> = CallbackSet()
  ) throws where Stepper == QNDFStepper<F.State, F.Parameters> {
    try alg.check(problem)
    try self.init(problem, stepper: alg.makeStepper(problem), options: options, callback: callback)
  }

  /// The stepping interface for QNDF1 and QNDF2.
  @inlinable
  public init<A: FixedOrderNDF>(
    _ problem: ODEProblem<F>, _ alg: A, options: ODESolverOptions = ODESolverOptions(),
    callback: CallbackSet<F.State, F.Parameters> = CallbackSet()
  ) throws where Stepper == QNDFStepper<F.State, F.Parameters> {
    try self.init(problem, alg.general, options: options, callback: callback)
  }
}
