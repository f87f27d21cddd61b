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
public struct FBDF: ODEAlgorithm, SwitchingStiffAlgorithm {
  /// The highest order used (1 … 5).
  public var maxOrder: Int
  /// LU as the problem's `jacPrototype` says (dense, banded, sparse), or matrix-free GMRES.
  public var linearSolver: LinearSolver

  /// FBDF up to order `maxOrder` (default 5) with `linearSolver` (default: LU).
  public init(maxOrder: Int = 5, linearSolver: LinearSolver = .automatic) {
    self.maxOrder = maxOrder
    self.linearSolver = linearSolver
  }

  /// `"FBDF"`, or `"FBDF(GMRES)"` with the Krylov solver.
  public var name: String {
    if case .gmres = linearSolver { return "FBDF(GMRES)" }
    return "FBDF"
  }

  /// Adaptive in step and order.
  public var isAdaptive: Bool { true }

  /// Runs the shared loop with an ``FBDFStepper``.
  @inlinable
  public func solve<F: ODEFunction>(
    _ problem: ODEProblem<F>, options: ODESolverOptions,
    callback: CallbackSet<F.State, F.Parameters>
  ) throws -> ODESolution<F.State> {
    try check(problem)
    var integrator = try ODEIntegrator(
      problem,
      stepper: FBDFStepper(problem: problem, maxOrder: maxOrder, linearSolver: linearSolver),
      options: options,
      callback: callback)
    return integrator.solve()
  }

  /// Solves `problem` with `nonstiff` for the non-stiff stretches and FBDF for the stiff ones
  /// (``AutoSwitchStepper``).
  @inlinable
  public func solve<F: ODEFunction, Nonstiff: StiffnessDetecting>(
    _ problem: ODEProblem<F>, switchingFrom nonstiff: Nonstiff, policy: AutoSwitchPolicy,
    name: String, reason: String?, options: ODESolverOptions,
    callback: CallbackSet<F.State, F.Parameters>
  ) throws -> ODESolution<F.State> where Nonstiff.State == F.State {
    try check(problem)
    return try AutoSwitchStepper.solve(
      problem, nonstiff: nonstiff,
      stiff: FBDFStepper(problem: problem, maxOrder: maxOrder, linearSolver: linearSolver),
      policy: policy, name: name, reason: reason, options: options, callback: callback)
  }

  /// Throws for an invalid `maxOrder` or invalid stiff fields of `problem`.
  @inlinable
  func check<F: ODEFunction>(_ problem: ODEProblem<F>) throws {
    guard (1...5).contains(maxOrder) else {
      throw DiffEqError(field: "maxOrder", message: "\(maxOrder) must be between 1 and 5")
    }
    if case .gmres(let restart) = linearSolver, restart < 1 {
      throw DiffEqError(
        field: "linearSolver", message: "GMRES restart length \(restart) must be at least 1")
    }
    try problem.validateStiffFields()
    let mass = StiffMassMatrix(problem.massMatrix)
    if !NewtonMatrix<F.State>.supports(
      mass: mass, jacPrototype: problem.jacPrototype, linearSolver: linearSolver)
    {
      if case .gmres = linearSolver {
        throw DiffEqError(
          field: "massMatrix",
          message:
            "matrix-free GMRES applies I − γJ only; use FBDF() with LU (dense, banded or sparse jacPrototype) for M u′ = f"
        )
      }
      throw DiffEqError(
        field: "massMatrix",
        message:
          "a mass matrix with off-diagonal entries needs a dense Jacobian; leave jacPrototype nil or make M diagonal"
      )
    }
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
    try self.init(
      problem,
      stepper: FBDFStepper(
        problem: problem, maxOrder: alg.maxOrder, linearSolver: alg.linearSolver), options: options,
      callback: callback)
  }
}
