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

private let lorenzParameters = [10.0, 28.0, 8.0 / 3.0]
private let stepOptions = ODESolverOptions(
  abstol: 1e-8, reltol: 1e-8, saveEveryStep: false, dense: false)

/// Steps `integrator` a few times (so that lazily created runtime metadata exists), then
/// returns how many heap allocations `steps` further accepted steps make.
private func allocationsWhileStepping<F, S>(
  _ integrator: inout ODEIntegrator<F, S>, steps: Int = 200
) -> Int {
  for _ in 0..<5 { integrator.step() }
  let acceptedBefore = integrator.stats.naccept
  let count = allocations {
    for _ in 0..<steps { integrator.step() }
  }
  // The loop really stepped: still inside the span, every call accepted one step.
  #expect(integrator.retcode == .default)
  #expect(integrator.stats.naccept - acceptedBefore == steps)
  return count
}

@Suite("Allocation-free stepping")
struct AllocationTests {
  @Test("the allocation counter is active on Linux")
  func counterIsActive() {
    if allocationCountingIsExpected {
      #expect(allocationCountingIsActive, "malloc interposition is not in effect")
    }
    if allocationCountingIsActive {
      #expect(allocations { _ = [Double](repeating: 1, count: 100) } >= 1)
      #expect(allocations {} == 0)
    }
  }

  @Test("Tsit5 steps a [Double] model type without allocating")
  func tsit5ArrayModelType() throws {
    try #require(allocationCountingIsActive || !allocationCountingIsExpected)
    let prob = ODEProblem(
      LorenzModel(), u0: [1.0, 0.0, 0.0], tspan: (0.0, 100.0), p: lorenzParameters)
    var integrator = try ODEIntegrator(prob, Tsit5(), options: stepOptions)
    #expect(allocationsWhileStepping(&integrator) == 0)
  }

  @Test("Tsit5 steps a [Double] in-place closure without allocating")
  func tsit5ArrayClosure() throws {
    try #require(allocationCountingIsActive || !allocationCountingIsExpected)
    let prob = ODEProblem(u0: [1.0, 0.0, 0.0], tspan: (0.0, 100.0), p: lorenzParameters) {
      du, u, p, t in
      du[0] = p[0] * (u[1] - u[0])
      du[1] = u[0] * (p[1] - u[2]) - u[1]
      du[2] = u[0] * u[1] - p[2] * u[2]
    }
    var integrator = try ODEIntegrator(prob, Tsit5(), options: stepOptions)
    #expect(allocationsWhileStepping(&integrator) == 0)
  }

  @Test("Tsit5 steps a StaticVector in-place closure without allocating")
  func tsit5StaticInPlace() throws {
    try #require(allocationCountingIsActive || !allocationCountingIsExpected)
    let prob = ODEProblem(u0: StaticVector<3, Double>([1, 0, 0]), tspan: (0.0, 100.0)) {
      du, u, _, _ in
      du[0] = 10 * (u[1] - u[0])
      du[1] = u[0] * (28 - u[2]) - u[1]
      du[2] = u[0] * u[1] - 8.0 / 3.0 * u[2]
    }
    var integrator = try ODEIntegrator(prob, Tsit5(), options: stepOptions)
    #expect(allocationsWhileStepping(&integrator) == 0)
  }

  @Test("Tsit5 steps a StaticVector out-of-place closure without allocating")
  func tsit5StaticOutOfPlace() throws {
    try #require(allocationCountingIsActive || !allocationCountingIsExpected)
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

  @Test("methods off the seven-stage path step [Double] without allocating")
  func genericPathMethods() throws {
    try #require(allocationCountingIsActive || !allocationCountingIsExpected)
    let prob = ODEProblem(
      LorenzModel(), u0: [1.0, 0.0, 0.0], tspan: (0.0, 100.0), p: lorenzParameters)
    var vern7 = try ODEIntegrator(prob, Vern7(), options: stepOptions)
    #expect(allocationsWhileStepping(&vern7) == 0)
    var bs3 = try ODEIntegrator(prob, BS3(), options: stepOptions)
    #expect(allocationsWhileStepping(&bs3) == 0)
  }
}
