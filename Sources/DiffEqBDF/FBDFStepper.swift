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

  /// Most history points kept (order 5 needs 6, its order-6 error estimate 7).
  @usableFromInline static var capacity: Int { 7 }

  /// The highest order.
  public let maxOrder: Int
  /// The analytic Jacobian, if given.
  @usableFromInline let jac: (@Sendable (inout DenseMatrix, State, Parameters, Double) -> Void)?
  /// The Jacobian's sparsity (dense when `nil`).
  public let jacPrototype: JacobianPrototype?
  /// LU (as `jacPrototype` says) or matrix-free GMRES.
  public let linearSolver: LinearSolver
  /// The mass matrix `M` of `M u′ = f` (`nil`: the identity).
  public let mass: StiffMassMatrix?

  /// Accepted times and states, most recent first; `historyCount` of them are valid.
  @usableFromInline var historyT: [Double]
  /// The steps that ended at the accepted times: `historyStep[j] = historyT[j] − historyT[j + 1]`
  /// as the method took it. The formulas place the history at these offsets from `tₙ` (see
  /// ``offset(_:)``), never at differences of the stored times: at `t ≈ 1` a step of 1e−12
  /// is known to only four digits from `tⱼ − tᵢ`, and that rounding alone would swamp the error
  /// estimate on a steep stretch (the scaled van der Pol problem's).
  @usableFromInline var historyStep: [Double]
  @usableFromInline var historyU: [State]
  @usableFromInline var historyCount = 0
  /// `f(tₙ, uₙ)` at the last restart (the first step's predictor).
  @usableFromInline var fStart: State
  /// The order of the next step and the steps taken at the current order.
  @usableFromInline var currentOrder = 1
  @usableFromInline var stepsAtOrder = 0
  /// The order the last step used, and whether it has been accepted (history shifted).
  @usableFromInline var stepOrder = 1
  /// The order of the last step attempted (1 … 5).
  public var lastStepOrder: Int { stepOrder }
  @usableFromInline var stepAccepted = false
  @usableFromInline var stepStart = 0.0
  @usableFromInline var stepSize = 0.0
  /// Proposals made by the last step: after acceptance (step, order) and after rejection.
  @usableFromInline var nextStepIfAccepted: Double?
  @usableFromInline var nextOrderIfAccepted = 1
  @usableFromInline var nextStepIfRejected: Double?
  @usableFromInline var rejections = 0

  /// Newton: iterate, update, `f` at the iterate, the combination `c/α₀`, the candidate.
  @usableFromInline var x: State
  @usableFromInline var delta: State
  @usableFromInline var fx: State
  @usableFromInline var combination: State
  @usableFromInline var uEnd: State
  /// Scratch for `f(uₙ)` (Jacobians) and for `M·v`.
  @usableFromInline var scratch: State
  @usableFromInline var massProduct: State
  /// The last convergence-rate bound `η` (Hairer & Wanner IV.8).
  @usableFromInline var eta = 1.0

  /// The Jacobian and the factorization of `I − γJ` (dense, banded or sparse), and their state.
  @usableFromInline var newton: NewtonMatrix<State>
  @usableFromInline var haveJacobian = false
  @usableFromInline var jacobianIsCurrent = false
  @usableFromInline var stepsSinceFactorization = 0
  /// Newton failures since the last accepted step, and the cap (CVODE's `MXNCF`).
  @usableFromInline var convergenceFailures = 0
  @usableFromInline static var maxConvergenceFailures: Int { 10 }
  @usableFromInline var lastFailureTime = 0.0
  @usableFromInline var lastFailureStep = 0.0
  /// Lagrange weights and times (scratch).
  @usableFromInline var weights: [Double]
  @usableFromInline var nodes: [Double]

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
    self.maxOrder = max(1, min(5, maxOrder))
    self.mass = mass
    self.jac = jac
    self.jacPrototype = jacPrototype
    self.linearSolver = linearSolver
    let zero = prototype.zeroed()
    historyT = [Double](repeating: 0, count: Self.capacity)
    historyStep = [Double](repeating: 0, count: Self.capacity)
    historyU = [State](repeating: zero, count: Self.capacity).map { $0.zeroed() }
    fStart = zero
    x = prototype.zeroed()
    delta = prototype.zeroed()
    fx = prototype.zeroed()
    combination = prototype.zeroed()
    uEnd = prototype.zeroed()
    scratch = prototype.zeroed()
    massProduct = prototype.zeroed()
    newton = NewtonMatrix(
      prototype: prototype, jacPrototype: jacPrototype, analyticJacobian: jac != nil,
      linearSolver: linearSolver, mass: mass)
    weights = [Double](repeating: 0, count: Self.capacity + 1)
    nodes = [Double](repeating: 0, count: Self.capacity + 1)
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
    historyT[0] = t
    historyU[0].assign(u)
    historyCount = 1
    f(&fStart, u, p, t)
    stats.nf += 1
    currentOrder = 1
    stepsAtOrder = 0
    rejections = 0
    jacobianIsCurrent = false
    stepAccepted = true
    stepOrder = 1
    nextStepIfAccepted = nil
    nextStepIfRejected = nil
    convergenceFailures = 0
  }

  /// The Lagrange weights of the `count` points in `nodes` at `s` (value) into `weights`.
  @inlinable
  mutating func lagrangeWeights(count m: Int, at s: Double) {
    for i in 0..<m {
      var w = 1.0
      for j in 0..<m where j != i { w *= (s - nodes[j]) / (nodes[i] - nodes[j]) }
      weights[i] = w
    }
  }

  /// The divided-difference weights `1/Πⱼ≠ᵢ(Tᵢ − Tⱼ)` of the `count` points in `nodes`.
  @inlinable
  mutating func dividedDifferenceWeights(count m: Int) {
    for i in 0..<m {
      var w = 1.0
      for j in 0..<m where j != i { w *= nodes[i] - nodes[j] }
      weights[i] = 1 / w
    }
  }

  /// The weighted norm of `q! hᑫ⁺¹ [uₙ₊₁, uₙ, …, uₙ₋q]` (`uₙ₊₁` in `x`), the order-`q` local
  /// error estimate; `nil` when the history is too short.
  @inlinable
  mutating func errorEstimate(order q: Int, h: Double, u: State, errorNorm: ErrorNorm)
    -> Double?
  {
    let m = q + 2
    guard q >= 1, historyCount >= q + 1 else { return nil }
    nodes[0] = h
    for j in 0...q { nodes[j + 1] = offset(j) }
    dividedDifferenceWeights(count: m)
    var factorial = 1.0
    if q > 1 { for i in 2...q { factorial *= Double(i) } }
    let scale =
      factorial * pow(abs(h), Double(q + 1)) * interpolationFactor(order: q, h: h)
    let n = x.count
    var acc = 0.0
    for i in 0..<n {
      var dd = weights[0] * Double(x[i])
      for j in 0...q { dd += weights[j + 1] * Double(historyU[j][i]) }
      errorNorm.accumulate(
        &acc, errorNorm.scaled(i, error: scale * dd, u0: Double(u[i]), u1: Double(x[i])))
    }
    return errorNorm.finish(acc, count: n)
  }

  /// The factor `|1 + (q + 1) Σⱼ₌₂..q αⱼ rⱼ|` by which interpolating the history onto the
  /// equidistant points multiplies the order-`q` truncation error: with `H = hᑫ⁺¹ y⁽ᑫ⁺¹⁾` the
  /// residual of the exact solution in the formula is `−H (1/(q + 1) + Σⱼ αⱼ rⱼ)`, where
  /// `H rⱼ = y(sⱼ) − P(sⱼ)` is the interpolation error at `sⱼ = tₙ₊₁ − jh`,
  /// `rⱼ = Πᵢ₌₀..q (sⱼ − tₙ₋ᵢ) / ((q + 1)! hᑫ⁺¹)` (zero on a constant step, where every `sⱼ` is
  /// a history point). The constant-step estimate alone is optimistic after a step change.
  @inlinable
  func interpolationFactor(order q: Int, h: Double) -> Double {
    guard q >= 2, historyCount >= q + 1, q <= FBDF.coefficients.count else { return 1 }
    let alpha = FBDF.coefficients[q - 1]
    var factorial = 1.0
    for i in 2...(q + 1) { factorial *= Double(i) }
    let denominator = factorial * pow(h, Double(q + 1))
    var sum = 0.0
    for j in 2...q {
      let s = Double(1 - j) * h
      var r = 1.0
      for i in 0...q { r *= s - offset(i) }
      sum += alpha[j] * r / denominator
    }
    return abs(1 + Double(q + 1) * sum)
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

  /// `tₙ₋ⱼ − tₙ` from the steps taken (``historyStep``).
  @inlinable
  func offset(_ j: Int) -> Double {
    var d = 0.0
    for i in 0..<j { d -= historyStep[i] }
    return d
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
    // The order: at most what the history supports (the first step: 1, with f(uₙ)).
    let k = historyCount == 1 ? 1 : min(currentOrder, historyCount - 1, maxOrder)
    stepOrder = k
    stepAccepted = false
    stepStart = t
    stepSize = h
    let alpha = FBDF.coefficients[k - 1]
    // Predictor P and the equidistant values yⱼ = P(tₙ₊₁ − jh), folded into c/α₀.
    for i in 0..<n { combination[i] = State.Scalar(0) }
    if historyCount == 1 {
      // P(s) = uₙ + (s − tₙ) u′ₙ: y₁ = uₙ, predictor uₙ + h u′ₙ, with u′ = M⁻¹f for a
      // diagonal M (algebraic components, Mᵢᵢ = 0, and a dense M: the constant uₙ).
      for i in 0..<n {
        let ui = Double(u[i])
        combination[i] = State.Scalar(alpha[1] * ui / alpha[0])
        x[i] = State.Scalar(ui + h * Double(fStart[i]) / massDiagonal(i))
      }
    } else {
      let m = k + 1
      for j in 0..<m { nodes[j] = offset(j) }
      for jj in 1...k {
        lagrangeWeights(count: m, at: Double(1 - jj) * h)
        let a = alpha[jj] / alpha[0]
        for i in 0..<n {
          var y = 0.0
          for j in 0..<m { y += weights[j] * Double(historyU[j][i]) }
          combination[i] = combination[i] + State.Scalar(a * y)
        }
      }
      lagrangeWeights(count: m, at: h)
      for i in 0..<n {
        var y = 0.0
        for j in 0..<m { y += weights[j] * Double(historyU[j][i]) }
        x[i] = State.Scalar(y)
      }
    }
    let gamma = h / alpha[0]
    stepsSinceFactorization += 1
    // Simplified Newton on x + c/α₀ − γ f(x) = 0 with W = I − γ_W J. The factorization is kept
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
        for i in 0..<n { x[i] = uEnd[i] }
      } else {
        uEnd.assign(x)
      }
      var previous = 0.0
      var rate = max(eta, 1e-16).squareRoot()
      // Hairer & Wanner's FNEWT (RADAU5): κ = max(10ε/rtol, min(0.03, √rtol)) of the
      // tolerance; the iteration error is not in the error estimate, and at rtol 1e-8 a fixed
      // κ = 0.01 left it large enough to cost the Test Set problems 0.3–0.5 digits.
      let newtonTolerance = max(
        10 * Double.ulpOfOne / errorNorm.reltol, min(0.03, errorNorm.reltol.squareRoot()))
      for iteration in 0..<5 {
        f(&fx, x, p, tNew)
        stats.nf += 1
        stats.nnonliniter += 1
        if let mass {
          // −(M(x + c/α₀) − γ f(x)).
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
            tolerance: 0.05 * newtonTolerance, stats: &stats)
        } else {
          newton.solve(&delta)
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
        if rate * size <= newtonTolerance || size <= 1e-12 {
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
    // uEnd held the predictor; from here on it is the candidate.
    if !converged {
      convergenceFailures += 1
      lastFailureTime = t
      lastFailureStep = h
      nextStepIfRejected = h / 4
      if currentOrder > 1 && rejections >= 1 { currentOrder -= 1 }
      rejections += 1
      unew.assign(x)
      jacobianIsCurrent = false
      return .infinity
    }
    unew.assign(x)
    uEnd.assign(x)
    // The error estimate of order k, then the order and step proposals.
    let eest: Double
    if historyCount == 1 {
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
      eest = errorEstimate(order: k, h: h, u: u, errorNorm: errorNorm) ?? 1
    }
    if eest > 1 || !eest.isFinite {
      let shrink = eest.isFinite ? max(0.2, 0.9 / pow(eest, 1 / Double(k + 1))) : 0.25
      nextStepIfRejected = h * min(shrink, 0.9)
      rejections += 1
      if rejections >= 2 && currentOrder > 1 { currentOrder -= 1 }
      // A stale Jacobian may be to blame as well.
      jacobianIsCurrent = false
      return eest
    }
    // Accepted (the loop will say so): choose the next order among k − 1, k, k + 1.
    var bestOrder = k
    var bestRatio = 1 / (pow(6 * eest, 1 / Double(k + 1)) + 1e-6)
    if k > 1, let lower = errorEstimate(order: k - 1, h: h, u: u, errorNorm: errorNorm) {
      let ratio = 1 / (pow(6 * lower, 1 / Double(k)) + 1e-6)
      if ratio > bestRatio {
        bestRatio = ratio
        bestOrder = k - 1
      }
    }
    if k < maxOrder, stepsAtOrder + 1 >= k + 1, historyCount >= k + 2,
      let higher = errorEstimate(order: k + 1, h: h, u: u, errorNorm: errorNorm)
    {
      let ratio = 1 / (pow(10 * higher, 1 / Double(k + 2)) + 1e-6)
      if ratio > bestRatio {
        bestRatio = ratio
        bestOrder = k + 1
      }
    }
    var ratio = min(2, max(0.2, bestRatio))
    if ratio >= 1 && ratio < 1.2 && bestOrder == k { ratio = 1 }
    nextStepIfAccepted = h * ratio
    nextOrderIfAccepted = bestOrder
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
    accepted ? nextStepIfAccepted : nextStepIfRejected
  }

  /// Shifts the history: `uₙ₊₁` becomes the most recent state; the proposed order takes
  /// effect.
  @inlinable
  public mutating func acceptStep() {
    let cap = Self.capacity
    let keep = min(historyCount, cap - 1)
    var j = keep
    while j > 0 {
      historyT[j] = historyT[j - 1]
      historyStep[j] = historyStep[j - 1]
      historyU.withUnsafeMutableBufferPointer { $0.swapAt(j, j - 1) }
      j -= 1
    }
    historyT[0] = stepStart + stepSize
    historyStep[0] = stepSize
    historyU[0].assign(uEnd)
    historyCount = keep + 1
    if nextOrderIfAccepted != currentOrder {
      currentOrder = nextOrderIfAccepted
      stepsAtOrder = 0
    } else {
      stepsAtOrder += 1
    }
    rejections = 0
    convergenceFailures = 0
    stepAccepted = true
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
    let s = t + theta * dt
    let m = stepOrder + 1
    // The points: before acceptance uEnd and the history; after, the history alone.
    let offset = stepAccepted ? 0 : 1
    if !stepAccepted { nodes[0] = stepStart + stepSize }
    for j in 0..<(m - offset) { nodes[j + offset] = historyT[j] }
    let available = stepAccepted ? min(m, historyCount) : min(m, historyCount + 1)
    if derivative == 0 {
      lagrangeWeights(count: available, at: s)
    } else {
      lagrangeDerivativeWeights(count: available, at: s)
    }
    for i in 0..<out.count {
      var y = 0.0
      for j in 0..<available {
        let value = j < offset ? Double(uEnd[i]) : Double(historyU[j - offset][i])
        y += weights[j] * value
      }
      out[i] = State.Scalar(y)
    }
  }

  /// The derivatives of the Lagrange basis of the `count` points in `nodes` at `s`.
  @inlinable
  mutating func lagrangeDerivativeWeights(count m: Int, at s: Double) {
    for i in 0..<m {
      var total = 0.0
      for l in 0..<m where l != i {
        var term = 1 / (nodes[i] - nodes[l])
        for j in 0..<m where j != i && j != l { term *= (s - nodes[j]) / (nodes[i] - nodes[j]) }
        total += term
      }
      weights[i] = total
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

  /// Records the step (its end state and how many states its polynomial uses).
  public mutating func record(
    into interpolant: inout BDFInterpolant<State>, t: Double, dt: Double, uprev: State
  ) {
    let points = historyCount == 1 ? 2 : stepOrder + 1
    interpolant.append(
      start: t, uprev: uprev, end: stepStart + stepSize, uEnd: uEnd, points: points)
  }

  /// New buffers shaped like `prototype`; the history restarts at the next ``initialize``.
  public mutating func resize(to prototype: State) {
    self = FBDFStepper(
      prototype: prototype, jac: jac, jacPrototype: jacPrototype, maxOrder: maxOrder,
      linearSolver: linearSolver, mass: mass)
  }
}
