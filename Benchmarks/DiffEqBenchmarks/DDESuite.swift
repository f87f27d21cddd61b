import DiffEqProblemLibrary
import DifferentialEquations

// The delay-equation suite (`--dde`): work-precision of MethodOfSteps over the explicit RK
// methods on three problems, and the cost of the method-of-steps machinery itself.

/// Builds the solve closure of a delay problem with saving and dense output off.
func ddeSolver<F: DDEFunction>(_ problem: DDEProblem<F>) -> (ExplicitRK, Double, Double) throws
  -> ODESolution<[Double]> where F.State == [Double]
{
  { method, abstol, reltol in
    try solve(
      problem, MethodOfSteps(method), abstol: abstol, reltol: reltol, maxIters: 10_000_000,
      saveEveryStep: false, dense: false)
  }
}

/// u′ = −u(t − 1) (exact), Mackey–Glass (reference computed here), Neves' state-dependent
/// D1 (exact) and Hayashi's neutral H2 (exact).
func ddeSuite(including include: (String) -> Bool) throws -> [BenchmarkProblem<ExplicitRK>] {
  var problems: [BenchmarkProblem<ExplicitRK>] = []
  if include("DDE-constant") {
    problems.append(
      BenchmarkProblem(
        name: "DDE-constant",
        referenceSource: "u′ = −u(t − 1) to t = 10: exact 19223/362880 (problems.json)",
        reference: [ConstantDelay.reference10], solve: ddeSolver(ConstantDelay.problem())))
  }
  if include("MackeyGlass") { problems.append(try mackeyGlassBenchmark()) }
  if include("DDE-statedep") {
    problems.append(
      BenchmarkProblem(
        name: "DDE-statedep",
        referenceSource:
          "DDETST D1 (Neves 1975), state-dependent lag, to t = 5: exact (log t, 1/t)",
        reference: NevesD1.exact(5), solve: ddeSolver(NevesD1.problem())))
  }
  if include("DDE-neutral") {
    problems.append(
      BenchmarkProblem(
        name: "DDE-neutral",
        referenceSource: "DDETST H2 (Hayashi 1996), neutral, to t = π/2: exact sin t = 1",
        reference: [1.0], solve: ddeSolver(HayashiH2.problem(tEnd: Double.pi / 2))))
  }
  return problems
}

/// Mackey–Glass with its reference (computed here: the most expensive part of the suite).
func mackeyGlassBenchmark() throws -> BenchmarkProblem<ExplicitRK> {
  let mackeyGlass = MackeyGlass.problem()
  // No published high-precision value: Vern9 at abstol = reltol = 1e-14, checked against
  // DP8 at the same tolerance.
  let mgVern9 = try solve(
    mackeyGlass, MethodOfSteps(Vern9()), abstol: 1e-14, reltol: 1e-14, saveEveryStep: false,
    dense: false)
  let mgDP8 = try solve(
    mackeyGlass, MethodOfSteps(DP8()), abstol: 1e-14, reltol: 1e-14, saveEveryStep: false,
    dense: false)
  let mgRef = mgVern9.u.last!
  let mgAgreement = abs(mgRef[0] - mgDP8.u.last![0]) / abs(mgRef[0])
  return BenchmarkProblem(
    name: "MackeyGlass",
    referenceSource:
      "DDETST A1 to t = 500: MethodOfSteps(Vern9) at 1e-14 (agrees with DP8 at 1e-14 to \(format("%.1e", mgAgreement)))",
    reference: mgRef, solve: ddeSolver(mackeyGlass))
}

/// Lorenz written as a delay equation whose right-hand side never reads the history.
struct LorenzAsDDE: DDEFunction {
  @inlinable
  func callAsFunction(
    _ du: inout [Double], _ u: [Double], _ h: DDEHistory<[Double]>, _ p: NullParameters,
    _ t: Double
  ) {
    Lorenz()(&du, u, p, t)
  }
}

/// The method of steps' own cost: Lorenz solved as an ODE and as a delay equation with a
/// lag it never reads (same steps), Tsit5 at 1e-8, min time over `rounds` interleaved runs.
func ddeOverhead(rounds: Int) throws {
  let ode = Lorenz.problem()
  let dde = DDEProblem(
    LorenzAsDDE(), u0: ode.u0, history: { out, _, _, _ in out.assign([1.0, 0, 0]) },
    tspan: ode.tspan, p: NullParameters(), constantLags: [1000])
  var odeTime = Double.infinity
  var ddeTime = Double.infinity
  var steps = (0, 0)
  for _ in 0..<rounds {
    var start = now()
    let a = try solve(ode, Tsit5(), abstol: 1e-8, reltol: 1e-8, saveEveryStep: false)
    odeTime = min(odeTime, now() - start)
    start = now()
    let b = try solve(
      dde, MethodOfSteps(Tsit5()), abstol: 1e-8, reltol: 1e-8, saveEveryStep: false)
    ddeTime = min(ddeTime, now() - start)
    blackHole += a.u.last![0] + b.u.last![0]
    steps = (a.stats.naccept, b.stats.naccept)
  }
  print(
    "\nMethod-of-steps overhead (Lorenz, Tsit5, 1e-8; the DDE form records every step as history)")
  print(
    format(
      "  ODE %8.3f ms (%d steps)   DDE %8.3f ms (%d steps)   ratio %.2f", odeTime * 1000,
      steps.0, ddeTime * 1000, steps.1, ddeTime / odeTime))
}
