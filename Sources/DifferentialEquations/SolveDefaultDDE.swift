/// Solves the delay equation `prob` with the method ``DefaultDDEAlgorithm`` picks for the
/// tolerances (DifferentialEquations.jl's `solve(prob; kwargs...)`); the options are those
/// of `solve(prob, alg, …)`.
///
/// ```swift
/// let sol = try solve(prob, reltol: 1e-8)   // MethodOfSteps(Tsit5)
/// ```
@inlinable
public func solve<F: DDEFunction>(
  _ prob: DDEProblem<F>,
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
  try solve(
    prob, DefaultDDEAlgorithm(), abstol: abstol, reltol: reltol, dt: dt, adaptive: adaptive,
    dtMin: dtMin, dtMax: dtMax, maxIters: maxIters, saveAt: saveAt,
    saveEveryStep: saveEveryStep, saveStart: saveStart, saveEnd: saveEnd, tstops: tstops,
    dense: dense, internalNorm: internalNorm, controller: controller, callback: callback)
}
