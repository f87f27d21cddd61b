import DiffEqBase

/// The stepper of ``MethodOfSteps``: an ODE method's stepper whose right-hand side reads the
/// history, plus the fixed-point iteration for steps longer than a lag and the recording of
/// every accepted step into the history.
///
/// A step from `tₙ` of size `h`:
///
/// ```
/// 1. step with the history as it is (queries beyond tₙ extrapolate the last step);
/// 2. if some query fell beyond tₙ (a lag < h): repeat, up to maxIterations times,
///      record the iterate's dense output → the history inside the step → step again,
///    until the change of uₙ₊₁ between iterates, in the error norm, is ≤ tolerance;
///    no convergence rejects the step (EEst ≥ 2, and the controller shrinks it).
/// ```
///
/// On acceptance the step's dense output joins the history.
public struct MethodOfStepsStepper<Inner: ODEStepper>: ODEStepper {
  /// The state vector type.
  public typealias State = Inner.State
  /// The dense output is the inner method's.
  public typealias Interpolant = Inner.Interpolant

  /// The ODE method's stepper.
  @usableFromInline var inner: Inner
  /// The history the right-hand side reads.
  @usableFromInline let storage: HistoryStorage<State>
  /// The accepted steps' dense output.
  @usableFromInline let steps: StepHistory<Interpolant>
  /// Most fixed-point iterations per step.
  @usableFromInline let maxIterations: Int
  /// Convergence threshold of the fixed-point iteration, in the error norm.
  @usableFromInline let tolerance: Double
  /// Start, size and start state of the step last computed.
  @usableFromInline var stepT = 0.0
  @usableFromInline var stepDt = 0.0
  @usableFromInline var stepU: State
  /// The previous iterate's `uₙ₊₁`.
  @usableFromInline var previous: State
  /// Whether the last accepted step ended on a tracked discontinuity.
  @usableFromInline var restartAtDiscontinuity = false
  /// Scratch for the evaluation that computes a step's lazy stages.
  @usableFromInline var probe: State

  /// Wraps `inner`.
  @usableFromInline
  init(
    _ inner: Inner, storage: HistoryStorage<State>, steps: StepHistory<Interpolant>,
    maxIterations: Int, tolerance: Double, prototype: State
  ) {
    self.inner = inner
    self.storage = storage
    self.steps = steps
    self.maxIterations = maxIterations
    self.tolerance = tolerance
    stepU = prototype.zeroed()
    previous = prototype.zeroed()
    probe = prototype.zeroed()
  }

  /// `MethodOfSteps(name)`.
  public var name: String { "MethodOfSteps(\(inner.name))" }
  /// The inner method's order.
  public var order: Int { inner.order }
  /// The inner method's embedded order.
  public var adaptiveOrder: Int { inner.adaptiveOrder }
  /// Whether the inner method is adaptive.
  public var isAdaptive: Bool { inner.isAdaptive }
  /// The inner method's controller defaults.
  public var controllerDefaults: ControllerDefaults { inner.controllerDefaults }

