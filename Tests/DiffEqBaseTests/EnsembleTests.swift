import DiffEqTestSupport
import DifferentialEquations
import Foundation
import Testing

@Suite("Ensembles")
struct EnsembleTests {
  /// u′ = −u with u(0) drawn uniformly from [0.5, 1.5] by each trajectory's own generator.
  static let randomStart = EnsembleProblem(
    ODEProblem(u0: [1.0], tspan: (0.0, 1.0)) { du, u, _, _ in du[0] = -u[0] }
  ) { prob, _, context in
    var prob = prob
    var rng = context.rng
    prob.u0[0] = Double.random(in: 0.5...1.5, using: &rng)
    return prob
  }

  @Test("EnsembleThreads gives exactly EnsembleSerial's results, trajectory by trajectory")
  func threadsMatchSerial() throws {
    let options = ODESolverOptions(abstol: 1e-10, reltol: 1e-10)
    let serial = try solve(
      Self.randomStart, Tsit5(), EnsembleSerial(), trajectories: 300, seed: 7, options: options)
    let threads = try solve(
      Self.randomStart, Tsit5(), EnsembleThreads(), trajectories: 300, seed: 7, options: options)
    #expect(serial.u.count == 300)
    #expect(zip(serial.u, threads.u).allSatisfy { $0.u == $1.u && $0.t == $1.t })
    let other = try solve(
      Self.randomStart, Tsit5(), EnsembleSerial(), trajectories: 300, seed: 8, options: options)
    #expect(other.u[0].u[0] != serial.u[0].u[0])
  }

  @Test("EnsembleSummary mean and variance at t = 1 match the exact values within 3 SE")
  func summary() throws {
    // u(1) = u₀e⁻¹ with u₀ ~ U(0.5, 1.5): mean e⁻¹, variance e⁻²/12.
    let n = 20_000
    let sims = try solve(
      Self.randomStart, Tsit5(), EnsembleThreads(), trajectories: n, seed: 1,
      options: ODESolverOptions(abstol: 1e-10, reltol: 1e-10))
    let summary = EnsembleSummary(sims.u, at: [0.0, 1.0], quantiles: [0.5])
    let mean = exp(-1.0)
    let variance = exp(-2.0) / 12
    let standardError = (variance / Double(n)).squareRoot()
    #expect(abs(summary.mean[1][0] - mean) <= 3 * standardError)
    // The variance of the sample variance of a uniform: (μ₄ − σ⁴ (n−3)/(n−1))/n, μ₄ = 9σ⁴/5.
    let varianceSE = (variance * variance * (9.0 / 5 - Double(n - 3) / Double(n - 1)) / Double(n))
      .squareRoot()
    #expect(abs(summary.variance[1][0] - variance) <= 3 * varianceSE)
    #expect(abs(summary.quantiles[0][1][0] - mean) < 0.02)
  }

  @Test("outputFunc can ask for a rerun; each rerun gets a fresh context")
  func reruns() throws {
    let ensemble = EnsembleProblem(
      Self.randomStart.prob, probFunc: Self.randomStart.probFunc,
      outputFunc: { sol, i in (sol.u.last![0], i % 2 == 0 && sol.t.count < 0) })
    let once = try solve(ensemble, Tsit5(), trajectories: 10)
    #expect(once.solves == 10)
    let flaky = EnsembleProblem(
      Self.randomStart.prob,
      probFunc: { prob, _, context in
        var prob = prob
        prob.u0[0] = Double(context.attempt)
        return prob
      },
      outputFunc: { sol, i in (sol.u[0][0], i % 2 == 0 && sol.u[0][0] < 2) })
    let rerun = try solve(flaky, Tsit5(), EnsembleThreads(), trajectories: 10)
    #expect(rerun.solves == 15)
    #expect(rerun.u == (0..<10).map { $0 % 2 == 0 ? 2.0 : 1.0 })
  }

  @Test("an invalid trajectory problem throws its DiffEqError")
  func invalidTrajectory() throws {
    let broken = EnsembleProblem(Self.randomStart.prob) { prob, i, _ in
      var prob = prob
      if i == 3 { prob.u0[0] = .nan }
      return prob
    }
    #expect(throws: DiffEqError.self) {
      _ = try solve(broken, Tsit5(), EnsembleThreads(), trajectories: 8)
    }
  }
}
