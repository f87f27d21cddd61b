import DiffEqBase

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The stepper of ``ABDF2`` in the shared loop: the accepted states `yₙ₋₁`, `yₙ` and
/// derivatives `fₙ₋₁`, `fₙ`, the previous step `hₙ₋₁`, the Newton iteration, and the step
/// proposals of the method's own controller (see ``ABDF2`` for the formulas).
public struct ABDF2Stepper<State: StateVector, Parameters: Sendable>: ODEStepper {
  /// The dense output: each step's quadratic through `yₙ₋₁, yₙ, yₙ₊₁`.
  public typealias Interpolant = BDFInterpolant<State>

  /// Whether the error estimate is filtered by `W⁻¹` (Shampine's smoothing).
  public let smoothEstimate: Bool
  /// The Jacobian's sparsity (dense when `nil`).
  public let jacPrototype: JacobianPrototype?
  /// LU (as `jacPrototype` says) or matrix-free GMRES.
  public let linearSolver: LinearSolver

  /// Whether `yₙ₋₁` exists (no: the first step after a start or restart, backward Euler).
  @usableFromInline var hasPrevious = false
  /// The accepted point before the step's start, and the previous step.
  @usableFromInline var uPrev: State
  @usableFromInline var tPrev = 0.0
  @usableFromInline var hPrev = 1.0
  /// The attempt's start `yₙ` (a copy), and after acceptance the point before it.
  @usableFromInline var uCurrent: State
  @usableFromInline var tOld = 0.0
  /// `fₙ₋₁`, `fₙ`, and `f(tₙ₊₁, yₙ₊₁)` of the candidate.
  @usableFromInline var fPrev: State
  @usableFromInline var fN: State
  @usableFromInline var fNew: State
  /// The Newton combination `c`, the explicit term `b = hβ₁fₙ`, the candidate, and the error
  /// estimate.
  @usableFromInline var combination: State
  @usableFromInline var explicitTerm: State
  @usableFromInline var uEnd: State
  @usableFromInline var estimate: State
  /// The last attempt: start, size, whether it used `yₙ₋₁`, whether it was accepted.
  @usableFromInline var stepStart = 0.0
  @usableFromInline var stepSize = 0.0
  @usableFromInline var stepUsedPrevious = false
  @usableFromInline var stepAccepted = true
  /// Whether the window of the accepted step starts one point earlier (`yₙ₋₁` existed).
  @usableFromInline var windowHasPrevious = false
  /// Proposals made by the last attempt.
  @usableFromInline var nextStepIfAccepted: Double?
  @usableFromInline var nextStepIfRejected: Double?
  /// Error-test failures in a row.
  @usableFromInline var rejections = 0
  /// A continuous event ended the last step early: restart at the next attempt.
  @usableFromInline var needsRestart = false
  /// The Newton iteration, its linear algebra (`W = M − γJ`) and its failure count.
  @usableFromInline var newton: MultistepNewton<State, Parameters>
  /// Lagrange nodes and weights (scratch).
  @usableFromInline var nodes: [Double]
  @usableFromInline var weights: [Double]

  /// A stepper for `problem`.
  public init<F: ODEFunction>(
    problem: ODEProblem<F>, smoothEstimate: Bool = true, linearSolver: LinearSolver = .automatic
  ) where F.State == State, F.Parameters == Parameters {
    self.init(
      prototype: problem.u0, jac: problem.jac, jacPrototype: problem.jacPrototype,
      smoothEstimate: smoothEstimate, linearSolver: linearSolver,
      mass: StiffMassMatrix(problem.massMatrix))
  }

  /// A stepper for states shaped like `prototype`, with the Jacobian's storage from
  /// `jacPrototype` (dense when `nil`) and the mass matrix `mass` (`nil`: `M = I`).
  public init(
    prototype: State,
    jac: (@Sendable (inout DenseMatrix, State, Parameters, Double) -> Void)?,
    jacPrototype: JacobianPrototype? = nil, smoothEstimate: Bool = true,
    linearSolver: LinearSolver = .automatic, mass: StiffMassMatrix? = nil
  ) {
    self.smoothEstimate = smoothEstimate
    self.jacPrototype = jacPrototype
    self.linearSolver = linearSolver
    uPrev = prototype.zeroed()
    uCurrent = prototype.zeroed()
    fPrev = prototype.zeroed()
    fN = prototype.zeroed()
    fNew = prototype.zeroed()
    combination = prototype.zeroed()
    explicitTerm = prototype.zeroed()
    uEnd = prototype.zeroed()
    estimate = prototype.zeroed()
    newton = MultistepNewton(
      prototype: prototype, jac: jac, jacPrototype: jacPrototype, linearSolver: linearSolver,
      mass: mass)
    nodes = [0, 0, 0]
    weights = [0, 0, 0]
  }

