import DifferentialEquations
import Foundation
import Testing

/// Whether `t` is strictly increasing.
private func isIncreasing(_ t: [Double]) -> Bool {
  zip(t, t.dropFirst()).allSatisfy { $0 < $1 }
}

@Suite("Saving follows DifferentialEquations.jl")
struct SavingTests {
  @Test("by default every step is saved, from t₀ to exactly t_f")
  func defaultSavesEveryStep() throws {
    let sol = try solve(decay, Tsit5())
    #expect(sol.retcode == .success)
    #expect(sol.t.first == 0)
    #expect(sol.t.last == 2)
    #expect(sol.t.count == sol.stats.naccept + 1)
    #expect(sol.u.count == sol.t.count)
    #expect(isIncreasing(sol.t))
    #expect(sol.u.first == [1.0])
    #expect(sol.interpolant != nil)
  }

  @Test("saveAt saves exactly those times, without t₀ and t_f unless listed")
  func saveAtExactly() throws {
    let times = [0.25, 0.5, 1.0, 1.75]
    let sol = try solve(decay, Tsit5(), abstol: 1e-10, reltol: 1e-10, saveAt: times)
    #expect(sol.retcode == .success)
    #expect(sol.t == times)
    #expect(sol.u.count == times.count)
    for (t, u) in zip(sol.t, sol.u) {
      #expect(abs(u[0] - decayExact(t)) < 1e-8)
    }
    // saveAt alone turns dense output off.
    #expect(sol.interpolant == nil)
  }

  @Test("saveAt values are the method's interpolant, as sol(t) of a dense solve gives")
  func saveAtMatchesDenseOutput() throws {
    let times = [0.1, 2.5, 5.0, 7.3]
    let sparse = try solve(oscillator, Tsit5(), saveAt: times)
    let dense = try solve(oscillator, Tsit5())
    #expect(sparse.t == times)
    for (t, u) in zip(sparse.t, sparse.u) {
      #expect(maxDifference(u, dense(t)) < 1e-12)
    }
  }

  @Test("saveAt may list t₀ and t_f; saveStart and saveEnd add them")
  func saveAtEnds() throws {
    #expect(try solve(decay, Tsit5(), saveAt: [0, 1, 2]).t == [0, 1, 2])
    #expect(try solve(decay, Tsit5(), saveAt: [1], saveStart: true).t == [0, 1])
    #expect(try solve(decay, Tsit5(), saveAt: [1], saveEnd: true).t == [1, 2])
    #expect(try solve(decay, Tsit5(), saveAt: [0, 1, 2], saveStart: false).t == [1, 2])
    // Unsorted times are saved in the order of integration.
    #expect(try solve(decay, Tsit5(), saveAt: [1.5, 0.5]).t == [0.5, 1.5])
  }

  @Test("saveAt with saveEveryStep: true saves the steps and the saveAt times, in order")
  func saveAtAndEveryStep() throws {
    let steps = try solve(decay, Tsit5())
    let times = [0.123, 1.5]
    let sol = try solve(decay, Tsit5(), saveAt: times, saveEveryStep: true)
    #expect(sol.stats == steps.stats)
    #expect(sol.t == (steps.t + times).sorted())
    let i = try #require(sol.t.firstIndex(of: 1.5))
    #expect(abs(sol.u[i][0] - decayExact(1.5)) < 1e-5)
  }

  @Test("the dense output reproduces the saved states at the saved times")
  func denseOutputAtSavedTimes() throws {
    let sol = try solve(oscillator, Tsit5())
    for i in [0, 1, sol.t.count / 2, sol.t.count - 1] {
      #expect(maxDifference(sol(sol.t[i]), sol.u[i]) < 1e-12, "t = \(sol.t[i])")
    }
  }

  @Test("saveEveryStep: false saves only the start and the end")
  func onlyEnds() throws {
    let sol = try solve(decay, Tsit5(), abstol: 1e-8, reltol: 1e-8, saveEveryStep: false)
    #expect(sol.t == [0, 2])
    #expect(sol.stats.naccept > 1)
    #expect(abs(sol.u[1][0] - decayExact(2)) < 1e-7)
  }

  @Test("saveStart: false drops t₀; saveEnd: false drops t_f")
  func saveStartAndEnd() throws {
    let all = try solve(decay, Tsit5())
    let noStart = try solve(decay, Tsit5(), saveStart: false)
    #expect(noStart.t == Array(all.t.dropFirst()))
    #expect(noStart.t.count == noStart.stats.naccept)
    let noEnd = try solve(decay, Tsit5(), saveEnd: false)
    #expect(noEnd.retcode == .success)
    #expect(noEnd.t == Array(all.t.dropLast()))
    let neither = try solve(decay, Tsit5(), saveEveryStep: false, saveStart: false, saveEnd: false)
    #expect(neither.t.isEmpty)
  }

  @Test("tstops are stepped to exactly, in any order, and ignored outside the span")
  func tstopsAreHitExactly() throws {
    let stops = [1.7, 0.3, 1.0 / 3.0, 5.0]
    let sol = try solve(decay, Tsit5(), tstops: stops)
    #expect(sol.retcode == .success)
    for stop in stops.dropLast() {
      #expect(sol.t.contains(stop), "tstop \(stop) missing")
    }
    #expect(isIncreasing(sol.t))
    #expect(sol.t.last == 2)
  }

  @Test("tstops and saveAt together: saved exactly at the saveAt times")
  func tstopsWithSaveAt() throws {
    let sol = try solve(decay, Tsit5(), saveAt: [0.3, 0.9], tstops: [0.3])
    #expect(sol.t == [0.3, 0.9])
    #expect(abs(sol.u[0][0] - decayExact(0.3)) < 1e-5)
  }

  @Test("dense: false makes sol(t) linear interpolation between saved points")
  func linearInterpolationWithoutDense() throws {
    let sol = try solve(oscillator, Tsit5(), dense: false)
    #expect(sol.interpolant == nil)
    for i in [0, sol.t.count / 2, sol.t.count - 2] {
      let (t0, t1) = (sol.t[i], sol.t[i + 1])
      let theta = 0.3
      let value = sol(t0 + theta * (t1 - t0))
      let linear = (0..<2).map { sol.u[i][$0] + theta * (sol.u[i + 1][$0] - sol.u[i][$0]) }
      #expect(maxDifference(value, linear) < 1e-14)
      let slope = sol(t0 + theta * (t1 - t0), derivative: 1)
      let secant = (0..<2).map { (sol.u[i + 1][$0] - sol.u[i][$0]) / (t1 - t0) }
      #expect(maxDifference(slope, secant) < 1e-12)
    }
    // At saved points it returns the saved state.
    #expect(sol(sol.t[3]) == sol.u[3])
  }

  @Test("saveEveryStep: false keeps the dense output: sol(t) is accurate between the ends")
  func denseOutputWithoutSaving() throws {
    let sol = try solve(
      oscillator, Tsit5(), abstol: 1e-10, reltol: 1e-10, saveEveryStep: false)
    #expect(sol.t == [0, 10])
    for t in stride(from: 0.05, to: 10, by: 0.37) {
      #expect(maxDifference(sol(t), oscillatorExact(t)) < 1e-7, "t = \(t)")
      let v = sol(t, derivative: 1)
      #expect(maxDifference(v, [-sin(t), -cos(t)]) < 1e-6, "t = \(t)")
    }
    #expect(sol([1.0, 2.0]).count == 2)
  }
}
