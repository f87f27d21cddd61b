import DiffEqBase

/// Solves the residual DAE `prob` with `alg`: DifferentialEquations.jl's
/// `solve(prob::DAEProblem, alg; initializealg, kwargs...)`.
///
/// ```swift
/// let sol = try solve(prob, DFBDF(), abstol: 1e-8, reltol: 1e-8)
/// let sol2 = try solve(prob, DFBDF(), initialization: BrownFullBasicInit())
/// ```
///
/// The options are the ODE solve's (``ODESolverOptions``); `initialization` makes the initial
/// values consistent (``CheckInit``, the default, only checks them and throws). Invalid input
/// throws a ``DiffEqError`` naming the field; an initialization that fails, an index above 1,
/// or a failure during the integration returns the partial solution with a non-success
/// ``ReturnCode`` and a ``FailureDiagnostic``.
@inlinable
public func solve<State: StateVector, Parameters: Sendable>(
  _ prob: DAEProblem<State, Parameters>,
  _ alg: DFBDF,
  abstol: some AbsoluteTolerance = 1e-6,
  reltol: Double = 1e-3,
  dt: Double? = nil,
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
  initialization: some DAEInitializationAlgorithm = CheckInit(),
  callback: CallbackSet<State, Parameters> = CallbackSet()
) throws -> ODESolution<State> {
  let options = ODESolverOptions(
    abstol: abstol, reltol: reltol, dt: dt, adaptive: nil, dtMin: dtMin, dtMax: dtMax,
    maxIters: maxIters, saveAt: saveAt, saveEveryStep: saveEveryStep, saveStart: saveStart,
    saveEnd: saveEnd, tstops: tstops, dense: dense, internalNorm: internalNorm,
    controller: .automatic)
  return try alg.solve(prob, options: options, initialization: initialization, callback: callback)
}
