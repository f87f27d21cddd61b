import DiffEqTestSupport
import DifferentialEquations
import Foundation
import Testing

/// A ball dropped from 50 m (g = 9.81 m/s²) bouncing with restitution 0.9.
///
/// Closed form: the first impact is at t₁ = √(2h₀/g) with speed v₁ = g·t₁; the k-th rebound
/// leaves with speed vₖ = 0.9ᵏ·v₁ and flies 2vₖ/g, so tₖ₊₁ = tₖ + 2·0.9ᵏ·v₁/g; the energy
/// per unit mass after the k-th bounce is vₖ²/2 = (0.9²)ᵏ·g·h₀.
@Suite("Bouncing ball: continuous events located on the dense output")
struct BouncingBallTests {
  static let g = 9.81
  static let h0 = 50.0
  static let restitution = 0.9

  static func exactImpactTimes(_ count: Int) -> [Double] {
    let t1 = (2 * h0 / g).squareRoot()
    let v1 = g * t1
    var times = [t1]
    var v = v1
    for _ in 1..<count {
      v *= restitution
      times.append(times.last! + 2 * v / g)
    }
    return times
  }

  static let problem = ODEProblem(u0: [h0, 0.0], tspan: (0.0, 40.0)) { du, u, _, _ in
    du[0] = u[1]
    du[1] = -g
  }

  static let bounce = ContinuousCallback<[Double], NullParameters>(
    condition: { u, _, _ in u[0] },
    affect: { integrator in integrator.u[1] = -restitution * integrator.u[1] },
    name: "ground")

  static func impacts<A: ExplicitRKAlgorithm>(_ alg: A) throws -> ODESolution<[Double]> {
    try solve(
      problem, alg, abstol: 1e-10, reltol: 1e-10, callback: CallbackSet(bounce))
  }

  @Test("the first 10 impact times match the closed form to 1e-9 (Tsit5, Vern9)")
  func impactTimes() throws {
    let exact = Self.exactImpactTimes(10)
    for (name, sol) in [("Tsit5", try Self.impacts(Tsit5())), ("Vern9", try Self.impacts(Vern9()))]
    {
      #expect(sol.retcode == .success)
      let times = sol.events.map(\.t)
      try #require(times.count >= 10, "\(name) found \(times.count) impacts")
      for k in 0..<10 {
        let relative = abs(times[k] - exact[k]) / exact[k]
        #expect(relative <= 1e-9, "\(name) impact \(k + 1): \(times[k]) vs \(exact[k])")
      }
      #expect(sol.events.allSatisfy { $0.callback == "ground" && $0.kind == .continuous })
    }
  }

  @Test("the energy after the k-th bounce is (0.9²)ᵏ of the initial energy")
  func energy() throws {
    let sol = try Self.impacts(Tsit5())
    let initial = Self.g * Self.h0
    // Each event saves the state before and after the affect, at the same time.
    var k = 0
    for i in 1..<sol.t.count where sol.t[i] == sol.t[i - 1] && sol.u[i][1] > 0 {
      k += 1
      let u = sol.u[i]
      let energy = 0.5 * u[1] * u[1] + Self.g * u[0]
      let expected = pow(Self.restitution * Self.restitution, Double(k)) * initial
      #expect(abs(energy - expected) <= 1e-8 * initial, "bounce \(k)")
    }
    #expect(k >= 10)
  }

  @Test("a 1000-bounce run never falls through the floor (Zeno handled by the user's rule)")
  func thousandBounces() throws {
    // The user's rule against Zeno: a rebound slower than 1e-3 m/s is replaced by a kick back
    // to the first impact speed, so the ball bounces on (about 100 bounces per cycle).
    let v1 = (2 * Self.g * Self.h0).squareRoot()
    let bounceOrKick = ContinuousCallback<[Double], NullParameters>(
      condition: { u, _, _ in u[0] },
      affect: { integrator in
        let v = -Self.restitution * integrator.u[1]
        integrator.u[1] = abs(v) < 1e-3 ? v1 : v
      }, savePositions: (false, true))
    var prob = Self.problem
    prob.tspan = (0, 700)
    let sol = try solve(
      prob, Tsit5(), abstol: 1e-10, reltol: 1e-10, maxIters: 1_000_000, saveEveryStep: false,
      callback: CallbackSet(bounceOrKick))
    #expect(sol.retcode == .success)
    #expect(sol.events.count >= 1000, "\(sol.events.count) bounces")
    #expect(sol.u.allSatisfy { $0[0] > -1e-9 }, "the ball went below the floor")
    var t = 0.0
    while t < 700 {
      #expect(sol(t)[0] > -1e-9, "below the floor at t = \(t)")
      t += 0.05
    }
  }

  @Test("Zeno limit: a rule that stops the ball at rest ends the solve at the Zeno time")
  func zeno() throws {
    // The user's rule: once a rebound is slower than 1e-6 m/s the ball is at rest; terminate.
    let bounceOrRest = ContinuousCallback<[Double], NullParameters>(
      condition: { u, _, _ in u[0] },
      affect: { integrator in
        let v = -Self.restitution * integrator.u[1]
        if abs(v) < 1e-6 {
          integrator.u[1] = 0
          integrator.terminate()
        } else {
          integrator.u[1] = v
        }
      })
    var prob = Self.problem
    prob.tspan = (0, 1000)
    let sol = try solve(
      prob, Tsit5(), abstol: 1e-12, reltol: 1e-12, maxIters: 1_000_000,
      callback: CallbackSet(bounceOrRest))
    #expect(sol.retcode == .terminated)
    // Zeno time of the closed form: t₁ + 2·v₁·0.9/(g·(1 − 0.9)).
    let t1 = (2 * Self.h0 / Self.g).squareRoot()
    let zenoTime = t1 + 2 * Self.g * t1 * 0.9 / (Self.g * 0.1)
    #expect(abs(sol.t.last! - zenoTime) < 1e-3)
    #expect(sol.events.count > 100)
    #expect(sol.u.allSatisfy { $0[0] > -1e-9 }, "the ball went below the floor")
    // Dense output between events stays above the floor too.
    var t = 0.0
    while t < sol.t.last! {
      #expect(sol(t)[0] > -1e-9, "below the floor at t = \(t)")
      t += 0.01
    }
  }
}
