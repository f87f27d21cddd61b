// Acceptance bookkeeping: advance time, save, record dense output, stop conditions.
extension ODEIntegrator {
  /// Accepts the candidate in `unew` for a step of size `dt`.
  ///
  /// Order matters: events are located and `saveAt` points interpolated on the candidate step
  /// before the buffers rotate; callbacks then run on the accepted state, and the step's own
  /// save comes last so that it holds what they left.
  @inlinable
  mutating func accept(dt: Double, reachesStop: Bool, stop: Double) {
    var tNew = reachesStop ? stop : t + dt
    _stats.naccept += 1
    rejectionStreak = 0
    lastRejectionWasNonFinite = false
    // The earliest continuous event inside the step ends the step there.
    var firing: [FiringEvent] = []
    if hasCallbacks && !callbacks.continuous.isEmpty {
      firing = locateEvents(dt: dt, tEnd: tNew)
      if let te = firing.first?.time, te != tNew {
        tNew = te
        stepper.interpolate(
          f, p, t: t, dt: dt, uprev: _u, theta: (te - t) / dt, derivative: 0, into: &unew,
          stats: &_stats)
        stepper.stepWasShortened(f, p, from: t, u: _u, to: te, unew: &unew, stats: &_stats)
      }
    }
    let reached = reachesStop && tNew == stop
    // Interpolated saves strictly inside (t, tNew]; t_f itself is handled by saveEnd.
    while saveAtIndex < saveAt.count, (saveAt[saveAtIndex] - tNew) * tdir <= 0 {
      let ts = saveAt[saveAtIndex]
      var value = u.zeroed()
      if ts == tNew {
        value.assign(unew)
      } else {
        stepper.interpolate(
          f, p, t: t, dt: dt, uprev: u, theta: (ts - t) / dt, derivative: 0, into: &value,
          stats: &_stats)
      }
      savedT.append(ts)
      savedU.append(value)
      saveAtIndex += 1
    }
    if dense, interpolant != nil {
      if parametersVersion != recordedParametersVersion {
        stepper.updateParameters(of: &interpolant!, f, p)
        recordedParametersVersion = parametersVersion
      }
      stepper.record(into: &interpolant!, t: t, dt: dt, uprev: u)
    }
    // uprev ← u, u ← unew without copying storage: rotate the three buffers.
    swap(&_uprev, &_u)
    swap(&_u, &unew)
    stepper.acceptStep()
    _tprev = t
    _t = tNew
    stepDt = dt
    self._dt = firing.isEmpty ? dt : tNew - tprev
    let atEnd = reached && tstopIndex == tstops.count - 1
    if reached && !atEnd { tstopIndex += 1 }
    currentStateSaved = false
    if !firing.isEmpty { fireContinuousEvents(firing) }
    if hasCallbacks && !callbacks.discrete.isEmpty && retcode == .default {
      runDiscreteCallbacks()
    }
    // The step's own save comes after the callbacks, so it holds what they left.
    if saveEveryStep && (!atEnd || saveEnd) && !currentStateSaved && retcode == .default {
      saveCurrentState()
    }
    if retcode == .terminated { saveFinalStateIfAsked() }
    if atEnd && retcode == .default {
      if !saveEveryStep && saveEnd && savedT.last != t {
        savedT.append(t)
        savedU.append(u)
      }
      _retcode = .success
    }
    if progress != nil { reportProgress() }
  }

  /// Appends `(t, u)` to the saved points.
  @inlinable
  mutating func saveCurrentState() {
    savedT.append(t)
    savedU.append(u)
    currentStateSaved = true
  }

  /// Stops the solve with `code`, keeping the last accepted state as the final saved point
  /// (always, whatever the saving options: the partial solution ends where the failure was).
  @inlinable
  mutating func fail(
    _ code: ReturnCode, message: String, dtTried: Double? = nil, component: Int? = nil
  ) {
    _retcode = code
    _diagnostic = FailureDiagnostic(
      t: t, dt: dtTried ?? dtPropose, rejectionStreak: rejectionStreak,
      firstNonFiniteComponent: component, message: message)
    if savedT.last != t {
      savedT.append(t)
      savedU.append(u)
    }
  }

  /// Stops the integration at the current point with ``ReturnCode/terminated``.
  @inlinable
  public mutating func terminate() {
    guard retcode == .default else { return }
    _retcode = .terminated
    // Inside an affect the loop saves after it (as the callback asks) and then the end.
    if !inCallback { saveFinalStateIfAsked() }
  }

  /// After a stop, saves the current state if `saveEnd` asks for the end point and it is not
  /// saved yet (DifferentialEquations.jl's end-point rule).
  @inlinable
  mutating func saveFinalStateIfAsked() {
    if saveEnd && !currentStateSaved { saveCurrentState() }
  }
}
