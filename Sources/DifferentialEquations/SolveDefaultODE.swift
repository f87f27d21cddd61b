/// Solves `prob` with the method the default policy picks (DifferentialEquations.jl's
/// `solve(prob; alg_hints, kwargs...)`): see ``DefaultODEPolicy`` for the table and
/// ``DefaultODEAlgorithm``. The options are those of `solve(prob, alg, …)`.
///
/// ```swift
/// let sol = try solve(prob)                      // Tsit5 ⇄ Rosenbrock23 at the defaults
/// let tight = try solve(prob, abstol: 1e-10, reltol: 1e-10)
/// let stiff = try solve(prob, algHints: [.stiff])
/// print(sol.algorithm, sol.algorithmChoice!)     // "AutoTsit5(Rosenbrock23)", the switches
/// ```
@inlinable
public func solve<F: ODEFunction>(
  _ prob: ODEProblem<F>,
  algHints: Set<ODEAlgorithmHint> = [],
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
  isOutOfDomain: (@Sendable (F.State, F.Parameters, Double) -> Bool)? = nil
) throws -> ODESolution<F.State> {
  try solve(
    prob, DefaultODEAlgorithm(hints: algHints), abstol: abstol, reltol: reltol, dt: dt,
    adaptive: adaptive, dtMin: dtMin, dtMax: dtMax, maxIters: maxIters, saveAt: saveAt,
    saveEveryStep: saveEveryStep, saveStart: saveStart, saveEnd: saveEnd, tstops: tstops,
    dense: dense, internalNorm: internalNorm, controller: controller, callback: callback,
    isOutOfDomain: isOutOfDomain)
}
