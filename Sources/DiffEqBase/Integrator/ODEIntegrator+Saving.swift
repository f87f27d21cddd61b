// Acceptance bookkeeping: advance time, save, record dense output, stop conditions.
extension ODEIntegrator {
  /// Accepts the candidate in `unew` for a step of size `dt`.
  ///
  /// Order matters: `saveAt` points and the dense output read the stepper's stages before
  /// ``ODEStepper/acceptStep()`` recycles them.
  @inlinable
  mutating func accept(dt: Double, reachesStop: Bool, stop: Double) {
    let tNew = reachesStop ? stop : t + dt
    _stats.naccept += 1
    rejectionStreak = 0
    lastRejectionWasNonFinite = false
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
      stepper.record(into: &interpolant!, t: t, dt: dt, uprev: u)
    }
    // uprev ← u, u ← unew without copying storage: rotate the three buffers.
    swap(&_uprev, &_u)
    swap(&_u, &unew)
    stepper.acceptStep()
    _tprev = t
    _t = tNew
    self._dt = dt
    let atEnd = reachesStop && tstopIndex == tstops.count - 1
    if reachesStop && !atEnd { tstopIndex += 1 }
    if saveEveryStep && (!atEnd || saveEnd) {
      savedT.append(t)
      savedU.append(u)
    }
    if atEnd {
      if !saveEveryStep && saveEnd {
        savedT.append(t)
        savedU.append(u)
      }
      _retcode = .success
    }
  }

  /// Stops the solve with `code`, keeping the last accepted state as the final saved point.
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
    if savedT.last != t {
      savedT.append(t)
      savedU.append(u)
    }
  }
}
