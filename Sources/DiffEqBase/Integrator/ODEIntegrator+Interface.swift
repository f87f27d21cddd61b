// The integrator interface (DifferentialEquations.jl's): what affects and users stepping by
// hand may do between steps.
extension ODEIntegrator: DEIntegrator {
  /// The parameter type.
  public typealias Parameters = F.Parameters

  /// Adds a time the integrator must step to exactly (ignored unless strictly between the
  /// current time and `t_f`).
  public mutating func addTstop(_ time: Double) {
    guard time.isFinite, (time - t) * tdir > 0, (time - tEnd) * tdir < 0 else { return }
    var index = tstopIndex
    while index < tstops.count, (tstops[index] - time) * tdir < 0 { index += 1 }
    if index < tstops.count, tstops[index] == time { return }
    tstops.insert(time, at: index)
  }

  /// Sets the size of the next step attempt (its magnitude; the direction is the span's).
  public mutating func setProposedDt(_ dt: Double) {
    guard dt.isFinite, dt != 0 else { return }
    _dtPropose = tdir * Swift.min(abs(dt), dtMax)
  }

  /// Moves the integrator to `time` (DifferentialEquations.jl's `set_t!`), keeping `u`; the
  /// next step restarts there. Stopping and save times already passed are not revisited.
  public mutating func setT(_ time: Double) {
    guard time.isFinite else { return }
    _t = time
    while tstopIndex < tstops.count - 1, (tstops[tstopIndex] - time) * tdir <= 0 {
      tstopIndex += 1
    }
    while saveAtIndex < saveAt.count, (saveAt[saveAtIndex] - time) * tdir <= 0 {
      saveAtIndex += 1
    }
    stepDt = 0
    uWasModified = true
  }

  /// Marks `u` (or `p`) as changed outside a step: the next step restarts from it.
  public mutating func uModified(_ modified: Bool = true) {
    uWasModified = modified
  }

  /// The dense output of the last accepted step at `time` in `[tprev, t]` (the state, or its
  /// time derivative with `derivative: 1`); before the first step, `u` itself (or `f(u)`).
  public mutating func interpolate(at time: Double, derivative: Int = 0) -> State {
    if stepDt == 0 {
      return derivative == 0 ? u : self.derivative(of: u, at: t)
    }
    var out = u.zeroed()
    stepper.interpolate(
      f, p, t: tprev, dt: stepDt, uprev: uprev, theta: (time - tprev) / stepDt,
      derivative: derivative, into: &out, stats: &_stats)
    return out
  }

  /// The right-hand side `f(u, p, time)` (counted in ``stats``).
  public mutating func derivative(of u: State, at time: Double) -> State {
    var du = u.zeroed()
    f(&du, u, p, time)
    _stats.nf += 1
    return du
  }

  /// Advances by at least `dt` from the current time (DifferentialEquations.jl's
  /// `step!(integrator, dt, stop_at_tdt)`); with `stopAtTdt` the integrator lands exactly on
  /// `t + dt`. Returns `false` when the solve ended on the way.
  @discardableResult
  public mutating func step(dt: Double, stopAtTdt: Bool = false) -> Bool {
    let target = t + tdir * abs(dt)
    if stopAtTdt { addTstop(target) }
    while (target - t) * tdir > 0 {
      if !step() { return false }
    }
    return retcode == .default
  }
}

extension ODEIntegrator where State: ResizableStateVector {
  /// Changes the number of state components to `count` (new components are zero, removed ones
  /// dropped from the end); every cache is resized and the next step restarts from the new
  /// state. The dense output recorded so far keeps its old size step by step.
  public mutating func resize(_ count: Int) {
    if !errorNorm.abstols.isEmpty && errorNorm.abstols.count != count {
      fail(
        .failure,
        message:
          "resize to \(count) components but abstol has \(errorNorm.abstols.count); use a scalar abstol for states that change size"
      )
      return
    }
    _u.resize(to: count)
    _uprev.resize(to: count)
    unew.resize(to: count)
    stepper.resize(to: _u)
    eventScratch.probe.resize(to: count)
    eventScratch.probe2.resize(to: count)
    stepDt = 0
    uWasModified = true
  }
}

extension ODEIntegrator {
  /// Starts over from `u0` at `t0` (default: the original start) towards `tf` (default: the
  /// original end), with the same options and callbacks (DifferentialEquations.jl's
  /// `reinit!`). With `eraseSolution: false` the saved points and events so far are kept.
  public mutating func reinit(
    _ u0: State, t0: Double? = nil, tf: Double? = nil, eraseSolution: Bool = true
  ) throws {
    var freshStepper = stepper
    if u0.count != u.count { freshStepper.resize(to: u0) }
    let problem = ODEProblem(f, u0: u0, tspan: (t0 ?? tStart, tf ?? tEnd), p: p)
    var fresh = try ODEIntegrator(
      problem, stepper: freshStepper, options: options, callback: callbacks)
    if !eraseSolution {
      fresh.savedT = savedT + fresh.savedT
      fresh.savedU = savedU + fresh.savedU
      fresh.events = events + fresh.events
    }
    self = fresh
  }
}
