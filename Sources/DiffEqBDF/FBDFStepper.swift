import DiffEqBase

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The stepper of ``FBDF`` in the shared loop: the accepted states (most recent first), the
/// order, the Jacobian and the factorization of `I − γJ`, and the proposals for the next
/// step (its size and order are the method's own choice, see ``proposedStep(accepted:)``).
public struct FBDFStepper<State: StateVector, Parameters: Sendable>: ODEStepper {
  /// The dense output: each step's interpolating polynomial.
  public typealias Interpolant = BDFInterpolant<State>

  /// The highest order.
  public var maxOrder: Int { history.maxOrder }
  /// The analytic Jacobian, if given.
  @usableFromInline let jac: (@Sendable (inout DenseMatrix, State, Parameters, Double) -> Void)?
  /// The Jacobian's sparsity (dense when `nil`).
  public let jacPrototype: JacobianPrototype?
  /// LU (as `jacPrototype` says) or matrix-free GMRES.
  public let linearSolver: LinearSolver
  /// The mass matrix `M` of `M u′ = f` (`nil`: the identity).
  public let mass: StiffMassMatrix?

  /// The accepted states, the predictor, the error estimates and the order and step choice.
  @usableFromInline var history: BDFHistory<State>
  /// `f(tₙ, uₙ)` at the last restart (the first step's predictor).
  @usableFromInline var fStart: State
  /// The order of the last step attempted (1 … 5).
  public var lastStepOrder: Int { history.lastStepOrder }

  /// Newton: iterate, update, `f` at the iterate, the combination `c`.
  @usableFromInline var x: State
  @usableFromInline var delta: State
  @usableFromInline var fx: State
  @usableFromInline var combination: State
  /// Scratch for `f(uₙ)` (Jacobians) and for `M·v`.
  @usableFromInline var scratch: State
  @usableFromInline var massProduct: State
  /// The convergence test and the rate carried between steps.
  @usableFromInline var convergence = NewtonConvergence()

  /// The Jacobian and the factorization of `M − γJ` (dense, banded or sparse), and their state.
  @usableFromInline var newton: NewtonMatrix<State>
  @usableFromInline var haveJacobian = false
  @usableFromInline var jacobianIsCurrent = false
  @usableFromInline var stepsSinceFactorization = 0
  /// Newton failures since the last accepted step, and the cap (CVODE's `MXNCF`).
  @usableFromInline var convergenceFailures = 0
  @usableFromInline static var maxConvergenceFailures: Int { 10 }
  @usableFromInline var lastFailureTime = 0.0
  @usableFromInline var lastFailureStep = 0.0

  /// A stepper for `problem`.
  public init<F: ODEFunction>(
    problem: ODEProblem<F>, maxOrder: Int, linearSolver: LinearSolver = .automatic
  )
  where F.State == State, F.Parameters == Parameters {
    self.init(
      prototype: problem.u0, jac: problem.jac, jacPrototype: problem.jacPrototype,
      maxOrder: maxOrder, linearSolver: linearSolver, mass: StiffMassMatrix(problem.massMatrix))
  }

  /// A stepper for states shaped like `prototype`, with the Jacobian's storage from
  /// `jacPrototype` (dense when `nil`).
  public init(
    prototype: State,
    jac: (@Sendable (inout DenseMatrix, State, Parameters, Double) -> Void)?,
    jacPrototype: JacobianPrototype? = nil, maxOrder: Int,
    linearSolver: LinearSolver = .automatic, mass: StiffMassMatrix? = nil
  ) {
    self.mass = mass
    self.jac = jac
    self.jacPrototype = jacPrototype
    self.linearSolver = linearSolver
    history = BDFHistory(prototype: prototype, maxOrder: maxOrder)
    fStart = prototype.zeroed()
    x = prototype.zeroed()
    delta = prototype.zeroed()
    fx = prototype.zeroed()
    combination = prototype.zeroed()
    scratch = prototype.zeroed()
    massProduct = prototype.zeroed()
    newton = NewtonMatrix(
      prototype: prototype, jacPrototype: jacPrototype, analyticJacobian: jac != nil,
      linearSolver: linearSolver, mass: mass)
  }

  /// `"FBDF"`.
  public var name: String { linearSolver == .automatic ? "FBDF" : "FBDF(GMRES)" }
  /// The first step's order (the initial step size uses it).
  public var order: Int { 1 }
  /// The same.
  public var adaptiveOrder: Int { 1 }
  /// Adaptive.
  public var isAdaptive: Bool { true }
  /// `M u′ = f` with a constant, possibly singular `M` (index-1 DAEs): `W = M − γJ`.
  public var supportsMassMatrix: Bool { true }
  /// Unused: the method proposes its own steps.
  public var controllerDefaults: ControllerDefaults {
    ControllerDefaults(beta1: 1, beta2: 0, qmin: 0.2, qmax: 2, gamma: 0.9)
  }

