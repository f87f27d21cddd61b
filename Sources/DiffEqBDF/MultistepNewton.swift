import DiffEqBase

/// The simplified Newton iteration of a one-leg multistep step (``FBDF``, ``QNDF``, ``ABDF2``):
/// for `M u′ = f` (`M = I` without a mass matrix) it solves
///
/// ```
/// G(x) = M(x + c) − γ f(tₙ₊₁, x) − b = 0,   W = M − γ_W J,   x ← x − (2/(1 + γ/γ_W)) W⁻¹ G(x)
/// ```
///
/// from the predictor in ``x`` (`c` the method's combination of past values, `b` an optional
/// explicit term), with the Jacobian `J` at the step's start and the factorization of `W`
/// reused across steps while they converge — CVODE's rule (`cvNls`): `W` is kept while `γ`
/// stays within 30 % of the `γ_W` it was factored for, for at most 20 steps, and the
/// corrections are scaled by `2/(1 + γ/γ_W)` (`DGMAX`, `MSBP`). The iteration stops by
/// ``NewtonConvergence`` (Hairer & Wanner IV.8, `κ = 0.01`), and fails after 5
/// iterations or when it diverges. A failure with a stale Jacobian or factorization refreshes
/// both and starts again from the predictor (the second attempt); only a failure with a
/// current Jacobian is reported, and the caller then shortens the step.
///
/// It also keeps the count of Newton failures in a row (CVODE's `MXNCF` = 10 ends the solve,
/// ``fatalFailure``) and the mass matrix's diagonal for the first step's predictor
/// (``massDiagonal(_:)``).
///
/// Statistics: `njacs`, `nfactorizations`, `nnonliniter`, `nnonlinconvfail`, and the `f`
/// evaluations (`nf`) of the iterations and of difference Jacobians.
public struct MultistepNewton<State: StateVector, Parameters: Sendable> {
  /// The analytic Jacobian, if given.
  @usableFromInline let jac: (@Sendable (inout DenseMatrix, State, Parameters, Double) -> Void)?
  /// The mass matrix `M` of `M u′ = f` (`nil`: the identity).
  public let mass: StiffMassMatrix?
  /// The Jacobian and the factorization of `W = M − γJ` (dense, banded, sparse, or GMRES).
  @usableFromInline var matrix: NewtonMatrix<State>
  /// The iterate (the predictor on entry, the solution on success).
  public var x: State
  /// The correction, `f(x)`, the predictor kept for a restart, `f(uₙ)` for the Jacobian and
  /// `x + c`, and `M(x + c)`.
  @usableFromInline var delta: State
  @usableFromInline var fx: State
  @usableFromInline var start: State
  @usableFromInline var scratch: State
  @usableFromInline var massProduct: State
  /// The convergence test and the rate carried between steps.
  @usableFromInline var convergence = NewtonConvergence()
  @usableFromInline var haveJacobian = false
  /// Whether `J` was evaluated at the current step's start (a failure cannot be cured by a
  /// fresh one).
  @usableFromInline var jacobianIsCurrent = false
  @usableFromInline var stepsSinceFactorization = 0
  /// Newton failures since the last accepted step, and where the last one happened.
  @usableFromInline var convergenceFailures = 0
  @usableFromInline var lastFailureTime = 0.0
  @usableFromInline var lastFailureStep = 0.0
  /// The cap on failures in a row (CVODE's `MXNCF`).
  @usableFromInline static var maxConvergenceFailures: Int { 10 }

  /// Buffers for states shaped like `prototype`, with `J` stored as `jacPrototype` says and
  /// `W = M − γJ` for the mass matrix `mass` (`nil`: `M = I`).
  public init(
    prototype: State, jac: (@Sendable (inout DenseMatrix, State, Parameters, Double) -> Void)?,
    jacPrototype: JacobianPrototype?, linearSolver: LinearSolver, mass: StiffMassMatrix? = nil
  ) {
    self.jac = jac
    self.mass = mass
    matrix = NewtonMatrix(
      prototype: prototype, jacPrototype: jacPrototype, analyticJacobian: jac != nil,
      linearSolver: linearSolver, mass: mass)
    x = prototype.zeroed()
    delta = prototype.zeroed()
    fx = prototype.zeroed()
    start = prototype.zeroed()
    scratch = prototype.zeroed()
    massProduct = prototype.zeroed()
  }

  /// Whether a Jacobian has been evaluated (the stiffness estimate needs one).
  public var hasJacobian: Bool { haveJacobian }

  /// Whether the linear algebra is matrix-free GMRES.
  public var isMatrixFree: Bool { matrix.isMatrixFree }

  /// `‖J‖₁` of the Jacobian in use; `nil` before the first or when matrix-free.
  @inlinable
  public mutating func jacobianOneNorm() -> Double? {
    haveJacobian ? matrix.oneNorm() : nil
  }

  /// The Jacobian now lags the state (after an accepted step or an error-test failure): the
  /// next Newton failure refreshes it before the step is shortened.
  @inlinable
  public mutating func markJacobianStale() { jacobianIsCurrent = false }

