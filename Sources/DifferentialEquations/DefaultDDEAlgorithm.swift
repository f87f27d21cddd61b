/// The method `solve(ddeProblem)` uses when none is named: the method of steps over the
/// non-stiff ODE method DifferentialEquations.jl picks by tolerance,
///
/// ```
/// reltol ≥ 1e-7          MethodOfSteps(Tsit5())
/// 1e-11 ≤ reltol < 1e-7  MethodOfSteps(Vern7())
/// reltol < 1e-11         MethodOfSteps(Vern9())
/// ```
///
/// (When the automatic ODE choice with stiffness detection lands, delay equations will use
/// it through the method of steps as well.)
public struct DefaultDDEAlgorithm: DDEAlgorithm {
  /// The default choice.
  public init() {}

  /// `"MethodOfSteps(default)"`; the solution's `algorithm` names the method used.
  public var name: String { "MethodOfSteps(default)" }

  /// The method this policy uses at relative tolerance `reltol`.
  public func choice(reltol: Double) -> String {
    reltol >= 1e-7
      ? "MethodOfSteps(Tsit5)" : reltol >= 1e-11 ? "MethodOfSteps(Vern7)" : "MethodOfSteps(Vern9)"
  }

  /// Solves with the method chosen for `options.reltol`.
  @inlinable
  public func solve<F: DDEFunction>(
    _ problem: DDEProblem<F>, options: ODESolverOptions,
    callback: CallbackSet<F.State, F.Parameters>
  ) throws -> ODESolution<F.State> {
    if options.reltol >= 1e-7 {
      return try MethodOfSteps(Tsit5()).solve(problem, options: options, callback: callback)
    } else if options.reltol >= 1e-11 {
      return try MethodOfSteps(Vern7()).solve(problem, options: options, callback: callback)
    }
    return try MethodOfSteps(Vern9()).solve(problem, options: options, callback: callback)
  }
}
