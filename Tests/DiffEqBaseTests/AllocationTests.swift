import DiffEqTestSupport
import DifferentialEquations
import Testing

/// The Lorenz system as a model type: the fast, specialised form.
private struct LorenzModel: ODEFunction {
  func callAsFunction(_ du: inout [Double], _ u: [Double], _ p: [Double], _ t: Double) {
    du[0] = p[0] * (u[1] - u[0])
    du[1] = u[0] * (p[1] - u[2]) - u[1]
    du[2] = u[0] * u[1] - p[2] * u[2]
  }
}

private let lorenzModelProblem = ODEProblem(
  LorenzModel(), u0: [1.0, 0.0, 0.0], tspan: (0.0, 100.0), p: [10.0, 28.0, 8.0 / 3.0])

/// The options of the acceptance criterion: tight tolerances, nothing saved while stepping.
private let stepOptions = ODESolverOptions(
  abstol: 1e-8, reltol: 1e-8, saveEveryStep: false, dense: false)

/// Steps `integrator` a few times (so that lazily created runtime metadata exists), then
/// returns how many heap allocations `steps` further accepted steps make on this thread.
private func allocationsWhileStepping<F, S>(
  _ integrator: inout ODEIntegrator<F, S>, steps: Int = 200,
  sourceLocation: SourceLocation = #_sourceLocation
) -> Int {
  for _ in 0..<5 { integrator.step() }
  let acceptedBefore = integrator.stats.naccept
  let count = allocations {
    for _ in 0..<steps { integrator.step() }
  }
  // The loop really stepped: still inside the span, and every call accepted one step.
  #expect(integrator.retcode == .default, sourceLocation: sourceLocation)
  #expect(integrator.stats.naccept - acceptedBefore == steps, sourceLocation: sourceLocation)
  return count
}

/// Fails (does not skip) where allocation counting must work but does not.
private func requireCounting(sourceLocation: SourceLocation = #_sourceLocation) throws {
  try #require(
    allocationCountingIsActive || !allocationCountingIsExpected,
    "malloc interposition is not in effect on Linux: allocation tests would prove nothing",
    sourceLocation: sourceLocation)
}

@Suite("Stepping allocates nothing")
struct AllocationTests {
  @Test("the allocation counter is active on Linux and counts")
  func counterIsActive() throws {
    try requireCounting()
    guard allocationCountingIsActive else { return }
    #expect(allocations { _ = [Double](repeating: 1, count: 100) } >= 1)
    #expect(allocations {} == 0)
  }

  @Test("Tsit5 with a [Double] model type")
  func tsit5ArrayModelType() throws {
    try requireCounting()
    var integrator = try ODEIntegrator(lorenzModelProblem, Tsit5(), options: stepOptions)
    #expect(allocationsWhileStepping(&integrator) == 0)
  }

  @Test("Tsit5 with a [Double] in-place closure")
  func tsit5ArrayClosure() throws {
    try requireCounting()
    var integrator = try ODEIntegrator(lorenz, Tsit5(), options: stepOptions)
    #expect(allocationsWhileStepping(&integrator) == 0)
  }

  @Test("Tsit5 with a StaticVector in-place closure")
  func tsit5StaticInPlace() throws {
    try requireCounting()
    let prob = ODEProblem(u0: StaticVector<3, Double>([1, 0, 0]), tspan: (0.0, 100.0)) {
      du, u, _, _ in
      du[0] = 10 * (u[1] - u[0])
      du[1] = u[0] * (28 - u[2]) - u[1]
      du[2] = u[0] * u[1] - 8.0 / 3.0 * u[2]
    }
    var integrator = try ODEIntegrator(prob, Tsit5(), options: stepOptions)
    #expect(allocationsWhileStepping(&integrator) == 0)
  }

  @Test("Tsit5 with a StaticVector out-of-place closure")
  func tsit5StaticOutOfPlace() throws {
    try requireCounting()
    let prob = ODEProblem(u0: StaticVector<3, Double>([1, 0, 0]), tspan: (0.0, 100.0)) {
      u, _, _ in
      StaticVector<3, Double> { i in
        switch i {
        case 0: 10 * (u[1] - u[0])
        case 1: u[0] * (28 - u[2]) - u[1]
        default: u[0] * u[1] - 8.0 / 3.0 * u[2]
        }
      }
    }
    var integrator = try ODEIntegrator(prob, Tsit5(), options: stepOptions)
    #expect(allocationsWhileStepping(&integrator) == 0)
  }

  @Test("Vern7 (generic path) and BS3 (generic FSAL path) with a [Double] model type")
  func genericPathMethods() throws {
    try requireCounting()
    var vern7 = try ODEIntegrator(lorenzModelProblem, Vern7(), options: stepOptions)
    #expect(allocationsWhileStepping(&vern7) == 0)
    var bs3 = try ODEIntegrator(lorenzModelProblem, BS3(), options: stepOptions)
    #expect(allocationsWhileStepping(&bs3) == 0)
  }

  @Test(
    "every explicit RK method steps [Double] without allocating",
    arguments: [
      BS3(), BS5(), DP5(), DP8(), Heun(), Midpoint(), OwrenZen3(), OwrenZen4(), OwrenZen5(),
      Ralston(), Tsit5(), Vern6(), Vern7(), Vern8(), Vern9(), Euler(), RK4(),
    ] as [any ExplicitRKAlgorithm])
  func everyMethod(_ alg: any ExplicitRKAlgorithm) throws {
    try requireCounting()
    var options = stepOptions
    if !alg.isAdaptive {
      options.adaptive = false
      options.dt = 1e-3
    }
    var integrator = try ODEIntegrator(lorenzModelProblem, alg, options: options)
    #expect(allocationsWhileStepping(&integrator) == 0, "\(alg.name)")
  }
}

@Suite("Stepping with callbacks that do not fire allocates nothing")
struct CallbackAllocationTests {
  @Test("an inactive ContinuousCallback, an inactive DiscreteCallback, and saveAt")
  func inactiveCallbacks() throws {
    try requireCounting()
    let never = ContinuousCallback<[Double], [Double]>(
      condition: { u, _, _ in u[2] + 1000 }, affect: { _ in })
    let idle = DiscreteCallback<[Double], [Double]>(
      condition: { u, _, _ in u[2] < -1000 }, affect: { _ in })
    for alg in [ExplicitRK(Tsit5()), ExplicitRK(Vern9())] {
      var continuous = try ODEIntegrator(
        lorenzModelProblem, alg, options: stepOptions, callback: CallbackSet(never))
      #expect(allocationsWhileStepping(&continuous) == 0, "\(alg.name), continuous")
      var discrete = try ODEIntegrator(
        lorenzModelProblem, alg, options: stepOptions, callback: CallbackSet(idle))
      #expect(allocationsWhileStepping(&discrete) == 0, "\(alg.name), discrete")
    }
  }
}
