// Event location for continuous callbacks, in the shared loop (never in a stepper): every
// accepted step, each condition is sampled on the method's dense output; the first sign change
// is bracketed and narrowed to adjacent floating-point numbers (Illinois regula falsi with a
// bisection safeguard); the step then ends at the event time, on the far side of the crossing.
extension ODEIntegrator {
  /// Writes the conditions of continuous callback `c` at time `tau` of the candidate step
  /// `[t, t + dt]` into `eventScratch.trial[c]`.
  @inlinable
  mutating func evaluateCondition(_ c: Int, at tau: Double, dt: Double) {
    if tau == t {
      eventScratch.probe.assign(_u)
    } else {
      stepper.interpolate(
        f, p, t: t, dt: dt, uprev: _u, theta: (tau - t) / dt, derivative: 0,
        into: &eventScratch.probe, stats: &_stats)
    }
    callbacks.continuous[c].condition(&eventScratch.trial[c], eventScratch.probe, tau, p)
  }

  /// The signs of callback `c`'s conditions at the start of the step, in `signs[c]`.
  ///
  /// A condition that is exactly zero there, or that sits at the zero this callback fired at
  /// just before, takes the sign it moves to: that of `g(u + ε·u′)` with `ε = dt/1000` and
  /// `u′` the method's derivative at the step start. So an event fires once, and a condition
  /// that is zero at a step boundary is neither missed nor fired again.
  @inlinable
  mutating func startSigns(_ c: Int, dt: Double) {
    let count = callbacks.continuous[c].count
    callbacks.continuous[c].condition(&eventScratch.left[c], _u, t, p)
    let residual = 100 * eventScratch.lastEventResidual[c]
    var needsProbe = false
    for i in 0..<count {
      let g = eventScratch.left[c][i]
      let justFired = eventScratch.lastEventTime[c][i] == t
      if g == 0 || (justFired && abs(g) <= residual) {
        eventScratch.signs[c][i] = 0
        needsProbe = true
      } else {
        eventScratch.signs[c][i] = g > 0 ? 1 : -1
      }
    }
    guard needsProbe else { return }
    let epsilon = dt / 1000
    stepper.interpolate(
      f, p, t: t, dt: dt, uprev: _u, theta: 0, derivative: 1, into: &eventScratch.probe,
      stats: &_stats)
    eventScratch.probe2.setLinearSum(1, _u, epsilon, eventScratch.probe)
    callbacks.continuous[c].condition(
      &eventScratch.trial[c], eventScratch.probe2, t + epsilon, p)
    for i in 0..<count where eventScratch.signs[c][i] == 0 {
      let g = eventScratch.trial[c][i]
      eventScratch.signs[c][i] = g > 0 ? 1 : (g < 0 ? -1 : 0)
      // The condition moves along, not away from, zero: keep its value as the reference.
      eventScratch.left[c][i] = g
    }
  }

  /// Whether a component with sign `s` before and value `g` after crossed zero, and how.
  @inlinable
  static func crossing(from s: Double, to g: Double) -> EventDirection? {
    if s < 0 && g >= 0 { return .upcrossing }
    if s > 0 && g <= 0 { return .downcrossing }
    return nil
  }

