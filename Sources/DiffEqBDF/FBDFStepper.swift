import DiffEqBase

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The stepper of ``FBDF`` in the shared loop: the accepted states (most recent first), the
/// order, the Newton iteration with `W = M − γJ` (``MultistepNewton``), and the proposals for the next
/// step (its size and order are the method's own choice, see ``proposedStep(accepted:)``).
public struct FBDFStepper<State: StateVector, Parameters: Sendable>: BDFHistoryStepper {
  /// The dense output: each step's interpolating polynomial.
  public typealias Interpolant = BDFInterpolant<State>

  /// The highest order.
  public var maxOrder: Int { history.maxOrder }
  /// The Jacobian's sparsity (dense when `nil`).
  public let jacPrototype: JacobianPrototype?
  /// LU (as `jacPrototype` says) or matrix-free GMRES.
  public let linearSolver: LinearSolver
  /// The mass matrix `M` of `M u′ = f` (`nil`: the identity).
  public var mass: StiffMassMatrix? { newton.mass }

  /// The accepted states, the predictor, the error estimates and the order and step choice.
  public var history: BDFHistory<State>
  /// `f(tₙ, uₙ)` at the last restart (the first step's predictor).
  @usableFromInline var fStart: State
  /// The combination `c` of the corrector `M(x + c) − γ f(x) = 0`.
  @usableFromInline var combination: State
  /// The Newton iteration, its linear algebra (`W = M − γJ`) and its failure count.
  @usableFromInline var newton: MultistepNewton<State, Parameters>

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
    self.jacPrototype = jacPrototype
    self.linearSolver = linearSolver
    history = BDFHistory(prototype: prototype, maxOrder: maxOrder)
    fStart = prototype.zeroed()
    combination = prototype.zeroed()
    newton = MultistepNewton(
      prototype: prototype, jac: jac, jacPrototype: jacPrototype, linearSolver: linearSolver,
      mass: mass)
  }

  /// `"FBDF"`.
  public var name: String { linearSolver.methodName("FBDF") }
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
    newton.markJacobianStale()
    newton.resetFailures()
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
    let alpha0 = BDFHistory<State>.leadingCoefficient(order: k)
    if history.isStarting {
      // P(s) = uₙ + (s − tₙ) u′ₙ: y₁ = uₙ, predictor uₙ + h u′ₙ, with u′ = M⁻¹f for a
      // diagonal M (algebraic components, Mᵢᵢ = 0, and a dense M: the constant uₙ); backward
      // Euler's c = −uₙ.
      for i in 0..<n { combination[i] = -u[i] }
      newton.startingPredictor(u: u, f0: fStart, h: h)
    } else {
      history.predict(order: k, h: h, combination: &combination, predictor: &newton.x)
    }
    // Simplified Newton on M(x + c) − γ f(x) = 0 with W = M − γ_W J.
    let converged = newton.solve(
      f, p, pp, t: t, u: u, tNew: tNew, h: h, gamma: h / alpha0, combination: combination,
      errorNorm: errorNorm, stats: &stats)
    unew.assign(newton.x)
    guard converged else {
      history.correctorFailed(h: h)
      return .infinity
    }
    history.end.assign(newton.x)
    // The error estimate of order k, then the order and step proposals.
    let eest: Double
    if history.isStarting {
      // uₙ₊₁ − uₙ − h u′ₙ ≈ h²u″/2; algebraic components (Mᵢᵢ = 0) are left out here.
      eest = newton.startingError(u: u, f0: fStart, h: h, scale: 1, errorNorm: errorNorm)
    } else {
      eest = history.errorEstimate(u: u, x: newton.x, errorNorm: errorNorm) ?? 1
    }
    if history.judge(eest: eest, order: k, h: h) {
      // A stale Jacobian may be to blame as well.
      newton.markJacobianStale()
    }
    return eest
  }

  /// `.convergenceFailure` after 10 Newton failures in a row (each with a fresh Jacobian and
  /// a quarter of the step before).
  public var fatalFailure: (code: ReturnCode, message: String)? { newton.fatalFailure }

  /// Shifts the history: `uₙ₊₁` becomes the most recent state; the proposed order takes
  /// effect.
  @inlinable
  public mutating func acceptStep() {
    history.accept()
    newton.resetFailures()
    // The Jacobian now lags the state: a Newton failure refreshes it before shrinking h.
    newton.markJacobianStale()
  }

  /// New buffers shaped like `prototype`; the history restarts at the next ``initialize``.
  public mutating func resize(to prototype: State) {
    self = FBDFStepper(
      prototype: prototype, jac: newton.jac, jacPrototype: jacPrototype, maxOrder: maxOrder,
      linearSolver: linearSolver, mass: mass)
  }
}
