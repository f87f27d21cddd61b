import DiffEqBase

/// The fixed-leading-coefficient backward differentiation formulas of orders 1 to 5 with
/// variable step and order (DifferentialEquations.jl's `FBDF`; the form of CVODE and of
/// Jackson & Sacks-Davis 1980) for stiff problems.
///
/// A step of size `h` and order `k` from the accepted states `uₙ, uₙ₋₁, …` interpolates them
/// (the polynomial `P` of degree `k` through `uₙ … uₙ₋ₖ` at their own times) onto the
/// equidistant points `yⱼ = P(tₙ₊₁ − jh)`, `j = 1 … k`, and solves the constant-step BDF
///
/// ```
/// α₀ uₙ₊₁ + Σⱼ αⱼ yⱼ = h f(tₙ₊₁, uₙ₊₁),   α = (1, −1), (3/2, −2, 1/2), …, (137/60, −5, 5, −10/3, 5/4, −1/5)
/// ```
///
/// by simplified Newton with `W = I − (h/α₀) J` from the predictor `P(tₙ₊₁)`, reusing `J` and
/// the factorization while they converge (the leading coefficient `α₀/h` changes only with
/// `h`); Newton stops at Hairer's `κ = max(10ε/rtol, min(0.03, √rtol))` of the tolerance.
/// The local error of order `q` is estimated from divided differences,
/// `LTE_q = q! hᑫ⁺¹ [uₙ₊₁, uₙ, …, uₙ₋q] · |1 + (q + 1) Σⱼ αⱼ rⱼ|` (`hᑫ⁺¹u⁽ᑫ⁺¹⁾/(q + 1)`
/// times the growth from interpolating a variable-step history, `rⱼ` the interpolation
/// error at `tₙ₊₁ − jh` in units of `hᑫ⁺¹u⁽ᑫ⁺¹⁾`), for `q = k − 1, k, k + 1`, and the next
/// order and step are those that allow the longest step with CVODE's biases (the estimate
/// aimed at 1/6 of the tolerance for orders k − 1 and k, 1/10 for k + 1; a higher order only
/// after `k + 1` steps at order `k`; step ratios within [0.2, 2], unchanged between 1 and
/// 1.2 so the factorization is kept). The history enters the formulas at offsets built
/// from the steps taken, not from differences of stored times (which lose digits when the
/// step is tiny next to `t`). The first step is backward Euler with the predictor
/// `uₙ + h f(uₙ)`. Dense output: the step's interpolating polynomial.
///
/// Uses the problem's analytic Jacobian `jac` when given, forward differences otherwise
/// (coloured from a sparse `jacPrototype`).
public struct FBDF: MultistepAlgorithm {
  /// The highest order used (1 … 5).
  public var maxOrder: Int
  /// LU as the problem's `jacPrototype` says (dense, banded, sparse), or matrix-free GMRES.
  public var linearSolver: LinearSolver

  /// FBDF up to order `maxOrder` (default 5) with `linearSolver` (default: LU).
  public init(maxOrder: Int = 5, linearSolver: LinearSolver = .automatic) {
    self.maxOrder = maxOrder
    self.linearSolver = linearSolver
  }

  /// `"FBDF"` (``name`` adds `"(GMRES)"` for the Krylov solver).
  public var methodName: String { "FBDF" }

  /// Throws for a `maxOrder` outside 1 … 5.
  public func validateSettings() throws {
    guard (1...5).contains(maxOrder) else {
      throw DiffEqError(field: "maxOrder", message: "\(maxOrder) must be between 1 and 5")
    }
  }

  /// The stepper for `problem`.
  @inlinable
  func makeStepper<F: ODEFunction>(_ problem: ODEProblem<F>) -> FBDFStepper<F.State, F.Parameters> {
    FBDFStepper(problem: problem, maxOrder: maxOrder, linearSolver: linearSolver)
  }

  /// Passes an ``FBDFStepper`` for `problem` to `visitor`.
  @inlinable
  public func withStepper<V: MultistepStepperVisitor>(
    for problem: ODEProblem<V.Function>, _ visitor: V
  ) throws -> V.Result {
    try visitor.visit(makeStepper(problem))
  }

  /// The BDF coefficients `α₀ … αₖ` of order `k` (`Σⱼ₌₁ᵏ ∇ʲ/j` written on values).
  public static let coefficients: [[Double]] = [
    [1, -1],
    [3.0 / 2, -2, 1.0 / 2],
    [11.0 / 6, -3, 3.0 / 2, -1.0 / 3],
    [25.0 / 12, -4, 3, -4.0 / 3, 1.0 / 4],
    [137.0 / 60, -5, 5, -10.0 / 3, 5.0 / 4, -1.0 / 5],
  ]
}

extension ODEIntegrator {
  /// The stepping interface for FBDF.
  @inlinable
  public init(
    _ problem: ODEProblem<F>, _ alg: FBDF, options: ODESolverOptions = ODESolverOptions(),
    callback: CallbackSet<F.State, F.Parameters> = CallbackSet()
  ) throws where Stepper == FBDFStepper<F.State, F.Parameters> {
    try alg.check(problem)
    try self.init(problem, stepper: alg.makeStepper(problem), options: options, callback: callback)
  }
}
