import DiffEqTestSupport
import DifferentialEquations
import Foundation
import Testing

/// Event location corner cases: the condition is a known function of time, so each expected
/// event time is exact.
@Suite("Event location corner cases")
struct EventLocationTests {
  /// u′ = 1, u(0) = 0: u(t) = t, so conditions in u are conditions in t.
  static let clock = ODEProblem(u0: [0.0], tspan: (0.0, 2.0)) { du, _, _, _ in du[0] = 1 }

  static func counting(
    _ condition: @escaping @Sendable ([Double], Double, NullParameters) -> Double
  ) -> ContinuousCallback<[Double], NullParameters> {
    ContinuousCallback(condition: condition, affect: { _ in })
  }

  @Test("a condition exactly zero at a step boundary fires once, at that time")
  func zeroAtStepBoundary() throws {
    // tstops make a step end exactly at t = 1, where g = t − 1 is exactly 0.
    let sol = try solve(
      Self.clock, Tsit5(), tstops: [0.5, 1.0, 1.5],
      callback: CallbackSet(Self.counting { _, t, _ in t - 1 }))
    #expect(sol.retcode == .success)
    #expect(sol.events.map(\.t) == [1.0])
    #expect(sol.events.first?.crossings == [EventCrossing(component: 0, direction: .upcrossing)])
  }

  @Test("two crossings inside one step are both found, in order")
  func twoEventsInOneStep() throws {
    // u′ = 1 is integrated exactly, so the step grows to the whole span; g has roots 0.3 and
    // 0.35 inside one step (and one sampling interval).
    let sol = try solve(
      Self.clock, Tsit5(), dt: 1.0,
      callback: CallbackSet(Self.counting { u, _, _ in (u[0] - 0.3) * (u[0] - 0.35) }))
    #expect(sol.retcode == .success)
    let times = sol.events.map(\.t)
    try #require(times.count == 2, "events at \(times)")
    // The roots of the interpolated condition, which carries a few ulps of rounding.
    #expect(abs(times[0] - 0.3) <= 1e-14)
    #expect(abs(times[1] - 0.35) <= 1e-14)
    #expect(sol.events.map { $0.crossings[0].direction } == [.downcrossing, .upcrossing])
  }

  @Test("a condition that only grazes zero fires at most once and never stalls")
  func grazing() throws {
    // g = (u − c)² ≥ 0 touches zero at t = c without crossing. Off the sampling grid the
    // tangency is invisible (no event); on a sample point it is an exact zero and fires once.
    let off = try solve(
      Self.clock, Tsit5(), dt: 1.0,
      callback: CallbackSet(
        Self.counting { u, _, _ in (u[0] - 0.5 - 1.0 / 3) * (u[0] - 0.5 - 1.0 / 3) }))
    #expect(off.retcode == .success)
    #expect(off.events.isEmpty)
    let on = try solve(
      Self.clock, Tsit5(), dt: 1.0, dtMax: 1.0,
      callback: CallbackSet(Self.counting { u, _, _ in (u[0] - 0.5) * (u[0] - 0.5) }))
    #expect(on.retcode == .success)
    #expect(on.events.count <= 1)
    #expect(on.t.last == 2.0)
  }

  @Test("no event at t₀ when the condition starts at zero; an event at t_f is kept")
  func spanEnds() throws {
    let sol = try solve(
      Self.clock, Tsit5(),
      callback: CallbackSet(
        Self.counting { u, _, _ in u[0] },  // zero at t₀, then positive: no crossing
        Self.counting { _, t, _ in t - 2 }))  // zero exactly at t_f
    #expect(sol.retcode == .success)
    #expect(sol.events.map(\.t) == [2.0])
    #expect(sol.events.first?.callback == "continuous[1]")
  }

  @Test("direction filters: upcrossing-only and downcrossing-only callbacks")
  func directions() throws {
    let wave = ODEProblem(u0: [0.0, 1.0], tspan: (0.0, 4 * Double.pi)) { du, u, _, _ in
      du[0] = u[1]
      du[1] = -u[0]
    }
    let up = ContinuousCallback<[Double], NullParameters>(
      condition: { u, _, _ in u[0] }, upcrossing: { _ in }, downcrossing: nil, name: "up")
    let down = ContinuousCallback<[Double], NullParameters>(
      condition: { u, _, _ in u[0] }, upcrossing: nil, downcrossing: { _ in }, name: "down")
    let sol = try solve(
      wave, Vern7(), abstol: 1e-12, reltol: 1e-12, callback: CallbackSet(up, down))
    // sin t: downcrossings at π, 3π; upcrossings at 2π (4π is t_f: sin is 0 there up to
    // rounding, and the sign decides).
    let ups = sol.events.filter { $0.callback == "up" }.map(\.t)
    let downs = sol.events.filter { $0.callback == "down" }.map(\.t)
    #expect(downs.count == 2)
    #expect(abs(downs[0] - .pi) < 1e-9 && abs(downs[1] - 3 * .pi) < 1e-9)
    #expect(ups.contains { abs($0 - 2 * .pi) < 1e-9 })
  }

