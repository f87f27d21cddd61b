import DiffEqProblemLibrary
import DifferentialEquations

// The stiff suite (`--stiff`): the Test Set's stiff problems with the Rosenbrock methods, and
// then with FBDF and QNDF, over the stiff ladder abstol = 10^-(k+3), reltol = 10^-k, k = 4…9,
// with analytic Jacobians.

/// Builds the solve closure for a stiff problem (no saving, no dense output); `abstols`
/// turns the ladder's scalar abstol into the problem's (componentwise for ROBER).
func stiffSolver<F: ODEFunction>(
  _ problem: ODEProblem<F>, abstols: ((Double) -> [Double])? = nil
) -> (Rosenbrock, Double, Double) throws -> ODESolution<[Double]> where F.State == [Double] {
  { method, abstol, reltol in
    if let abstols {
      return try solve(
        problem, method, abstol: abstols(abstol), reltol: reltol, maxIters: 10_000_000,
        saveEveryStep: false, dense: false)
    }
    return try solve(
      problem, method, abstol: abstol, reltol: reltol, maxIters: 10_000_000,
      saveEveryStep: false, dense: false)
  }
}

/// How a family of methods solves a stiff problem of the suite (with ROBER's componentwise
/// abstol when `abstols` is given): the suite's problem list is written once for all families.
protocol StiffSolveBuilder {
  /// The suite's method type.
  associatedtype Method: BenchmarkMethod
  /// The solve closure for `problem`.
  func solver<F: ODEFunction>(_ problem: ODEProblem<F>, abstols: ((Double) -> [Double])?)
    -> (Method, Double, Double) throws -> ODESolution<[Double]> where F.State == [Double]
}

/// The Rosenbrock methods' solves (``stiffSolver(_:abstols:)``).
struct RosenbrockSolveBuilder: StiffSolveBuilder {
  func solver<F: ODEFunction>(_ problem: ODEProblem<F>, abstols: ((Double) -> [Double])?)
    -> (Rosenbrock, Double, Double) throws -> ODESolution<[Double]> where F.State == [Double]
  {
    stiffSolver(problem, abstols: abstols)
  }
}

/// FBDF's and QNDF's solves, by the method's name.
struct MultistepSolveBuilder: StiffSolveBuilder {
  func solver<F: ODEFunction>(_ problem: ODEProblem<F>, abstols: ((Double) -> [Double])?)
    -> (NamedMethod, Double, Double) throws -> ODESolution<[Double]> where F.State == [Double]
  {
    { method, abstol, reltol in
      let a = abstols?(abstol) ?? [Double](repeating: abstol, count: problem.u0.count)
      if method.name == "QNDF" {
        return try solve(
          problem, QNDF(), abstol: a, reltol: reltol, maxIters: 10_000_000, saveEveryStep: false,
          dense: false)
      }
      return try solve(
        problem, FBDF(), abstol: a, reltol: reltol, maxIters: 10_000_000, saveEveryStep: false,
        dense: false)
    }
  }
}

/// HIRES, ROBER (to 1e11), OREGO, VDPOL (ε = 1e-6), POLLU and Chemical Akzo Nobel (a DAE), solved
/// as `builder` says.
func stiffSuite<B: StiffSolveBuilder>(_ builder: B, including include: (String) -> Bool)
  -> [BenchmarkProblem<B.Method>]
{
  let testSet = "Test Set for IVP Solvers (problems.json)"
  let all = [
    BenchmarkProblem(
      name: "HIRES", referenceSource: testSet, reference: Hires.reference,
      solve: builder.solver(Hires.problem(), abstols: nil)),
    BenchmarkProblem(
      name: "ROBER",
      referenceSource: testSet + "; abstol 10^-(k+6) on y1, y2 (they end near 2e-8 and 8e-14)",
      reference: Rober.reference,
      solve: builder.solver(Rober.problem(), abstols: { [$0 * 1e-3, $0 * 1e-3, $0] })),
    BenchmarkProblem(
      name: "OREGO", referenceSource: testSet, reference: Orego.reference,
      solve: builder.solver(Orego.problem(), abstols: nil)),
    BenchmarkProblem(
      name: "VDPOL", referenceSource: testSet, reference: VanDerPol.reference,
      solve: builder.solver(VanDerPol.problem(), abstols: nil)),
    BenchmarkProblem(
      name: "POLLU", referenceSource: testSet, reference: Pollu.reference,
      solve: builder.solver(Pollu.problem(), abstols: nil)),
    BenchmarkProblem(
      name: "AkzoNobel", referenceSource: testSet + " (mass-matrix DAE)",
      reference: ChemicalAkzoNobel.reference,
      solve: builder.solver(ChemicalAkzoNobel.problem(), abstols: nil)),
  ]
  return all.filter { include($0.name) }
}

/// The Rosenbrock methods of the suite (`--quick`: three of them).
func stiffMethods(quick: Bool) -> [Rosenbrock] {
  let all: [any RosenbrockAlgorithm] = [
    Rosenbrock23(), ROS3P(), Rodas3(), Rodas4(), Rodas4P(), Rodas4P2(), Rodas5(), Rodas5P(),
  ]
  let quickNames = ["Rosenbrock23", "Rodas4", "Rodas5P"]
  return all.map { Rosenbrock($0) }.filter { !quick || quickNames.contains($0.name) }
}
