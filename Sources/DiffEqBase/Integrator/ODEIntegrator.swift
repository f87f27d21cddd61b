#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The time loop shared by every ODE method, and the stepping interface.
///
/// One `ODEIntegrator` owns the state, the step-size controller, saving, `tstops` and failure
/// handling; its ``Stepper`` (one per method family) only advances one step and reports its
/// error. `solve` is `init` followed by ``solve()``; a user who steps by hand does
///
/// ```swift
/// var integrator = try ODEIntegrator(prob, Tsit5(), options: ODESolverOptions(reltol: 1e-8))
/// while integrator.step() { print(integrator.t, integrator.u) }
/// let sol = integrator.solution
/// ```
///
/// After `init` the loop allocates nothing unless it saves (every saved point and, with
/// `dense`, every step's interpolation data is stored).
public struct ODEIntegrator<F: ODEFunction, Stepper: ODEStepper> where Stepper.State == F.State {
  /// The state vector type.
  public typealias State = F.State

  // MARK: Problem

  /// The right-hand side.
  public let f: F
  /// The parameters passed to `f` (an affect may change them; the dense output recorded from
  /// then on uses the new values).
  public var p: F.Parameters {
    didSet { parametersVersion &+= 1 }
  }
  /// The method's stepper (its cache).
  public var stepper: Stepper

  // MARK: Current state

  /// Current time.
  @inlinable public var t: Double { _t }
  @usableFromInline var _t: Double
  /// Current state.
  /// The current state. Setting a state of another shape (count or, for a multi-scale
  /// array, structure: a cell added or removed by a callback) rebuilds every cache like it.
  @inlinable public var u: State {
    get { _u }
    set {
      if !newValue.hasSameShape(as: _u) {
        if !errorNorm.abstols.isEmpty && errorNorm.abstols.count != newValue.count {
          fail(
            .failure,
            message:
              "the state changed to \(newValue.count) components but abstol has \(errorNorm.abstols.count); use a scalar abstol for states that change size"
          )
          return
        }
        reshape(like: newValue)
      }
      _u = newValue
      uWasModified = true
    }
  }

  /// Rebuilds the buffers and the stepper's caches in the shape of `prototype`; the next step
  /// restarts from the new state (the dense output recorded so far keeps its old shapes).
  @inlinable
  mutating func reshape(like prototype: State) {
    _uprev = prototype
    unew = prototype.zeroed()
    stepper.resize(to: prototype)
    eventScratch.probe = prototype.zeroed()
    eventScratch.probe2 = prototype.zeroed()
    stepDt = 0
  }
  @usableFromInline var _u: State
  /// State at the start of the last accepted step.
  @inlinable public var uprev: State { _uprev }
  @usableFromInline var _uprev: State
  /// Time at the start of the last accepted step.
  @inlinable public var tprev: Double { _tprev }
  @usableFromInline var _tprev: Double
  /// Size of the last accepted step (signed).
  @inlinable public var dt: Double { _dt }
  @usableFromInline var _dt: Double
  /// Step size the next step will try.
  @inlinable public var dtPropose: Double { _dtPropose }
  @usableFromInline var _dtPropose: Double
  /// Work counters so far.
  @inlinable public var stats: SolverStats { _stats }
  @usableFromInline var _stats: SolverStats = SolverStats()
  /// `.default` while stepping, then how the solve ended.
  @inlinable public var retcode: ReturnCode { _retcode }
  @usableFromInline var _retcode: ReturnCode = .default
  /// Where and why the solve failed.
  @inlinable public var diagnostic: FailureDiagnostic? { _diagnostic }
  @usableFromInline var _diagnostic: FailureDiagnostic?

  @usableFromInline var unew: State

  // MARK: Settings

  @usableFromInline let tStart: Double
  @usableFromInline let tEnd: Double
  /// The options the integrator was made with (for ``reinit(_:t0:tf:eraseSolution:)``).
  @usableFromInline let options: ODESolverOptions
  @usableFromInline let tdir: Double
  @usableFromInline let adaptive: Bool
  @usableFromInline let dtMin: Double
  @usableFromInline let dtMax: Double
  @usableFromInline let maxIters: Int
  @usableFromInline let errorNorm: ErrorNorm
  @usableFromInline let saveEveryStep: Bool
  @usableFromInline let saveEnd: Bool
  @usableFromInline let dense: Bool
  @usableFromInline let controller: StepSizeController
  /// The controller's gains (a composite method changes them when it switches).
  @usableFromInline var gains: ControllerGains
  @inlinable var beta1: Double { gains.beta1 }
  @inlinable var beta2: Double { gains.beta2 }
  @inlinable var pidBetas: (Double, Double, Double) { gains.pidBetas }
  @inlinable var qminInverse: Double { gains.qminInverse }
  @inlinable var qmaxInverse: Double { gains.qmaxInverse }
  @inlinable var gamma: Double { gains.gamma }

