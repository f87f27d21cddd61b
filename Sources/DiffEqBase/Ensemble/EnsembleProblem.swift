/// Many solves of one problem: parameter sweeps and Monte Carlo (DifferentialEquations.jl's
/// `EnsembleProblem`).
///
/// Trajectory `i` solves `probFunc(prob, i, context)` and keeps `outputFunc(solution, i)`;
/// when that returns `rerun: true` the trajectory is solved again with a fresh context.
///
/// ```swift
/// let ensemble = EnsembleProblem(prob) { prob, i, context in
///   var prob = prob
///   var rng = context.rng
///   prob.u0[0] = Double.random(in: 0.5...1.5, using: &rng)
///   return prob
/// }
/// let sims = try solve(ensemble, Tsit5(), EnsembleThreads(), trajectories: 1000)
/// ```
public struct EnsembleProblem<F: ODEFunction, Output: Sendable>: Sendable {
  /// The base problem.
  public var prob: ODEProblem<F>
  /// Makes trajectory `i`'s problem.
  public var probFunc: @Sendable (ODEProblem<F>, Int, EnsembleContext) -> ODEProblem<F>
  /// What to keep of trajectory `i`'s solution, and whether to solve it again.
  public var outputFunc: @Sendable (ODESolution<F.State>, Int) -> (output: Output, rerun: Bool)

  /// An ensemble with a custom output.
  public init(
    _ prob: ODEProblem<F>,
    probFunc: @escaping @Sendable (ODEProblem<F>, Int, EnsembleContext) -> ODEProblem<F> = {
      p, _, _ in p
    },
    outputFunc: @escaping @Sendable (ODESolution<F.State>, Int) -> (output: Output, rerun: Bool)
  ) {
    self.prob = prob
    self.probFunc = probFunc
    self.outputFunc = outputFunc
  }
}

extension EnsembleProblem where Output == ODESolution<F.State> {
  /// An ensemble that keeps every trajectory's solution.
  public init(
    _ prob: ODEProblem<F>,
    probFunc: @escaping @Sendable (ODEProblem<F>, Int, EnsembleContext) -> ODEProblem<F> = {
      p, _, _ in p
    }
  ) {
    self.init(prob, probFunc: probFunc, outputFunc: { sol, _ in (sol, false) })
  }
}

/// How the trajectories of an ensemble are scheduled.
public protocol EnsembleAlgorithm: Sendable {
  /// Number of workers that run trajectories at the same time.
  var workers: Int { get }
}

/// One trajectory after another on the calling thread.
public struct EnsembleSerial: EnsembleAlgorithm {
  /// A serial ensemble.
  public init() {}
  /// One worker.
  public var workers: Int { 1 }
}

/// Trajectories in parallel on all cores, in contiguous chunks (`chunksPerWorker` per core,
/// taken in turn, so that uneven trajectories still balance); results are identical to
/// ``EnsembleSerial``'s.
public struct EnsembleThreads: EnsembleAlgorithm {
  /// Number of threads (default: the online processors).
  public var workers: Int
  /// Chunks per thread (default 4).
  public var chunksPerWorker: Int

  /// A threaded ensemble.
  public init(workers: Int? = nil, chunksPerWorker: Int = 4) {
    self.workers = max(1, workers ?? onlineProcessorCount())
    self.chunksPerWorker = max(1, chunksPerWorker)
  }
}

/// The result of an ensemble solve: one output per trajectory, in trajectory order.
public struct EnsembleSolution<Output: Sendable>: Sendable {
  /// The outputs, `u[i]` for trajectory `i`.
  public var u: [Output]
  /// Total solves, reruns included.
  public var solves: Int

  /// A solution.
  @inlinable
  public init(u: [Output], solves: Int) {
    self.u = u
    self.solves = solves
  }
}
