import DiffEqBase

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The stepper of ``QNDF`` (and ``QNDF1``, ``QNDF2``) in the shared loop: the backward
/// differences `∇ʲyₙ` on the current step, the order, the Newton iteration, and the
/// proposals for the next step and order (see ``QNDF`` for the formulas).
///
/// The accepted table `∇ʲyₙ`, `j = 1 … k + 2`, is never touched by an attempt: each attempt
/// interpolates it onto its own step into a working table, updates that with the new
/// solution, and ``acceptStep()`` swaps the two.
public struct QNDFStepper<State: StateVector, Parameters: Sendable>: ODEStepper {
  /// The dense output: each step's difference table.
  public typealias Interpolant = NDFInterpolant<State>

  /// The highest order.
  public let maxOrder: Int
  /// The lowest order once the start has climbed to it.
  public let minOrder: Int
  /// `κ₁ … κ₅`.
  public let kappa: [Double]
  /// The Jacobian's sparsity (dense when `nil`).
  public let jacPrototype: JacobianPrototype?
  /// LU (as `jacPrototype` says) or matrix-free GMRES.
  public let linearSolver: LinearSolver
  /// `"QNDF"`, `"QNDF1"`, `"QNDF2"` (with `"(GMRES)"` for the Krylov solver).
  public let name: String

  /// The accepted differences `∇ʲyₙ` (index `j − 1`) on the step `tableStep`, and the working
  /// table of the attempt.
  @usableFromInline var table: [State]
  @usableFromInline var work: [State]
  @usableFromInline var tableStep = 1.0
  @usableFromInline var tableOrder = 1
  /// `f(tₙ, yₙ)` at the last restart (`∇y₀ = h f(t₀, y₀)`).
  @usableFromInline var fStart: State
  /// The order of the next attempt, and the accepted steps at the current step and order.
  @usableFromInline var currentOrder = 1
  @usableFromInline var constantSteps = 0
  /// Accepted steps since the last restart.
  @usableFromInline var stepsSinceRestart = 0
  /// The last attempt: its order, start, size, and whether it has been accepted.
  @usableFromInline var stepOrder = 1
  /// The order of the last step attempted (1 … 5).
  public var lastStepOrder: Int { stepOrder }
  @usableFromInline var stepAccepted = true
  @usableFromInline var stepStart = 0.0
  @usableFromInline var stepSize = 0.0
  /// Proposals made by the last attempt: after acceptance (step, order) and after rejection.
  @usableFromInline var nextStepIfAccepted: Double?
  @usableFromInline var nextOrderIfAccepted = 1
  @usableFromInline var nextStepIfRejected: Double?
  /// Error-test failures in a row.
  @usableFromInline var rejections = 0
  /// A continuous event ended the last step early: restart at the next attempt.
  @usableFromInline var needsRestart = false

  /// The predictor `y⁰`, the Newton combination `c`, and the candidate `yₙ₊₁`.
  @usableFromInline var predictor: State
  @usableFromInline var combination: State
  @usableFromInline var uEnd: State
  /// The Newton iteration, its linear algebra (`W = M − γJ`) and its failure count.
  @usableFromInline var newton: MultistepNewton<State, Parameters>
  /// `R(ρ)U` (row-major, 5 × 5) and one component's differences (scratch).
  @usableFromInline var interpolation: [Double]
  @usableFromInline var rMatrix: [Double]
  @usableFromInline var uMatrix: [Double]
  @usableFromInline var column: [Double]

  /// A stepper for `problem`.
  public init<F: ODEFunction>(
    problem: ODEProblem<F>, maxOrder: Int, minOrder: Int = 1,
    kappa: [Double] = QNDF.defaultKappa, linearSolver: LinearSolver = .automatic,
    name: String = "QNDF"
  ) where F.State == State, F.Parameters == Parameters {
    self.init(
      prototype: problem.u0, jac: problem.jac, jacPrototype: problem.jacPrototype,
      maxOrder: maxOrder, minOrder: minOrder, kappa: kappa, linearSolver: linearSolver,
      name: name, mass: StiffMassMatrix(problem.massMatrix))
  }

