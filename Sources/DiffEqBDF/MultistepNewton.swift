import DiffEqBase

/// The simplified Newton iteration of a one-leg multistep step (``QNDF``, ``ABDF2``): it solves
///
/// ```
/// G(x) = x + c − γ f(tₙ₊₁, x) = 0,   W = I − γ_W J,   x ← x − (2/(1 + γ/γ_W)) W⁻¹ G(x)
/// ```
///
/// from the predictor in ``x``, with the Jacobian `J` at the step's start and the
/// factorization of `W` reused across steps while they converge — the rule of ``FBDF``'s
/// stepper and of CVODE (`cvNls`): `W` is kept while `γ` stays within 30 % of the `γ_W` it
/// was factored for, for at most 20 steps, and the corrections are scaled by `2/(1 + γ/γ_W)`
/// (CVODE's `DGMAX`, `MSBP`). The iteration stops when the estimated distance to the solution
/// `η‖Δx‖` (`η = θ/(1 − θ)`, `θ` the observed contraction rate, Hairer & Wanner IV.8) is
/// at most 1/100 of the error tolerance, and fails after 5 iterations or when it diverges
/// (`θ ≥ 1`). A failure with a stale Jacobian or factorization refreshes both and starts
/// again from the predictor (the second attempt); only a failure with a current Jacobian is
/// reported, and the caller then shortens the step.
///
/// Statistics: `njacs`, `nfactorizations`, `nnonliniter`, `nnonlinconvfail`, and the `f`
/// evaluations (`nf`) of the iterations and of difference Jacobians.
public struct MultistepNewton<State: StateVector, Parameters: Sendable> {
  /// The analytic Jacobian, if given.
  @usableFromInline let jac: (@Sendable (inout DenseMatrix, State, Parameters, Double) -> Void)?
  /// The Jacobian and the factorization of `W` (dense, banded, sparse, or GMRES).
  @usableFromInline var matrix: NewtonMatrix<State>
  /// The iterate (the predictor on entry, the solution on success).
  public var x: State
  /// The correction, `f(x)`, the predictor kept for a restart, and `f(uₙ)` for the Jacobian.
  @usableFromInline var delta: State
  @usableFromInline var fx: State
  @usableFromInline var start: State
  @usableFromInline var scratch: State
  /// The last convergence-rate bound `η`.
  @usableFromInline var eta = 1.0
  @usableFromInline var haveJacobian = false
  /// Whether `J` was evaluated at the current step's start (a failure cannot be cured by a
  /// fresh one).
  @usableFromInline var jacobianIsCurrent = false
  @usableFromInline var stepsSinceFactorization = 0

  /// Buffers for states shaped like `prototype`, with `J` stored as `jacPrototype` says.
  public init(
    prototype: State, jac: (@Sendable (inout DenseMatrix, State, Parameters, Double) -> Void)?,
    jacPrototype: JacobianPrototype?, linearSolver: LinearSolver
  ) {
    self.jac = jac
    matrix = NewtonMatrix(
      prototype: prototype, jacPrototype: jacPrototype, analyticJacobian: jac != nil,
      linearSolver: linearSolver)
    x = prototype.zeroed()
    delta = prototype.zeroed()
    fx = prototype.zeroed()
    start = prototype.zeroed()
    scratch = prototype.zeroed()
  }

  /// Whether a Jacobian has been evaluated (the stiffness estimate needs one).
  public var hasJacobian: Bool { haveJacobian }

  /// `‖J‖₁` of the Jacobian in use; `nil` before the first or when matrix-free.
  @inlinable
  public mutating func jacobianOneNorm() -> Double? {
    haveJacobian ? matrix.oneNorm() : nil
  }

  /// The Jacobian now lags the state (after an accepted step or an error-test failure): the
  /// next Newton failure refreshes it before the step is shortened.
  @inlinable
  public mutating func markJacobianStale() { jacobianIsCurrent = false }

