/// How an ensemble's outputs are folded into one value batch by batch
/// (DifferentialEquations.jl's `reduction`, `u_init` and `batch_size`): after every batch of
/// trajectories, `reduce(&value, outputs, indices)` adds the batch's outputs (trajectories
/// `indices`, in order) and returns `true` to stop — a Monte Carlo estimate that has
/// converged need not run every trajectory.
///
/// ```swift
/// // Mean of u(1), stopping once its standard error is below 1e-3.
/// let reduction = EnsembleReduction(initial: (sum: 0.0, squares: 0.0, n: 0)) { acc, batch, _ in
///   for x in batch { acc.sum += x; acc.squares += x * x; acc.n += 1 }
///   let mean = acc.sum / Double(acc.n)
///   return (acc.squares / Double(acc.n) - mean * mean) / Double(acc.n) < 1e-6
/// }
/// ```
public struct EnsembleReduction<Output: Sendable, Value: Sendable>: Sendable {
  /// The value before any trajectory.
  public var initial: Value
  /// Folds a batch into the value; `true` stops the ensemble.
  public var reduce: @Sendable (inout Value, [Output], Range<Int>) -> Bool

  /// A reduction starting from `initial`.
  public init(
    initial: Value, reduce: @escaping @Sendable (inout Value, [Output], Range<Int>) -> Bool
  ) {
    self.initial = initial
    self.reduce = reduce
  }
}

/// The result of a reduced ensemble: the value, how many trajectories went into it, the
/// solves (reruns included), and whether the reduction stopped before the last trajectory.
public struct EnsembleReducedSolution<Value: Sendable>: Sendable {
  /// The reduced value.
  public var u: Value
  /// Trajectories run (whole batches).
  public var trajectories: Int
  /// Solves, reruns included.
  public var solves: Int
  /// Whether the reduction asked to stop early.
  public var stoppedEarly: Bool

  /// A result.
  public init(u: Value, trajectories: Int, solves: Int, stoppedEarly: Bool) {
    self.u = u
    self.trajectories = trajectories
    self.solves = solves
    self.stoppedEarly = stoppedEarly
  }
}

/// Runs trajectories `0 ..< trajectories` in batches of `batchSize` (each batch serially or
/// over threads, trajectory `i` seeded from `seed` and `i` alone, as in ``runEnsemble``) and
/// folds each batch with `reduction`, stopping when it says so: the engine under the reduced
/// ensemble `solve`s (ODE and SDE).
@inlinable
public func reduceEnsemble<Output: Sendable, Value: Sendable>(
  trajectories: Int, batchSize: Int, _ ensembleAlg: some EnsembleAlgorithm, seed: UInt64,
  maxReruns: Int, reduction: EnsembleReduction<Output, Value>,
  _ trajectory: @escaping @Sendable (Int, EnsembleContext) throws -> (output: Output, rerun: Bool)
) throws -> EnsembleReducedSolution<Value> {
  guard batchSize >= 1 else {
    throw DiffEqError(field: "batchSize", message: "\(batchSize) must be ≥ 1")
  }
  guard trajectories >= 0 else {
    throw DiffEqError(field: "trajectories", message: "\(trajectories) must be ≥ 0")
  }
  var value = reduction.initial
  var done = 0
  var solves = 0
  while done < trajectories {
    let count = min(batchSize, trajectories - done)
    let batch = try runEnsemble(
      trajectories: count, first: done, ensembleAlg, seed: seed, maxReruns: maxReruns,
      trajectory)
    solves += batch.solves
    let stop = reduction.reduce(&value, batch.u, done..<(done + count))
    done += count
    if stop {
      return EnsembleReducedSolution(
        u: value, trajectories: done, solves: solves, stoppedEarly: done < trajectories)
    }
  }
  return EnsembleReducedSolution(u: value, trajectories: done, solves: solves, stoppedEarly: false)
}

/// Solves the trajectories of `ensemble` in batches of `batchSize` and folds their outputs
/// with `reduction` (DifferentialEquations.jl's `solve(ensembleprob, alg, ensemblealg;
/// trajectories, batch_size)` with a `reduction`), stopping early when the reduction says so.
@inlinable
public func solve<F: ODEFunction, A: ODEAlgorithm, Output: Sendable, Value: Sendable>(
  _ ensemble: EnsembleProblem<F, Output>,
  _ alg: A,
  _ ensembleAlg: some EnsembleAlgorithm = EnsembleSerial(),
  trajectories: Int,
  batchSize: Int,
  seed: UInt64 = 0,
  options: ODESolverOptions = ODESolverOptions(),
  maxReruns: Int = 10,
  reduction: EnsembleReduction<Output, Value>
) throws -> EnsembleReducedSolution<Value> {
  try reduceEnsemble(
    trajectories: trajectories, batchSize: batchSize, ensembleAlg, seed: seed,
    maxReruns: maxReruns, reduction: reduction
  ) { i, context in
    let sol = try alg.solve(ensemble.probFunc(ensemble.prob, i, context), options: options)
    return ensemble.outputFunc(sol, i)
  }
}
