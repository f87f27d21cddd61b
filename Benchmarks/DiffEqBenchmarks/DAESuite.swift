import DiffEqProblemLibrary
import DifferentialEquations

// The DAE suite (`--dae`), the Swift side of Benchmarks/compare/run_dae.sh: Robertson as a
// residual DAE (y₁ + y₂ + y₃ = 1) to t = 1e5 (reference: RobertsonDAE.reference1e5, IDA at
// rtol 1e-13) and to t = 1e11 (the Test Set's ROBER), Chemical Akzo Nobel (index 1, the
// Test Set's reference) and the pendulum in index-1 form to t = 10 (PendulumDAE.reference,
// the exact solution), each with DFBDF on the residual form and with FBDF and Rodas5P on
// the mass-matrix form M u′ = f(u). Ladder abstol = 10^-(k+3), reltol = 10^-k, k = 4…9;
// ROBER's abstol is (10^-(k+6), 10^-(k+6), 10^-(k+3)), as in the stiff suite and ida_dae.c;
// AKZO's and PENDULUM's the scalar, the same for every component.

/// One DAE of the suite: its residual form, its mass-matrix form and the abstol rule.
func daeBenchmark<F: ODEFunction>(
  name: String, reference: [Double], source: String,
  residual: DAEProblem<[Double], NullParameters>, mass: ODEProblem<F>,
  abstols: @escaping (Double) -> [Double]
) -> BenchmarkProblem<NamedMethod> where F.State == [Double] {
  BenchmarkProblem(
    name: name, referenceSource: source, reference: reference,
    solve: { method, abstol, reltol in
      let a = abstols(abstol)
      switch method.name {
      case "FBDF":
        return try solve(
          mass, FBDF(), abstol: a, reltol: reltol, maxIters: 10_000_000, saveEveryStep: false,
          dense: false)
      case "Rodas5P":
        return try solve(
          mass, Rodas5P(), abstol: a, reltol: reltol, maxIters: 10_000_000, saveEveryStep: false,
          dense: false)
      default:
        return try solve(
          residual, DFBDF(), abstol: a, reltol: reltol, maxIters: 10_000_000,
          saveEveryStep: false, dense: false)
      }
    })
}

/// ROBERDAE5, ROBERDAE11, AKZO and PENDULUM.
func daeSuite(including include: (String) -> Bool) -> [BenchmarkProblem<NamedMethod>] {
  let rober: (Double) -> [Double] = { [$0 * 1e-3, $0 * 1e-3, $0] }
  let all = [
    daeBenchmark(
      name: "ROBERDAE5", reference: RobertsonDAE.reference1e5,
      source: "IDA at rtol 1e-13 (Benchmarks/compare/reference/roberdae_1e5.txt)",
      residual: RobertsonDAE.problem(tEnd: 1e5), mass: RobertsonDAE.massMatrixProblem(tEnd: 1e5),
      abstols: rober),
    daeBenchmark(
      name: "ROBERDAE11", reference: Rober.reference,
      source: "Test Set for IVP Solvers (problems.json, rober)",
      residual: RobertsonDAE.problem(tEnd: 1e11), mass: RobertsonDAE.massMatrixProblem(tEnd: 1e11),
      abstols: rober),
    daeBenchmark(
      name: "AKZO", reference: ChemicalAkzoNobel.reference,
      source: "Test Set for IVP Solvers (problems.json, chemakzo)",
      residual: ChemicalAkzoNobelDAE.problem(), mass: ChemicalAkzoNobel.problem(),
      abstols: { [Double](repeating: $0, count: 6) }),
    daeBenchmark(
      name: "PENDULUM", reference: PendulumDAE.reference,
      source: "exact (Jacobi elliptic functions; Benchmarks/compare/reference/pendulum_dae.txt)",
      residual: PendulumDAE.problem(), mass: PendulumDAE.massMatrixProblem(),
      abstols: { [Double](repeating: $0, count: 5) }),
  ]
  return all.filter { include($0.name) }
}

/// DFBDF on the residual form, FBDF and Rodas5P on the mass-matrix form (`--quick`: DFBDF).
func daeMethods(quick: Bool) -> [NamedMethod] {
  (quick ? ["DFBDF"] : ["DFBDF", "FBDF", "Rodas5P"]).map(NamedMethod.init)
}
