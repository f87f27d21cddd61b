import DiffEqBase

/// Many trajectories of an SDE (DifferentialEquations.jl's `EnsembleProblem` over an
/// `SDEProblem`): each trajectory may change the problem (`probFunc`) and is solved with its
/// own Brownian path, seeded from the ensemble seed and its index alone, so serial and
/// threaded runs give identical results.
///
/// ```swift
/// let ensemble = SDEEnsembleProblem(gbm) { sol, i in sol.u.last![0] }
/// let sims = try solve(ensemble, SOSRI(), EnsembleThreads(), trajectories: 10_000, seed: 1)
/// ```
public struct SDEEnsembleProblem<State: StateVector, Parameters: Sendable, Output: Sendable>:
  Sendable
{
  /// The base problem.
  public var prob: SDEProblem<State, Parameters>
  /// The problem of trajectory `i` (the base problem unchanged by default).
  public var probFunc:
    @Sendable (SDEProblem<State, Parameters>, Int, EnsembleContext) ->
      SDEProblem<State, Parameters>
  /// What to keep of each solution.
  public var outputFunc: @Sendable (SDESolution<State>, Int) -> Output

  /// An ensemble of `prob` keeping `outputFunc(sol, i)` of each trajectory.
  public init(
    _ prob: SDEProblem<State, Parameters>,
    probFunc:
      @escaping @Sendable (SDEProblem<State, Parameters>, Int, EnsembleContext) ->
      SDEProblem<State, Parameters> = { prob, _, _ in prob },
    outputFunc: @escaping @Sendable (SDESolution<State>, Int) -> Output
  ) {
    self.prob = prob
    self.probFunc = probFunc
    self.outputFunc = outputFunc
  }
}

/// Solves every trajectory of `ensemble` with `alg`: trajectory `i`'s path is seeded with its
/// context's seed. The solve options are those of `solve(prob, alg, …)`.
public func solve<S: StateVector, P: Sendable, Output: Sendable>(
  _ ensemble: SDEEnsembleProblem<S, P, Output>, _ alg: some SDEAlgorithm,
  _ ensembleAlg: some EnsembleAlgorithm = EnsembleSerial(), trajectories: Int,
  seed: UInt64 = 0, abstol: Double = 1e-2, reltol: Double = 1e-2, dt: Double? = nil,
  saveEveryStep: Bool? = false, dense: Bool? = false
) throws -> EnsembleSolution<Output> {
  try runEnsemble(trajectories: trajectories, ensembleAlg, seed: seed, maxReruns: 0) {
    i, context in
    let sol = try solve(
      ensemble.probFunc(ensemble.prob, i, context), alg, abstol: abstol, reltol: reltol, dt: dt,
      seed: context.seed, saveEveryStep: saveEveryStep, dense: dense)
    return (ensemble.outputFunc(sol, i), false)
  }
}

/// Solves the trajectories of `ensemble` in batches of `batchSize` and folds their outputs
/// with `reduction`, stopping early when it says so (see ``EnsembleReduction``); trajectory
/// `i` has the same path as in the unreduced `solve`.
public func solve<S: StateVector, P: Sendable, Output: Sendable, Value: Sendable>(
  _ ensemble: SDEEnsembleProblem<S, P, Output>, _ alg: some SDEAlgorithm,
  _ ensembleAlg: some EnsembleAlgorithm = EnsembleSerial(), trajectories: Int, batchSize: Int,
  seed: UInt64 = 0, abstol: Double = 1e-2, reltol: Double = 1e-2, dt: Double? = nil,
  saveEveryStep: Bool? = false, dense: Bool? = false,
  reduction: EnsembleReduction<Output, Value>
) throws -> EnsembleReducedSolution<Value> {
  try reduceEnsemble(
    trajectories: trajectories, batchSize: batchSize, ensembleAlg, seed: seed, maxReruns: 0,
    reduction: reduction
  ) { i, context in
    let sol = try solve(
      ensemble.probFunc(ensemble.prob, i, context), alg, abstol: abstol, reltol: reltol, dt: dt,
      seed: context.seed, saveEveryStep: saveEveryStep, dense: dense)
    return (ensemble.outputFunc(sol, i), false)
  }
}