  /// Initializes the inner stepper; a restart after `t₀` (a callback changed `u`) is a
  /// discontinuity of order 0 and is tracked.
  @inlinable
  public mutating func initialize<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, t: Double, u: State, stats: inout SolverStats
  ) where F.State == State {
    if storage.hasAcceptedSteps { trackRestart(at: t, u: u) }
    restartAtDiscontinuity = false
    storage.beginStep(at: t, u: u)
    inner.initialize(f, p, t: t, u: u, stats: &stats)
  }

  /// A restart at `t` (after an event or a callback): a jump of `u` against the history is a
  /// discontinuity of order 0 (a change of `p` is one of order 1: see
  /// ``parametersChanged(_:_:at:)``).
  @inlinable
  mutating func trackRestart(at t: Double, u: State) {
    steps.evaluate(at: t, derivative: 0, depth: 0, storage: storage, into: &probe)
    var scale = 0.0
    var jump = 0.0
    for i in 0..<u.count {
      scale = Swift.max(scale, abs(Double(u[i])))
      jump = Swift.max(jump, abs(Double(u[i]) - Double(probe[i])))
    }
    if jump > 1e-12 * scale { storage.addDiscontinuity(at: t, order: 0) }
  }

  /// A callback changed `p` at `t`: `f` jumps there (a discontinuity of order 1), the
  /// history before `t₀` and the lazy dense-output stages of later steps use the new `p`.
  @inlinable
  public mutating func parametersChanged<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, at t: Double
  ) where F.State == State {
    inner.updateParameters(of: &steps.accepted, f, p)
    storage.rebindParameters?(p)
    if (t - storage.t0) * storage.direction > 0 { storage.addDiscontinuity(at: t, order: 1) }
  }

  /// The next discontinuity time the integrator must step to.
  @inlinable
  public mutating func takeStop() -> Double? {
    storage.pendingStops.popLast()
  }

  /// One step, iterated to a fixed point when a lag is shorter than it.
  @inlinable
  public mutating func step<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, t: Double, dt: Double, u: State, unew: inout State,
    errorNorm: ErrorNorm, computeError: Bool, stats: inout SolverStats
  ) -> Double where F.State == State {
    if restartAtDiscontinuity {
      // The step ended on a discontinuity: the first stage is f's right limit there, not
      // the previous step's last stage (its left limit).
      restartAtDiscontinuity = false
      storage.beginStep(at: t, u: u)
      inner.initialize(f, p, t: t, u: u, stats: &stats)
    }
    storage.beginStep(at: t, u: u)
    storage.stepEnd = t + dt
    steps.provisional = nil
    stepT = t
    stepDt = dt
    stepU.assign(u)
    var eest = inner.step(
      f, p, t: t, dt: dt, u: u, unew: &unew, errorNorm: errorNorm, computeError: computeError,
      stats: &stats)
    guard storage.queriedAhead else { return eest }
    for _ in 0..<maxIterations {
      // The iterate just computed becomes the history inside the step; its lazy stages are
      // evaluated first, while the step still reads the previous iterate.
      let iterate = recordedStep(f, p)
      steps.provisional = iterate
      let box = steps
      storage.evaluateProvisional = { s, derivative, out in
        box.provisional!.evaluate(at: s, derivative: derivative, into: &out)
      }
      previous.assign(unew)
      eest = inner.step(
        f, p, t: t, dt: dt, u: u, unew: &unew, errorNorm: errorNorm,
        computeError: computeError, stats: &stats)
      stats.nnonliniter += 1
      previous.axpy(-1, unew)
      let change = errorNorm.norm(previous, weightsFrom: unew)
      if !change.isFinite { return .nan }
      if change <= tolerance { return eest }
    }
    stats.nnonlinconvfail += 1
    return eest.isNaN ? eest : Swift.max(eest, 2)
  }

  /// The step just computed as a single-step dense output, its lazy stages evaluated.
  @inlinable
  mutating func recordedStep<F: ODEFunction>(_ f: F, _ p: F.Parameters) -> Interpolant
  where F.State == State {
    var one = inner.makeInterpolant(f, p)
    inner.record(into: &one, t: stepT, dt: stepDt, uprev: stepU)
    one.evaluate(at: stepT + stepDt / 2, derivative: 0, into: &probe)
    return one
  }

  /// The inner method's dense output over the step just computed.
  @inlinable
  public mutating func interpolate<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, t: Double, dt: Double, uprev: State, theta: Double,
    derivative: Int, into out: inout State, stats: inout SolverStats
  ) where F.State == State {
    inner.interpolate(
      f, p, t: t, dt: dt, uprev: uprev, theta: theta, derivative: derivative, into: &out,
      stats: &stats)
  }

  /// The inner method's empty dense output.
  public func makeInterpolant<F: ODEFunction>(_ f: F, _ p: F.Parameters) -> Interpolant
  where F.State == State {
    inner.makeInterpolant(f, p)
  }

  /// Forwards to the inner stepper.
  public func updateParameters<F: ODEFunction>(
    of interpolant: inout Interpolant, _ f: F, _ p: F.Parameters
  ) where F.State == State {
    inner.updateParameters(of: &interpolant, f, p)
  }

  /// Forwards to the inner stepper (the method of steps keeps its own copy of every step).
  @inlinable
  public mutating func record(
    into interpolant: inout Interpolant, t: Double, dt: Double, uprev: State
  ) {
    inner.record(into: &interpolant, t: t, dt: dt, uprev: uprev)
  }

  /// Appends the accepted step to the history, then accepts it in the inner stepper. The
  /// step's lazy dense-output stages are evaluated before it joins the history when some
  /// lag is as short as the step (they may read inside the step, which must not be the step
  /// itself).
  @inlinable
  public mutating func acceptStep() {
    inner.record(into: &steps.accepted, t: stepT, dt: stepDt, uprev: stepU)
    if abs(stepDt) >= storage.smallestLag {
      let outer = storage.stepEnd
      storage.stepEnd = stepT + stepDt
      steps.accepted.evaluate(
        step: steps.starts.count, at: stepT + stepDt / 2, derivative: 0, into: &probe)
      storage.stepEnd = outer
    }
    steps.noteStep(from: stepT, to: stepT + stepDt)
    storage.hasAcceptedSteps = true
    restartAtDiscontinuity = storage.isDiscontinuity(stepT + stepDt)
    inner.acceptStep()
  }

  /// Resizes the inner stepper's cache (the history keeps each past step's size).
  public mutating func resize(to prototype: State) {
    inner.resize(to: prototype)
    stepU = prototype.zeroed()
    previous = prototype.zeroed()
    probe = prototype.zeroed()
    restartAtDiscontinuity = false
  }
}
