import DifferentialEquations
import Testing

@Suite("ODESolution and counters")
struct SolutionTests {
  @Test("description names the algorithm, the return code and the end points")
  func description() throws {
    let sol = try solve(oscillator, Tsit5())
    let text = sol.description
    #expect(text.contains("Tsit5"))
    #expect(text.contains("success"))
    #expect(text.contains("naccept = \(sol.stats.naccept)"))
    #expect(text.contains("t = 10.0"))
    #expect(!text.contains("diagnostic"))
    let failed = try solve(lorenz, Vern7(), maxIters: 3)
    #expect(failed.description.contains("Vern7"))
    #expect(failed.description.contains("maxIters"))
    #expect(failed.description.contains("diagnostic"))
  }

  @Test("csv() has a header t,u1,…,un and one row per saved point that reads back exactly")
  func csvRoundTrip() throws {
    let sol = try solve(lorenz, Tsit5(), saveAt: [0.1, 1.0 / 3.0, 7.77, 100])
    let lines = sol.csv().split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.first == "t,u1,u2,u3")
    #expect(lines.last == "")  // ends with a newline
    let rows = lines.dropFirst().dropLast()
    #expect(rows.count == sol.t.count)
    for (row, (t, u)) in zip(rows, zip(sol.t, sol.u)) {
      let numbers = row.split(separator: ",").map { Double(String($0)) }
      #expect(numbers.count == 4)
      #expect(numbers == [t] + u)
    }
  }

  @Test("csv() of a StaticVector<…, Float> solution")
  func csvFloat() throws {
    let prob = ODEProblem(u0: StaticVector<2, Float>([1, 0]), tspan: (0.0, 1.0)) { u, _, _ in
      [u[1], -u[0]]
    }
    let sol = try solve(prob, Tsit5(), saveAt: [0.5])
    let lines = sol.csv().split(separator: "\n")
    #expect(lines == ["t,u1,u2", "0.5,\(Double(sol.u[0][0])),\(Double(sol.u[0][1]))"])
  }

  @Test("Tsit5 counters: 6 evaluations per attempt (FSAL), plus 1 at t₀ and 2 for the initial dt")
  func tsit5Stats() throws {
    let sol = try solve(lorenz, Tsit5())
    let stats = sol.stats
    #expect(stats.nf >= 6 * stats.naccept)
    #expect(stats.nf == 6 * stats.nsteps + 3)
    #expect(stats.nsteps == stats.naccept + stats.nreject)
    #expect(stats.naccept == sol.t.count - 1)
    #expect(stats.nreject > 0)
    #expect(stats.njacs == 0 && stats.nfactorizations == 0 && stats.nsolves == 0)
    // With a given dt there is no initial step-size estimate.
    let given = try solve(lorenz, Tsit5(), dt: 1e-3)
    #expect(given.stats.nf == 6 * given.stats.nsteps + 1)
  }

  @Test("saving options do not change the steps taken")
  func savingDoesNotChangeSteps() throws {
    let every = try solve(lorenz, Tsit5())
    let ends = try solve(lorenz, Tsit5(), saveEveryStep: false, dense: false)
    let some = try solve(lorenz, Tsit5(), saveAt: [1, 2, 3])
    #expect(ends.stats == every.stats)
    #expect(some.stats == every.stats)
    #expect(ends.u.last == every.u.last)
  }

  @Test("SolverStats and ReturnCode describe themselves")
  func statsAndReturnCode() {
    var stats = SolverStats()
    #expect(stats.description == "nf = 0, naccept = 0, nreject = 0")
    stats.nf = 12
    stats.naccept = 2
    stats.nreject = 1
    stats.njacs = 4
    #expect(stats.nsteps == 3)
    #expect(stats.description == "nf = 12, naccept = 2, nreject = 1, njacs = 4")
    #expect(ReturnCode.success.isSuccessful)
    #expect(ReturnCode.terminated.isSuccessful)
    for code in [ReturnCode.default, .maxIters, .dtLessThanMin, .unstable, .initialFailure] {
      #expect(!code.isSuccessful)
    }
    #expect("\(ReturnCode.dtLessThanMin)" == "dtLessThanMin")
  }

  @Test("FailureDiagnostic describes where and why")
  func diagnosticDescription() {
    let d = FailureDiagnostic(
      t: 1.5, dt: 1e-14, rejectionStreak: 3, firstNonFiniteComponent: 2, message: "blew up")
    #expect(
      d.description
        == "blew up (t = 1.5, dt = 1e-14, rejected in a row: 3, first non-finite component: 2)")
    let e = DiffEqError(field: "u0", message: "fix it")
    #expect(e.description == "invalid u0: fix it")
  }

  @Test("the stepping interface: step() advances, solution grows, solve() finishes")
  func stepping() throws {
    var integrator = try ODEIntegrator(decay, Tsit5())
    #expect(integrator.t == 0)
    #expect(integrator.u == [1])
    #expect(!integrator.isFinished)
    let stepped = integrator.step()
    #expect(stepped)
    #expect(integrator.t > 0)
    #expect(integrator.tprev == 0)
    #expect(integrator.uprev == [1])
    #expect(integrator.dt == integrator.t)
    #expect(integrator.solution.t == [0, integrator.t])
    let sol = integrator.solve()
    #expect(sol.retcode == .success)
    #expect(integrator.t == 2)
    #expect(sol.t == (try solve(decay, Tsit5())).t)
  }
}
