import DiffEqTestSupport
import DifferentialEquations
import Testing

/// Integration backwards in time (`t_f < t₀`).
@Suite("Reverse time")
struct ReverseTimeTests {
  @Test(
    "y′ = −2ty² from y(2) = 1/5 back to t = 0 recovers y(0) = 1 to 1e-8 at tol 1e-10",
    arguments: [RKMethods.named("Tsit5"), RKMethods.named("Vern7")])
  func recoversInitialValue(_ method: RKMethod) throws {
    // y(t) = 1/(1 + t²): y(2) = 1/5, y(1) = 1/2, y(0) = 1.
    let prob = TestProblems.riccati(tspan: (2, 0))
    #expect(prob.u0 == [0.2])
    let sol = try solve(prob, method.algorithm, abstol: 1e-10, reltol: 1e-10)
    try #require(sol.retcode == .success)
    #expect(sol.t.first == 2)
    #expect(sol.t.last == 0)
    #expect(zip(sol.t, sol.t.dropFirst()).allSatisfy { $0 > $1 }, "time must decrease")
    #expect(abs(try #require(sol.u.last)[0] - 1) <= 1e-8)
    // The dense output works backwards too.
    #expect(abs(sol(1)[0] - 0.5) <= 1e-8)
    #expect(abs(sol(1, derivative: 1)[0] - TestProblems.riccatiExactDerivative(1)) <= 1e-7)
  }

  @Test(
    "a reversed fixed-step solve has the same order (RK4, Vern9)",
    arguments: [RKMethods.named("RK4"), RKMethods.named("Vern9")])
  func fixedStepOrderBackwards(_ method: RKMethod) throws {
    let n = method.order + 1
    let prob = TestProblems.gradedPolynomial(components: n, tspan: (8, 0))
    let study = try fixedStepConvergence(
      method, problem: prob, exact: TestProblems.gradedPolynomialExact(0, components: n),
      steps: [2, 4, 8])
    #expect(abs(study.slope - Double(method.order)) <= 0.3, "\(study)")
  }
}