  /// A stepper for states shaped like `prototype`, with the Jacobian's storage from
  /// `jacPrototype` (dense when `nil`) and the mass matrix `mass` (`nil`: `M = I`).
  public init(
    prototype: State,
    jac: (@Sendable (inout DenseMatrix, State, Parameters, Double) -> Void)?,
    jacPrototype: JacobianPrototype? = nil, maxOrder: Int, minOrder: Int = 1,
    kappa: [Double] = QNDF.defaultKappa, linearSolver: LinearSolver = .automatic,
    name: String = "QNDF", mass: StiffMassMatrix? = nil
  ) {
    self.maxOrder = max(1, min(5, maxOrder))
    self.minOrder = max(1, min(self.maxOrder, minOrder))
    self.kappa = kappa.count == 5 ? kappa : QNDF.defaultKappa
    self.jacPrototype = jacPrototype
    self.linearSolver = linearSolver
    self.name = name
    let zero = prototype.zeroed()
    // ∇¹ … ∇ᵏ⁺² for k up to maxOrder.
    let size = self.maxOrder + 2
    table = (0..<size).map { _ in zero.zeroed() }
    work = (0..<size).map { _ in zero.zeroed() }
    fStart = prototype.zeroed()
    predictor = prototype.zeroed()
    combination = prototype.zeroed()
    uEnd = prototype.zeroed()
    newton = MultistepNewton(
      prototype: prototype, jac: jac, jacPrototype: jacPrototype, linearSolver: linearSolver,
      mass: mass)
    interpolation = [Double](repeating: 0, count: 25)
    rMatrix = [Double](repeating: 0, count: 25)
    uMatrix = [Double](repeating: 0, count: 25)
    column = [Double](repeating: 0, count: 7)
  }

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
    ControllerDefaults(beta1: 1, beta2: 0, qmin: 0.2, qmax: 10, gamma: 0.9)
  }

  /// Starts (or restarts, after `u` or `p` changed) from `(t, u)` at order 1:
  /// `∇y₀ = y′₀ = M⁻¹f(t₀, y₀)` on the unit step (the first attempt scales it to `h y′₀`).
  public mutating func initialize<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, t: Double, u: State, stats: inout SolverStats
  ) where F.State == State {
    f(&fStart, u, p, t)
    stats.nf += 1
    restart()
    newton.resetFailures()
  }

  /// Resets the table to `∇y = fᵢ/Mᵢᵢ` on the unit step, order 1 (0 where the derivative is
  /// unknown: an algebraic component or a non-diagonal `M`, see
  /// ``MultistepNewton/massDiagonal(_:)``).
  @inlinable
  mutating func restart() {
    let n = fStart.count
    for j in 0..<table.count {
      for i in 0..<n { table[j][i] = State.Scalar(0) }
    }
    for i in 0..<n { table[0][i] = State.Scalar(Double(fStart[i]) / newton.massDiagonal(i)) }
    tableStep = 1
    tableOrder = 1
    currentOrder = 1
    constantSteps = 0
    stepsSinceRestart = 0
    rejections = 0
    stepAccepted = true
    stepOrder = 1
    needsRestart = false
    nextStepIfAccepted = nil
    nextStepIfRejected = nil
    newton.markJacobianStale()
  }

  /// `R(ρ)U` for order `k` into ``interpolation`` (row-major, stride 5):
  /// `R(ρ)ᵢⱼ = Πₘ₌₀ⁱ⁻¹ (m − jρ)/(m + 1)`, `U = R(1)` (Shampine & Reichelt 1997, §2.3).
  @inlinable
  mutating func interpolationMatrix(order k: Int, ratio rho: Double) {
    // R(ρ) and U = R(1) column by column, then their product.
    for j in 1...k {
      var rv = 1.0
      var uv = 1.0
      for i in 1...k {
        rv *= (Double(i - 1) - Double(j) * rho) / Double(i)
        uv *= (Double(i - 1) - Double(j)) / Double(i)
        rMatrix[(i - 1) * 5 + (j - 1)] = rv
        uMatrix[(i - 1) * 5 + (j - 1)] = uv
      }
    }
    for i in 0..<k {
      for j in 0..<k {
        var s = 0.0
        for m in 0..<k { s += rMatrix[i * 5 + m] * uMatrix[m * 5 + j] }
        interpolation[i * 5 + j] = s
      }
    }
  }

  /// The weighted norm of `scale · v` (weights from `u` and `unew`).
  @inlinable
  func weightedNorm(_ v: State, scale: Double, u: State, unew: State, errorNorm: ErrorNorm)
    -> Double
  {
    var acc = 0.0
    let n = v.count
    for i in 0..<n {
      errorNorm.accumulate(
        &acc,
        errorNorm.scaled(
          i, error: scale * Double(v[i]), u0: Double(u[i]), u1: Double(unew[i])))
    }
    return errorNorm.finish(acc, count: n)
  }

  /// One attempt from `(t, yₙ)` with step `dt` at the current order; returns the scaled
  /// local error (∞ when Newton fails).
  @inlinable
  public mutating func step<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, t: Double, dt: Double, u: State, unew: inout State,
    errorNorm: ErrorNorm, computeError: Bool, stats: inout SolverStats
  ) -> Double where F.State == State {
    guard F.Parameters.self == Parameters.self else { return .nan }
    let pp = unsafeBitCast(p, to: Parameters.self)
    if needsRestart {
      f(&fStart, u, p, t)
      stats.nf += 1
      restart()
    }
    let n = u.count
    let h = dt
    let tNew = t + h
    let k = currentOrder
    stepOrder = k
    stepAccepted = false
    stepStart = t
    stepSize = h
    // The working table: ∇¹ … ∇ᵏ interpolated onto the step h (∇ ← ∇ R(ρ)U), ∇ᵏ⁺¹ as it was.
    if h != tableStep || k != tableOrder {
      constantSteps = 0
      interpolationMatrix(order: k, ratio: h / tableStep)
      for i in 0..<n {
        for m in 0..<k { column[m] = Double(table[m][i]) }
        for j in 0..<k {
          var s = 0.0
          for m in 0..<k { s += column[m] * interpolation[m * 5 + j] }
          work[j][i] = State.Scalar(s)
        }
      }
    } else {
      for j in 0..<k { work[j].assign(table[j]) }
    }
    work[k].assign(table[k])
    // Predictor y⁰ = yₙ + Σⱼ ∇ʲyₙ (smallest first) and ψ = Σⱼ γⱼ ∇ʲyₙ, folded into
    // c = β₀ψ − y⁰ with β₀ = 1/((1 − κₖ)γₖ).
    let kappaK = kappa[k - 1]
    let beta0 = 1 / ((1 - kappaK) * QNDF.gamma[k - 1])
    for i in 0..<n {
      var sum = 0.0
      var psi = 0.0
      var j = k - 1
      while j >= 0 {
        let d = Double(work[j][i])
        sum += d
        psi += QNDF.gamma[j] * d
        j -= 1
      }
      let y0 = Double(u[i]) + sum
      predictor[i] = State.Scalar(y0)
      newton.x[i] = State.Scalar(y0)
      combination[i] = State.Scalar(beta0 * psi - y0)
    }
    let converged = newton.solve(
      f, p, pp, t: t, u: u, tNew: tNew, h: h, gamma: beta0 * h, combination: combination,
      errorNorm: errorNorm, stats: &stats)
    unew.assign(newton.x)
    if !converged {
      nextStepIfRejected = h / 4
      if currentOrder > minOrder && rejections >= 1 { currentOrder -= 1 }
      rejections += 1
      return .infinity
    }
    uEnd.assign(newton.x)
    // d = yₙ₊₁ − y⁰ = ∇ᵏ⁺¹yₙ₊₁; then the table of yₙ₊₁: ∇ᵏ⁺² = d − ∇ᵏ⁺¹yₙ, ∇ᵏ⁺¹ = d,
    // ∇ʲyₙ₊₁ = ∇ʲyₙ + ∇ʲ⁺¹yₙ₊₁ for j = k … 1.
    for i in 0..<n {
      let d = Double(uEnd[i]) - Double(predictor[i])
      work[k + 1][i] = State.Scalar(d - Double(work[k][i]))
      var next = d
      work[k][i] = State.Scalar(d)
      var j = k - 1
      while j >= 0 {
        next += Double(work[j][i])
        work[j][i] = State.Scalar(next)
        j -= 1
      }
    }
    // The first step's: the components without a known derivative left out (FBDF's rule).
    let eest =
      stepsSinceRestart == 0
      ? newton.startingError(
        u: u, f0: fStart, h: h, scale: QNDF.errorConstant(order: 1, kappa: kappa),
        errorNorm: errorNorm)
      : weightedNorm(
        work[k], scale: QNDF.errorConstant(order: k, kappa: kappa), u: u, unew: uEnd,
        errorNorm: errorNorm)
    // The estimate of order k − 1, from ∇ᵏyₙ₊₁.
    let lower =
      k > 1
      ? weightedNorm(
        work[k - 1], scale: QNDF.errorConstant(order: k - 1, kappa: kappa), u: u, unew: uEnd,
        errorNorm: errorNorm) : Double.infinity
    if eest > 1 || !eest.isFinite {
      rejections += 1
      newton.markJacobianStale()
      var base = h
      if rejections > 1 { base /= 2 }
      guard eest.isFinite else {
        nextStepIfRejected = base / 4
        return eest
      }
      let z = pow(6 * eest, 1 / Double(k + 1))
      var proposal = z <= 10 ? base / z : 0.1 * base
      if k > minOrder {
        let zLower = pow(6 * lower, 1 / Double(k))
        let lowerProposal = zLower <= 10 ? base / zLower : 0.1 * base
        if rejections > 2 || lowerProposal > proposal {
          proposal = min(base, lowerProposal)
          currentOrder = k - 1
        }
      }
      nextStepIfRejected = proposal
      return eest
    }
    // Accepted (the loop will say so): the order among k − 1, k, k + 1 with the longest step.
    var bestStep: Double
    var bestOrder = k
    if eest == 0 {
      bestStep = 10 * h
    } else {
      let z = pow(6 * eest, 1 / Double(k + 1))
      bestStep = z <= 0.1 ? 10 * h : h / z
    }
    if k > minOrder {
      let z = pow(6 * lower, 1 / Double(k))
      let proposal = z <= 0.1 ? 10 * h : h / z
      if proposal > bestStep {
        bestStep = proposal
        bestOrder = k - 1
      }
    }
    if k < minOrder {
      // The start of a fixed order: one order more per step.
      bestOrder = k + 1
    } else if k < maxOrder && constantSteps + 1 >= k + 1 {
      // ∇ᵏ⁺² is valid once the step before ran at this step and order.
      let higher = weightedNorm(
        work[k + 1], scale: QNDF.errorConstant(order: k + 1, kappa: kappa), u: u, unew: uEnd,
        errorNorm: errorNorm)
      let z = pow(10 * higher, 1 / Double(k + 2))
      let proposal = z <= 0.1 ? 10 * h : h / z
      if proposal > bestStep {
        bestStep = proposal
        bestOrder = k + 1
      }
    }
    // Keep the step (and W) when the proposal is close: q = h/h_new within [0.9, 1.2], or
    // within (0.6, 1.2) until k + 2 steps ran at this step and order.
    let q = h / bestStep
    var next = bestStep
    if (constantSteps + 1 < k + 2 && q > 0.6 && q < 1.2) || (q >= 0.9 && q <= 1.2) {
      next = h
    }
    nextStepIfAccepted = next
    nextOrderIfAccepted = bestOrder
    return eest
  }

  /// `.convergenceFailure` after 10 Newton failures in a row (each with a fresh Jacobian and
  /// a quarter of the step before).
  public var fatalFailure: (code: ReturnCode, message: String)? { newton.fatalFailure }

  /// The method's own next step: after an accepted step the step and order chosen from the
  /// error estimates of neighbouring orders, after a rejection a shorter step.
  public func proposedStep(accepted: Bool, controllerProposal: Double) -> Double? {
    accepted ? nextStepIfAccepted : nextStepIfRejected
  }

  /// Swaps in the updated table of `yₙ₊₁`; the proposed order takes effect.
  @inlinable
  public mutating func acceptStep() {
    swap(&table, &work)
    tableStep = stepSize
    tableOrder = stepOrder
    constantSteps += 1
    stepsSinceRestart += 1
    currentOrder = nextOrderIfAccepted
    rejections = 0
    newton.resetFailures()
    stepAccepted = true
    // The Jacobian now lags the state: a Newton failure refreshes it before shrinking h.
    newton.markJacobianStale()
  }

  /// A continuous event ended the step early: the next attempt restarts from the event's
  /// state at order 1 (the table belongs to the full step).
  @inlinable
  public mutating func stepWasShortened<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, from t: Double, u: State, to te: Double, unew: inout State,
    stats: inout SolverStats
  ) where F.State == State {
    needsRestart = true
  }

  /// The step's polynomial `P(tₙ₊₁ + sh) = yₙ₊₁ + Σⱼ₌₁ᵏ ∇ʲyₙ₊₁ Πₘ₌₀ʲ⁻¹ (s + m)/(m + 1)` at
  /// `t + θ dt`, or its derivative.
  @inlinable
  public mutating func interpolate<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, t: Double, dt: Double, uprev: State, theta: Double,
    derivative: Int, into out: inout State, stats: inout SolverStats
  ) where F.State == State {
    let h = stepSize
    let s = (t + theta * dt - (stepStart + stepSize)) / h
    let k = stepOrder
    let n = out.count
    // Basis values cⱼ(s) and derivatives, j = 1 … k.
    var c = 1.0
    var dc = 0.0
    for j in 1...k {
      let factor = s + Double(j - 1)
      dc = (dc * factor + c) / Double(j)
      c = c * factor / Double(j)
      column[j - 1] = derivative == 0 ? c : dc / h
    }
    for i in 0..<n {
      var y = derivative == 0 ? Double(uEnd[i]) : 0
      for j in 0..<k {
        let d = stepAccepted ? Double(table[j][i]) : Double(work[j][i])
        y += column[j] * d
      }
      out[i] = State.Scalar(y)
    }
  }

  /// An empty dense output.
  public func makeInterpolant<F: ODEFunction>(_ f: F, _ p: F.Parameters) -> NDFInterpolant<State>
  where F.State == State {
    NDFInterpolant()
  }

  /// Nothing to do: the dense output does not call `f`.
  public func updateParameters<F: ODEFunction>(
    of interpolant: inout NDFInterpolant<State>, _ f: F, _ p: F.Parameters
  ) where F.State == State {}

  /// Records the step (its end state and difference table).
  public mutating func record(
    into interpolant: inout NDFInterpolant<State>, t: Double, dt: Double, uprev: State
  ) {
    let k = stepOrder
    interpolant.append(
      start: t, end: stepStart + stepSize, step: stepSize, uEnd: uEnd,
      differences: stepAccepted ? table[0..<k] : work[0..<k])
  }

  /// New buffers shaped like `prototype`; the history restarts at the next ``initialize``.
  public mutating func resize(to prototype: State) {
    self = QNDFStepper(
      prototype: prototype, jac: newton.jac, jacPrototype: jacPrototype, maxOrder: maxOrder,
      minOrder: minOrder, kappa: kappa, linearSolver: linearSolver, name: name,
      mass: newton.mass)
  }
}
