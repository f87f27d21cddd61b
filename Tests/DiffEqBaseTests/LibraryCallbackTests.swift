import DiffEqTestSupport
import DifferentialEquations
import Foundation
import Synchronization
import Testing

@Suite("Library callbacks")
struct LibraryCallbackTests {
  /// One-compartment pharmacokinetics: C′ = −k·C, a bolus raising C by D/V every 12 h for
  /// 10 days (doses at 0, 12, …, 228 h; the first is the initial value).
  ///
  /// Analytic superposition: C(t) = Σ_{tⱼ ≤ t} (D/V)·e^{−k(t − tⱼ)}.
  @Test("PresetTimeCallback dosing matches the analytic superposition to 1e-8")
  func pharmacokinetics() throws {
    let k = 0.1
    let dose = 10.0
    let doseTimes = stride(from: 12.0, through: 228, by: 12).map { $0 }
    let prob = ODEProblem(u0: [dose], tspan: (0.0, 240.0), p: k) { du, u, k, _ in
      du[0] = -k * u[0]
    }
    let dosing = DiscreteCallback<[Double], Double>.presetTime(doseTimes) { integrator in
      integrator.u[0] += dose
    }
    let sol = try solve(
      prob, Tsit5(), abstol: 1e-12, reltol: 1e-10, saveEveryStep: false,
      callback: CallbackSet(dosing))
    #expect(sol.retcode == .success)
    #expect(sol.events.count == doseTimes.count)
    func exact(_ t: Double, includingDoseAt: Bool) -> Double {
      ([0.0] + doseTimes).filter { includingDoseAt ? $0 <= t : $0 < t }
        .map { dose * exp(-k * (t - $0)) }.reduce(0, +)
    }
    // Each dose time is saved twice: just before the bolus (trough) and just after (peak).
    for t in doseTimes {
      let saved = sol.t.indices.filter { sol.t[$0] == t }
      try #require(saved.count == 2, "dose at \(t) saved \(saved.count) times")
      let trough = sol.u[saved[0]][0]
      let peak = sol.u[saved[1]][0]
      #expect(abs(trough - exact(t, includingDoseAt: false)) <= 1e-8 * trough, "trough \(t)")
      #expect(abs(peak - exact(t, includingDoseAt: true)) <= 1e-8 * peak, "peak \(t)")
    }
  }

  @Test("PeriodicCallback fires every Δt, exactly on the grid, forwards and backwards")
  func periodic() throws {
    let count = Mutex(0)
    let ticks = DiscreteCallback<[Double], NullParameters>.periodic(every: 0.75) { _ in
      count.withLock { $0 += 1 }
    }
    let prob = ODEProblem(u0: [1.0], tspan: (0.0, 6.0)) { du, u, _, _ in du[0] = -u[0] }
    let sol = try solve(prob, Tsit5(), callback: CallbackSet(ticks))
    #expect(sol.events.map(\.t) == (1...8).map { 0.75 * Double($0) })
    #expect(count.withLock { $0 } == 8)
    var backwards = prob
    backwards.tspan = (6.0, 0.0)
    let back = try solve(backwards, Tsit5(), callback: CallbackSet(ticks))
    #expect(back.events.map(\.t) == (0..<8).reversed().map { 0.75 * Double($0) })
  }

  @Test("TerminateSteadyState ends a decay once |du/dt| ≤ abstol")
  func steadyState() throws {
    let prob = ODEProblem(u0: [1.0], tspan: (0.0, 1000.0)) { du, u, _, _ in du[0] = -u[0] }
    let sol = try solve(
      prob, Tsit5(), abstol: 1e-10, reltol: 1e-8,
      callback: CallbackSet(.terminateSteadyState(abstol: 1e-8, reltol: 0)))
    #expect(sol.retcode == .terminated)
    // |u′| = e^{−t} ≤ 1e-8 from t = 8 ln 10 ≈ 18.42; the check runs at step ends.
    #expect(sol.t.last! >= 8 * log(10.0) && sol.t.last! < 30)
  }

