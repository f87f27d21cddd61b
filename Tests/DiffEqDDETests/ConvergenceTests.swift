import DiffEqTestSupport
import DifferentialEquations
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Fixed-step convergence of the method of steps on a problem with a smooth solution:
/// `u′ = −u(t − 1)/e` with history `e⁻ᵗ` has the solution `u = e⁻ᵗ` (since
/// `−e^{−(t−1)}/e = −e⁻ᵗ`), smooth across `t₀` because the history is the solution itself.
/// With `h = 1/n` the tracked discontinuity times `1, 2, …` are grid points, so every step
/// has the same size.
@Suite("Method of steps: fixed-step convergence order")
struct ConvergenceTests {
  static func problem() -> DDEProblem<InPlaceDDEFunction<[Double], Void>> {
    // The spelling: history as an argument, f as the trailing closure.
    // swift-format-ignore: OnlyOneTrailingClosureArgument
    DDEProblem(
      u0: [1.0], history: { p, t in [exp(-t)] }, tspan: (0.0, 5.0), p: (), constantLags: [1.0]
    ) { du, u, h, p, t in
      du[0] = -h(t - 1, index: 0) / M_E
    }
  }

  @Test("measured order within ±0.3 of the ODE method's", arguments: ["RK4", "Tsit5"])
  func order(_ name: String) throws {
    let method = try #require(RKMethods.all.first { $0.name == name })
    let perUnit = [4, 8, 16, 32]
    var errors: [Double] = []
    for n in perUnit {
      let sol = try solve(
        Self.problem(), MethodOfSteps(ExplicitRK(method.algorithm)), dt: 1 / Double(n),
        adaptive: false)
      #expect(sol.retcode == .success)
      #expect(sol.t.count == 5 * n + 1, "\(name): \(sol.t.count) points for h = 1/\(n)")
      errors.append(zip(sol.t, sol.u).map { abs($1[0] - exp(-$0)) }.max()!)
    }
    let study = ConvergenceStudy(stepSizes: perUnit.map { 1 / Double($0) }, errors: errors)
    #expect(abs(study.slope - Double(method.order)) <= 0.3, "\(name): \(study)")
  }
}
