import DiffEqProblemLibrary
import DiffEqTestSupport
import DifferentialEquations
import Testing

@Suite("Rosenbrock methods: allocation, failures, bad input")
struct RosenbrockRobustnessTests {
  @Test(
    "stepping allocates nothing: Jacobians, factorizations and solves included",
    arguments: ["analytic", "differences", "banded"])
  func noAllocation(_ jacobian: String) throws {
    try #require(allocationCountingIsActive || !allocationCountingIsExpected)
    var prob = Hires.problem()
    if jacobian != "analytic" { prob.jac = nil }
    if jacobian == "banded" { prob.jacPrototype = .banded(lower: 7, upper: 7) }
    var integrator = try ODEIntegrator(
      prob, Rodas5P(),
      options: ODESolverOptions(
        abstol: 1e-12, reltol: 1e-10, saveEveryStep: false, dense: false))
    for _ in 0..<5 { integrator.step() }
    let count = allocations {
      for _ in 0..<100 { integrator.step() }
    }
    #expect(count == 0, "\(jacobian): \(count) allocations in 100 steps")
    #expect(integrator.stats.njacs > 100 && integrator.stats.nfactorizations > 100)
  }

  @Test("a banded Jacobian by coloured differences gives the dense solution, in fewer f-calls")
  func bandedMatchesDense() throws {
    // POLLU is not banded; a tridiagonal reaction–diffusion chain is.
    let n = 40
    var prob = ODEProblem(u0: (0..<n).map { 1 + 0.1 * Double($0 % 3) }, tspan: (0.0, 2.0)) {
      du, u, _, _ in
      let count = u.count
      for i in 0..<count {
        let left = i > 0 ? u[i - 1] : 1
        let right = i < count - 1 ? u[i + 1] : 1
        du[i] = 400 * (left - 2 * u[i] + right) - u[i] * u[i]
      }
    }
    prob.isAutonomous = true
    let dense = try solve(prob, Rodas5P(), abstol: 1e-8, reltol: 1e-8, saveEveryStep: false)
    prob.jacPrototype = .banded(lower: 1, upper: 1)
    let banded = try solve(prob, Rodas5P(), abstol: 1e-8, reltol: 1e-8, saveEveryStep: false)
    #expect(dense.retcode == .success && banded.retcode == .success)
    let difference = zip(dense.u.last!, banded.u.last!).map { abs($0 - $1) }.max()!
    #expect(difference <= 1e-7, "max difference \(difference)")
    // Dense differences cost n f-calls per Jacobian, banded 3 (colours) — plus the stages.
    #expect(banded.stats.nf < dense.stats.nf / 4, "\(banded.stats.nf) vs \(dense.stats.nf)")
  }

  @Test("a singular W at every step size ends with a return code and a diagnostic")
  func singularW() throws {
    // An "algebraic equation" 0 = 0 that does not involve u₂: W's second row is zero for
    // every h (a modelling error a user can make).
    let prob = ODEProblem(
      u0: [1.0, 0.0], tspan: (0.0, 1.0), p: NullParameters(), massMatrix: .diagonal([1, 0])
    ) { du, u, _, _ in
      du[0] = -u[0]
      du[1] = 0
    }
    let sol = try solve(prob, Rodas5P())
    #expect(sol.retcode != .success)
    let message = try #require(sol.diagnostic?.message)
    #expect(message.contains("singular"), "\(message)")
  }

  @Test("bad input: mass matrix shape, non-finite entries, explicit methods, Rosenbrock32 on a DAE")
  func badInput() throws {
    func field(_ body: () throws -> Void) -> String? {
      do {
        try body()
        return nil
      } catch let error as DiffEqError {
        return error.field
      } catch {
        return "\(error)"
      }
    }
    var prob = VanDerPol.problem()
    prob.massMatrix = [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
    #expect(field { _ = try solve(prob, Rodas5P()) } == "massMatrix")
    prob.massMatrix = [[1, 0], [0]]
    #expect(field { _ = try solve(prob, Rodas5P()) } == "massMatrix")
    prob.massMatrix = .diagonal([1, .nan])
    #expect(field { _ = try solve(prob, Rodas5P()) } == "massMatrix")
    prob.massMatrix = .diagonal([1, 0])
    #expect(field { _ = try solve(prob, Tsit5()) } == "massMatrix")
    #expect(field { _ = try solve(prob, Rosenbrock32()) } == "massMatrix")
    prob = VanDerPol.problem()
    prob.jac = { j, _, _, _ in j[0, 0] = .infinity }
    #expect(field { _ = try solve(prob, Rodas5P()) } == "jac")
    prob = VanDerPol.problem()
    prob.jacPrototype = .banded(lower: 3, upper: 0)
    #expect(field { _ = try solve(prob, Rodas5P()) } == "jacPrototype")
  }
}