  // MARK: Loop state

  /// Stopping times still ahead, in integration order; the last is `t_f`.
  @usableFromInline var tstops: [Double]
  @usableFromInline var tstopIndex = 0
  @usableFromInline var saveAt: [Double]
  @usableFromInline var saveAtIndex = 0
  @usableFromInline var iterations = 0
  @usableFromInline var rejectionStreak = 0
  @usableFromInline var lastRejectionWasNonFinite = false
  @usableFromInline var nonFiniteComponent: Int?
  @usableFromInline var qold: Double
  @usableFromInline var q11: Double = 1
  @usableFromInline var pidErrors: (Double, Double, Double) = (1, 1, 1)
  @usableFromInline var pidFactor: Double = 1

  // MARK: Callbacks and progress

  @usableFromInline var callbacks: CallbackSet<State, F.Parameters>
  @usableFromInline let hasCallbacks: Bool
  @usableFromInline var uWasModified = false
  /// Whether a callback's affect is running (on the erased copy).
  @usableFromInline var inCallback = false
  /// Bumped whenever `p` is set, so the dense output uses the parameters of each step.
  @usableFromInline var parametersVersion = 0
  @usableFromInline var recordedParametersVersion = 0
  /// The parameters version the stepper was last told about.
  @usableFromInline var stepperParametersVersion = 0
  /// Whether `(t, u)` as they are now have been saved (callbacks save before and after).
  @usableFromInline var currentStateSaved = false
  /// Full size of the last accepted step (its dense output spans it even when an event ended
  /// the step early).
  @usableFromInline var stepDt: Double = 0
  @usableFromInline var eventScratch: EventScratch<State>
  @usableFromInline var progress: ProgressReporter?

  // MARK: Output

  @usableFromInline var events: [EventRecord] = []

  @usableFromInline var savedT: [Double] = []
  @usableFromInline var savedU: [State] = []
  @usableFromInline var interpolant: Stepper.Interpolant?

  /// Validates `problem` and `options`, sets up the stepper and, unless `options.dt` is given,
  /// chooses the initial step by Hairer's algorithm (HNW I, II.4).
  @inlinable
  public init(
    _ problem: ODEProblem<F>, stepper: Stepper, options: ODESolverOptions,
    callback: CallbackSet<State, F.Parameters> = CallbackSet()
  ) throws {
    try problem.validate(options, methodIsAdaptive: stepper.isAdaptive)
    if let mass = problem.massMatrix, !mass.isIdentity, !stepper.supportsMassMatrix {
      throw DiffEqError(
        field: "massMatrix",
        message:
          "\(stepper.name) solves u′ = f(u, p, t) only; use a Rosenbrock or BDF method (Rodas5P(), FBDF()) for M u′ = f"
      )
    }
    callbacks = callback
    hasCallbacks = !callback.isEmpty
    eventScratch = EventScratch(callbacks: callback.continuous, prototype: problem.u0)
    progress =
      options.progress || options.progressHandler != nil
      ? ProgressReporter(options: options, tspan: problem.tspan) : nil
    let (t0, tf) = problem.tspan
    f = problem.f
    p = problem.p
    self.stepper = stepper
    _t = t0
    _tprev = t0
    // `u`, `uprev` and `unew` get storage of their own (not shared with `problem.u0`), so
    // that stepping never copies on write.
    _u = problem.u0.zeroed()
    _u.assign(problem.u0)
    _uprev = problem.u0.zeroed()
    _uprev.assign(problem.u0)
    unew = problem.u0.zeroed()
    tStart = t0
    tEnd = tf
    self.options = options
    tdir = tf > t0 ? 1 : -1
    adaptive = options.adaptive ?? stepper.isAdaptive
    let span = abs(tf - t0)
    dtMin = options.dtMin ?? 0
    dtMax = options.dtMax ?? span
    maxIters = options.maxIters
    errorNorm = ErrorNorm(
      abstol: options.abstol, reltol: options.reltol, norm: options.internalNorm)
    let saveEvery = options.saveEveryStep ?? options.saveAt.isEmpty
    saveEveryStep = saveEvery
    saveEnd =
      options.saveEnd ?? (saveEvery || options.saveAt.isEmpty || options.saveAt.contains(tf))
    let saveStart =
      options.saveStart ?? (saveEvery || options.saveAt.isEmpty || options.saveAt.contains(t0))
    dense = options.dense ?? options.saveAt.isEmpty
    controller = options.controller
    gains = ControllerGains(
      options: options, defaults: stepper.controllerDefaults, order: stepper.order,
      adaptiveOrder: stepper.adaptiveOrder)
    qold = adaptive ? 1e-4 : 0
    let direction = tdir
    let inside = options.tstops.filter { ($0 - t0) * direction > 0 && ($0 - tf) * direction < 0 }
    // Sorted, each time once (a repeated stop would ask for a step of size 0).
    var sortedStops: [Double] = []
    for stop in inside.sorted(by: { ($0 - $1) * direction < 0 }) where sortedStops.last != stop {
      sortedStops.append(stop)
    }
    tstops = sortedStops + [tf]
    saveAt = options.saveAt.filter { ($0 - t0) * direction > 0 && ($0 - tf) * direction < 0 }
      .sorted { ($0 - $1) * direction < 0 }
    _dt = 0
    _dtPropose = 0
    if saveStart {
      savedT.append(t0)
      savedU.append(problem.u0)
      currentStateSaved = true
    }
    if dense { interpolant = self.stepper.makeInterpolant(f, p) }
    self.stepper.initialize(f, p, t: t0, u: u, stats: &_stats)
    if let given = options.dt {
      _dtPropose = direction * Swift.min(abs(given), dtMax)
    } else {
      _dtPropose = initialStepSize()
    }
    if hasCallbacks { initializeCallbacks() }
    if !dtPropose.isFinite || dtPropose == 0 {
      fail(
        .initialFailure,
        message:
          "the initial step size is \(dtPropose): f(u₀, p, t₀) is not finite; check the model at t₀"
      )
    }
  }

