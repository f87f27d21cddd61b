import DiffEqTestSupport
import DifferentialEquations
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// DDETST problem H2 (Hayashi, "Numerical solution of retarded and neutral delay
/// differential equations using continuous Runge–Kutta methods", PhD thesis, Toronto 1996;
/// DDEProblemLibrary.jl's `prob_dde_DDETST_H2`), a neutral equation with a state-dependent
/// argument `z = t·u(t)²`:
///
/// ```
/// u′ = cos t·(1 + u(z)) + L₃·u·u′(z) + (1 − L₃)·sin t·cos(t sin²t) − sin(t + t sin²t),
/// L₃ = 0.1,  t ∈ [0, π],  u(0) = 0, u′(0) = 1;   exact solution u = sin t
/// ```
///
/// The lag `t(1 − u²)` vanishes at `t = 0` and `t = π/2`.
@Suite("Neutral: DDETST H2")
struct NeutralTests {
  static let l3 = 0.1

  static func problem() -> DDEProblem<InPlaceDDEFunction<[Double], Void>> {
    // The spelling: history as an argument, f as the trailing closure.
    // swift-format-ignore: OnlyOneTrailingClosureArgument
    DDEProblem(
      u0: [0.0], history: { p, t in [0.0] }, historyDerivative: { p, t in [1.0] },
      tspan: (0.0, Double.pi), p: (), dependentLags: [{ u, p, t in t * (1 - u[0] * u[0]) }],
      neutral: true
    ) { du, u, h, p, t in
      let s = sin(t)
      let a = t * s * s
      let z = t * u[0] * u[0]
      du[0] =
        cos(t) * (1 + h(z, index: 0)) + Self.l3 * u[0] * h(z, index: 0, derivative: 1)
        + (1 - Self.l3) * s * cos(a) - sin(t + a)
    }
  }

  @Test("≥ 5 digits at reltol 1e-8", arguments: ["Tsit5", "Vern7", "Vern9"])
  func accuracy(_ name: String) throws {
    let method = try #require(RKMethods.all.first { $0.name == name })
    let sol = try solve(
      Self.problem(), MethodOfSteps(ExplicitRK(method.algorithm)), abstol: 1e-8, reltol: 1e-8)
    #expect(sol.retcode == .success)
    var worst = 0.0
    for i in 1...100 {
      let t = Double.pi * Double(i) / 100
      // Relative to max(|sin t|, 0.1): near t = π the solution itself goes to 0.
      worst = max(worst, abs(sol(t)[0] - sin(t)) / max(abs(sin(t)), 0.1))
    }
    let digits = -log10(worst)
    #expect(digits >= 5, "\(name): \(fixed(digits)) digits, \(sol.stats)")
    #expect(abs(sol(1.0, derivative: 1)[0] - cos(1.0)) <= 1e-5)
  }
}
