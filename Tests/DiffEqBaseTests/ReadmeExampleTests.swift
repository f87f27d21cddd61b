import DifferentialEquations
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The README's examples, verbatim in substance: they must compile and do what they say.
@Suite("README examples")
struct ReadmeExampleTests {
  @Test("quick start: Lorenz with Tsit5, the issue's exact spelling, and sol(t)")
  func quickStart() throws {
    let prob = ODEProblem(u0: [1.0, 0.0, 0.0], tspan: (0.0, 100.0), p: [10.0, 28.0, 8.0 / 3.0]) {
      du, u, p, t in
      du[0] = p[0] * (u[1] - u[0])
      du[1] = u[0] * (p[1] - u[2]) - u[1]
      du[2] = u[0] * u[1] - p[2] * u[2]
    }
    let sol = try solve(prob, Tsit5(), abstol: 1e-8, reltol: 1e-8)
    #expect(sol.retcode == .success)
    #expect(sol.stats.nf > 0 && sol.stats.naccept > 0)
    #expect(sol.t.first == 0 && sol.t.last == 100)
    #expect(sol(42.0).count == 3)
    #expect(sol(42.0, derivative: 1).count == 3)
    #expect(sol.algorithm == "Tsit5")
    let auto = try solve(prob)
    #expect(auto.retcode == .success)
    #expect(auto.algorithm == "AutoTsit5(Rosenbrock23)")
    #expect(auto.algorithmChoice?.switches.isEmpty == true)
  }

  @Test("delay equation: the issue's spelling, MethodOfSteps and the default method")
  func delayEquation() throws {
    // swift-format-ignore: OnlyOneTrailingClosureArgument
    let prob = DDEProblem(
      u0: [1.0], history: { p, t in [0.0] }, tspan: (0.0, 10.0), p: (), constantLags: [1.0]
    ) { du, u, h, p, t in
      du[0] = -h(t - 1.0)[0]
    }
    let sol = try solve(prob, MethodOfSteps(Tsit5()), abstol: 1e-10, reltol: 1e-10)
    #expect(sol.retcode == .success)
    #expect(abs(sol.u.last![0] - 19223.0 / 362880.0) <= 1e-10)
    #expect(sol(9.5).count == 1)
    #expect(sol(-0.5)[0] == 0)
    let auto = try solve(prob, reltol: 1e-8)
    #expect(auto.algorithm == "MethodOfSteps(Tsit5)")
    #expect(DefaultDDEAlgorithm().choice(reltol: 1e-8) == auto.algorithm)
    let tight = try solve(prob, abstol: 1e-12, reltol: 1e-12)
    #expect(tight.algorithm == "MethodOfSteps(Vern7)")
    #expect(abs(tight.u.last![0] - 19223.0 / 362880.0) <= 1e-11)
  }

