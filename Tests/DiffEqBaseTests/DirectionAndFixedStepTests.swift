import DifferentialEquations
import Foundation
import Testing

/// `u′ = −u` from `u(1) = e^{−1}` back to `t = 0`, where `u = 1`.
private let backwardsDecay = ODEProblem(u0: [exp(-1.0)], tspan: (1.0, 0.0)) { du, u, _, _ in
  du[0] = -u[0]
}

@Suite("Backwards integration and fixed steps")
struct DirectionAndFixedStepTests {
  @Test("tspan (1, 0) integrates backwards and matches the exact solution")
  func backwards() throws {
    let sol = try solve(backwardsDecay, Tsit5(), abstol: 1e-10, reltol: 1e-10)
    #expect(sol.retcode == .success)
    #expect(sol.t.first == 1)
    #expect(sol.t.last == 0)
    #expect(zip(sol.t, sol.t.dropFirst()).allSatisfy { $0 > $1 })
    #expect(abs(sol.u.last![0] - 1) < 1e-9)
    for t in [0.9, 0.5, 0.123] {
      #expect(abs(sol(t)[0] - decayExact(t)) < 1e-8, "t = \(t)")
    }
  }

  @Test("backwards with saveAt, tstops and dense: false")
  func backwardsSavingOptions() throws {
    let sol = try solve(backwardsDecay, Tsit5(), saveAt: [0.25, 0.75, 0.5], tstops: [0.6])
    #expect(sol.t == [0.75, 0.5, 0.25])
    for (t, u) in zip(sol.t, sol.u) { #expect(abs(u[0] - decayExact(t)) < 1e-5) }
    let stopped = try solve(backwardsDecay, Tsit5(), tstops: [0.6, 0.2])
    #expect(stopped.t.contains(0.6) && stopped.t.contains(0.2))
    // A stop given twice is visited once (it used to ask for a step of size 0 and fail).
    let repeated = try solve(backwardsDecay, Tsit5(), tstops: [0.6, 0.2, 0.6])
    #expect(repeated.retcode == .success)
    #expect(repeated.t.filter { $0 == 0.6 }.count == 1)
    let linear = try solve(backwardsDecay, Tsit5(), dense: false)
    let (t0, t1) = (linear.t[1], linear.t[2])
    let mid = linear((t0 + t1) / 2)[0]
    #expect(abs(mid - (linear.u[1][0] + linear.u[2][0]) / 2) < 1e-14)
  }

  @Test(
    "fixed step: dt = 0.1 on [0, 1] takes exactly 10 steps and lands on t_f",
    arguments: [Euler(), RK4(), Tsit5()] as [any ExplicitRKAlgorithm])
  func fixedStepCount(_ alg: any ExplicitRKAlgorithm) throws {
    var prob = decay
    prob.tspan = (0.0, 1.0)
    let sol = try solve(prob, alg, dt: 0.1, adaptive: false)
    #expect(sol.retcode == .success)
    #expect(sol.stats.naccept == 10)
    #expect(sol.stats.nreject == 0)
    #expect(sol.t.count == 11)
    #expect(sol.t.last == 1.0)
    for (i, t) in sol.t.enumerated() { #expect(abs(t - Double(i) / 10) < 1e-14) }
  }

  @Test("fixed step: Euler's value is (1 − dt)^N")
  func eulerValue() throws {
    let sol = try solve(decay, Euler(), dt: 0.25)
    #expect(sol.stats.naccept == 8)
    #expect(abs(sol.u.last![0] - pow(0.75, 8)) < 1e-15)
  }

  @Test("fixed step: a dt that does not divide the span shortens the last step")
  func fixedStepShortLastStep() throws {
    var prob = decay
    prob.tspan = (0.0, 1.0)
    let sol = try solve(prob, Euler(), dt: 0.3)
    #expect(sol.stats.naccept == 4)
    #expect(sol.t.last == 1.0)
    #expect(abs(sol.t[3] - 0.9) < 1e-15)
  }

  @Test("fixed step backwards: dt = 0.1 on [1, 0] takes 10 steps and lands on 0")
  func fixedStepBackwards() throws {
    let sol = try solve(backwardsDecay, RK4(), dt: 0.1)
    #expect(sol.stats.naccept == 10)
    #expect(sol.t.last == 0.0)
    #expect(abs(sol.u.last![0] - 1) < 1e-6)
  }

  @Test("fixed step hits tstops exactly")
  func fixedStepTstops() throws {
    var prob = decay
    prob.tspan = (0.0, 1.0)
    let sol = try solve(prob, Euler(), dt: 0.25, tstops: [0.6])
    #expect(sol.t.contains(0.6))
    #expect(sol.t.last == 1.0)
  }
}
