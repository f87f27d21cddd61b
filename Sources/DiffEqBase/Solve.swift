/// Solves `prob` with `alg`: DifferentialEquations.jl's `solve(prob, alg; kwargs...)`.
///
/// ```swift
/// let sol = try solve(prob, Tsit5(), abstol: 1e-8, reltol: 1e-8)
/// ```
///
/// Every option has DifferentialEquations.jl's default (see ``ODESolverOptions``);
/// `callback` adds events (``CallbackSet``), `isOutOfDomain` rejects steps whose candidate
/// state it flags, and `progress`/`progressHandler` report progress. Invalid
/// input throws a ``DiffEqError`` naming the field; a solver failure returns the partial
/// solution with a non-success ``ReturnCode`` and a ``FailureDiagnostic``.
@inlinable
public func solve<F: ODEFunction, A: ODEAlgorithm>(
  _ prob: ODEProblem<F>,
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
  callback: CallbackSet<F.State, F.Parameters> = CallbackSet(),
  isOutOfDomain: (@Sendable (F.State, F.Parameters, Double) -> Bool)? = nil,
  progress: Bool = false,
  progressHandler: (@Sendable (ProgressInfo) -> Void)? = nil
) throws -> ODESolution<F.State> {
  let options = ODESolverOptions(
    abstol: abstol, reltol: reltol, dt: dt, adaptive: adaptive, dtMin: dtMin, dtMax: dtMax,
    maxIters: maxIters, saveAt: saveAt, saveEveryStep: saveEveryStep, saveStart: saveStart,
    saveEnd: saveEnd, tstops: tstops, dense: dense, internalNorm: internalNorm,
    controller: controller, progress: progress, progressHandler: progressHandler)
  var callbacks = callback
  if let isOutOfDomain { callbacks.isOutOfDomain = isOutOfDomain }
  return try alg.solve(prob, options: options, callback: callbacks)
}
