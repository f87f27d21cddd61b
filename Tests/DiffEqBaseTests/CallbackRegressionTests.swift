import DiffEqTestSupport
import DifferentialEquations
import Foundation
import Synchronization
import Testing

/// Regressions found in review of the event system, each pinned by a test.
@Suite("Callback regressions")
struct CallbackRegressionTests {
  static let decay = ODEProblem(u0: [1.0, 1.0], tspan: (0.0, 3.0)) { du, u, _, _ in
    du[0] = -u[0]
    du[1] = -u[1]
  }

  @Test("an affect that changes u and terminates keeps the changed state as the last point")
  func terminateAfterChange() throws {
    let halfway = ContinuousCallback<[Double], NullParameters>(
      condition: { u, _, _ in u[0] - 0.5 },
      affect: { integrator in
        integrator.u[1] = 42
        integrator.terminate()
      })
    let sol = try solve(Self.decay, Tsit5(), callback: CallbackSet(halfway))
    #expect(sol.retcode == .terminated)
    #expect(sol.u.last![1] == 42)
    let discrete = DiscreteCallback<[Double], NullParameters>(
      condition: { u, _, _ in u[0] < 0.5 },
      affect: { integrator in
        integrator.u[1] = 42
        integrator.terminate()
      })
    let sol2 = try solve(Self.decay, Tsit5(), callback: CallbackSet(discrete))
    #expect(sol2.retcode == .terminated)
    #expect(sol2.u.last![1] == 42)
  }

  @Test("a terminate with saveAt (t_f not listed) adds no end point: saveEnd is false there")
  func terminateRespectsSaveEnd() throws {
    let stop = ContinuousCallback<[Double], NullParameters>(
      condition: { u, _, _ in u[0] - 0.3 }, affect: { integrator in integrator.terminate() },
      savePositions: (false, false))
    let sol = try solve(Self.decay, Tsit5(), saveAt: [0.5, 2.5], callback: CallbackSet(stop))
    #expect(sol.retcode == .terminated)
    #expect(sol.t == [0.5])
  }

  @Test("after a callback changes p, the dense output (lazy stages included) uses the new p")
  func denseOutputAfterParameterChange() throws {
    // u′ = −p·u with p = 1, switched to 3 at t = 1: u = e^{−t} then e^{−1}·e^{−3(t−1)}.
    let prob = ODEProblem(u0: [1.0], tspan: (0.0, 2.0), p: 1.0) { du, u, p, _ in
      du[0] = -p * u[0]
    }
    let switchRate = DiscreteCallback<[Double], Double>.presetTime([1.0]) { integrator in
      integrator.p = 3
    }
    for method in [ExplicitRK(BS5()), ExplicitRK(Vern7()), ExplicitRK(Vern9()), ExplicitRK(DP8())] {
      let sol = try solve(
        prob, method, abstol: 1e-12, reltol: 1e-12, callback: CallbackSet(switchRate))
      var worst = 0.0
      var t = 1.01
      while t < 2 {
        worst = max(worst, abs(sol(t)[0] - exp(-1) * exp(-3 * (t - 1))))
        t += 0.01
      }
      #expect(worst < 1e-9, "\(method.name): \(worst)")
    }
  }

  @Test("two components of a vector callback crossing a few ulps apart both fire")
  func nearlySimultaneousComponents() throws {
    let clock = ODEProblem(u0: [0.0], tspan: (0.0, 2.0)) { du, _, _, _ in du[0] = 1 }
    for k in 1...4 {
      let shift = Double(k) * 1.0.ulp
      let walls = VectorContinuousCallback<[Double], NullParameters>(
        count: 2,
        condition: { out, _, t, _ in
          out[0] = t - 1
          out[1] = t - (1 + shift)
        }, affect: { _, _ in })
      let sol = try solve(clock, Tsit5(), callback: CallbackSet(walls))
      let fired = sol.events.flatMap { $0.crossings.map(\.component) }.sorted()
      #expect(fired == [0, 1], "k = \(k): \(sol.events)")
    }
  }

  @Test("terminateSteadyState costs one f evaluation a step, not the lazy stages")
  func steadyStateCost() throws {
    var prob = Self.decay
    prob.tspan = (0, 10)
    let plain = try solve(prob, Vern9(), abstol: 1e-10, reltol: 1e-10)
    let watched = try solve(
      prob, Vern9(), abstol: 1e-10, reltol: 1e-10,
      callback: CallbackSet(.terminateSteadyState(abstol: 1e-20, reltol: 0)))
    #expect(watched.stats.naccept == plain.stats.naccept)
    #expect(watched.stats.nf == plain.stats.nf + plain.stats.naccept)
  }

  @Test("a discrete affect that says uModified(false) costs no restart")
  func uModifiedFalse() throws {
    let plain = try solve(Self.decay, Tsit5())
    let observer = DiscreteCallback<[Double], NullParameters>(
      condition: { _, _, _ in true }, affect: { integrator in integrator.uModified(false) },
      savePositions: (false, false))
    let observed = try solve(Self.decay, Tsit5(), callback: CallbackSet(observer))
    #expect(observed.stats.nf == plain.stats.nf)
    #expect(observed.events.count == plain.stats.naccept)
  }

  @Test("step() returns true for every accepted step, the last included, in both modes")
  func stepReturnValue() throws {
    for options in [ODESolverOptions(), ODESolverOptions(dt: 0.5, adaptive: false)] {
      var integrator = try ODEIntegrator(Self.decay, Tsit5(), options: options)
      var accepted = 0
      while integrator.step() { accepted += 1 }
      #expect(accepted == integrator.stats.naccept)
      #expect(integrator.retcode == .success)
    }
  }
}

@Suite("Lazy dense-output stages")
struct LazyStageTests {
  @Test("sol(t) evaluates a step's lazy stages once, however often the step is asked for")
  func cachedOnce() throws {
    let calls = Mutex(0)
    let prob = ODEProblem(u0: [1.0], tspan: (0.0, 1.0)) { du, u, _, _ in
      calls.withLock { $0 += 1 }
      du[0] = -u[0]
    }
    let sol = try solve(prob, Vern9(), dt: 1.0, adaptive: false)
    #expect(sol.t == [0.0, 1.0])
    calls.withLock { $0 = 0 }
    var worst = 0.0
    for i in 1..<100 {
      let t = Double(i) / 100
      worst = max(worst, abs(sol(t)[0] - exp(-t)))
    }
    // Vern9 has 10 lazy stages: evaluated once for the single step, then reused.
    #expect(calls.withLock { $0 } == 10)
    // One step of size 1 with Vern9's 9th-order interpolant.
    #expect(worst < 1e-8)
  }
}
