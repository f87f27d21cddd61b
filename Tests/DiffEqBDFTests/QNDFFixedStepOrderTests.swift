import DiffEqTestSupport
import DifferentialEquations
import Testing

@testable import DiffEqBDF

/// The textbook order measurement for the NDFs: QNDF held at order k
/// (`minOrder = maxOrder = k`) with a constant step h, its backward differences
/// `∇ʲyₙ`, `j = 1 … k + 2`, seeded from the exact solution at `t₀ − ih` (so no lower-order
/// start-up error enters), on `u′ = −u + sin t`, `u(0) = 1`, to t = 10. On a constant step no
/// difference is interpolated and the method is the NDF of order k (Shampine & Reichelt 1997,
/// eq. (2)), whose global error is `O(hᵏ)` for every `κ`.
@Suite("QNDF: fixed order, fixed step")
struct QNDFFixedStepOrderTests {
  /// The error at t = 10 with `steps` steps of order k.
  static func error(order k: Int, steps: Int) -> Double {
    let prob = fixedStepProblem()
    let h = 10.0 / Double(steps)
    var stepper = QNDFStepper(problem: prob, maxOrder: k, minOrder: k)
    var stats = SolverStats()
    stepper.initialize(prob.f, prob.p, t: 0, u: [1.0], stats: &stats)
    // ∇ʲy₀ from y(−ih), i = 0 … k + 2, by repeated differencing.
    var column = (0...(k + 2)).map { fixedStepExact(-Double($0) * h) }
    for j in 1...(k + 2) {
      for i in 0...(k + 2 - j) { column[i] -= column[i + 1] }
      stepper.table[j - 1][0] = column[0]
    }
    stepper.tableStep = h
    stepper.tableOrder = k
    stepper.constantSteps = k + 2
    stepper.stepsSinceRestart = k + 2
    return constantStepError(&stepper, steps: steps) { $0.currentOrder = k }
  }

  /// Measured slopes (100 … 800 steps): 0.99, 2.00, 3.01, 3.93, 5.04 (asserted within 0.3).
  @Test("order k = 1 … 5 with a constant step converges at order k", arguments: 1...5)
  func order(k: Int) {
    let steps = [100, 200, 400, 800]
    let errors = steps.map { Self.error(order: k, steps: $0) }
    let slope = -logLogSlope(steps.map(Double.init), errors)
    #expect(abs(slope - Double(k)) <= 0.3, "k = \(k): slope \(slope), errors \(errors)")
  }
}
