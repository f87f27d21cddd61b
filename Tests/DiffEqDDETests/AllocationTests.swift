import DiffEqTestSupport
import DifferentialEquations
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// History look-ups allocate nothing: a solve whose right-hand side reads the history 20
/// times per call allocates as much as the same solve reading it once (the solve itself
/// allocates per step: it stores the history).
@Suite("DDE history look-ups allocate nothing")
struct AllocationTests {
  /// Two lags, one shorter than the steps (fixed-point iteration, reads inside the step),
  /// reads before t₀, in past steps and inside the current step, in all three forms.
  static func problem(reads: Int) -> DDEProblem<InPlaceDDEFunction<[Double], Void>> {
    DDEProblem(
      InPlaceDDEFunction { du, u, h, p, t in
        var a = 0.0
        var b = 0.0
        for _ in 0..<reads {
          a = h(t - 1.0)[0]
          b = h(t - 0.05, index: 1) + h(t - 1.0, index: 0, derivative: 1)
        }
        du[0] = -a + 0.1 * u[1]
        du[1] = -b
      }, u0: [1.0, 0.5],
      history: { out, p, s, derivative in
        out[0] = derivative == 0 ? cos(s) : -sin(s)
        out[1] = derivative == 0 ? 0.5 : 0
      }, tspan: (0.0, 5.0), p: (), constantLags: [1.0, 0.05])
  }

  @Test("20 reads per call allocate what 1 read does", arguments: ["Tsit5", "Vern9"])
  func lookUpsDoNotAllocate(_ name: String) throws {
    try #require(allocationCountingIsActive || !allocationCountingIsExpected)
    let method = try #require(RKMethods.all.first { $0.name == name })
    let alg = MethodOfSteps(ExplicitRK(method.algorithm))
    // One solve of each first: one-time allocations (metadata, lazy globals) stay out.
    _ = try solve(Self.problem(reads: 1), alg, abstol: 1e-8, reltol: 1e-8)
    _ = try solve(Self.problem(reads: 20), alg, abstol: 1e-8, reltol: 1e-8)
    var once: ODESolution<[Double]>?
    var many: ODESolution<[Double]>?
    let onceCount = try allocations {
      once = try solve(Self.problem(reads: 1), alg, abstol: 1e-8, reltol: 1e-8)
    }
    let manyCount = try allocations {
      many = try solve(Self.problem(reads: 20), alg, abstol: 1e-8, reltol: 1e-8)
    }
    let a = try #require(once)
    let b = try #require(many)
    #expect(a.retcode == .success && b.retcode == .success)
    #expect(a.stats.nnonliniter > 0, "the short lag must make the steps iterate")
    #expect(a.stats.nf == b.stats.nf)
    // A look-up that allocated would add at least one allocation per extra read (19 extra
    // rounds of 3 reads per call of f: about 70 000 here). Run alone the two counts are
    // equal; run beside other suites, a few one-time runtime allocations (caches the
    // threads share) can land in either solve, hence the margin of one per thousand reads.
    let extraReads = 19 * 3 * b.stats.nf
    #expect(
      abs(manyCount - onceCount) * 1000 < extraReads,
      "\(name): \(onceCount) vs \(manyCount) allocations for \(extraReads) extra reads")
  }
}