  /// The earliest time in `(a, b]` where component `i` of callback `c` leaves the side
  /// `s = signs[c][i]`, to adjacent floating-point numbers (`ga`, `gb`: values at the ends).
  @inlinable
  mutating func locateRoot(
    _ c: Int, component i: Int, from a: Double, _ ga: Double, to b: Double, _ gb: Double,
    dt: Double
  ) -> Double {
    let s = eventScratch.signs[c][i]
    let rootFind = callbacks.continuous[c].rootFind
    if rootFind == .none { return b }
    var (lo, glo, hi, ghi) = (a, ga, b, gb)
    var retained = 0  // Illinois: which end was kept last (−1 lo, +1 hi)
    for iteration in 0..<200 {
      let adjacent = tdir > 0 ? lo.nextUp >= hi : lo.nextDown <= hi
      if adjacent || lo == hi { break }
      var m = lo - glo * (hi - lo) / (ghi - glo)
      let inside = tdir > 0 ? (m > lo && m < hi) : (m < lo && m > hi)
      if !inside || !m.isFinite || iteration % 4 == 3 { m = lo + (hi - lo) / 2 }
      if m == lo || m == hi { m = tdir > 0 ? lo.nextUp : lo.nextDown }
      evaluateCondition(c, at: m, dt: dt)
      let gm = eventScratch.trial[c][i]
      if gm == 0 { return rootFind == .left ? (tdir > 0 ? m.nextDown : m.nextUp) : m }
      if s * gm > 0 {
        lo = m
        glo = gm
        if retained == -1 { ghi /= 2 }
        retained = -1
      } else {
        hi = m
        ghi = gm
        if retained == 1 { glo /= 2 }
        retained = 1
      }
    }
    return rootFind == .left ? lo : hi
  }

  /// Finds the earliest continuous event in the candidate step `[t, tEnd]` (all callbacks
  /// with an event at that same time, in order), or none.
  @inlinable
  mutating func locateEvents(dt: Double, tEnd: Double) -> [FiringEvent] {
    var found: [FiringEvent] = []
    var earliest = tEnd
    for c in 0..<callbacks.continuous.count {
      startSigns(c, dt: dt)
      let callback = callbacks.continuous[c]
      let n = callback.interpolationPoints
      var a = t
      for j in 1...n {
        let b = j == n ? tEnd : t + (tEnd - t) * (Double(j) / Double(n))
        // Past the earliest event already found: nothing here can come first.
        if (a - earliest) * tdir >= 0 { break }
        evaluateCondition(c, at: b, dt: dt)
        swap(&eventScratch.right[c], &eventScratch.trial[c])
        var te = b
        var hit = false
        for i in 0..<callback.count {
          let s = eventScratch.signs[c][i]
          let g = eventScratch.right[c][i]
          if s == 0 {
            eventScratch.signs[c][i] = g > 0 ? 1 : (g < 0 ? -1 : 0)
            continue
          }
          guard let direction = Self.crossing(from: s, to: g) else { continue }
          if let wanted = callback.direction, wanted != direction { continue }
          let root = locateRoot(
            c, component: i, from: a, eventScratch.left[c][i], to: b, g, dt: dt)
          // A crossing within a few ulps of this component's last event is that event again
          // (rounding in the interpolant): never fire twice, never stall on tiny steps.
          let last = eventScratch.lastEventTime[c][i]
          if !last.isNaN && abs(root - last) <= 4 * Swift.max(abs(root), abs(last)).ulp {
            continue
          }
          if (root - te) * tdir < 0 || !hit { te = root }
          hit = true
        }
        if hit {
          if (te - earliest) * tdir <= 0 {
            // Every component that has crossed by te fires together (judged just past te
            // when the event sits just before the crossing).
            let past =
              callback.rootFind == .left ? (tdir > 0 ? te.nextUp : te.nextDown) : te
            evaluateCondition(c, at: past, dt: dt)
            var crossings: [EventCrossing] = []
            var residual = 0.0
            for i in 0..<callback.count {
              let g = eventScratch.trial[c][i]
              guard let direction = Self.crossing(from: eventScratch.signs[c][i], to: g) else {
                continue
              }
              if let wanted = callback.direction, wanted != direction { continue }
              let last = eventScratch.lastEventTime[c][i]
              if !last.isNaN && abs(te - last) <= 4 * Swift.max(abs(te), abs(last)).ulp {
                continue
              }
              crossings.append(EventCrossing(component: i, direction: direction))
              residual = max(residual, abs(g))
            }
            if callback.rootFind == .left {
              // The event sits on the old side: the next step must not see that as a fresh
              // crossing, so the residual covers the value at te as well.
              evaluateCondition(c, at: te, dt: dt)
              for crossing in crossings {
                residual = max(residual, abs(eventScratch.trial[c][crossing.component]))
              }
            }
            if (te - earliest) * tdir < 0 { found.removeAll() }
            earliest = te
            found.append(
              FiringEvent(callback: c, time: te, crossings: crossings, residual: residual))
          }
          break
        }
        // No event in (a, b]: the right end becomes the next left end.
        for i in 0..<callback.count {
          let g = eventScratch.right[c][i]
          if g != 0 { eventScratch.signs[c][i] = g > 0 ? 1 : -1 }
        }
        swap(&eventScratch.left[c], &eventScratch.right[c])
        a = b
      }
    }
    return found
  }

