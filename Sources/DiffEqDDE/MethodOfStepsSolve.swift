import DiffEqBase

/// The solve of ``MethodOfSteps``, run with the ODE method's stepper (an
/// ``ODEStepperVisitor``: the ODE method builds its stepper for the problem's state type and
/// hands it here, specialised).
@usableFromInline
struct MethodOfStepsSolve<F: DDEFunction, Algorithm: ODEStepperProvider>: ODEStepperVisitor {
  @usableFromInline typealias State = F.State
  @usableFromInline typealias Result = ODESolution<F.State>

  @usableFromInline let problem: DDEProblem<F>
  @usableFromInline let options: ODESolverOptions
  @usableFromInline let callback: CallbackSet<F.State, F.Parameters>
  @usableFromInline let settings: MethodOfSteps<Algorithm>

  @inlinable
  init(
    problem: DDEProblem<F>, options: ODESolverOptions,
    callback: CallbackSet<F.State, F.Parameters>, settings: MethodOfSteps<Algorithm>
  ) {
    self.problem = problem
    self.options = options
    self.callback = callback
    self.settings = settings
  }

  /// Sets up the history and the discontinuity tracking around `inner` and runs the loop.
  @inlinable
  func visit<S: ODEStepper>(_ inner: S) throws -> ODESolution<State> where S.State == State {
    let (t0, tf) = problem.tspan
    let p = problem.p
    let history = problem.history
    let storage = HistoryStorage<State>(
      t0: t0, tEnd: tf, u0: problem.u0, constantLags: problem.constantLags,
      neutral: problem.neutral, maxOrder: inner.order,
      initialHistory: { out, s, derivative in history(&out, p, s, derivative) })
    let f = DDEODEFunction(problem.f, history: DDEHistory(storage))
    let steps = StepHistory(inner.makeInterpolant(f, p), direction: storage.direction)
    storage.evaluateAccepted = { [unowned storage] s, derivative, depth, out in
      steps.evaluate(at: s, derivative: derivative, depth: depth, storage: storage, into: &out)
    }
    // The discontinuity at t₀: order 0 when the history does not end at u₀.
    var end = problem.u0.zeroed()
    history(&end, p, t0, 0)
    var jumps = false
    for i in 0..<end.count where end[i] != problem.u0[i] { jumps = true }
    storage.addDiscontinuity(at: t0, order: jumps ? 0 : 1)
    for time in problem.historyDiscontinuities { storage.addDiscontinuity(at: time, order: 0) }

    storage.rebindParameters = { [unowned storage] newParameters in
      guard let p = newParameters as? F.Parameters else { return }
      storage.initialHistory = { out, s, derivative in history(&out, p, s, derivative) }
    }
    var odeOptions = options
    odeOptions.dense = false
    if settings.constrained, let smallest = problem.constantLags.min() {
      odeOptions.dtMax = Swift.min(odeOptions.dtMax ?? .infinity, smallest)
    }
    var callbacks = callback
    if !problem.dependentLags.isEmpty {
      callbacks = callbacks.adding(
        dependentLagDiscontinuities(problem.dependentLags, storage: storage))
    }
    let stepper = MethodOfStepsStepper(
      inner, storage: storage, steps: steps, maxIterations: settings.maxFixedPointIterations,
      tolerance: settings.fixedPointTolerance, prototype: problem.u0)
    var integrator = try ODEIntegrator(
      ODEProblem(f, u0: problem.u0, tspan: problem.tspan, p: p), stepper: stepper,
      options: odeOptions, callback: callbacks)
    var solution = integrator.solve()
    storage.beginStep(at: integrator.t, u: integrator.u)
    solution.algorithm = settings.name
    if options.dense ?? options.saveAt.isEmpty, !steps.isEmpty {
      solution.interpolant = DDESolutionInterpolant(storage: storage, steps: steps)
    }
    return solution
  }
}

/// The event location of dependent-lag discontinuities: for every lag `τⱼ` and tracked
/// discontinuity `ξₖ` (the first `slots` of them), the condition
/// `gⱼₖ = (t − ξₖ)·dir − τⱼ(u, p, t)` changes sign where the lag maps `t` onto `ξₖ`; there a
/// discontinuity one order smoother is tracked (and propagated through the constant lags).
/// Slots not (or no longer) in use hold −1, so that filling one never looks like a crossing.
@inlinable
func dependentLagDiscontinuities<S: StateVector, P: Sendable>(
  _ lags: [@Sendable (S, P, Double) -> Double], storage: HistoryStorage<S>, slots: Int = 64
) -> VectorContinuousCallback<S, P> {
  let direction = storage.direction
  return VectorContinuousCallback(
    count: lags.count * slots,
    condition: { out, u, t, p in
      let tracked = storage.discontinuities
      let followed = Swift.min(tracked.count, slots)
      for (j, lag) in lags.enumerated() {
        let tau = lag(u, p, t)
        for k in 0..<slots {
          let active = k < followed && (storage.neutral || tracked[k].order < storage.maxOrder)
          out[j * slots + k] = active ? (t - tracked[k].t) * direction - tau : -1
        }
      }
    },
    affect: { integrator, crossings in
      let t = integrator.t
      for crossing in crossings {
        let source = storage.discontinuities[crossing.component % slots]
        storage.addDiscontinuity(
          at: t, order: storage.neutral ? source.order : source.order + 1)
      }
    }, interpolationPoints: 4, savePositions: (false, false),
    name: "dependent-lag discontinuity")
}
