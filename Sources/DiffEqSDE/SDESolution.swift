import DiffEqBase

/// The result of an SDE solve: the saved states (and everything an ``ODESolution`` has) and
/// the Brownian path `W` the solve used, so that a user can compare with an exact solution
/// driven by the same path.
public struct SDESolution<State: StateVector>: Sendable {
  /// Times, states, return code, statistics and dense output.
  public var solution: ODESolution<State>
  // swift-format-ignore: AlwaysUseLowerCamelCase
  /// The Wiener path: its times and values (`sol.W`, DifferentialEquations.jl's name).
  public var W: WienerProcess
  // swift-format-ignore: AlwaysUseLowerCamelCase
  /// The second process `Z` of the SRI and SRA methods' iterated integrals, when the method
  /// used one (`NoiseGrid(sol.W, z: sol.Z)` replays both).
  public var Z: WienerProcess?

  /// Saved times.
  public var t: [Double] { solution.t }
  /// Saved states.
  public var u: [State] { solution.u }
  /// How the solve ended.
  public var retcode: ReturnCode { solution.retcode }
  /// Work counters.
  public var stats: SolverStats { solution.stats }
  /// The method's name.
  public var algorithm: String { solution.algorithm }

  /// The (linearly interpolated) solution at `time`.
  public func callAsFunction(_ time: Double) -> State { solution(time) }
}
