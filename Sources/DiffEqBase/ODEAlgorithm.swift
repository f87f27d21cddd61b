/// An ODE method: a small value carrying only its options (`Tsit5()`, `Vern7()`).
///
/// Each family's module conforms its algorithms by building its stepper and running the shared
/// loop of ``ODEIntegrator``.
public protocol ODEAlgorithm: Sendable {
  /// The method's name as in DifferentialEquations.jl.
  var name: String { get }
  /// Whether the method has an error estimator (adaptive stepping is then the default).
  var isAdaptive: Bool { get }

  /// Solves `problem` with `options` and `callback` (what the free function `solve` calls).
  func solve<F: ODEFunction>(
    _ problem: ODEProblem<F>, options: ODESolverOptions,
    callback: CallbackSet<F.State, F.Parameters>
  ) throws -> ODESolution<F.State>
}

extension ODEAlgorithm {
  /// Solves `problem` with `options` and no callbacks.
  @inlinable
  public func solve<F: ODEFunction>(_ problem: ODEProblem<F>, options: ODESolverOptions) throws
    -> ODESolution<F.State>
  {
    try solve(problem, options: options, callback: CallbackSet())
  }
}
