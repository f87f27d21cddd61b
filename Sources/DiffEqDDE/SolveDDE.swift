import DiffEqBase

/// Solves the delay equation `prob` with `alg` (DifferentialEquations.jl's
/// `solve(prob, MethodOfSteps(alg); kwargs...)`).
///
/// ```swift
/// let sol = try solve(prob, MethodOfSteps(Tsit5()), abstol: 1e-10, reltol: 1e-10)
/// sol(5.5)   // the method's interpolant; before t₀ the problem's history
/// ```
///
/// With `import DifferentialEquations`, `alg` may be left out: `DefaultDDEAlgorithm` then
/// picks the ODE method by tolerance.
///
/// The options are those of the ODE `solve` with the same defaults; `tstops` are added to
/// the discontinuities the method of steps tracks itself. Invalid input throws a
/// ``DiffEqError`` naming the field; a solver failure returns the partial solution with a
/// non-success ``ReturnCode`` and a ``FailureDiagnostic``.
@inlinable
public func solve<F: DDEFunction, A: DDEAlgorithm>(
  _ prob: DDEProblem<F>,
  _ alg: A,
  abstol: some AbsoluteTolerance = 1e-6,
  reltol: Double = 1e-3,
  dt: Double? = nil,
  adaptive: Bool? = nil,
  dtMin: Double? = nil,
  dtMax: Double? = nil,
  maxIters: Int = 100_000,
  saveAt: [Double] = [],
  saveEveryStep: Bool? = nil,
  saveStart: Bool? = nil,
  saveEnd: Bool? = nil,
  tstops: [Double] = [],
  dense: Bool? = nil,
  internalNorm: InternalNorm = .rms,
  controller: StepSizeController = .automatic,
  callback: CallbackSet<F.State, F.Parameters> = CallbackSet()
) throws -> ODESolution<F.State> {
  let options = ODESolverOptions(
    abstol: abstol, reltol: reltol, dt: dt, adaptive: adaptive, dtMin: dtMin, dtMax: dtMax,
    maxIters: maxIters, saveAt: saveAt, saveEveryStep: saveEveryStep, saveStart: saveStart,
    saveEnd: saveEnd, tstops: tstops, dense: dense, internalNorm: internalNorm,
    controller: controller)
  return try alg.solve(prob, options: options, callback: callback)
}
