/// How an implicit method solves its linear systems `(I − γJ) δ = r` (DifferentialEquations.jl's
/// `linsolve`).
public enum LinearSolver: Sendable, Equatable {
  /// LU factorization, stored as the problem's ``JacobianPrototype`` says: dense, banded or
  /// sparse.
  case automatic
  /// Restarted GMRES(`restart`), matrix-free: `J·v ≈ (f(u + σv) − f(u))/σ` (CVODE's SPGMR with
  /// `cvLsDQJtimes`), right-preconditioned by ILU(0) of `I − γJ` when the problem has a
  /// `.sparse` ``JacobianPrototype`` (the Jacobian by coloured differences, refreshed as
  /// rarely as a factorization would be), unpreconditioned otherwise. For large systems
  /// whose Jacobian would not fit or not factor cheaply.
  case gmres(restart: Int)

  /// GMRES(30).
  public static var gmres: LinearSolver { .gmres(restart: 30) }
}
