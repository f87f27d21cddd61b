import DiffEqTestSupport
import DifferentialEquations
import Testing

@testable import DiffEqBDF

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `u′ = −u + sin t` with its analytic Jacobian: the problem of the constant-step order tests.
func fixedStepProblem() -> ODEProblem<InPlaceODEFunction<[Double], NullParameters>> {
  let f = InPlaceODEFunction<[Double], NullParameters> { du, u, _, t in du[0] = -u[0] + sin(t) }
  return ODEProblem(
    f, u0: [1.0], tspan: (0.0, 10.0), p: NullParameters(), jac: { j, _, _, _ in j[0, 0] = -1 })
}

/// The exact solution of ``fixedStepProblem()``, `(sin t − cos t)/2 + 1.5 e^{−t}`.
func fixedStepExact(_ t: Double) -> Double { (sin(t) - cos(t)) / 2 + 1.5 * exp(-t) }

/// Runs `stepper` (its history already seeded) over `steps` constant steps of `10/steps` from
/// `u(0) = 1`, calling `hold` before each step (to pin the order), and returns the error at
/// t = 10. Newton's tolerance is tight enough that its error stays far below the truncation
/// error.
func constantStepError<S: ODEStepper>(
  _ stepper: inout S, steps: Int, hold: (inout S) -> Void
) -> Double where S.State == [Double] {
  let prob = fixedStepProblem()
  let h = 10.0 / Double(steps)
  var stats = SolverStats()
  let norm = ErrorNorm(abstol: .scalar(1e-14), reltol: 1e-12, norm: .rms)
  var u = [1.0]
  var unew = [0.0]
  for n in 0..<steps {
    hold(&stepper)
    _ = stepper.step(
      prob.f, prob.p, t: Double(n) * h, dt: h, u: u, unew: &unew, errorNorm: norm,
      computeError: true, stats: &stats)
    stepper.acceptStep()
    u = unew
  }
  return abs(u[0] - fixedStepExact(10))
}

/// The textbook order measurement: FBDF held at order k with a constant step h, started from
/// the exact solution at `t₀ − jh` (so no lower-order start-up error enters), on
/// `u′ = −u + sin t`, `u(0) = 1`, to t = 10. On a constant step the interpolated history is
/// the history itself and the method is the classical BDF of order k, whose global error is
/// `O(hᵏ)`.
@Suite("FBDF: fixed order, fixed step")
struct FBDFFixedStepOrderTests {
  /// The error at t = 10 with `steps` steps of order k.
  static func error(order k: Int, steps: Int) -> Double {
    let prob = fixedStepProblem()
    let h = 10.0 / Double(steps)
    var stepper = FBDFStepper(problem: prob, maxOrder: k)
    var stats = SolverStats()
    stepper.initialize(prob.f, prob.p, t: 0, u: [1.0], stats: &stats)
    for j in 0...k {
      stepper.history.times[j] = -Double(j) * h
      stepper.history.steps[j] = h
      stepper.history.states[j][0] = fixedStepExact(-Double(j) * h)
    }
    stepper.history.count = k + 1
    stepper.history.rebuildDifferences()
    return constantStepError(&stepper, steps: steps) { $0.history.currentOrder = k }
  }

  /// Measured slopes (100 … 800 steps): 0.99, 1.94, 3.03, 3.87, 5.04 (asserted within 0.3).
  @Test("order k = 1 … 5 with a constant step converges at order k", arguments: 1...5)
  func order(k: Int) {
    let steps = [100, 200, 400, 800]
    let errors = steps.map { Self.error(order: k, steps: $0) }
    let slope = -logLogSlope(steps.map(Double.init), errors)
    #expect(abs(slope - Double(k)) <= 0.3, "k = \(k): slope \(slope), errors \(errors)")
  }
}
