/// The stepper of a composite method: an explicit method for the non-stiff stretches, a stiff
/// method for the stiff ones, and DifferentialEquations.jl's switching rule between them
/// (``AutoSwitchPolicy``), with every switch recorded (``AlgorithmChoice``).
///
/// After each accepted step the method that took it estimates the spectral radius `ρ` of
/// `∂f/∂u` (``StiffnessDetecting``); `s = ρ·h/r`, with `r` the explicit method's stability
/// boundary, gives the verdict. The method chosen for the next step is initialized at its
/// first step (so the accepted step's dense output stays with the method that took it), the
/// step is scaled by `dtFac` and the integrator adopts the new method's controller constants
/// (``ODEStepper/takeControllerChange()``); switching to the stiff method, the integrator also
/// estimates a fresh first step by Hairer's algorithm and takes it when longer.
public struct AutoSwitchStepper<Nonstiff: StiffnessDetecting, Stiff: StiffnessDetecting>:
  ODEStepper
where Nonstiff.State == Stiff.State {
  /// The state vector type.
  public typealias State = Nonstiff.State
  /// Each step's dense output is its own method's.
  public typealias Interpolant = CompositeInterpolant<Nonstiff.Interpolant, Stiff.Interpolant>

  /// The explicit method.
  public var nonstiff: Nonstiff
  /// The stiff method.
  public var stiff: Stiff
  /// The switching rule.
  public let policy: AutoSwitchPolicy
  /// The composite's name (`"AutoTsit5(Rosenbrock23)"`).
  public let name: String
  /// Why these methods (the default policy's reasoning), for the record.
  public let reason: String?
  /// Whether the explicit method may be used at all (not with a mass matrix).
  public let allowsNonstiff: Bool
  /// The explicit method's stability boundary `r`.
  @usableFromInline let boundary: Double

  /// Whether the last step was taken by the stiff method (its data serve interpolation).
  @usableFromInline var activeIsStiff: Bool
  /// Whether the next step is to be taken by the stiff method.
  @usableFromInline var nextIsStiff: Bool
  /// Whether the next step's method must be initialized first (it was just switched to).
  @usableFromInline var needsInitialization = false
  /// Consecutive verdicts: `> 0` stiff, `< 0` non-stiff.
  @usableFromInline var count = 0
  /// The last step's stiffness estimate, size and end.
  @usableFromInline var lastEstimate: Double?
  @usableFromInline var lastDt = 0.0
  @usableFromInline var lastEnd = 0.0
  /// Set by a switch until the next step: scale the controller's proposal, adopt the new
  /// method's controller.
  @usableFromInline var justSwitched = false
  @usableFromInline var controllerChanged = false
  /// The record.
  @usableFromInline var switches: [AlgorithmSwitch] = []
  @usableFromInline var stepCounts = (0, 0)
  @usableFromInline let initialIsStiff: Bool

  /// A composite of `nonstiff` and `stiff` that starts on the stiff method when
  /// `policy.stiffAlgFirst` or `!allowsNonstiff`.
  public init(
    nonstiff: Nonstiff, stiff: Stiff, policy: AutoSwitchPolicy = AutoSwitchPolicy(),
    name: String? = nil, reason: String? = nil, allowsNonstiff: Bool = true
  ) {
    self.nonstiff = nonstiff
    self.stiff = stiff
    self.policy = policy
    self.name = name ?? "AutoSwitch(\(nonstiff.name), \(stiff.name))"
    self.reason = reason
    self.allowsNonstiff = allowsNonstiff
    boundary = nonstiff.stabilityBoundary
    let startStiff = policy.stiffAlgFirst || !allowsNonstiff
    activeIsStiff = startStiff
    nextIsStiff = startStiff
    initialIsStiff = startStiff
  }

  /// The order of the method taking the next step.
  public var order: Int { nextIsStiff ? stiff.order : nonstiff.order }
  /// Its embedded order.
  public var adaptiveOrder: Int { nextIsStiff ? stiff.adaptiveOrder : nonstiff.adaptiveOrder }
  /// Adaptive when both methods are.
  public var isAdaptive: Bool { nonstiff.isAdaptive && stiff.isAdaptive }
  /// The controller defaults of the method taking the next step.
  public var controllerDefaults: ControllerDefaults {
    nextIsStiff ? stiff.controllerDefaults : nonstiff.controllerDefaults
  }
  /// The stiff method's (the explicit method is never used with a mass matrix).
  public var supportsMassMatrix: Bool { stiff.supportsMassMatrix }
  /// The fatal failure of the method that took the last attempt.
  public var fatalFailure: (code: ReturnCode, message: String)? {
    activeIsStiff ? stiff.fatalFailure : nonstiff.fatalFailure
  }
  /// The note of the method that took the last step.
  public var failureNote: String? { activeIsStiff ? stiff.failureNote : nonstiff.failureNote }

  /// Initializes the method of the next step at `(t, u)`.
  @inlinable
  public mutating func initialize<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, t: Double, u: State, stats: inout SolverStats
  ) where F.State == State {
    activeIsStiff = nextIsStiff
    needsInitialization = false
    if activeIsStiff {
      stiff.initialize(f, p, t: t, u: u, stats: &stats)
    } else {
      nonstiff.initialize(f, p, t: t, u: u, stats: &stats)
    }
  }

  /// One step of the method in use, then (when within tolerance) its stiffness estimate.
  @inlinable
  public mutating func step<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, t: Double, dt: Double, u: State, unew: inout State,
    errorNorm: ErrorNorm, computeError: Bool, stats: inout SolverStats
  ) -> Double where F.State == State {
    justSwitched = false
    if needsInitialization { initialize(f, p, t: t, u: u, stats: &stats) }
    let eest: Double
    if activeIsStiff {
      eest = stiff.step(
        f, p, t: t, dt: dt, u: u, unew: &unew, errorNorm: errorNorm, computeError: computeError,
        stats: &stats)
      lastEstimate = eest <= 1 ? stiff.stiffnessEstimate(t: t, dt: dt, u: u, unew: unew) : nil
    } else {
      eest = nonstiff.step(
        f, p, t: t, dt: dt, u: u, unew: &unew, errorNorm: errorNorm, computeError: computeError,
        stats: &stats)
      lastEstimate = eest <= 1 ? nonstiff.stiffnessEstimate(t: t, dt: dt, u: u, unew: unew) : nil
    }
    lastDt = dt
    lastEnd = t + dt
    return eest
  }

  /// The continuous extension of the method that took the step.
  @inlinable
  public mutating func interpolate<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, t: Double, dt: Double, uprev: State, theta: Double,
    derivative: Int, into out: inout State, stats: inout SolverStats
  ) where F.State == State {
    if activeIsStiff {
      stiff.interpolate(
        f, p, t: t, dt: dt, uprev: uprev, theta: theta, derivative: derivative, into: &out,
        stats: &stats)
    } else {
      nonstiff.interpolate(
        f, p, t: t, dt: dt, uprev: uprev, theta: theta, derivative: derivative, into: &out,
        stats: &stats)
    }
  }

  /// Both methods' empty dense outputs.
  public func makeInterpolant<F: ODEFunction>(_ f: F, _ p: F.Parameters) -> Interpolant
  where F.State == State {
    CompositeInterpolant(nonstiff.makeInterpolant(f, p), stiff.makeInterpolant(f, p))
  }

  /// Tells both dense outputs.
  public func updateParameters<F: ODEFunction>(
    of interpolant: inout Interpolant, _ f: F, _ p: F.Parameters
  ) where F.State == State {
    nonstiff.updateParameters(of: &interpolant.first, f, p)
    stiff.updateParameters(of: &interpolant.second, f, p)
  }

  /// Records the step in the dense output of the method that took it.
  public mutating func record(
    into interpolant: inout Interpolant, t: Double, dt: Double, uprev: State
  ) {
    if activeIsStiff {
      stiff.record(into: &interpolant.second, t: t, dt: dt, uprev: uprev)
    } else {
      nonstiff.record(into: &interpolant.first, t: t, dt: dt, uprev: uprev)
    }
    interpolant.appendStep(start: t, end: t + dt, usesSecond: activeIsStiff)
  }

  /// Accepts the step in its method, counts the verdict and switches when the policy says so.
  @inlinable
  public mutating func acceptStep() {
    if activeIsStiff {
      stiff.acceptStep()
      stepCounts.1 += 1
    } else {
      nonstiff.acceptStep()
      stepCounts.0 += 1
    }
    guard allowsNonstiff else { return }
    // Past the cap only a switch to the stiff method is allowed, and none after it.
    let capped = switches.count >= policy.maxSwitches
    if capped && activeIsStiff { return }
    let stiffness = lastEstimate.map { abs($0 * lastDt) / boundary } ?? .infinity
    let isStiff = stiffness > (activeIsStiff ? policy.stiffTol : policy.nonstiffTol)
    if isStiff {
      count = count < 0 ? 1 : count + 1
    } else {
      count = count > 0 ? -1 : count - 1
    }
    let toStiff = !activeIsStiff && count > policy.maxStiffStep
    let toNonstiff = activeIsStiff && count < -policy.maxNonstiffStep
    guard toStiff || toNonstiff else { return }
    switches.append(
      AlgorithmSwitch(
        t: lastEnd, step: stepCounts.0 + stepCounts.1,
        from: activeIsStiff ? stiff.name : nonstiff.name,
        to: activeIsStiff ? nonstiff.name : stiff.name,
        eigenvalueEstimate: lastEstimate ?? .infinity, dt: lastDt, stiffness: stiffness,
        consecutiveSteps: abs(count)))
    nextIsStiff = toStiff
    needsInitialization = true
    justSwitched = true
    controllerChanged = true
    count = 0
  }

  /// After a switch, the controller's proposal times `dtFac` (to the stiff method) or divided
  /// by it (back); otherwise the proposal of the method in use.
  @inlinable
  public func proposedStep(accepted: Bool, controllerProposal: Double) -> Double? {
    if accepted && justSwitched {
      return nextIsStiff ? controllerProposal * policy.dtFac : controllerProposal / policy.dtFac
    }
    if activeIsStiff {
      return stiff.proposedStep(accepted: accepted, controllerProposal: controllerProposal)
    }
    return nonstiff.proposedStep(accepted: accepted, controllerProposal: controllerProposal)
  }

  /// The new method's controller defaults, once after a switch.
  @inlinable
  public mutating func takeControllerChange() -> ControllerDefaults? {
    guard controllerChanged else { return nil }
    controllerChanged = false
    return controllerDefaults
  }

  /// After a switch to the stiff method the integrator estimates its first step afresh (the
  /// explicit method's step was limited by stability, not accuracy).
  public var reestimatesStepAfterSwitch: Bool { nextIsStiff }

  /// What happened so far.
  public var algorithmChoice: AlgorithmChoice? {
    AlgorithmChoice(
      methods: [nonstiff.name, stiff.name], initialMethod: initialIsStiff ? 1 : 0,
      switches: switches, stepCounts: [stepCounts.0, stepCounts.1], reason: reason,
      reachedSwitchCap: allowsNonstiff && switches.count >= policy.maxSwitches)
  }

  /// Both methods learn of the new parameters.
  @inlinable
  public mutating func parametersChanged<F: ODEFunction>(_ f: F, _ p: F.Parameters, at t: Double)
  where F.State == State {
    nonstiff.parametersChanged(f, p, at: t)
    stiff.parametersChanged(f, p, at: t)
  }

  /// The stopping times of the method in use.
  @inlinable
  public mutating func takeStop() -> Double? {
    nextIsStiff ? stiff.takeStop() : nonstiff.takeStop()
  }

  /// Forwarded to the method that took the step.
  @inlinable
  public mutating func stepWasShortened<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, from t: Double, u: State, to te: Double, unew: inout State,
    stats: inout SolverStats
  ) where F.State == State {
    if activeIsStiff {
      stiff.stepWasShortened(f, p, from: t, u: u, to: te, unew: &unew, stats: &stats)
    } else {
      nonstiff.stepWasShortened(f, p, from: t, u: u, to: te, unew: &unew, stats: &stats)
    }
  }

  /// Both methods' caches.
  public mutating func resize(to prototype: State) {
    nonstiff.resize(to: prototype)
    stiff.resize(to: prototype)
    needsInitialization = true
  }
}
