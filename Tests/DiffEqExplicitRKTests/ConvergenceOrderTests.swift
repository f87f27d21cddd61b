import DiffEqTestSupport
import DifferentialEquations
import Testing

/// The order each method achieves when it runs through the library's stepper: fixed-step
/// solves at a sequence of step sizes and the slope of the error in a log–log plot.
@Suite("Measured convergence order")
struct ConvergenceOrderTests {
  /// On ``TestProblems/gradedPolynomial(components:tspan:)`` with `p + 1` components a method
  /// of order `p` errs by exactly `(t_f − t₀)·C·hᵖ`: no higher-order terms bend the slope, so
  /// it is `p` at any step size, down to the floor set by the coefficients' rounding. Large
  /// steps (8, 4, 2) keep the errors far above that floor. Vern6 has the highest: its rows
  /// 6–8 (entries up to ±208) miss `c` by up to 2e-14 once rounded to doubles, and its weights
  /// b₇ = −176.48…, b₈ = 172.36… amplify that into an error of ~5e-9 here, nearly
  /// independent of h (the same doubles in 40-digit arithmetic show it too); it bends
  /// Vern6's slope to 5.92.
  @Test(
    "the global error is C·hᵖ on a graded polynomial system: slope p ± 0.3",
    arguments: RKMethods.all)
  func orderOnGradedPolynomialSystem(_ method: RKMethod) throws {
    let n = method.order + 1
    let tEnd = 8.0
    let study = try fixedStepConvergence(
      method, problem: TestProblems.gradedPolynomial(components: n, tspan: (0, tEnd)),
      exact: TestProblems.gradedPolynomialExact(tEnd, components: n), steps: [1, 2, 4])
    print("[convergence, graded] \(method.name) p = \(method.order): \(study)")
    #expect(study.errors.allSatisfy { $0 > 1e-10 }, "an error is near rounding: \(study)")
    #expect(abs(study.slope - Double(method.order)) <= 0.3, "\(study)")
  }

  /// Step counts on the rotating limit cycle over `(0, tEnd)`, chosen per method so that the
  /// errors lie between ~1e-3 and ~1e-12, above the rounding floor (≈1e-13 for Vern6, see
  /// above; ≈1e-15 for the others).
  static let limitCycleSteps: [String: (tEnd: Double, steps: [Int])] = [
    "Euler": (2, [128, 256, 512]), "Midpoint": (2, [64, 128, 256]),
    "Heun": (2, [64, 128, 256]), "Ralston": (2, [64, 128, 256]),
    "RK4": (2, [16, 32, 64]), "BS3": (2, [16, 32, 64]), "OwrenZen3": (2, [16, 32, 64]),
    "OwrenZen4": (2, [16, 32, 64]), "OwrenZen5": (2, [16, 32, 64]), "DP5": (2, [16, 32, 64]),
    "Tsit5": (2, [16, 32, 64]), "BS5": (2, [16, 32, 64]), "Vern6": (2, [4, 8, 16]),
    "Vern7": (2, [4, 8, 16]), "Vern8": (2, [2, 4, 8]), "Vern9": (2, [3, 4, 6, 8]),
    "DP8": (2, [2, 4, 8]),
  ]

  /// On a transcendental problem the error has every power of `h` above `p`, and the modern
  /// pairs are built to make the `hᵖ` term small: Tsit5, Vern6, Vern7 and Vern9 show slopes of
  /// `p + 0.6 … p + 1.6` at every step size whose error is above rounding (the `hᵖ` term only
  /// takes over below it). So this test asks only that the order is not less than `p`.
  @Test("on a nonlinear limit cycle the error decays at least like hᵖ", arguments: RKMethods.all)
  func atLeastOrderPOnLimitCycle(_ method: RKMethod) throws {
    let (tEnd, steps) = try #require(Self.limitCycleSteps[method.name])
    let study = try fixedStepConvergence(
      method, problem: TestProblems.rotatingLimitCycle(tEnd: tEnd),
      exact: TestProblems.rotatingLimitCycleExact(tEnd), steps: steps)
    print("[convergence, limit cycle] \(method.name) p = \(method.order): \(study)")
    #expect(study.errors.allSatisfy { $0 > 1e-12 }, "an error is near rounding: \(study)")
    #expect(study.slope >= Double(method.order) - 0.3, "\(study)")
  }
}