  @Test("a VectorContinuousCallback reports three simultaneous crossings in one affect")
  func simultaneous() throws {
    let three = ODEProblem(u0: [0.0, 0.0, 0.0], tspan: (0.0, 2.0)) { du, _, _, _ in
      du[0] = 1
      du[1] = 2
      du[2] = 3
    }
    // u = (t, 2t, 3t): the conditions u₀ − 1, u₁ − 2, u₂ − 3 all vanish at t = 1.
    let walls = VectorContinuousCallback<[Double], NullParameters>(
      count: 3,
      condition: { out, u, _, _ in
        out[0] = u[0] - 1
        out[1] = u[1] - 2
        out[2] = u[2] - 3
      },
      affect: { _, _ in }, name: "walls")
    let sol = try solve(three, Tsit5(), callback: CallbackSet(walls))
    #expect(sol.retcode == .success)
    try #require(sol.events.count == 1)
    let event = sol.events[0]
    #expect(abs(event.t - 1) <= 1e-14)
    #expect(event.crossings.map(\.component).sorted() == [0, 1, 2])
    #expect(event.crossings.allSatisfy { $0.direction == .upcrossing })
  }

  /// The first upward crossing of y = 0 on the Arenstorf orbit, found without events:
  /// Newton's method on t ↦ y(t), each y(t) from a separate Vern9 solve to t at 1e-14.
  static func arenstorfFirstUpcrossing() throws -> Double {
    var t = 0.4
    for _ in 0..<8 {
      var prob = TestProblems.arenstorf()
      prob.tspan = (0, t)
      let end = try solve(
        prob, Vern9(), abstol: 1e-14, reltol: 1e-14, saveEveryStep: false, dense: false
      ).u.last!
      t -= end[1] / end[3]
    }
    return t
  }

  @Test("Arenstorf: terminate at the first return to y = 0 with y′ > 0")
  func arenstorfReturn() throws {
    let returnToAxis = ContinuousCallback<[Double], NullParameters>(
      condition: { u, _, _ in u[1] }, upcrossing: { integrator in integrator.terminate() },
      downcrossing: nil, name: "return")
    let sol = try solve(
      TestProblems.arenstorf(), Vern9(), abstol: 1e-13, reltol: 1e-13,
      callback: CallbackSet(returnToAxis))
    #expect(sol.retcode == .terminated)
    let reference = try Self.arenstorfFirstUpcrossing()
    #expect(abs(sol.t.last! - reference) <= 1e-9, "t = \(sol.t.last!), reference \(reference)")
    print("[events] Arenstorf first upcrossing at \(sol.t.last!), reference \(reference)")
    #expect(abs(sol.u.last![1]) < 1e-9)
    #expect(sol.u.last![3] > 0)
  }
}

@Suite("Root-finding placement")
struct RootFindTests {
  static func eventTime(_ rootFind: RootFind) throws -> (Double, Int) {
    let sol = try solve(
      EventLocationTests.clock, Tsit5(), dt: 1.0,
      callback: CallbackSet(
        ContinuousCallback<[Double], NullParameters>(
          condition: { _, t, _ in t - 1.0 / 3 }, affect: { _ in }, rootFind: rootFind)))
    return (sol.events.first?.t ?? .nan, sol.events.count)
  }

  @Test(".right lands just past the crossing, .left just before, .none on a sample point")
  func placements() throws {
    let third = 1.0 / 3
    let (right, nRight) = try Self.eventTime(.right)
    let (left, nLeft) = try Self.eventTime(.left)
    let (none, nNone) = try Self.eventTime(.none)
    #expect(nRight == 1, "right: \(nRight)")
    #expect(nLeft == 1, "left: \(nLeft)")
    #expect(nNone == 1, "none: \(nNone)")
    #expect(right - third >= 0 && right - third <= 2 * third.ulp)
    #expect(third - left > 0 && third - left <= 2 * third.ulp)
    // The first sample point past 1/3 in a step [0, 1] sampled at tenths.
    #expect(abs(none - 0.4) < 1e-15)
  }
}
