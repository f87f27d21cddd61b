import DiffEqTestSupport
import DifferentialEquations
import Foundation
import Synchronization
import Testing

@Suite("Integrator interface")
struct IntegratorInterfaceTests {
  static let decay = ODEProblem(u0: [1.0, 2.0], tspan: (0.0, 5.0)) { du, u, _, _ in
    du[0] = -u[0]
    du[1] = -2 * u[1]
  }

  @Test("addTstop, setProposedDt and step(dt:stopAtTdt:) land where asked")
  func steppingControls() throws {
    var integrator = try ODEIntegrator(
      Self.decay, Tsit5(), options: ODESolverOptions(abstol: 1e-10, reltol: 1e-10))
    integrator.addTstop(1.2345)
    integrator.setProposedDt(0.01)
    let stepped = integrator.step()
    #expect(stepped)
    #expect(abs(integrator.dt - 0.01) < 1e-15)
    integrator.step(dt: 0.5, stopAtTdt: true)
    #expect(integrator.t == 0.01 + 0.5)
    while integrator.t < 1.2345 { integrator.step() }
    #expect(integrator.t == 1.2345)
    #expect(abs(integrator.u[0] - exp(-1.2345)) < 1e-9)
  }

  @Test("changing u restarts cleanly (FSAL re-evaluated) and the interpolant covers the step")
  func modifyingState() throws {
    var integrator = try ODEIntegrator(
      Self.decay, Tsit5(), options: ODESolverOptions(abstol: 1e-10, reltol: 1e-10))
    integrator.step(dt: 1.0, stopAtTdt: true)
    let mid = integrator.interpolate(at: (integrator.tprev + integrator.t) / 2, derivative: 0)
    #expect(abs(mid[0] - exp(-(integrator.tprev + integrator.t) / 2)) < 1e-9)
    // Kick u₀ back to its initial value; the solution from t = 1 is e^{−(t − 1)}.
    integrator.u[0] = 1
    integrator.step(dt: 1.0, stopAtTdt: true)
    #expect(abs(integrator.u[0] - exp(-1.0)) < 1e-9)
    #expect(abs(integrator.u[1] - 2 * exp(-4.0)) < 1e-9)
  }

  @Test("reinit starts over with the same options and callbacks")
  func reinit() throws {
    var integrator = try ODEIntegrator(Self.decay, Tsit5(), options: ODESolverOptions())
    let first = integrator.solve()
    try integrator.reinit([3.0, 4.0], t0: 1, tf: 2)
    let second = integrator.solve()
    #expect(second.t.first == 1 && second.t.last == 2)
    #expect(abs(second.u.last![0] - 3 * exp(-1.0)) < 1e-3)
    #expect(first.t.last == 5)
  }

  @Test("resize grows the state mid-solve from a callback; the new component is integrated")
  func resize() throws {
    // u′ = −u componentwise; at t = 1 a third component with value 1 appears.
    let prob = ODEProblem(u0: [1.0, 1.0], tspan: (0.0, 2.0)) { du, u, _, _ in
      for i in 0..<u.count { du[i] = -u[i] }
    }
    var integrator = try ODEIntegrator(
      prob, Tsit5(), options: ODESolverOptions(abstol: 1e-10, reltol: 1e-10))
    integrator.step(dt: 1, stopAtTdt: true)
    integrator.resize(3)
    integrator.u[2] = 1
    let sol = integrator.solve()
    #expect(sol.retcode == .success)
    let end = sol.u.last!
    #expect(end.count == 3)
    #expect(abs(end[0] - exp(-2.0)) < 1e-9)
    #expect(abs(end[2] - exp(-1.0)) < 1e-9)
  }

  @Test("terminate from an affect ends the solve with .terminated at the event")
  func terminateFromAffect() throws {
    let stop = ContinuousCallback<[Double], NullParameters>(
      condition: { u, _, _ in u[0] - 0.5 }, affect: { integrator in integrator.terminate() })
    let sol = try solve(
      Self.decay, Tsit5(), abstol: 1e-12, reltol: 1e-12, callback: CallbackSet(stop))
    #expect(sol.retcode == .terminated)
    #expect(abs(sol.t.last! - log(2.0)) < 1e-10)
  }

  @Test("progress: the closure receives throttled reports ending with a finished one")
  func progressReports() throws {
    let reports = Mutex<[ProgressInfo]>([])
    let lorenz = ODEProblem(u0: [1.0, 0.0, 0.0], tspan: (0.0, 50.0)) { du, u, _, _ in
      du[0] = 10 * (u[1] - u[0])
      du[1] = u[0] * (28 - u[2]) - u[1]
      du[2] = u[0] * u[1] - 8 / 3 * u[2]
    }
    let sol = try solve(
      lorenz, Tsit5(), abstol: 1e-8, reltol: 1e-8,
      progressHandler: { info in reports.withLock { $0.append(info) } })
    let all = reports.withLock { $0 }
    try #require(!all.isEmpty)
    #expect(all.last!.isFinished && all.last!.fraction == 1)
    #expect(all.last!.steps == sol.stats.naccept)
    #expect(zip(all, all.dropFirst()).allSatisfy { $0.fraction <= $1.fraction })
    #expect(all.dropLast().allSatisfy { !$0.isFinished })
    #expect(all.last!.bar().contains("100.0%"))
    // Throttled: far fewer reports than steps.
    #expect(all.count < sol.stats.naccept / 10)
  }
}
