import DiffEqBDF
import DiffEqBase

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The stepper of ``DFBDF`` in the shared loop: ``BDFHistory`` (states, predictor, error
/// estimates, order and step choice, dense output) with a corrector for `F(u′, u, p, t) = 0`.
///
/// A step of order `k` and size `h` solves `F(c_j (x + c), x, p, tₙ₊₁) = 0` for `x = uₙ₊₁`
/// (`c_j = α₀/h`, `c` from the predictor, see ``BDFHistory``) by simplified Newton
/// with the iteration matrix `A = ∂F/∂u + c_j ∂F/∂u′` (unscaled, as IDA: GMRES then measures
/// the algebraic rows' residual in the residual's own units). As in IDA, `A` is set up
/// (evaluated and factored) at the predictor and kept while `γ = 1/c_j` stays within 30% of
/// the `γ_W` it was made with (at most 20 steps), the Newton corrections then scaled by
/// `2/(1 + γ_W/γ)` (IDA's `cjratio` correction); a Newton failure sets it up again before
/// the step is cut. A new matrix resets the convergence rate carried between steps.
public struct DFBDFStepper<State: StateVector, Parameters: Sendable>: BDFHistoryStepper {
  /// The dense output: each step's interpolating polynomial.
  public typealias Interpolant = BDFInterpolant<State>

  /// `F(&res, du, u, p, t)`.
  @usableFromInline let residual: @Sendable (inout State, State, State, Parameters, Double) -> Void
  /// The analytic iteration matrix `∂F/∂u + c ∂F/∂u′`, if given.
  @usableFromInline let jac:
    (@Sendable (inout DenseMatrix, State, State, Parameters, Double, Double) -> Void)?
  /// The iteration matrix's sparsity (dense when `nil`).
  public let jacPrototype: JacobianPrototype?
  /// LU (as `jacPrototype` says) or matrix-free GMRES.
  public let linearSolver: LinearSolver
  /// Which components are differential.
  public let differential: [Bool]
  /// Whether the algebraic components are left out of the error estimate (IDA's
  /// `suppressalg`).
  public let suppressAlgebraic: Bool
  /// The components the error estimate includes (`nil`: all).
  @usableFromInline let include: [Bool]?

  /// The accepted states, the predictor, the error estimates and the order and step choice.
  public var history: BDFHistory<State>
  /// `u′` at the last accepted point (`du0` before the first step); the first step after a
  /// (re)start predicts with it.
  @usableFromInline var derivative: State
  /// `u′` of the step in progress.
  @usableFromInline var candidateDerivative: State

  /// Newton: iterate, update, `−F` at the iterate, `c` and `u′ = c_j (x + c)`.
  @usableFromInline var x: State
  @usableFromInline var delta: State
  @usableFromInline var res: State
  @usableFromInline var combination: State
  @usableFromInline var du: State
  /// `c` and the derivative buffer of ``DAEIterationFunction``, which the difference
  /// Jacobians and GMRES evaluate (the Newton iteration itself calls the residual directly).
  @usableFromInline let storage: DAEIterationStorage<State>
  /// The convergence test (`κ = 0.01`) and the rate carried between steps.
  @usableFromInline var convergence = NewtonConvergence()

  /// `A` (with `M = 0` and `γ = 1`: ``NewtonMatrix`` factors `0 − 1·∂G/∂x`), the `γ` it was
  /// set up for, and its state.
  @usableFromInline var newton: NewtonMatrix<State>
  @usableFromInline var gammaW = Double.nan
  @usableFromInline var haveMatrix = false
  @usableFromInline var stepsSinceSetup = 0
  /// Newton failures since the last accepted step, and the cap (IDA's `MXNCF`).
  @usableFromInline var convergenceFailures = 0
  @usableFromInline static var maxConvergenceFailures: Int { 10 }
  @usableFromInline var lastFailureTime = 0.0
  @usableFromInline var lastFailureStep = 0.0

  /// A stepper for `problem` from the consistent `du0`, with `differential` the
  /// differential components.
  @inlinable
  public init(
    problem: DAEProblem<State, Parameters>, du0: State, differential: [Bool], maxOrder: Int,
    linearSolver: LinearSolver = .automatic, suppressAlgebraic: Bool = false
  ) {
    self.init(
      residual: problem.residual, jac: problem.jac, jacPrototype: problem.jacPrototype,
      prototype: problem.u0, du0: du0, differential: differential, maxOrder: maxOrder,
      linearSolver: linearSolver, suppressAlgebraic: suppressAlgebraic)
  }

  /// A stepper for `residual` (and its iteration matrix `jac`, if given) on states shaped
  /// like `prototype`.
  @inlinable
  public init(
    residual: @escaping @Sendable (inout State, State, State, Parameters, Double) -> Void,
    jac: (@Sendable (inout DenseMatrix, State, State, Parameters, Double, Double) -> Void)?,
    jacPrototype: JacobianPrototype?, prototype: State, du0: State, differential: [Bool],
    maxOrder: Int, linearSolver: LinearSolver = .automatic, suppressAlgebraic: Bool = false
  ) {
    self.residual = residual
    self.jac = jac
    self.jacPrototype = jacPrototype
    self.linearSolver = linearSolver
    self.differential = differential
    self.suppressAlgebraic = suppressAlgebraic
    include = suppressAlgebraic ? differential : nil
    history = BDFHistory(prototype: prototype, maxOrder: maxOrder)
    derivative = du0
    candidateDerivative = prototype.zeroed()
    x = prototype.zeroed()
    delta = prototype.zeroed()
    res = prototype.zeroed()
    combination = prototype.zeroed()
    du = prototype.zeroed()
    storage = DAEIterationStorage(prototype: prototype)
    newton = NewtonMatrix(
      prototype: prototype, jacPrototype: jacPrototype, analyticJacobian: jac != nil,
      linearSolver: linearSolver, mass: .diagonal([Double](repeating: 0, count: prototype.count)))
    newton.floorsIncrementAtTolerance = true
  }

  /// `"DFBDF"`, or `"DFBDF(GMRES)"` with the Krylov solver.
  public var name: String { linearSolver == .automatic ? "DFBDF" : "DFBDF(GMRES)" }
  /// The first step's order.
  public var order: Int { 1 }
  /// The same.
  public var adaptiveOrder: Int { 1 }
  /// Adaptive.
  public var isAdaptive: Bool { true }
  /// Unused: the method proposes its own steps.
  public var controllerDefaults: ControllerDefaults {
    ControllerDefaults(beta1: 1, beta2: 0, qmin: 0.2, qmax: 2, gamma: 0.9)
  }

  /// Starts (or restarts, after an event) from `(t, u)` at order 1; the first step predicts
  /// with the last accepted `u′` (`du0` at the start).
  public mutating func initialize<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, t: Double, u: State, stats: inout SolverStats
  ) where F.State == State {
    history.restart(t: t, u: u)
    convergenceFailures = 0
  }

  /// The predictor into `x` and `c` into ``combination``: on the first step after a
  /// (re)start backward Euler's `c = −uₙ` and `x = uₙ + h u′ₙ`, otherwise the history's.
  @inlinable
  mutating func predict(u: State, h: Double, order k: Int) {
    if history.isStarting {
      for i in 0..<u.count {
        combination[i] = -u[i]
        x[i] = u[i] + State.Scalar(h) * derivative[i]
      }
    } else {
      history.predict(order: k, h: h, combination: &combination, predictor: &x)
    }
  }

  /// Evaluates and factors `A` at the iterate `x` (time `tNew`) for `γ = 1/c_j`.
  @inlinable
  mutating func setUp(
    _ p: Parameters, tNew: Double, h: Double, gamma: Double, errorNorm: ErrorNorm,
    stats: inout SolverStats
  ) -> Bool {
    if let jac {
      let n = x.count
      let cj = State.Scalar(1 / gamma)
      for i in 0..<n { du[i] = cj * (x[i] + combination[i]) }
      let (du, x) = (du, x)
      newton.evaluate(analytic: { m in
        m.fill(0)
        jac(&m, du, x, p, 1 / gamma, tNew)
        for c in 0..<n { for r in 0..<n { m[r, c] = -m[r, c] } }
      })
    } else {
      storage.combination.assign(combination)
      let g = DAEIterationFunction(residual: residual, storage: storage, cj: 1 / gamma)
      g(&res, x, p, tNew)
      stats.nf += 1
      newton.evaluate(g, p, t: tNew, u: x, f0: res, h: h, errorNorm: errorNorm, stats: &stats)
    }
    stats.njacs += 1
    haveMatrix = true
    stepsSinceSetup = 0
    gammaW = gamma
    // The convergence rate carried from earlier steps was measured with the old matrix: the
    // first iteration with the new one must converge on its own (IDA resets its rate estimate
    // after every setup). Without this, a step after a growth could stop after one iteration
    // on a stale small rate: Akzo's constraint at reltol 1e-8 read 1.3 × 0.1 tol(y₆).
    convergence.failed()
    return newton.factor(gamma: 1, stats: &stats)
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
    let gamma = h / BDFHistory<State>.leadingCoefficient(order: k)
    predict(u: u, h: h, order: k)
    let matrixFree = newton.isMatrixFree
    if matrixFree { storage.combination.assign(combination) }
    let residual = self.residual
    let cj = State.Scalar(1 / gamma)
    stepsSinceSetup += 1
    var converged = false
    var attempts = 0
    var freshThisStep = false
    while !converged && attempts < 2 {
      attempts += 1
      let ratio = gamma / gammaW
      let keep =
        attempts == 1 && haveMatrix && ratio.isFinite && abs(ratio - 1) <= 0.3
        && stepsSinceSetup <= 20
      if !keep {
        if freshThisStep { break }
        if attempts == 2 { predict(u: u, h: h, order: k) }
        freshThisStep = true
        guard setUp(pp, tNew: tNew, h: h, gamma: gamma, errorNorm: errorNorm, stats: &stats)
        else { continue }
      }
      // IDA: δ = −(∂F/∂u + c_W ∂F/∂u′)⁻¹ F · 2/(1 + c_j/c_W) = A⁻¹G · 2/(1 + γ_W/γ); GMRES
      // applies A at the current c_j itself.
      let correction = matrixFree ? 1 : 2 / (1 + gammaW / gamma)
      convergence.begin()
      for iteration in 0..<5 {
        // −F(c_j (x + c), x, p, tₙ₊₁) into res and delta.
        for i in 0..<n { du[i] = cj * (x[i] + combination[i]) }
        residual(&res, du, x, pp, tNew)
        stats.nf += 1
        stats.nnonliniter += 1
        for i in 0..<n {
          let r = -res[i]
          res[i] = r
          delta[i] = r
        }
        if matrixFree {
          let g = DAEIterationFunction(residual: residual, storage: storage, cj: 1 / gamma)
          newton.solve(
            &delta, g, pp, t: tNew, x: x, fx: res, gamma: 1, errorNorm: errorNorm,
            tolerance: 0.05 * convergence.kappa, stats: &stats)
        } else {
          newton.solve(&delta)
        }
        // x += correction·δ and the norm of the update (weights from the new x), in one pass.
        let size = Self.update(&x, by: &delta, scale: correction, errorNorm: errorNorm)
        let verdict = convergence.check(size: size, iteration: iteration)
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
      haveMatrix = false
      return .infinity
    }
    history.end.assign(x)
    for i in 0..<n { candidateDerivative[i] = cj * (x[i] + combination[i]) }
    let eest: Double
    if history.isStarting {
      // uₙ₊₁ − uₙ − h u′ₙ ≈ h²u″/2 over the differential components (u′ of an algebraic
      // component at the start is whatever was given).
      var acc = 0.0
      for i in 0..<n where differential[i] {
        let e = Double(x[i]) - Double(u[i]) - h * Double(derivative[i])
        errorNorm.accumulate(
          &acc, errorNorm.scaled(i, error: e, u0: Double(u[i]), u1: Double(x[i])))
      }
      eest = errorNorm.finish(acc, count: n)
    } else {
      eest = history.errorEstimate(u: u, x: x, errorNorm: errorNorm, include: include) ?? 1
    }
    if history.judge(eest: eest, order: k, h: h) {
      haveMatrix = haveMatrix && stepsSinceSetup == 0
    }
    return eest
  }

  /// `x ← x + s·δ` (with `δ ← s·δ`) and the weighted norm of the update with weights from
  /// the new `x` (``ErrorNorm/norm(_:weightsFrom:)``), in one pass over the components.
  @inlinable
  static func update(
    _ x: inout State, by delta: inout State, scale s: Double, errorNorm: ErrorNorm
  ) -> Double {
    let n = x.count
    let scale = State.Scalar(s)
    var acc = 0.0
    for i in 0..<n {
      let d = scale * delta[i]
      let xi = x[i] + d
      delta[i] = d
      x[i] = xi
      errorNorm.accumulate(&acc, Double(d) / errorNorm.tolerance(i, magnitude: abs(Double(xi))))
    }
    return errorNorm.finish(acc, count: n)
  }

  /// `.convergenceFailure` after ``maxConvergenceFailures`` Newton failures in a row.
  public var fatalFailure: (code: ReturnCode, message: String)? {
    guard convergenceFailures >= Self.maxConvergenceFailures else { return nil }
    return (
      .convergenceFailure,
      "Newton's iteration failed to converge \(convergenceFailures) times in a row at t = \(lastFailureTime), the last with h = \(lastFailureStep) and a fresh iteration matrix ∂F/∂u + c ∂F/∂u′; check the residual near this t (a discontinuity, an inconsistent or singular algebraic part, or an index above 1)"
    )
  }

  /// Shifts the history; the step's `u′` becomes the last accepted one.
  @inlinable
  public mutating func acceptStep() {
    history.accept()
    swap(&derivative, &candidateDerivative)
    convergenceFailures = 0
  }

  /// Resizing would need a residual of the new size: the buffers are rebuilt and the
  /// history restarts, new components counted as differential.
  public mutating func resize(to prototype: State) {
    let n = prototype.count
    let mask = (0..<n).map { $0 < differential.count ? differential[$0] : true }
    var d = prototype.zeroed()
    for i in 0..<min(n, derivative.count) { d[i] = derivative[i] }
    self = DFBDFStepper(
      residual: residual, jac: jac, jacPrototype: jacPrototype, prototype: prototype, du0: d,
      differential: mask, maxOrder: history.maxOrder, linearSolver: linearSolver,
      suppressAlgebraic: suppressAlgebraic)
  }
}
