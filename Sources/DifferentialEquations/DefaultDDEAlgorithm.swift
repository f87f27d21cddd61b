/// The method `solve(ddeProblem)` uses when none is named: the method of steps over
///
/// ```
/// reltol ≥ 1e-10   MethodOfSteps(Tsit5())
/// reltol < 1e-10   MethodOfSteps(Vern7())
/// ```
///
/// Chosen from `diffeq-bench --dde` (the tolerance ladder on u′ = −u(t − 1), Mackey–Glass,
/// DDETST D1 and H2): at matched accuracy Tsit5 is as fast as Vern7 or faster down to about
/// 10 correct digits (Mackey–Glass: Tsit5 at reltol 1e-10 gives 9.7 digits in 9.0 ms, Vern7 at
/// 1e-8 9.4 digits in 9.1 ms; H2: Tsit5 11.8 digits in 1.0 ms, Vern7 11.2 in 1.5 ms) — the
/// high-order methods' dense output, which every history look-up evaluates, costs 16 (Vern7)
/// or 26 (Vern9) stages a step against Tsit5's 7. Only beyond that does Vern7's order pay.
/// (When the automatic ODE choice with stiffness detection lands, delay equations will go
/// through it too.)
public struct DefaultDDEAlgorithm: DDEAlgorithm {
  /// The default choice.
  public init() {}

  /// `"MethodOfSteps(default)"`; the solution's `algorithm` names the method used.
  public var name: String { "MethodOfSteps(default)" }

  /// The name of the method this policy uses at relative tolerance `reltol`.
  public func choice(reltol: Double) -> String {
    reltol >= 1e-10 ? "MethodOfSteps(Tsit5)" : "MethodOfSteps(Vern7)"
  }

  /// Solves with the method chosen for `options.reltol`.
  @inlinable
  public func solve<F: DDEFunction>(
    _ problem: DDEProblem<F>, options: ODESolverOptions,
    callback: CallbackSet<F.State, F.Parameters>
  ) throws -> ODESolution<F.State> {
    if options.reltol >= 1e-10 {
      return try MethodOfSteps(Tsit5()).solve(problem, options: options, callback: callback)
    }
    return try MethodOfSteps(Vern7()).solve(problem, options: options, callback: callback)
  }
}
