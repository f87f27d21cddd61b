import DiffEqBase

/// How a DAE solve obtains consistent initial values `F(u′₀, u₀, p, t₀) = 0`
/// (DifferentialEquations.jl's `initializealg`): ``CheckInit`` (the default) only checks,
/// ``BrownFullBasicInit`` solves for the algebraic `u` and the differential `u′` holding the
/// differential `u`, ``ShampineCollocationInit`` takes a short implicit step.
///
/// A policy throws ``DiffEqError`` for values it will not accept (``CheckInit``) and
/// ``DAEInitializationFailure`` when its own solve fails; the solvers turn the latter into a
/// solution with ``ReturnCode/initialFailure`` and a diagnostic.
public protocol DAEInitializationAlgorithm: Sendable {
  /// The policy's name (`"CheckInit"`, …).
  var name: String { get }

  /// Consistent `(u′₀, u₀)` for `residual` at `t₀ = tspan.0`, starting from `(du0, u0)`;
  /// `differential[i]` says whether `uᵢ` is differential. `errorNorm` carries the solve's
  /// tolerances.
  func initialize<State: StateVector, Parameters: Sendable>(
    residual: @escaping @Sendable (inout State, State, State, Parameters, Double) -> Void,
    du0: State, u0: State, p: Parameters, tspan: (Double, Double), differential: [Bool],
    errorNorm: ErrorNorm
  ) throws -> (du: State, u: State)
}

/// An initialization that could not produce consistent values (its Newton iteration did not
/// converge, or the DAE's index is too high for it).
public struct DAEInitializationFailure: Error, Sendable, CustomStringConvertible {
  /// What failed and what to try.
  public var message: String

  /// A failure saying `message`.
  public init(_ message: String) { self.message = message }

  /// The message.
  public var description: String { message }
}