  /// Hairer's initial step-size estimate (HNW I, II.4; DifferentialEquations.jl's
  /// `ode_determine_initdt`), with `scᵢ = abstolᵢ + |u₀ᵢ|·reltol`:
  ///
  /// ```
  /// d₀ = ‖u₀/sc‖, d₁ = ‖f₀/sc‖, h₀ = (d₀ < 1e-5 ∨ d₁ < 1e-5) ? 1e-6 : 0.01·d₀/d₁
  /// d₂ = ‖(f(t₀+h₀, u₀+h₀f₀) − f₀)/sc‖ / h₀
  /// h₁ = max(d₁, d₂) ≤ 1e-15 ? max(1e-6, 1e-3·h₀) : (0.01/max(d₁, d₂))^(1/p)
  /// _dt = min(100·h₀, h₁, dtMax)
  /// ```
  @inlinable
  mutating func initialStepSize() -> Double {
    let t0 = t
    var f0 = u.zeroed()
    f(&f0, u, p, t0)
    _stats.nf += 1
    let d0 = errorNorm.norm(u, weightsFrom: u)
    let d1 = errorNorm.norm(f0, weightsFrom: u)
    var h0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * (d0 / d1)
    h0 = Swift.min(h0, dtMax)
    var u1 = u.zeroed()
    u1.setLinearSum(1, u, tdir * h0, f0)
    var f1 = u.zeroed()
    f(&f1, u1, p, t0 + tdir * h0)
    _stats.nf += 1
    f1.axpy(-1, f0)
    let d2 = errorNorm.norm(f1, weightsFrom: u) / h0
    let m = Swift.max(d1, d2)
    let h1 = m <= 1e-15 ? Swift.max(1e-6, h0 * 1e-3) : pow(0.01 / m, 1 / Double(stepper.order))
    return tdir * Swift.min(100 * h0, h1, dtMax)
  }

  /// Whether the integration has reached `t_f` or stopped.
  @inlinable
  public var isFinished: Bool { retcode != .default }

