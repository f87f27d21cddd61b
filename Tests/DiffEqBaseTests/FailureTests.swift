import DifferentialEquations
import Foundation
import Testing

/// `u′ = −u` until `t = 1`, after which the right-hand side returns NaN.
private let nanAfterOne = ODEProblem(u0: [1.0, 2.0], tspan: (0.0, 2.0)) { du, u, _, t in
  du[0] = t > 1 ? .nan : -u[0]
  du[1] = -u[1]
}

/// `y′ = y²`, `y(0) = 1` on `[0, 2]`: `y = 1/(1 − t)` blows up at `t = 1`.
private let blowUp = ODEProblem(u0: [1.0], tspan: (0.0, 2.0)) { du, u, _, _ in
  du[0] = u[0] * u[0]
}

@Suite("Failures during a solve end it with a return code and a diagnostic")
struct FailureTests {
  @Test("NaN from the right-hand side after t = 1: Tsit5 stops with .unstable just before 1")
  func nanMidSolveAdaptive() throws {
    let sol = try solve(nanAfterOne, Tsit5())
    // Every attempt across t = 1 has a non-finite error estimate, so the step shrinks until
    // it falls below dtMin; a non-finite estimate makes that `.unstable` (not dtLessThanMin).
    #expect(sol.retcode == .unstable)
    #expect(!sol.retcode.isSuccessful)
    let tLast = try #require(sol.t.last)
    #expect(tLast <= 1.0)
    #expect(tLast > 1.0 - 1e-6)
    // The partial solution is the accurate, finite part.
    #expect(sol.u.allSatisfy { $0.isFinite })
    #expect(abs(sol.u.last![0] - exp(-tLast)) < 1e-4)
    let diagnostic = try #require(sol.diagnostic)
    #expect(diagnostic.t == tLast)
    #expect(diagnostic.dt != 0 && abs(diagnostic.dt) < 1e-10)
    #expect(diagnostic.rejectionStreak >= 1)
    #expect(diagnostic.firstNonFiniteComponent == 0)
    #expect(!diagnostic.message.isEmpty)
    #expect(diagnostic.description.contains("first non-finite component: 0"))
  }

  @Test("NaN from the right-hand side after t = 1: fixed-step Euler stops with .unstable")
  func nanMidSolveFixedStep() throws {
    let sol = try solve(nanAfterOne, Euler(), dt: 0.125)
    #expect(sol.retcode == .unstable)
    // f(t = 1) is finite, so the step to 1.125 succeeds; the next one is NaN.
    #expect(sol.t.last == 1.125)
    #expect(sol.u.allSatisfy { $0.isFinite })
    let diagnostic = try #require(sol.diagnostic)
    #expect(diagnostic.t == 1.125)
    #expect(diagnostic.dt == 0.125)
    #expect(diagnostic.firstNonFiniteComponent == 0)
  }

  @Test("maxIters: 10 on Lorenz stops with .maxIters after 10 attempts")
  func maxIters() throws {
    let sol = try solve(lorenz, Tsit5(), maxIters: 10)
    #expect(sol.retcode == .maxIters)
    #expect(sol.stats.nsteps == 10)
    #expect(sol.t.last! < 100)
    #expect(sol.t.count == sol.stats.naccept + 1)
    let diagnostic = try #require(sol.diagnostic)
    #expect(diagnostic.t == sol.t.last)
    #expect(diagnostic.firstNonFiniteComponent == nil)
    #expect(diagnostic.message.contains("maxIters"))
  }

  @Test("a finite-time blow-up (y′ = y²) stops near t = 1 without success")
  func blowUpStopsNearSingularity() throws {
    let sol = try solve(blowUp, Tsit5())
    #expect([ReturnCode.dtLessThanMin, .unstable].contains(sol.retcode))
    let tLast = try #require(sol.t.last)
    #expect(tLast < 1.0)
    #expect(tLast > 0.999)
    #expect(sol.diagnostic != nil)
  }

  @Test("the stepping interface reports the same failure and stops stepping")
  func integratorStopsOnFailure() throws {
    var integrator = try ODEIntegrator(nanAfterOne, Tsit5())
    var steps = 0
    while integrator.step() { steps += 1 }
    #expect(integrator.isFinished)
    #expect(integrator.retcode == .unstable)
    #expect(integrator.diagnostic != nil)
    #expect(steps == integrator.stats.naccept)
    #expect(integrator.step() == false)
    #expect(integrator.solution.retcode == .unstable)
  }

  @Test("terminate() ends the solve with .terminated at the current point")
  func terminate() throws {
    var integrator = try ODEIntegrator(decay, Tsit5())
    while integrator.t < 1 { integrator.step() }
    let t = integrator.t
    integrator.terminate()
    #expect(integrator.retcode == .terminated)
    #expect(integrator.retcode.isSuccessful)
    #expect(integrator.step() == false)
    #expect(integrator.t == t)
    #expect(integrator.solution.t.last == t)
  }

  @Test("a right-hand side that is NaN at t₀ is an .initialFailure")
  func initialFailure() throws {
    let prob = ODEProblem(u0: [1.0], tspan: (0.0, 1.0)) { du, _, _, _ in du[0] = .nan }
    let sol = try solve(prob, Tsit5())
    #expect(sol.retcode == .initialFailure)
    #expect(sol.t == [0])
    #expect(sol.diagnostic != nil)
  }
}
