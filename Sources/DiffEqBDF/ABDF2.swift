import DiffEqBase

/// The adaptive second-order BDF with a fixed leading coefficient (DifferentialEquations.jl's
/// `ABDF2`; Alberdi Celaya, Anza Aguirrezabala & Chatzipantelidis 2014) for stiff problems:
/// L-stable, variable step, order 2 after a first step of backward Euler.
///
/// With `ρ = hₙ/hₙ₋₁`,
///
/// ```
/// yₙ₊₁ = α₁ yₙ + α₂ yₙ₋₁ + hₙ (β₁ fₙ + β₀ f(tₙ₊₁, yₙ₊₁)),
/// β₀ = 2/3,  β₁ = −(ρ − 1)/3,  α₁ = 1 + ρ²/3,  α₂ = −ρ²/3,
/// ```
///
/// (BDF2 when `ρ = 1`; second order for every `ρ`), solved by simplified Newton with
/// `W = I − (2/3)hₙ J` from the linear extrapolant `yₙ + hₙfₙ`, reusing `J` and the
/// factorization across steps while they converge (``MultistepNewton``). The local error is
/// estimated from the derivatives at the three points (OrdinaryDiffEq.jl's `ABDF2`: a divided
/// difference of `f` that compares the step with the explicit second-order extrapolation of
/// `f`, Milne's device on `y′`),
///
/// ```
/// est = (hₙ₋₁ + hₙ)/6 · (fₙ₊₁ − (1 + ρ) fₙ + ρ fₙ₋₁)     (≈ hₙ(hₙ₋₁ + hₙ)²/12 · y‴),
/// ```
///
/// `(h/2)(f₁ − f₀)` on the backward-Euler step, and by default filtered by `W⁻¹`
/// (Shampine's smoothing, `smooth_est = true`) so that the estimate of a stiff component does
/// not grow with `hλ`. Its own controller: `h ← h · 0.9 EEst^{−1/3}` (`−1/2` on the first
/// step) within `[0.2, 1.5]`, kept when the factor is within `[1, 1.2]`; a quarter of the step
/// after a Newton failure. The growth bound is the formula's: for `y′ = 0` its parasitic root
/// is `ρ²/3`, so it is zero-stable only for `ρ < √3` (at `ρ = 1.5` the root is 0.75).
///
/// Smoothing measures the error of `y` itself, which on a stiff problem's slow manifold is
/// damped by `W⁻¹`: the steps grow long there (Prothero–Robinson at 1e-4: `h ≈ 2`), and the
/// quadratic dense output between the points is then much less accurate than the points.
/// Dense output: the quadratic through `yₙ₋₁, yₙ, yₙ₊₁` (``BDFInterpolant``).
///
/// With a constant mass matrix (`M u′ = f`, index-1 DAEs) the step solves
/// `M(yₙ₊₁ − α₁yₙ − α₂yₙ₋₁) = h(β₁fₙ + β₀fₙ₊₁)` with `W = M − β₀hJ`, the first predictor is
/// `yₙ + h fᵢ/Mᵢᵢ` (`yₙ` where `Mᵢᵢ = 0` or `M` is not diagonal), and the estimate is always
/// filtered: `(M − γJ)⁻¹` takes the differences of `f = M y′` to those of `y`.
///
/// Alberdi Celaya, E., Anza Aguirrezabala, J. J., Chatzipantelidis, P., "Implementation of an
/// Adaptive BDF2 Formula and Comparison with the MATLAB Ode15s", Procedia Computer Science 29
/// (2014) 1014–1026, doi:10.1016/j.procs.2014.05.091.
public struct ABDF2: MultistepAlgorithm {
  /// Whether the error estimate is filtered by `W⁻¹` (default `true`).
  public var smoothEstimate: Bool
  /// LU as the problem's `jacPrototype` says (dense, banded, sparse), or matrix-free GMRES.
  public var linearSolver: LinearSolver

  /// ABDF2 with `smoothEstimate` and `linearSolver` (default: LU).
  public init(smoothEstimate: Bool = true, linearSolver: LinearSolver = .automatic) {
    self.smoothEstimate = smoothEstimate
    self.linearSolver = linearSolver
  }

  /// `"ABDF2"` (``name`` adds `"(GMRES)"` for the Krylov solver).
  public var methodName: String { "ABDF2" }

  /// Nothing of its own to check.
  public func validateSettings() throws {}

  /// The stepper for `problem`.
  @inlinable
  func makeStepper<F: ODEFunction>(_ problem: ODEProblem<F>)
    -> ABDF2Stepper<F.State, F.Parameters>
  {
    ABDF2Stepper(problem: problem, smoothEstimate: smoothEstimate, linearSolver: linearSolver)
  }

  /// Passes an ``ABDF2Stepper`` for `problem` to `visitor`.
  @inlinable
  public func withStepper<V: MultistepStepperVisitor>(
    for problem: ODEProblem<V.Function>, _ visitor: V
  ) throws -> V.Result {
    try visitor.visit(makeStepper(problem))
  }
}

extension ODEIntegrator {
  /// The stepping interface for ABDF2.
  @inlinable
  public init(
    _ problem: ODEProblem<F>, _ alg: ABDF2, options: ODESolverOptions = ODESolverOptions(),
    callback: CallbackSet<F.State, F.Parameters> = CallbackSet()
  ) throws where Stepper == ABDF2Stepper<F.State, F.Parameters> {
    try alg.check(problem)
    try self.init(problem, stepper: alg.makeStepper(problem), options: options, callback: callback)
  }
}
