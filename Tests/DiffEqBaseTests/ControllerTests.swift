import DifferentialEquations
import Foundation
import Testing

/// Step sizes of a solution (signed differences of consecutive saved times).
private func stepSizes(_ t: [Double]) -> [Double] { zip(t.dropFirst(), t).map { $0 - $1 } }

/// The error at t_f of a solve of ``oscillator``.
private func finalError(_ sol: ODESolution<[Double]>) -> Double {
  maxDifference(sol.u.last!, oscillatorExact(10))
}

@Suite("Step-size control")
struct ControllerTests {
  static let controllers: [StepSizeController] = [
    .automatic, .integral,
    .pi(beta1: 0.7 / 5, beta2: 0.4 / 5),
    .pid(beta1: 0.7, beta2: -0.4, beta3: 0),
    .pid(beta1: 0.49, beta2: -0.34, beta3: 0.1),
  ]

  @Test(
    "every controller solves a smooth problem to the requested accuracy",
    arguments: controllers)
  func accuracy(_ controller: StepSizeController) throws {
    let sol = try solve(oscillator, Tsit5(), abstol: 1e-9, reltol: 1e-9, controller: controller)
    #expect(sol.retcode == .success)
    #expect(finalError(sol) < 1e-7)
    // A looser tolerance is cheaper and less accurate.
    let loose = try solve(oscillator, Tsit5(), abstol: 1e-4, reltol: 1e-4, controller: controller)
    #expect(loose.retcode == .success)
    #expect(finalError(loose) < 1e-2)
    #expect(loose.stats.naccept < sol.stats.naccept)
  }

  @Test("the controller option changes the step sequence")
  func controllersDiffer() throws {
    let pi = try solve(lorenz, Tsit5(), reltol: 1e-6, controller: .automatic)
    let integral = try solve(lorenz, Tsit5(), reltol: 1e-6, controller: .integral)
    let pid = try solve(
      lorenz, Tsit5(), reltol: 1e-6, controller: .pid(beta1: 0.49, beta2: -0.34, beta3: 0.1))
    #expect(pi.t != integral.t)
    #expect(pi.t != pid.t)
  }

  @Test("PI default gains are β₁ = 7/(10p), β₂ = 2/(5p)", arguments: 1...9)
  func piDefaults(_ p: Int) {
    let defaults = ControllerDefaults(order: p)
    #expect(defaults.beta1 == 7.0 / (10.0 * Double(p)))
    #expect(defaults.beta2 == 2.0 / (5.0 * Double(p)))
    #expect(defaults.qmin == 0.2)
    #expect(defaults.qmax == 10)
    #expect(defaults.gamma == 0.9)
  }

  @Test(".automatic is PI with the method's default gains")
  func automaticIsDefaultPI() throws {
    let defaults = Tsit5().controllerDefaults
    #expect(defaults == ControllerDefaults(order: 5))
    let automatic = try solve(lorenz, Tsit5(), controller: .automatic)
    let explicitPI = try solve(
      lorenz, Tsit5(), controller: .pi(beta1: defaults.beta1, beta2: defaults.beta2))
    #expect(automatic.t == explicitPI.t)
  }

  @Test("no step is larger than dtMax", arguments: [0.05, 0.3])
  func dtMaxIsRespected(_ dtMax: Double) throws {
    let sol = try solve(decay, Tsit5(), dtMax: dtMax)
    #expect(sol.retcode == .success)
    #expect(stepSizes(sol.t).allSatisfy { $0 <= dtMax * (1 + 1e-12) })
    #expect(sol.stats.naccept >= Int((2 / dtMax).rounded(.down)))
    // Without dtMax this smooth problem takes larger steps.
    let free = try solve(decay, Tsit5())
    #expect(stepSizes(free.t).contains { $0 > 0.3 })
  }

  @Test("dtMax is respected backwards too")
  func dtMaxBackwards() throws {
    var prob = decay
    prob.tspan = (2.0, 0.0)
    let sol = try solve(prob, Tsit5(), dtMax: 0.1)
    #expect(stepSizes(sol.t).allSatisfy { $0 < 0 && -$0 <= 0.1 * (1 + 1e-12) })
  }

  @Test("an initial dt is the first step tried")
  func initialDt() throws {
    let sol = try solve(oscillator, Tsit5(), dt: 1e-3)
    #expect(sol.t[1] == 1e-3)
    let integrator = try ODEIntegrator(oscillator, Tsit5(), options: .init(dt: 0.0123))
    #expect(integrator.dtPropose == 0.0123)
    // Backwards, the given magnitude is taken in the direction of integration.
    var prob = oscillator
    prob.tspan = (1.0, 0.0)
    #expect(try ODEIntegrator(prob, Tsit5(), options: .init(dt: 0.0123)).dtPropose == -0.0123)
  }