  @Test("stiff: ROBER with Rodas5P")
  func stiff() throws {
    let rober = ODEProblem(u0: [1.0, 0.0, 0.0], tspan: (0.0, 1e5)) { du, u, _, _ in
      du[0] = -0.04 * u[0] + 1e4 * u[1] * u[2]
      du[1] = 0.04 * u[0] - 1e4 * u[1] * u[2] - 3e7 * u[1] * u[1]
      du[2] = 3e7 * u[1] * u[1]
    }
    let sol = try solve(rober, Rodas5P(), abstol: 1e-10, reltol: 1e-8)
    #expect(sol.retcode == .success)
    #expect(abs(sol.u.last!.reduce(0, +) - 1) <= 1e-9)
    let methods = [Rosenbrock(Rodas4()), Rosenbrock(Rodas5P())]
    for m in methods { #expect(try solve(rober, m, reltol: 1e-6).retcode == .success) }
  }

  @Test("SDE: GBM with EM and its Brownian path")
  func sde() throws {
    let gbm = SDEProblem(
      u0: [0.5], tspan: (0.0, 1.0), p: [1.01, 0.87],
      f: { du, u, p, t in du[0] = p[0] * u[0] },
      g: { du, u, p, t in du[0] = p[1] * u[0] })
    let sol = try solve(gbm, SOSRI(), abstol: 1e-4, reltol: 1e-4, seed: 42)
    let fixed = try solve(gbm, EM(), dt: 1.0 / 256, seed: 42)
    #expect(sol.retcode == .success && fixed.retcode == .success)
    #expect(fixed.W.times.count == fixed.t.count)
    #expect(sol.W.times.last == 1)
    var replay = gbm
    replay.noiseProcess = .grid(NoiseGrid(fixed.W))
    let again = try solve(replay, EM(), dt: 1.0 / 256)
    #expect(abs(again.u.last![0] - fixed.u.last![0]) <= 1e-12 * abs(fixed.u.last![0]))
  }

  @Test("MultiScaleArray: a cell divides during the solve")
  func multiScale() throws {
    let cell = MultiScaleNode(values: [1.2, 0.5])
    let tissue = MultiScaleNode(children: [MultiScaleNode(children: [cell, cell])])
    let prob = ODEProblem(
      u0: MultiScaleArray(MultiScaleNode(children: [tissue])),
      tspan: (0.0, 3.0), p: ()
    ) { du, u, _, _ in
      for c in 0..<u.leafCount {
        let s = u.leafStart(c)
        du[s] = u[s]
        du[s + 1] = u[s] - u[s + 1]
      }
    }
    let divide = ContinuousCallback<MultiScaleArray, Void>(
      condition: { u, _, _ in u[u.leafStart(0)] - 2 },
      upcrossing: { integrator in
        var u = integrator.u
        for i in u.leafRange(0) { u[i] /= 2 }
        u.addNode(u.node(at: [0, 0, 0])!, at: [0, 0, 1])
        integrator.u = u
      }, downcrossing: nil)
    let sol = try solve(prob, Tsit5(), callback: CallbackSet(divide))
    #expect(sol.retcode == .success)
    // Divisions at ln(2/1.2) + k ln 2 < 3: k = 0 … 3.
    #expect(sol.u.last!.leafCount == 6)
    #expect(sol.events.count == 4)
    #expect(abs(sol.events[0].t - log(2 / 1.2)) <= 1e-6)
  }

  @Test("StaticVector with an out-of-place closure")
  func staticVector() throws {
    let u0 = StaticVector<3, Double>([1, 0, 0])
    let prob = ODEProblem(u0: u0, tspan: (0, 100)) { (u: StaticVector<3, Double>, _, _) in
      let dx = 10 * (u[1] - u[0])
      let dy = u[0] * (28 - u[2]) - u[1]
      let dz = u[0] * u[1] - 8.0 / 3 * u[2]
      return StaticVector([dx, dy, dz])
    }
    let sol = try solve(prob, Tsit5(), abstol: 1e-8, reltol: 1e-8, saveEveryStep: false)
    #expect(sol.retcode == .success)
  }

  @Test("bouncing ball and stepping by hand")
  func eventsAndStepping() throws {
    let ball = ODEProblem(u0: [50.0, 0.0], tspan: (0.0, 15.0)) { du, u, _, _ in
      du[0] = u[1]
      du[1] = -9.81
    }
    let ground = ContinuousCallback<[Double], NullParameters>(
      condition: { u, t, p in u[0] },
      affect: { integrator in integrator.u[1] = -0.9 * integrator.u[1] })
    let sol = try solve(ball, Tsit5(), reltol: 1e-10, callback: CallbackSet(ground))
    #expect(sol.events.count >= 3)
    var integrator = try ODEIntegrator(ball, Tsit5(), options: ODESolverOptions(reltol: 1e-8))
    var steps = 0
    while integrator.step() { steps += 1 }
    #expect(integrator.solution.retcode == .success && steps == integrator.stats.naccept)
  }
}