  @Test("SavingCallback stores a derived quantity at chosen times")
  func saving() throws {
    let energies = SavedValues<Double>()
    let prob = ODEProblem(u0: [1.0, 0.0], tspan: (0.0, 10.0)) { du, u, _, _ in
      du[0] = u[1]
      du[1] = -u[0]
    }
    let times = (0...10).map(Double.init)
    let save = DiscreteCallback<[Double], NullParameters>.saving(
      { u, _, _ in u[0] * u[0] + u[1] * u[1] }, into: energies, saveAt: times)
    let sol = try solve(prob, Vern7(), abstol: 1e-12, reltol: 1e-12, callback: CallbackSet(save))
    #expect(sol.retcode == .success)
    #expect(sol.events.isEmpty)
    #expect(energies.t == times)
    #expect(energies.values.allSatisfy { abs($0 - 1) < 1e-10 })
  }

  @Test("isOutOfDomain / positiveDomain reject steps that leave the domain")
  func positiveDomain() throws {
    // A fast decay at a loose tolerance: BS3's steps overshoot below zero.
    let prob = ODEProblem(u0: [1.0], tspan: (0.0, 10.0)) { du, u, _, _ in du[0] = -10 * u[0] }
    let free = try solve(prob, BS3(), abstol: 1e-1, reltol: 1e-1)
    #expect(free.u.contains { $0[0] < 0 }, "the unconstrained solve should overshoot")
    let kept = try solve(prob, BS3(), abstol: 1e-1, reltol: 1e-1, callback: .positiveDomain())
    #expect(kept.retcode == .success)
    #expect(kept.u.allSatisfy { $0[0] >= 0 })
    #expect(kept.stats.nreject > free.stats.nreject)
    let viaKeyword = try solve(
      prob, BS3(), abstol: 1e-1, reltol: 1e-1, isOutOfDomain: { u, _, _ in u[0] < 0 })
    #expect(viaKeyword.u.map { $0[0] } == kept.u.map { $0[0] })
  }

  @Test("ManifoldProjection keeps Kepler's energy and angular momentum on their values")
  func manifoldProjection() throws {
    // Kepler e = 0.6: H = |p|²/2 − 1/|q| = −1/2 and L = q₁p₂ − q₂p₁ = 0.8 (problems.json).
    let kepler = ODEProblem(u0: [0.4, 0.0, 0.0, 2.0], tspan: (0.0, 200.0)) { du, u, _, _ in
      let r3 = pow(u[0] * u[0] + u[1] * u[1], 1.5)
      du[0] = u[2]
      du[1] = u[3]
      du[2] = -u[0] / r3
      du[3] = -u[1] / r3
    }
    @Sendable func invariants(_ u: [Double]) -> (Double, Double) {
      (
        0.5 * (u[2] * u[2] + u[3] * u[3]) - 1 / (u[0] * u[0] + u[1] * u[1]).squareRoot(),
        u[0] * u[3] - u[1] * u[2]
      )
    }
    let projection = DiscreteCallback<[Double], NullParameters>.manifoldProjection(
      constraints: 2
    ) { residual, u, _, _ in
      let (h, l) = invariants(u)
      residual[0] = h + 0.5
      residual[1] = l - 0.8
    }
    let free = try solve(kepler, Tsit5(), abstol: 1e-6, reltol: 1e-6)
    let projected = try solve(
      kepler, Tsit5(), abstol: 1e-6, reltol: 1e-6, callback: CallbackSet(projection))
    let drift = free.u.map { abs(invariants($0).0 + 0.5) }.max()!
    let kept = projected.u.map { max(abs(invariants($0).0 + 0.5), abs(invariants($0).1 - 0.8)) }
    #expect(drift > 1e-4)
    #expect(kept.max()! < 1e-11)
  }
}
