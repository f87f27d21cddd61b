import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The number of processors online.
@usableFromInline
func onlineProcessorCount() -> Int {
  max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
}

/// Solves every trajectory of `ensemble` with `alg` (DifferentialEquations.jl's
/// `solve(ensembleprob, alg, EnsembleThreads(); trajectories)`).
///
/// Each trajectory's random inputs come from its ``EnsembleContext`` (seeded from `seed` and
/// its index only), so serial and threaded runs give identical results. An invalid
/// trajectory problem throws the first trajectory's ``DiffEqError``; a failed solve is an
/// output like any other (check its `retcode` in `outputFunc`).
@inlinable
public func solve<F: ODEFunction, A: ODEAlgorithm, Output: Sendable>(
  _ ensemble: EnsembleProblem<F, Output>,
  _ alg: A,
  _ ensembleAlg: some EnsembleAlgorithm = EnsembleSerial(),
  trajectories: Int,
  seed: UInt64 = 0,
  options: ODESolverOptions = ODESolverOptions(),
  maxReruns: Int = 10
) throws -> EnsembleSolution<Output> {
  try runEnsemble(
    trajectories: trajectories, ensembleAlg, seed: seed, maxReruns: maxReruns
  ) { i, context in
    let sol = try alg.solve(ensemble.probFunc(ensemble.prob, i, context), options: options)
    return ensemble.outputFunc(sol, i)
  }
}

/// Runs `trajectory(i, context)` for `i` in `0..<trajectories`, serially or over threads, with
/// reruns while it asks for one (at most `maxReruns`), and collects the outputs in order: the
/// engine under every ensemble `solve` (ODE and SDE). Each trajectory's ``EnsembleContext`` is
/// seeded from `seed` and `i` alone, so serial and threaded runs give identical results; the
/// first error thrown is rethrown.
/// `first` numbers the trajectories `first ..< first + trajectories` (batches of a reduction).
@inlinable
public func runEnsemble<Output: Sendable>(
  trajectories: Int, first: Int = 0, _ ensembleAlg: some EnsembleAlgorithm, seed: UInt64,
  maxReruns: Int,
  _ trajectory: @escaping @Sendable (Int, EnsembleContext) throws -> (output: Output, rerun: Bool)
) throws -> EnsembleSolution<Output> {
  guard trajectories >= 0 else {
    throw DiffEqError(field: "trajectories", message: "\(trajectories) must be ≥ 0")
  }
  // Trajectory first + j, with its reruns; returns the output, the number of solves, or the
  // error.
  @Sendable func run(_ j: Int) -> Result<(Output, Int), any Error> {
    let i = first + j
    var attempt = 1
    while true {
      let context = EnsembleContext(trajectory: i, attempt: attempt, ensembleSeed: seed)
      do {
        let (output, rerun) = try trajectory(i, context)
        if !rerun || attempt > maxReruns { return .success((output, attempt)) }
      } catch {
        return .failure(error)
      }
      attempt += 1
    }
  }
  var results = [Result<(Output, Int), any Error>?](repeating: nil, count: trajectories)
  if ensembleAlg.workers <= 1 || trajectories < 2 {
    for i in 0..<trajectories { results[i] = run(i) }
  } else {
    let chunkCount = min(
      trajectories, ensembleAlg.workers * ((ensembleAlg as? EnsembleThreads)?.chunksPerWorker ?? 4))
    results.withUnsafeMutableBufferPointer { buffer in
      // Each chunk writes only its own indices: no two workers touch the same element.
      nonisolated(unsafe) let slots = buffer
      DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
        let start = trajectories * chunk / chunkCount
        let end = trajectories * (chunk + 1) / chunkCount
        for i in start..<end { slots[i] = run(i) }
      }
    }
  }
  var outputs: [Output] = []
  outputs.reserveCapacity(trajectories)
  var solves = 0
  for result in results {
    switch result! {
    case .success(let (output, count)):
      outputs.append(output)
      solves += count
    case .failure(let error):
      throw error
    }
  }
  return EnsembleSolution(u: outputs, solves: solves)
}
