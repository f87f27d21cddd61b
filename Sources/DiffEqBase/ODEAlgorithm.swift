/// An ODE method: a small value carrying only its options (`Tsit5()`, `Vern7()`).
///
/// Each family's module conforms its algorithms by building its stepper and running the shared
/// loop of ``ODEIntegrator``.
public protocol ODEAlgorithm: Sendable {
  /// The method's name as in DifferentialEquations.jl.
  var name: String { get }
  /// Whether the method has an error estimator (adaptive stepping is then the default).
  var isAdaptive: Bool { get }

  /// Solves a validated problem with `options` (called by ``solve(_:_:abstol:reltol:dt:adaptive:dtMin:dtMax:maxIters:saveAt:saveEveryStep:saveStart:saveEnd:tstops:dense:internalNorm:controller:)``).
  func solve<F: ODEFunction>(_ problem: ODEProblem<F>, options: ODESolverOptions) throws
    -> ODESolution<F.State>
}