  /// `Mᵢᵢ` for a first step's predictor `uₙ + h fᵢ/Mᵢᵢ`: 1 without a mass matrix, `∞` for an
  /// algebraic component (`Mᵢᵢ = 0`) and for every component of a non-diagonal `M` (the
  /// predictor is then `uₙ` itself, and the component stays out of the first step's error
  /// estimate: its derivative is unknown).
  @inlinable
  public func massDiagonal(_ i: Int) -> Double {
    switch mass {
    case nil: return 1
    case .diagonal(let d)?: return d[i] == 0 ? .infinity : d[i]
    case .dense?: return .infinity
    }
  }

  /// The predictor of a first step from `uₙ` with `fₙ = f(tₙ, uₙ)`, `x = uₙ + h fₙ/Mᵢᵢ` (the
  /// Taylor polynomial `uₙ + h u′ₙ`; `uₙ` where the derivative is unknown), into ``x``.
  @inlinable
  public mutating func startingPredictor(u: State, f0: State, h: Double) {
    for i in 0..<x.count {
      x[i] = State.Scalar(Double(u[i]) + h * Double(f0[i]) / massDiagonal(i))
    }
  }

  /// The scaled local error of a first step whose solution is in ``x``,
  /// `‖scale · (x − uₙ − h fₙ/Mᵢᵢ)‖` (`x − uₙ − h u′ₙ ≈ h²u″/2`), with the components whose
  /// derivative is unknown (``massDiagonal(_:)`` infinite) left out.
  @inlinable
  public func startingError(u: State, f0: State, h: Double, scale: Double, errorNorm: ErrorNorm)
    -> Double
  {
    let n = x.count
    var acc = 0.0
    for i in 0..<n {
      let d = massDiagonal(i)
      let e = d.isFinite ? Double(x[i]) - Double(u[i]) - h * Double(f0[i]) / d : 0
      errorNorm.accumulate(
        &acc, errorNorm.scaled(i, error: scale * e, u0: Double(u[i]), u1: Double(x[i])))
    }
    return errorNorm.finish(acc, count: n)
  }

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

  /// Solves `M(x + c) − γ f(tNew, x) − b = 0` (`c` in `combination`, `b` in `forcing`, none
  /// when `nil`) from the predictor in ``x``; the Jacobian, when one is needed, is taken at
  /// `(t, u)`. Returns whether it converged (``x`` then holds the solution); a failure is
  /// counted for ``fatalFailure``.
  @inlinable
  public mutating func solve<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, _ pp: Parameters, t: Double, u: State, tNew: Double, h: Double,
    gamma: Double, combination: State, forcing: State? = nil, errorNorm: ErrorNorm,
    stats: inout SolverStats
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
      // The second attempt restarts from the predictor.
      if attempts == 2 { x.assign(start) }
      convergence.begin()
      for iteration in 0..<5 {
        f(&fx, x, p, tNew)
        stats.nf += 1
        stats.nnonliniter += 1
        residual(gamma: gamma, combination: combination, forcing: forcing)
        if matrixFree {
          // The linear residual a twentieth of Newton's own tolerance (CVODE's EPLIN = 0.05).
          matrix.solve(
            &delta, f, p, t: tNew, x: x, fx: fx, gamma: gamma, errorNorm: errorNorm,
            tolerance: 0.05 * convergence.kappa, stats: &stats)
        } else {
          matrix.solve(&delta)
        }
        if correction != 1 { for i in 0..<n { delta[i] = State.Scalar(correction) * delta[i] } }
        for i in 0..<n { x[i] = x[i] + delta[i] }
        let verdict = convergence.check(
          size: errorNorm.norm(delta, weightsFrom: x), iteration: iteration)
        if verdict == .converged { converged = true }
        if verdict != .iterate { break }
      }
      if !converged {
        stats.nnonlinconvfail += 1
        convergence.failed()
      }
    }
    if !converged {
      jacobianIsCurrent = false
      convergenceFailures += 1
      lastFailureTime = t
      lastFailureStep = h
    }
    return converged
  }

  /// `−G(x) = −(M(x + c) − γ f(x) − b)` into ``delta`` (`f(x)` in ``fx``).
  @inlinable
  mutating func residual(gamma: Double, combination: State, forcing: State?) {
    let n = x.count
    if let mass {
      for i in 0..<n { scratch[i] = x[i] + combination[i] }
      mass.multiply(scratch, into: &massProduct)
      for i in 0..<n {
        delta[i] = State.Scalar(-(Double(massProduct[i]) - gamma * Double(fx[i])))
      }
    } else {
      for i in 0..<n {
        delta[i] = State.Scalar(-(Double(x[i]) + Double(combination[i]) - gamma * Double(fx[i])))
      }
    }
    if let forcing { for i in 0..<n { delta[i] = delta[i] + forcing[i] } }
  }

  /// `v ← W⁻¹ v` with the factorization of the last solve; the GMRES kind solves at the last
  /// iterate.
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

  /// A step was accepted (or the method restarted): failures in a row start again from 0.
  @inlinable
  public mutating func resetFailures() { convergenceFailures = 0 }

  /// `.convergenceFailure` after ``maxConvergenceFailures`` Newton failures in a row (each
  /// with a fresh Jacobian and a shorter step than the one before).
  public var fatalFailure: (code: ReturnCode, message: String)? {
    guard convergenceFailures >= Self.maxConvergenceFailures else { return nil }
    return (
      .convergenceFailure,
      "Newton's iteration failed to converge \(convergenceFailures) times in a row at t = \(lastFailureTime), the last with h = \(lastFailureStep) and a fresh Jacobian; check the model (a discontinuity or a singular algebraic part) near this t"
    )
  }
}
