import DiffEqTestSupport
import DifferentialEquations
import Testing

/// The explicit RK stepper on the other state types: `[Float]` and the fixed-size
/// `StaticVector` with in-place and out-of-place right-hand sides.
@Suite("State types")
struct StateTypeTests {
  @Test(
    "[Float] state: y′ = −2ty² to y(2) = 1/5 at loose tolerances",
    arguments: [RKMethods.named("Tsit5"), RKMethods.named("Vern7"), RKMethods.named("BS3")])
  func floatState(_ method: RKMethod) throws {
    let prob = ODEProblem(u0: [Float(1)], tspan: (0, 2)) { du, u, _, t in
      du[0] = -2 * Float(t) * u[0] * u[0]
    }
    let sol = try solve(prob, method.algorithm, abstol: 1e-6, reltol: 1e-5)
    try #require(sol.retcode == .success)
    let last = try #require(sol.u.last)
    // y(t) = 1/(1 + t²): y(2) = 1/5, y(1) = 1/2.
    #expect(abs(last[0] - 0.2) <= 1e-4)
    #expect(abs(sol(1)[0] - 0.5) <= 1e-4)
  }

  /// The rotating limit cycle (``TestProblems/rotatingLimitCycle(r0:tEnd:)``) in three forms.
  static func limitCycleRate(_ u0: Double, _ u1: Double, _ t: Double) -> (Double, Double) {
    let w = cos(t)
    let g = 1 - (u0 * u0 + u1 * u1)
    return (-w * u1 + u0 * g, w * u0 + u1 * g)
  }

  @Test(
    "StaticVector, in place and out of place, takes the same steps as [Double]",
    arguments: RKMethods.all)
  func staticVectorMatchesArray(_ method: RKMethod) throws {
    let tspan = (0.0, 3.0)
    let array = ODEProblem(u0: [0.5, 0.0], tspan: tspan) { du, u, _, t in
      (du[0], du[1]) = Self.limitCycleRate(u[0], u[1], t)
    }
    let inPlace = ODEProblem(u0: StaticVector<2, Double>([0.5, 0.0]), tspan: tspan) {
      du, u, _, t in
      (du[0], du[1]) = Self.limitCycleRate(u[0], u[1], t)
    }
    let outOfPlace = ODEProblem(u0: StaticVector<2, Double>([0.5, 0.0]), tspan: tspan) {
      u, _, t in
      let (a, b) = Self.limitCycleRate(u[0], u[1], t)
      return StaticVector([a, b])
    }
    // Adaptive where the method can be; a fixed step otherwise.
    let dt: Double? = method.isAdaptive ? nil : 0.05
    let reference = try solve(array, method.algorithm, abstol: 1e-8, reltol: 1e-8, dt: dt)
    let forms = [
      try solve(inPlace, method.algorithm, abstol: 1e-8, reltol: 1e-8, dt: dt),
      try solve(outOfPlace, method.algorithm, abstol: 1e-8, reltol: 1e-8, dt: dt),
    ]
    try #require(reference.retcode == .success)
    #expect(reference.t.count > 5)
    for sol in forms {
      #expect(sol.retcode == .success)
      #expect(sol.t == reference.t)
      #expect(sol.stats == reference.stats)
      #expect(sol.u.map(\.doubles) == reference.u)
      for t in [0.7, 1.9, 2.95] {
        #expect(sol(t).doubles == reference(t))
        #expect(sol(t, derivative: 1).doubles == reference(t, derivative: 1))
      }
    }
  }
}