  /// `"ABDF2"`, or `"ABDF2(GMRES)"`.
  public var name: String { linearSolver.methodName("ABDF2") }
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
    ControllerDefaults(beta1: 1.0 / 3, beta2: 0, qmin: 0.2, qmax: 1.5, gamma: 0.9)
  }

  /// Starts (or restarts, after `u` or `p` changed) from `(t, u)` with backward Euler.
  public mutating func initialize<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, t: Double, u: State, stats: inout SolverStats
  ) where F.State == State {
    f(&fN, u, p, t)
    stats.nf += 1
    restart()
    newton.resetFailures()
  }

  /// Forgets `yₙ₋₁`: the next step is backward Euler.
  @inlinable
  mutating func restart() {
    hasPrevious = false
    rejections = 0
    needsRestart = false
    stepAccepted = true
    windowHasPrevious = false
    nextStepIfAccepted = nil
    nextStepIfRejected = nil
    newton.markJacobianStale()
  }

  /// One attempt from `(t, yₙ)` with step `dt`; returns the scaled local error (∞ when Newton
  /// fails).
  @inlinable
  public mutating func step<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, t: Double, dt: Double, u: State, unew: inout State,
    errorNorm: ErrorNorm, computeError: Bool, stats: inout SolverStats
  ) -> Double where F.State == State {
    guard F.Parameters.self == Parameters.self else { return .nan }
    let pp = unsafeBitCast(p, to: Parameters.self)
    if needsRestart {
      f(&fN, u, p, t)
      stats.nf += 1
      restart()
    }
    let n = u.count
    let h = dt
    let tNew = t + h
    stepStart = t
    stepSize = h
    stepAccepted = false
    stepUsedPrevious = hasPrevious
    uCurrent.assign(u)
    // M(yₙ₊₁ − α₁yₙ − α₂yₙ₋₁) = h(β₁fₙ + β₀fₙ₊₁), ρ = h/hₙ₋₁: β₀ = 2/3, β₁ = −(ρ − 1)/3,
    // α₁ = 1 + ρ²/3, α₂ = −ρ²/3 (backward Euler, α₁ = β₀ = 1, on the first step); Newton's
    // c = −(α₁yₙ + α₂yₙ₋₁) and b = hβ₁fₙ.
    let rho = hasPrevious ? h / hPrev : 0
    let beta0 = hasPrevious ? 2.0 / 3 : 1
    let beta1 = hasPrevious ? -(rho - 1) / 3 : 0
    let alpha2 = hasPrevious ? -rho * rho / 3 : 0
    let alpha1 = 1 - alpha2
    for i in 0..<n {
      let previous = hasPrevious ? Double(uPrev[i]) : 0
      combination[i] = State.Scalar(-(alpha1 * Double(u[i]) + alpha2 * previous))
      explicitTerm[i] = State.Scalar(h * beta1 * Double(fN[i]))
    }
    // The linear extrapolant yₙ + h y′ₙ.
    newton.startingPredictor(u: u, f0: fN, h: h)
    let gamma = beta0 * h
    let converged = newton.solve(
      f, p, pp, t: t, u: u, tNew: tNew, h: h, gamma: gamma, combination: combination,
      forcing: hasPrevious ? explicitTerm : nil, errorNorm: errorNorm, stats: &stats)
    unew.assign(newton.x)
    if !converged {
      nextStepIfRejected = h / 4
      rejections += 1
      return .infinity
    }
    uEnd.assign(newton.x)
    f(&fNew, uEnd, p, tNew)
    stats.nf += 1
    // The local error: (hₙ₋₁ + hₙ)/6 (fₙ₊₁ − (1 + ρ)fₙ + ρfₙ₋₁) (≈ hₙ(hₙ₋₁ + hₙ)²/12 y‴),
    // or (h/2)(fₙ₊₁ − fₙ) (≈ h²y″/2) for backward Euler; filtered by W⁻¹ (the stiff
    // components' estimates stay bounded as hλ → −∞). With a mass matrix the differences of
    // f are M times those of y′, and (M − γJ)⁻¹ takes them to y: the estimate is always
    // filtered then (the smoothed estimate of the equivalent u′ = M⁻¹f where M is regular).
    let scale = hasPrevious ? (hPrev + h) / 6 : h / 2
    for i in 0..<n {
      let second =
        hasPrevious
        ? Double(fNew[i]) - (1 + rho) * Double(fN[i]) + rho * Double(fPrev[i])
        : Double(fNew[i]) - Double(fN[i])
      estimate[i] = State.Scalar(scale * second)
    }
    if smoothEstimate || newton.mass != nil {
      newton.applyInverse(
        &estimate, f, p, tNew: tNew, gamma: gamma, errorNorm: errorNorm, stats: &stats)
    }
    var acc = 0.0
    for i in 0..<n {
      errorNorm.accumulate(
        &acc,
        errorNorm.scaled(
          i, error: Double(estimate[i]), u0: Double(u[i]), u1: Double(uEnd[i])))
    }
    let eest = errorNorm.finish(acc, count: n)
    // The controller: h ← h · 0.9 EEst^{−1/(p+1)} (p = 2, or 1 on the first step), within
    // [0.2, 1.5], kept when the factor is within [1, 1.2] (W is then reused). For y′ = 0 the
    // formula's roots are 1 and α₂ = −ρ²/3 in size: zero-stable for ρ < √3; at ρ = 1.5 the
    // parasitic root is 0.75 (with ρ = 2 it was 4/3, and the error grew with every doubling:
    // measured order 1.46 instead of 2).
    let exponent = hasPrevious ? 1.0 / 3 : 1.0 / 2
    if eest > 1 || !eest.isFinite {
      rejections += 1
      newton.markJacobianStale()
      let factor = eest.isFinite ? min(0.9, max(0.2, 0.9 * pow(eest, -exponent))) : 0.25
      nextStepIfRejected = h * (rejections > 2 ? 0.2 : factor)
      return eest
    }
    var factor = eest == 0 ? 1.5 : min(1.5, max(0.2, 0.9 * pow(eest, -exponent)))
    if factor >= 1 && factor <= 1.2 { factor = 1 }
    nextStepIfAccepted = h * factor
    return eest
  }

  /// `.convergenceFailure` after 10 Newton failures in a row (each with a fresh Jacobian and
  /// a quarter of the step before).
  public var fatalFailure: (code: ReturnCode, message: String)? { newton.fatalFailure }

  /// The method's own next step (see ``step(_:_:t:dt:u:unew:errorNorm:computeError:stats:)``).
  public func proposedStep(accepted: Bool, controllerProposal: Double) -> Double? {
    accepted ? nextStepIfAccepted : nextStepIfRejected
  }

  /// Shifts the history: `yₙ` becomes `yₙ₋₁`, `fₙ₊₁` becomes `fₙ`.
  @inlinable
  public mutating func acceptStep() {
    windowHasPrevious = stepUsedPrevious
    tOld = tPrev
    // uCurrent ← the point before (for the dense output of this step), uPrev ← yₙ.
    swap(&uPrev, &uCurrent)
    tPrev = stepStart
    swap(&fPrev, &fN)
    swap(&fN, &fNew)
    hPrev = stepSize
    hasPrevious = true
    rejections = 0
    newton.resetFailures()
    stepAccepted = true
    newton.markJacobianStale()
  }

  /// A continuous event ended the step early: the next attempt restarts with backward Euler.
  @inlinable
  public mutating func stepWasShortened<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, from t: Double, u: State, to te: Double, unew: inout State,
    stats: inout SolverStats
  ) where F.State == State {
    needsRestart = true
  }

  /// The quadratic through `yₙ₋₁, yₙ, yₙ₊₁` (the line through `yₙ, yₙ₊₁` on the first step)
  /// at `t + θ dt`, or its derivative.
  @inlinable
  public mutating func interpolate<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, t: Double, dt: Double, uprev: State, theta: Double,
    derivative: Int, into out: inout State, stats: inout SolverStats
  ) where F.State == State {
    let s = t + theta * dt
    let three = stepAccepted ? windowHasPrevious : stepUsedPrevious
    let m = three ? 3 : 2
    nodes[0] = stepStart + stepSize
    nodes[1] = stepStart
    nodes[2] = stepAccepted ? tOld : tPrev
    for i in 0..<m {
      var w = derivative == 0 ? 1.0 : 0.0
      if derivative == 0 {
        for j in 0..<m where j != i { w *= (s - nodes[j]) / (nodes[i] - nodes[j]) }
      } else {
        for l in 0..<m where l != i {
          var term = 1 / (nodes[i] - nodes[l])
          for j in 0..<m where j != i && j != l {
            term *= (s - nodes[j]) / (nodes[i] - nodes[j])
          }
          w += term
        }
      }
      weights[i] = w
    }
    for i in 0..<out.count {
      var y = weights[0] * Double(uEnd[i])
      y += weights[1] * Double(stepAccepted ? uPrev[i] : uCurrent[i])
      if three { y += weights[2] * Double(stepAccepted ? uCurrent[i] : uPrev[i]) }
      out[i] = State.Scalar(y)
    }
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

  /// Records the step (its end state; its polynomial uses three points, two on the first).
  public mutating func record(
    into interpolant: inout BDFInterpolant<State>, t: Double, dt: Double, uprev: State
  ) {
    let used = stepAccepted ? windowHasPrevious : stepUsedPrevious
    interpolant.append(
      start: t, uprev: uprev, end: stepStart + stepSize, uEnd: uEnd, points: used ? 3 : 2)
  }

  /// New buffers shaped like `prototype`; the history restarts at the next ``initialize``.
  public mutating func resize(to prototype: State) {
    self = ABDF2Stepper(
      prototype: prototype, jac: newton.jac, jacPrototype: jacPrototype,
      smoothEstimate: smoothEstimate, linearSolver: linearSolver, mass: newton.mass)
  }
}
