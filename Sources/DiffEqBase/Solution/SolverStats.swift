/// Work counters of a solve (DifferentialEquations.jl's `DEStats`).
public struct SolverStats: Sendable, Equatable, CustomStringConvertible {
  /// Right-hand-side evaluations (including those of the initial step-size estimate and of
  /// lazy dense-output stages computed during the solve).
  public var nf: Int = 0
  /// Jacobian evaluations.
  public var njacs: Int = 0
  /// Matrix factorizations.
  public var nfactorizations: Int = 0
  /// Linear solves.
  public var nsolves: Int = 0
  /// Accepted steps.
  public var naccept: Int = 0
  /// Rejected steps.
  public var nreject: Int = 0
  /// Nonlinear-solver iterations (the fixed-point iterations of a delay equation's method of
  /// steps; Newton iterations of implicit methods).
  public var nnonliniter: Int = 0
  /// Nonlinear-solver convergence failures (each one rejects the step).
  public var nnonlinconvfail: Int = 0

  /// All counters zero.
  @inlinable
  public init() {}

  /// Step attempts, accepted plus rejected.
  public var nsteps: Int { naccept + nreject }

  /// One line: `nf = …, naccept = …, nreject = …` (plus the nonzero linear-algebra counters).
  public var description: String {
    var s = "nf = \(nf), naccept = \(naccept), nreject = \(nreject)"
    if njacs > 0 { s += ", njacs = \(njacs)" }
    if nfactorizations > 0 { s += ", nfactorizations = \(nfactorizations)" }
    if nsolves > 0 { s += ", nsolves = \(nsolves)" }
    if nnonliniter > 0 { s += ", nnonliniter = \(nnonliniter)" }
    if nnonlinconvfail > 0 { s += ", nnonlinconvfail = \(nnonlinconvfail)" }
    return s
  }
}
