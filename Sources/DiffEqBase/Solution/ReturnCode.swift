/// How a solve ended (DifferentialEquations.jl's `ReturnCode`).
public enum ReturnCode: String, Sendable, CustomStringConvertible {
  /// Not finished yet (an integrator that is still stepping).
  case `default`
  /// Reached the end of the time span.
  case success
  /// Stopped early on purpose (a callback or `terminate()`).
  case terminated
  /// Hit `maxIters` step attempts before the end of the span.
  case maxIters
  /// The adaptive step size fell below `dtMin`.
  case dtLessThanMin
  /// The state or the error estimate became NaN or infinite.
  case unstable
  /// A nonlinear or linear solve failed repeatedly (implicit methods).
  case convergenceFailure
  /// The problem could not be started (the right-hand side failed at `t₀`).
  case initialFailure
  /// Any other failure; see the solution's diagnostic.
  case failure

  /// Whether the code means the whole span (or the requested part) was integrated.
  public var isSuccessful: Bool { self == .success || self == .terminated }

  /// The code's name.
  public var description: String { rawValue }
}
