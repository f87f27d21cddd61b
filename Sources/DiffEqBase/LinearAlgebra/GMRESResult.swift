/// What one ``GMRES`` solve did: how it ended, what it cost and how small the residual got.
///
/// A solve never traps on bad numbers; it ends in one of the ``Status`` cases and says so
/// here. `x` then holds the best iterate reached (the initial guess when nothing could be
/// done), always finite unless the initial guess was not.
public struct GMRESResult: Sendable, Equatable {
  /// How a solve ended.
  public enum Status: Sendable, Equatable {
    /// `‖b − A x‖_W ≤ tolerance` (by the GMRES residual recurrence, or computed explicitly
    /// when ``GMRES/verifiesResidual`` is set).
    case converged
    /// All `maxRestarts + 1` cycles of `m` iterations were spent without reaching the
    /// tolerance.
    case notConverged
    /// The Arnoldi process broke down without reaching the tolerance: a rotated diagonal
    /// entry `r_jj` of the Hessenberg matrix was zero, so `A M⁻¹` is singular on the Krylov
    /// space (the least-squares problem has no unique solution there). `x` holds the
    /// iterate of the columns before the breakdown.
    case breakdown
    /// A NaN or infinity appeared: in `b`, the initial guess, the weights, the operator's or
    /// the preconditioner's output, or the small least-squares solution. `x` holds the last
    /// finite iterate.
    case nonFinite
  }

  /// How the solve ended.
  public var status: Status
  /// Whether the solve met the tolerance (``status`` is ``Status/converged``).
  @inlinable public var converged: Bool { status == .converged }
  /// Whether the Arnoldi process broke down: `h_{j+1,j} ≈ 0` (the Krylov space is invariant
  /// under `A M⁻¹`; a *happy* breakdown, which makes the iterate exact when `H_j` is
  /// nonsingular, and then the solve counts as converged) or a zero rotated diagonal
  /// (``Status/breakdown``).
  public var breakdown: Bool
  /// Inner (Arnoldi) iterations over all cycles: each is one product `A·(M⁻¹ v_j)`.
  public var iterations: Int
  /// Restarts done: cycles begun after the first (at most ``GMRES/maxRestarts``).
  public var restarts: Int
  /// Products `A·v` asked of the operator: ``iterations`` plus one for each explicit residual
  /// `b − A x` (a nonzero initial guess, and each check when ``GMRES/verifiesResidual``).
  public var operatorApplications: Int
  /// Solves `v ← M⁻¹ v` asked of the preconditioner: one per iteration and one per cycle
  /// (to map the Krylov combination back, `x ← x + M⁻¹ V_k y`); 0 without one.
  public var preconditionerApplications: Int
  /// Second Gram–Schmidt passes done (one each time the new Arnoldi vector lost most of its
  /// norm to the first pass).
  public var reorthogonalizations: Int
  /// `‖b − A x₀‖_W`, the residual norm of the initial guess.
  public var initialResidualNorm: Double
  /// `‖b − A x‖_W` of the final iterate: the GMRES least-squares residual `|g_k|` (equal to
  /// the true residual norm in exact arithmetic, and to rounding in practice), or the
  /// explicitly computed one when ``GMRES/verifiesResidual`` is set (or no iteration was
  /// needed). After ``Status/nonFinite``, the last finite value.
  public var residualNorm: Double

  /// A result with every count zero.
  @inlinable
  init(status: Status, residualNorm: Double) {
    self.status = status
    breakdown = false
    iterations = 0
    restarts = 0
    operatorApplications = 0
    preconditionerApplications = 0
    reorthogonalizations = 0
    initialResidualNorm = residualNorm
    self.residualNorm = residualNorm
  }
}