  /// Starts (or restarts, after `u` or `p` changed) from `(t, u)` at order 1.
  public mutating func initialize<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, t: Double, u: State, stats: inout SolverStats
  ) where F.State == State {
    history.restart(t: t, u: u)
    f(&fStart, u, p, t)
    stats.nf += 1
    jacobianIsCurrent = false
    convergenceFailures = 0
  }

  /// `Mᵢᵢ` for the first step's predictor `uₙ + h fᵢ/Mᵢᵢ`: 1 without a mass matrix, `∞` for an
  /// algebraic component (`Mᵢᵢ = 0`) and for every component of a non-diagonal `M` (the
  /// predictor is then `uₙ` itself).
  @inlinable
  func massDiagonal(_ i: Int) -> Double {
    switch mass {
    case nil: return 1
    case .diagonal(let d)?: return d[i] == 0 ? .infinity : d[i]
    case .dense?: return .infinity
    }
  }

  /// Evaluates (or refreshes) the Jacobian at `(t, u)`.
  @inlinable
  mutating func updateJacobian<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, _ pp: Parameters, t: Double, h: Double, u: State,
    errorNorm: ErrorNorm, stats: inout SolverStats
  ) where F.State == State {
    if let jac {
      newton.evaluate(analytic: { jac(&$0, u, pp, t) })
    } else {
      f(&scratch, u, p, t)
      stats.nf += 1
      newton.evaluate(f, p, t: t, u: u, f0: scratch, h: h, errorNorm: errorNorm, stats: &stats)
    }
    stats.njacs += 1
    haveJacobian = true
    jacobianIsCurrent = true
  }

  /// One attempt from `(t, uₙ)` with step `dt` at the current order; returns the scaled
  /// local error (∞ when Newton fails).
  @inlinable
  public mutating func step<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, t: Double, dt: Double, u: State, unew: inout State,
    errorNorm: ErrorNorm, computeError: Bool, stats: inout SolverStats
  ) -> Double where F.State == State {
    guard F.Parameters.self == Parameters.self else { return .nan }
    let pp = unsafeBitCast(p, to: Parameters.self)
    let n = u.count
    let h = dt
    let tNew = t + h
    let k = history.beginStep(t: t, h: h)
    let alpha = FBDF.coefficients[k - 1]
    if history.isStarting {
      // P(s) = uₙ + (s − tₙ) u′ₙ: y₁ = uₙ, predictor uₙ + h u′ₙ, with u′ = M⁻¹f for a
      // diagonal M (algebraic components, Mᵢᵢ = 0, and a dense M: the constant uₙ).
      for i in 0..<n {
        let ui = Double(u[i])
        combination[i] = State.Scalar(alpha[1] * ui / alpha[0])
        x[i] = State.Scalar(ui + h * Double(fStart[i]) / massDiagonal(i))
      }
    } else {
      history.predict(order: k, h: h, combination: &combination, predictor: &x)
    }
    let gamma = h / alpha[0]
    stepsSinceFactorization += 1
    // Simplified Newton on M(x + c) − γ f(x) = 0 with W = M − γ_W J. The factorization is kept
    // while γ stays within 30% of γ_W (and for at most 20 steps), with the corrections scaled
    // by 2/(1 + γ/γ_W) (CVODE's DGMAX and MSBP, cvNls); a failure refactors with γ itself.
    var converged = false
    var attempts = 0
    while !converged && attempts < 2 {
      attempts += 1
      // γ/γ_W: NaN when nothing is factored (no Jacobian yet, or a fresh one).
      let ratio = gamma / newton.factoredGamma
      if !haveJacobian || (attempts == 2 && !jacobianIsCurrent) {
        updateJacobian(f, p, pp, t: t, h: h, u: u, errorNorm: errorNorm, stats: &stats)
      } else if attempts == 2 && !(ratio.isFinite && ratio != 1) {
        // The Jacobian is current and W was factored for this γ: nothing left to refresh.
        break
      }
      let keep =
        attempts == 1 && newton.factoredGamma.isFinite && abs(ratio - 1) <= 0.3
        && stepsSinceFactorization <= 20
      if !keep {
        guard newton.factor(gamma: gamma, stats: &stats) else {
          if jacobianIsCurrent { break }
          continue
        }
        stepsSinceFactorization = 0
      }
      // GMRES applies W with γ itself: no correction.
      let matrixFree = newton.isMatrixFree
      let correction = matrixFree ? 1 : 2 / (1 + gamma / newton.factoredGamma)
      if attempts == 2 {
        // Restart from the predictor.
        x.assign(history.end)
      } else {
        history.end.assign(x)
      }
      convergence.begin(reltol: errorNorm.reltol)
      for iteration in 0..<5 {
        f(&fx, x, p, tNew)
        stats.nf += 1
        stats.nnonliniter += 1
        if let mass {
          // −(M(x + c) − γ f(x)).
          for i in 0..<n { scratch[i] = x[i] + combination[i] }
          mass.multiply(scratch, into: &massProduct)
          for i in 0..<n {
            delta[i] = State.Scalar(-(Double(massProduct[i]) - gamma * Double(fx[i])))
          }
        } else {
          for i in 0..<n {
            delta[i] = State.Scalar(
              -(Double(x[i]) + Double(combination[i]) - gamma * Double(fx[i])))
          }
        }
        if matrixFree {
          // The linear residual a twentieth of Newton's own tolerance (CVODE's EPLIN = 0.05).
          newton.solve(
            &delta, f, p, t: tNew, x: x, fx: fx, gamma: gamma, errorNorm: errorNorm,
            tolerance: 0.05 * convergence.tolerance, stats: &stats)
        } else {
          newton.solve(&delta)
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
    unew.assign(x)
    if !converged {
      convergenceFailures += 1
      lastFailureTime = t
      lastFailureStep = h
      history.correctorFailed(h: h)
      jacobianIsCurrent = false
      return .infinity
    }
    history.end.assign(x)
    // The error estimate of order k, then the order and step proposals.
    let eest: Double
    if history.isStarting {
      var acc = 0.0
      for i in 0..<n {
        // uₙ₊₁ − uₙ − h u′ₙ ≈ h²u″/2; algebraic components (Mᵢᵢ = 0) are left out here.
        let d = massDiagonal(i)
        let e = d.isFinite ? Double(x[i]) - Double(u[i]) - h * Double(fStart[i]) / d : 0
        errorNorm.accumulate(
          &acc, errorNorm.scaled(i, error: e, u0: Double(u[i]), u1: Double(x[i])))
      }
      eest = errorNorm.finish(acc, count: n)
    } else {
      eest = history.errorEstimate(order: k, h: h, u: u, x: x, errorNorm: errorNorm) ?? 1
    }
    if history.judge(eest: eest, order: k, h: h, u: u, errorNorm: errorNorm) {
      // A stale Jacobian may be to blame as well.
      jacobianIsCurrent = false
    }
    return eest
  }

  /// `.convergenceFailure` after ``maxConvergenceFailures`` Newton failures in a row (each
  /// with a fresh Jacobian and a quarter of the step before).
  public var fatalFailure: (code: ReturnCode, message: String)? {
    guard convergenceFailures >= Self.maxConvergenceFailures else { return nil }
    return (
      .convergenceFailure,
      "Newton's iteration failed to converge \(convergenceFailures) times in a row at t = \(lastFailureTime), the last with h = \(lastFailureStep) and a fresh Jacobian; check the model (a discontinuity or a singular algebraic part) near this t"
    )
  }

  /// The method's own next step: after an accepted step the step and order chosen from the
  /// error estimates of neighbouring orders, after a rejection a shorter step.
  public func proposedStep(accepted: Bool, controllerProposal: Double) -> Double? {
    history.proposedStep(accepted: accepted)
  }

  /// Shifts the history: `uₙ₊₁` becomes the most recent state; the proposed order takes
  /// effect.
  @inlinable
  public mutating func acceptStep() {
    history.accept()
    convergenceFailures = 0
    // The Jacobian now lags the state: a Newton failure refreshes it before shrinking h.
    jacobianIsCurrent = false
  }

  /// The step's interpolating polynomial (through `uₙ₊₁` and the `k` states before it) at
  /// `t + θ dt`, or its derivative.
  @inlinable
  public mutating func interpolate<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, t: Double, dt: Double, uprev: State, theta: Double,
    derivative: Int, into out: inout State, stats: inout SolverStats
  ) where F.State == State {
    history.interpolate(at: t + theta * dt, derivative: derivative, into: &out)
  }

  /// An empty dense output.
  public func makeInterpolant<F: ODEFunction>(_ f: F, _ p: F.Parameters) -> BDFInterpolant<State>
  where F.State == State {
    BDFInterpolant()
  }

  /// Nothing to do: the dense output does not call `f`.
  public func updateParameters<F: ODEFunction>(
    of interpolant: inout BDFInterpolant<State>, _ f: F, _ p: F.Parameters
  ) where F.State == State {}

  /// Records the step (its end state and how many states its polynomial uses).
  public mutating func record(
    into interpolant: inout BDFInterpolant<State>, t: Double, dt: Double, uprev: State
  ) {
    history.record(into: &interpolant, t: t, uprev: uprev)
  }

  /// New buffers shaped like `prototype`; the history restarts at the next ``initialize``.
  public mutating func resize(to prototype: State) {
    self = FBDFStepper(
      prototype: prototype, jac: jac, jacPrototype: jacPrototype, maxOrder: maxOrder,
      linearSolver: linearSolver, mass: mass)
  }
}
