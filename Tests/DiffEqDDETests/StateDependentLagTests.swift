import DiffEqProblemLibrary
import DiffEqTestSupport
import DifferentialEquations
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// DDETST problem D1 (Neves, "Automatic integration of functional differential equations:
/// an approach", ACM TOMS 1 (1975) 357–368; in Paul's DDETST test set and
/// DDEProblemLibrary.jl's `prob_dde_DDETST_D1`):
///
/// ```
/// u₁′ = u₂,   u₂′ = −u₂(exp(1 − u₂(t))) · u₂(t)² · exp(1 − u₂(t)),   t ∈ [0.1, 5]
/// u(t) = (log t, 1/t) for t ≤ 0.1;   exact solution (log t, 1/t)
/// ```
///
/// The deviating argument `exp(1 − u₂) = exp(1 − 1/t)` depends on the state; the lag
/// `t − exp(1 − u₂)` vanishes at `t = 1`. The model is `NevesD1` of the problem library.
@Suite("State-dependent lag: DDETST D1")
struct StateDependentLagTests {
  /// Significant digits of `y` against `(log t, 1/t)`.
  static func digits(_ y: [Double], at t: Double) -> Double {
    let worst = zip(y, NevesD1.exact(t)).map { abs($0 - $1) / abs($1) }.max()!
    return -log10(worst)
  }

  @Test("≥ 6 digits at reltol 1e-8 over the whole span", arguments: ["Tsit5", "Vern7", "Vern9"])
  func accuracy(_ name: String) throws {
    let method = try #require(RKMethods.all.first { $0.name == name })
    let sol = try solve(
      NevesD1.problem(), MethodOfSteps(ExplicitRK(method.algorithm)), abstol: 1e-8, reltol: 1e-8)
    #expect(sol.retcode == .success)
    #expect(sol.t.last == 5.0)
    let end = Self.digits(sol.u.last!, at: 5)
    #expect(end >= 6, "\(name): \(fixed(end)) digits at t = 5")
    var worst = Double.infinity
    for i in 0...100 {
      let t = 0.1 + 4.9 * Double(i) / 100
      worst = min(worst, Self.digits(sol(t), at: t))
    }
    #expect(worst >= 6, "\(name): \(fixed(worst)) digits on the dense output")
  }

  /// The deviating argument reaches t₀ = 0.1 where exp(1 − 1/t) = 0.1, t = 1/(1 + ln 10);
  /// the discontinuity (of order 2: the history is the exact solution, so t₀ is order 1)
  /// is located by event location and becomes a step boundary.
  @Test("the propagated discontinuity is located and becomes a step boundary")
  func locatesDiscontinuity() throws {
    let sol = try solve(
      NevesD1.problem(), MethodOfSteps(Tsit5()), abstol: 1e-10, reltol: 1e-10)
    let expected = 1 / (1 + log(10.0))
    let located = try #require(sol.events.first { $0.callback == "dependent-lag discontinuity" })
    #expect(abs(located.t - expected) <= 1e-9, "located at \(located.t), expected \(expected)")
    #expect(sol.t.contains(located.t))
  }
}