  /// Evaluates (or refreshes) `J` at `(t, u)`.
  @inlinable
  mutating func updateJacobian<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, _ pp: Parameters, t: Double, h: Double, u: State,
    errorNorm: ErrorNorm, stats: inout SolverStats
  ) where F.State == State {
    if let jac {
      matrix.evaluate(analytic: { jac(&$0, u, pp, t) })
    } else {
      f(&scratch, u, p, t)
      stats.nf += 1
      matrix.evaluate(f, p, t: t, u: u, f0: scratch, h: h, errorNorm: errorNorm, stats: &stats)
    }
    stats.njacs += 1
    haveJacobian = true
    jacobianIsCurrent = true
  }

  /// Solves `x + c − γ f(tNew, x) = 0` (`c` in `combination`) from the predictor in ``x``;
  /// the Jacobian, when one is needed, is taken at `(t, u)`. Returns whether it converged
  /// (``x`` then holds the solution).
  @inlinable
  public mutating func solve<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, _ pp: Parameters, t: Double, u: State, tNew: Double, h: Double,
    gamma: Double, combination: State, errorNorm: ErrorNorm, stats: inout SolverStats
  ) -> Bool where F.State == State {
    let n = x.count
    start.assign(x)
    stepsSinceFactorization += 1
    var converged = false
    var attempts = 0
    while !converged && attempts < 2 {
      attempts += 1
      // γ/γ_W: NaN when nothing is factored (no Jacobian yet, or a fresh one).
      let ratio = gamma / matrix.factoredGamma
      if !haveJacobian || (attempts == 2 && !jacobianIsCurrent) {
        updateJacobian(f, p, pp, t: t, h: h, u: u, errorNorm: errorNorm, stats: &stats)
      } else if attempts == 2 && !(ratio.isFinite && ratio != 1) {
        // The Jacobian is current and W was factored for this γ: nothing left to refresh.
        break
      }
      let keep =
        attempts == 1 && matrix.factoredGamma.isFinite && abs(ratio - 1) <= 0.3
        && stepsSinceFactorization <= 20
      if !keep {
        guard matrix.factor(gamma: gamma, stats: &stats) else {
          if jacobianIsCurrent { break }
          continue
        }
        stepsSinceFactorization = 0
      }
      // GMRES applies W with γ itself: no correction.
      let matrixFree = matrix.isMatrixFree
      let correction = matrixFree ? 1 : 2 / (1 + gamma / matrix.factoredGamma)
      if attempts == 2 { x.assign(start) }
      var previous = 0.0
      var rate = max(eta, 1e-16).squareRoot()
      for iteration in 0..<5 {
        f(&fx, x, p, tNew)
        stats.nf += 1
        stats.nnonliniter += 1
        for i in 0..<n {
          delta[i] = State.Scalar(-(Double(x[i]) + Double(combination[i]) - gamma * Double(fx[i])))
        }
        if matrixFree {
          // The linear residual a twentieth of Newton's own tolerance (CVODE's EPLIN = 0.05).
          matrix.solve(
            &delta, f, p, t: tNew, x: x, fx: fx, gamma: gamma, errorNorm: errorNorm,
            tolerance: 0.05 * 0.01, stats: &stats)
        } else {
          matrix.solve(&delta)
        }
        if correction != 1 { for i in 0..<n { delta[i] = State.Scalar(correction) * delta[i] } }
        for i in 0..<n { x[i] = x[i] + delta[i] }
        let size = errorNorm.norm(delta, weightsFrom: x)
        if !size.isFinite { break }
        if iteration > 0 {
          let theta = size / max(previous, 1e-300)
          if theta >= 1 { break }
          rate = theta / (1 - theta)
        }
        previous = size
        if rate * size <= 0.01 || size <= 1e-12 {
          converged = true
          eta = rate
          break
        }
      }
      if !converged {
        stats.nnonlinconvfail += 1
        eta = 1
      }
    }
    if !converged { jacobianIsCurrent = false }
    return converged
  }

  /// `v ← W⁻¹ v` with the factorization of the last solve (`v` scaled by nothing else); the
  /// GMRES kind solves at the last iterate.
  @inlinable
  public mutating func applyInverse<F: ODEFunction>(
    _ v: inout State, _ f: F, _ p: F.Parameters, tNew: Double, gamma: Double,
    errorNorm: ErrorNorm, stats: inout SolverStats
  ) where F.State == State {
    if matrix.isMatrixFree {
      f(&fx, x, p, tNew)
      stats.nf += 1
      matrix.solve(
        &v, f, p, t: tNew, x: x, fx: fx, gamma: gamma, errorNorm: errorNorm, tolerance: 0.05,
        stats: &stats)
    } else {
      matrix.solve(&v)
    }
  }

  /// Whether the linear algebra is matrix-free GMRES.
  public var isMatrixFree: Bool { matrix.isMatrixFree }
}