  /// Runs the affects of continuous events located at the current time (the step has been
  /// shortened to end there), saving before and after as each callback asks.
  @inlinable
  mutating func fireContinuousEvents(_ firing: [FiringEvent]) {
    for event in firing {
      let callback = callbacks.continuous[event.callback]
      if callback.savePositions.before && !currentStateSaved { saveCurrentState() }
      let crossings = event.crossings
      withErasedIntegrator { callback.affect(&$0, crossings) }
      uWasModified = true
      currentStateSaved = false
      for crossing in crossings {
        eventScratch.lastEventTime[event.callback][crossing.component] = t
      }
      eventScratch.lastEventResidual[event.callback] = event.residual
      events.append(
        EventRecord(
          t: t, callback: callback.name ?? "continuous[\(event.callback)]", kind: .continuous,
          crossings: crossings))
      if callback.savePositions.after { saveCurrentState() }
      if retcode != .default { return }
    }
  }

  /// Checks the discrete callbacks, in order, after an accepted step.
  @inlinable
  mutating func runDiscreteCallbacks() {
    for index in 0..<callbacks.discrete.count {
      var fires = false
      if let condition = callbacks.discrete[index].condition {
        fires = condition(_u, t, p)
      } else if let condition = callbacks.discrete[index].integratorCondition {
        let modifiedBefore = uWasModified
        uWasModified = false
        withErasedIntegrator { fires = condition(&$0) }
        if uWasModified { currentStateSaved = false }
        uWasModified = uWasModified || modifiedBefore
      }
      guard fires else { continue }
      let callback = callbacks.discrete[index]
      if callback.savePositions.before && !currentStateSaved { saveCurrentState() }
      // As in DifferentialEquations.jl the affect is taken to change u unless it says
      // otherwise with uModified(false).
      let modifiedBefore = uWasModified
      uWasModified = true
      withErasedIntegrator { callback.affect(&$0) }
      let modified = uWasModified
      uWasModified = modified || modifiedBefore
      if modified { currentStateSaved = false }
      events.append(
        EventRecord(
          t: t, callback: callback.name ?? "discrete[\(index)]", kind: .discrete, crossings: []))
      if callback.savePositions.after && modified { saveCurrentState() }
      if retcode != .default { return }
    }
  }

  /// Runs the callbacks' `initialize` closures once, at set-up.
  @inlinable
  mutating func initializeCallbacks() {
    for callback in callbacks.continuous {
      if let initialize = callback.initialize { withErasedIntegrator { initialize(&$0) } }
    }
    for callback in callbacks.discrete {
      if let initialize = callback.initialize { withErasedIntegrator { initialize(&$0) } }
    }
  }

  /// Hands `self` to `body` as an existential ``DEIntegrator`` (what affects receive) and takes
  /// the result back. Costs a copy of the integrator's references: events only.
  @inlinable
  mutating func withErasedIntegrator(
    _ body: (inout any DEIntegrator<State, F.Parameters>) -> Void
  ) {
    inCallback = true
    var erased: any DEIntegrator<State, F.Parameters> = self
    body(&erased)
    self = erased as! Self
    inCallback = false
  }

  /// Re-initializes the stepper after `u` or `p` changed outside a step.
  @inlinable
  mutating func restartAfterModification() {
    stepper.initialize(f, p, t: t, u: _u, stats: &_stats)
    uWasModified = false
  }
}
