import DiffEqTestSupport
import DifferentialEquations
import Testing

/// The order of each method's continuous extension as the library evaluates it: one step of
/// size `h` from the exact value, read back through the stepping interface's `solution(t)`.
@Suite("Dense output order")
struct DenseOutputOrderTests {
  /// Points inside the step where the dense output is measured.
  static let thetas = [0.3, 0.5, 0.7]

  /// Expects `study` to decay with slope `order ± 0.3` — or to stay at rounding level at
  /// every step size, which means the interpolant is exact there (better than its order:
  /// BS5's derivative at θ = 1/2 has order 6, not 5). Returns the slope, or "exact".
  @discardableResult
  static func expectOrder(
    _ study: ConvergenceStudy, _ order: Int, _ label: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> String {
    if study.errors.allSatisfy({ $0 < 1e-12 }) { return "exact" }
    #expect(
      abs(study.slope - Double(order)) <= 0.3, "\(label): \(study)", sourceLocation: sourceLocation)
    return fixed(study.slope)
  }

  /// On ``TestProblems/gradedPolynomial(components:tspan:)`` with `q + 2` components an
  /// interpolant of order `q` errs by exactly `C(θ) h^(q+1)` and its derivative by
  /// `C′(θ) h^q`, so the slopes are exact; steps of 4, 2 and 1 keep the errors far above
  /// rounding (the Verner interpolants' large coefficients put their floor at ~1e-11).
  @Test(
    "one step's dense output errs like h^(q+1) and its derivative like h^q",
    arguments: RKMethods.all)
  func denseOutputOrder(_ method: RKMethod) throws {
    let q = method.interpolantOrder
    let m = q + 1
    let t0 = 0.5
    let stepSizes = [4.0, 2.0, 1.0]
    var report = "[dense output] \(method.name) q = \(q):"
    for theta in Self.thetas {
      var valueErrors: [Double] = []
      var derivativeErrors: [Double] = []
      for h in stepSizes {
        let prob = TestProblems.gradedPolynomial(components: m, tspan: (t0, t0 + h))
        var integrator = try ODEIntegrator(
          prob, method.algorithm, options: ODESolverOptions(dt: h, adaptive: false))
        let stepped = integrator.step()
        try #require(stepped)
        #expect(integrator.t == t0 + h)
        let sol = integrator.solution
        let t = t0 + theta * h
        valueErrors.append(
          maxAbsDifference(sol(t), TestProblems.gradedPolynomialExact(t, components: m)))
        derivativeErrors.append(
          maxAbsDifference(
            sol(t, derivative: 1), TestProblems.gradedPolynomialExactDerivative(t, components: m)))
      }
      let value = ConvergenceStudy(stepSizes: stepSizes, errors: valueErrors)
      let derivative = ConvergenceStudy(stepSizes: stepSizes, errors: derivativeErrors)
      let valueSlope = Self.expectOrder(value, q + 1, "value at θ = \(theta)")
      let derivativeSlope = Self.expectOrder(derivative, q, "derivative at θ = \(theta)")
      report += " θ = \(theta): value \(valueSlope), derivative \(derivativeSlope);"
    }
    print(report)
  }

  @Test(
    "saveAt (interpolated inside the loop) agrees with sol(t) (the recorded dense output)",
    arguments: RKMethods.all)
  func saveAtAgreesWithDenseOutput(_ method: RKMethod) throws {
    let m = method.interpolantOrder + 1
    let prob = TestProblems.gradedPolynomial(components: m, tspan: (0.5, 2.5))
    let times = [0.8, 1.5, 2.2]
    let dense = try solve(prob, method.algorithm, dt: 1, adaptive: false)
    let saved = try solve(prob, method.algorithm, dt: 1, adaptive: false, saveAt: times)
    #expect(saved.t == times)
    for (t, u) in zip(saved.t, saved.u) {
      let expected = dense(t)
      let size = expected.map { abs($0) }.max() ?? 1
      #expect(maxAbsDifference(u, expected) <= 1e-14 * max(size, 1), "t = \(t)")
    }
  }
}
