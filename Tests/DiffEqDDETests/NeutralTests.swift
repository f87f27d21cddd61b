import DiffEqProblemLibrary
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
/// The lag `t(1 − u²)` vanishes at `t = 0` and `t = π/2`. The model is `HayashiH2` of the
/// problem library.
@Suite("Neutral: DDETST H2")
struct NeutralTests {
  @Test("≥ 5 digits at reltol 1e-8", arguments: ["Tsit5", "Vern7", "Vern9"])
  func accuracy(_ name: String) throws {
    let method = try #require(RKMethods.all.first { $0.name == name })
    let sol = try solve(
      HayashiH2.problem(), MethodOfSteps(ExplicitRK(method.algorithm)), abstol: 1e-8, reltol: 1e-8)
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