  @Test("dtMin: a rejected step that would shrink below it stops with .dtLessThanMin")
  func dtMinStopsRejections() throws {
    // y′ = y² blows up at t = 1; near it every rejection shrinks the step.
    let prob = ODEProblem(u0: [1.0], tspan: (0.0, 2.0)) { du, u, _, _ in du[0] = u[0] * u[0] }
    let sol = try solve(prob, Tsit5(), dtMin: 1e-4)
    #expect(sol.retcode == .dtLessThanMin)
    #expect(sol.t.last! < 1 - 1e-4)
    let diagnostic = try #require(sol.diagnostic)
    #expect(diagnostic.firstNonFiniteComponent == nil)
    #expect(diagnostic.message.contains("dtMin"))
  }

  @Test("dtMin: accepted steps below it also stop the solve (DifferentialEquations.jl)")
  func dtMinStopsAcceptedSteps() throws {
    // Lorenz at reltol 1e-8 takes steps of a few 1e-3 without needing rejections.
    var prob = lorenz
    prob.tspan = (0.0, 1.0)
    let sol = try solve(prob, Tsit5(), abstol: 1e-8, reltol: 1e-8, dtMin: 1e-2)
    #expect(sol.retcode == .dtLessThanMin)
    #expect(!stepSizes(sol.t).contains { $0 < 1e-2 })
    let free = try solve(prob, Tsit5(), abstol: 1e-8, reltol: 1e-8)
    #expect(free.retcode == .success)
    #expect(stepSizes(free.t).contains { $0 < 1e-2 })
  }
}

@Suite("Error norms and tolerances")
struct ErrorNormTests {
  /// Two decoupled decays: the second component becomes small, so its abstol matters.
  static let twoDecays = ODEProblem(u0: [1.0, 1.0], tspan: (0.0, 10.0)) { du, u, _, _ in
    du[0] = -u[0]
    du[1] = -2 * u[1]
  }

  @Test("a tighter abstol on one component takes more steps")
  func componentwiseAbstol() throws {
    let prob = Self.twoDecays
    let uniform = try solve(prob, Tsit5(), abstol: [1e-6, 1e-6])
    let tight = try solve(prob, Tsit5(), abstol: [1e-6, 1e-12])
    #expect(tight.retcode == .success)
    #expect(tight.stats.naccept > uniform.stats.naccept)
    #expect(abs(tight.u.last![1] - exp(-20)) < abs(uniform.u.last![1] - exp(-20)))
  }

  @Test("a componentwise abstol with equal entries behaves like the scalar")
  func componentwiseEqualsScalar() throws {
    let scalar = try solve(Self.twoDecays, Tsit5(), abstol: 1e-7)
    let vector = try solve(Self.twoDecays, Tsit5(), abstol: [1e-7, 1e-7])
    #expect(scalar.t == vector.t)
    #expect(scalar.u == vector.u)
  }

  /// Three decoupled decays with rates 1, 2, 3.
  static let threeDecays = ODEProblem(u0: [1.0, 1.0, 1.0], tspan: (0.0, 10.0)) {
    du, u, _, _ in
    for i in 0..<3 { du[i] = -Double(i + 1) * u[i] }
  }

  @Test("internalNorm: .max takes at least as many steps as the RMS norm")
  func maxNorm() throws {
    let rms = try solve(Self.threeDecays, Tsit5(), reltol: 1e-6)
    let max = try solve(Self.threeDecays, Tsit5(), reltol: 1e-6, internalNorm: .max)
    #expect(max.retcode == .success)
    #expect(max.stats.naccept > rms.stats.naccept)
    let lorenzRMS = try solve(lorenz, Tsit5(), reltol: 1e-6)
    let lorenzMax = try solve(lorenz, Tsit5(), reltol: 1e-6, internalNorm: .max)
    #expect(lorenzMax.retcode == .success)
    #expect(lorenzMax.stats.naccept >= lorenzRMS.stats.naccept)
  }

  @Test("ErrorNorm scales by abstol + reltol·max(|u₀|, |u₁|) and reduces by RMS or max")
  func errorNormArithmetic() {
    let rms = ErrorNorm(abstol: .scalar(1), reltol: 0.5, norm: .rms)
    #expect(rms.scaled(0, error: 3, u0: -2, u1: 1) == 3.0 / (1 + 0.5 * 2))
    var acc = 0.0
    rms.accumulate(&acc, 3)
    rms.accumulate(&acc, 4)
    #expect(rms.finish(acc, count: 2) == (25.0 / 2).squareRoot())
    let max = ErrorNorm(abstol: .componentwise([1, 2]), reltol: 0, norm: .max)
    #expect(max.scaled(1, error: 3, u0: 0, u1: 0) == 1.5)
    var m = 0.0
    max.accumulate(&m, -3)
    max.accumulate(&m, 2)
    #expect(max.finish(m, count: 2) == 3)
    max.accumulate(&m, .nan)
    #expect(max.finish(m, count: 2).isNaN)
    #expect(max.norm([2.0, -8.0], weightsFrom: [0.0, 0.0]) == 4)
  }
}