  /// Advances one accepted step (retrying rejected attempts). Returns `true` when a step was
  /// accepted (the last one included), `false` when none could be taken: the solve had
  /// already ended (see ``retcode``) or failed now (with ``diagnostic``).
  @inlinable
  @discardableResult
  public mutating func step() -> Bool {
    if retcode != .default { return false }
    if uWasModified { restartAfterModification() }
    if parametersVersion != stepperParametersVersion {
      stepper.parametersChanged(f, p, at: t)
      stepperParametersVersion = parametersVersion
    }
    while let stop = stepper.takeStop() { addTstop(stop) }
    while true {
      if iterations >= maxIters {
        fail(
          .maxIters,
          message:
            "reached maxIters = \(maxIters) step attempts; raise maxIters or loosen the tolerances")
        return false
      }
      iterations += 1
      // Step to the next stopping time exactly when the proposed step would reach it.
      let tstop = tstops[tstopIndex]
      let remaining = tstop - t
      var dtTry = dtPropose
      let hitsStop = abs(dtTry) * (1 + 256 * Double.ulpOfOne) >= abs(remaining)
      if hitsStop { dtTry = remaining }
      // DifferentialEquations.jl's check: an adaptive step below dtMin stops the solve, unless
      // it only shortens a step to land on a stopping time.
      // Without a dtMin of the user's, the floor is a step that no longer moves t by more
      // than a few units in its last place.
      if adaptive && abs(dtTry) < Swift.max(dtMin, 16 * Swift.max(abs(t), abs(t + dtTry)).ulp)
        && !hitsStop
      {
        failBelowDtMin(dtTried: dtTry)
        return false
      }
      var eest = stepper.step(
        f, p, t: t, dt: dtTry, u: _u, unew: &unew, errorNorm: errorNorm, computeError: adaptive,
        stats: &_stats)
      if hasCallbacks && adaptive && eest <= 1, let outOfDomain = callbacks.isOutOfDomain,
        outOfDomain(unew, p, t + dtTry)
      {
        // DifferentialEquations.jl's `isoutofdomain`: reject as if EEst = 2.
        eest = 2
      }
      if !adaptive {
        if let i = unew.firstNonFiniteIndex {
          fail(
            .unstable, message: stepper.failureNote ?? "the state became non-finite; reduce dt",
            dtTried: dtTry, component: i)
          return false
        }
        accept(dt: dtTry, reachesStop: hitsStop, stop: tstop)
        return true
      }
      if acceptsStep(eest) {
        let q = proposedShrink(eest)
        accept(dt: dtTry, reachesStop: hitsStop, stop: tstop)
        _dtPropose = nextStepAfterAccept(dt: dtTry, eest: eest, q: q)
        if let own = stepper.proposedStep(accepted: true, controllerProposal: _dtPropose) {
          _dtPropose = abs(own) > dtMax ? tdir * dtMax : own
        }
        if let defaults = stepper.takeControllerChange() {
          adoptController(defaults)
          if stepper.reestimatesStepAfterSwitch {
            let fresh = initialStepSize()
            if fresh.isFinite && abs(fresh) > abs(_dtPropose) {
              _dtPropose = abs(fresh) > dtMax ? tdir * dtMax : fresh
            }
          }
        }
        return true
      }
      _stats.nreject += 1
      rejectionStreak += 1
      if eest.isFinite {
        _ = proposedShrink(eest)
        _dtPropose = nextStepAfterReject(dt: dtTry)
      } else {
        _dtPropose = dtTry / qminInverse
      }
      if let own = stepper.proposedStep(accepted: false, controllerProposal: _dtPropose) {
        _dtPropose = own
      }
      if let fatal = stepper.fatalFailure {
        fail(fatal.code, message: fatal.message, dtTried: dtTry, component: nil)
        return false
      }
      lastRejectionWasNonFinite = !eest.isFinite
      if lastRejectionWasNonFinite { nonFiniteComponent = unew.firstNonFiniteIndex }
    }
  }

  /// Stops with `.unstable` when the last rejection was caused by NaN or Inf (shrinking did not
  /// help), otherwise with `.dtLessThanMin`.
  @inlinable
  mutating func failBelowDtMin(dtTried: Double) {
    if lastRejectionWasNonFinite, let note = stepper.failureNote {
      fail(.unstable, message: note, dtTried: dtTried, component: nil)
    } else if lastRejectionWasNonFinite {
      fail(
        .unstable,
        message:
          "the right-hand side produced NaN or Inf and shrinking the step did not help; check the model near this t",
        dtTried: dtTried, component: nonFiniteComponent)
    } else {
      fail(
        .dtLessThanMin,
        message:
          "the step size fell below dtMin = \(Swift.max(dtMin, 16 * abs(t).ulp)); the problem may be stiff (use a stiff method) or singular here",
        dtTried: dtTried, component: nil)
    }
  }

  /// Integrates to the end of the span (or until the solve stops) and returns the solution.
  @inlinable
  public mutating func solve() -> ODESolution<State> {
    solve(afterEachStep: { _ in })
  }

  /// Integrates to the end of the span like ``solve()``, calling `afterEachStep` after every
  /// accepted step (a driver built on the integrator adds its own stopping times there: the
  /// method of steps for delay equations does).
  @inlinable
  public mutating func solve(afterEachStep: (inout Self) -> Void) -> ODESolution<State> {
    while step() { afterEachStep(&self) }
    if progress != nil { reportProgress() }
    return solution
  }

  /// The solution so far (the whole solution once ``isFinished``).
  public var solution: ODESolution<State> {
    ODESolution(
      t: savedT, u: savedU, retcode: retcode, stats: stats, algorithm: stepper.name,
      diagnostic: diagnostic, interpolant: interpolant, events: events,
      algorithmChoice: stepper.algorithmChoice)
  }
}
