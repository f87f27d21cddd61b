import DiffEqBase

/// Any ODE method turned into a method for delay differential equations
/// (DifferentialEquations.jl's `MethodOfSteps(alg)`).
///
/// The ODE method integrates `u′ = f(u, h, p, t)` step by step, with `h` read from the
/// solution's own dense output (the history function before `t₀`):
///
/// - **Discontinuities.** The jump at `t₀` (order 0 when the history does not end at `u₀`,
///   otherwise order 1) and any restart by a callback propagate through the constant lags to
///   `ξ + τ` and through the dependent lags to the roots of `t − τ(u(t), p, t) = ξ` (found by
///   event location during the solve), one order smoother each time (the same order for a
///   neutral equation), while the order is at most the method's. Every one is a step
///   boundary (a `tstop`), so no step straddles a point where the solution is not smooth.
/// - **Steps longer than a lag.** When a step reads the history inside itself, the step is
///   repeated with the previous attempt's dense output as the history there (fixed-point
///   iteration): at most `maxFixedPointIterations` repetitions, converged when the change of
///   `uₙ₊₁` is at most `fixedPointTolerance` in the solver's error norm (the scale of
///   `abstol + |u|·reltol`, so `0.01` means a hundredth of the tolerance). Without
///   convergence an adaptive step is rejected and retried smaller (with
///   `maxFixedPointIterations: 0`, every step that reads inside itself is); a fixed step is
///   kept as it is. `constrained: true` instead keeps every step at most the smallest
///   constant lag (dependent lags can still be shorter, and then iterate).
///
/// Counted in `sol.stats`: `nnonliniter` (fixed-point iterations) and `nnonlinconvfail`.
public struct MethodOfSteps<Algorithm: ODEStepperProvider>: DDEAlgorithm {
  /// The ODE method.
  public var algorithm: Algorithm
  /// Whether steps are limited to the smallest constant lag.
  public var constrained: Bool
  /// Most fixed-point iterations per step.
  public var maxFixedPointIterations: Int
  /// Convergence threshold of the fixed-point iteration, in the error norm.
  public var fixedPointTolerance: Double

  /// The method of steps over `algorithm` (DelayDiffEq's defaults: unconstrained, 10
  /// iterations, tolerance 1/100).
  public init(
    _ algorithm: Algorithm, constrained: Bool = false, maxFixedPointIterations: Int = 10,
    fixedPointTolerance: Double = 0.01
  ) {
    self.algorithm = algorithm
    self.constrained = constrained
    self.maxFixedPointIterations = maxFixedPointIterations
    self.fixedPointTolerance = fixedPointTolerance
  }

  /// `MethodOfSteps(Tsit5)`.
  public var name: String { "MethodOfSteps(\(algorithm.name))" }

  /// Validates the problem, then runs the ODE method's stepper in the shared loop with the
  /// history, the discontinuity stops and (for dependent lags) their event location.
  @inlinable
  public func solve<F: DDEFunction>(
    _ problem: DDEProblem<F>, options: ODESolverOptions,
    callback: CallbackSet<F.State, F.Parameters>
  ) throws -> ODESolution<F.State> {
    try problem.validate()
    if !(maxFixedPointIterations >= 0) {
      throw DiffEqError(
        field: "maxFixedPointIterations",
        message: "is \(maxFixedPointIterations); give 0 or more (10 is the default)")
    }
    if !(fixedPointTolerance > 0) || !fixedPointTolerance.isFinite {
      throw DiffEqError(
        field: "fixedPointTolerance",
        message: "is \(fixedPointTolerance); give a finite positive number (0.01 is the default)")
    }
    let visitor = MethodOfStepsSolve(
      problem: problem, options: options, callback: callback, settings: self)
    return try algorithm.withStepper(prototype: problem.u0, visitor)
  }
}
