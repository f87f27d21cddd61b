import DiffEqProblemLibrary
import DifferentialEquations

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// The large stiff suite (`--large`), the Swift side of Benchmarks/compare/run_large.sh:
// POLLU (20 species, dense LU, analytic Jacobian) with FBDF, QNDF and Rodas5P, and the 2-D
// Brusselator on a 32 × 32 periodic grid (2048 equations, forcing from t = 1.1: tstops [1.1])
// with FBDF on sparse LU (coloured difference Jacobian from the pattern) and FBDF with GMRES
// (ILU(0) from the pattern), over the stiff ladder abstol = 10^-(k+3), reltol = 10^-k.

/// The stored Brusselator reference (Benchmarks/compare/reference/brusselator2d_n32.txt, made
/// by CVODE-KLU at rtol 1e-14, cross-checked to 10–11 digits), or `nil` when the file is not
/// found from the working directory (run from the repository root).
func brusselatorReference(path: String = "Benchmarks/compare/reference/brusselator2d_n32.txt")
  -> [Double]?
{
  guard let file = fopen(path, "r") else { return nil }
  defer { fclose(file) }
  var values: [Double] = []
  var line: UnsafeMutablePointer<CChar>?
  var capacity = 0
  while getline(&line, &capacity, file) > 0 {
    // Lines starting with "#" (35) are the header.
    guard let line, line[0] != 35 else { continue }
    values.append(strtod(line, nil))
  }
  free(line)
  return values.count == 2048 ? values : nil
}

/// POLLU and BRUSS2D_N32 with the methods named in `methods(for:)`.
func largeStiffSuite(including include: (String) -> Bool) -> [BenchmarkProblem<NamedMethod>] {
  let pollu = Pollu.problem()
  let bruss = Brusselator2D.problem(n: 32, tEnd: 11.5)
  let all = [
    BenchmarkProblem<NamedMethod>(
      name: "POLLU", referenceSource: "Test Set for IVP Solvers (problems.json)",
      reference: Pollu.reference,
      solve: { method, abstol, reltol in
        switch method.name {
        case "QNDF":
          return try solve(
            pollu, QNDF(), abstol: abstol, reltol: reltol, maxIters: 10_000_000,
            saveEveryStep: false, dense: false)
        case "Rodas5P":
          return try solve(
            pollu, Rodas5P(), abstol: abstol, reltol: reltol, maxIters: 10_000_000,
            saveEveryStep: false, dense: false)
        default:
          return try solve(
            pollu, FBDF(), abstol: abstol, reltol: reltol, maxIters: 10_000_000,
            saveEveryStep: false, dense: false)
        }
      }),
    BenchmarkProblem<NamedMethod>(
      name: "BRUSS2D_N32",
      referenceSource: "Benchmarks/compare/reference/brusselator2d_n32.txt (CVODE-KLU, rtol 1e-14)",
      reference: brusselatorReference(),
      solve: { method, abstol, reltol in
        let alg =
          method.name == "FBDF(GMRES)" ? FBDF(linearSolver: .gmres(restart: 30)) : FBDF()
        return try solve(
          bruss, alg, abstol: abstol, reltol: reltol, maxIters: 10_000_000,
          saveEveryStep: false, tstops: [1.1], dense: false)
      }),
  ]
  return all.filter { include($0.name) }
}

/// The methods for each problem of the large suite.
func largeStiffMethods(for problem: String, quick: Bool) -> [NamedMethod] {
  if problem == "POLLU" {
    return (quick ? ["FBDF"] : ["FBDF", "QNDF", "Rodas5P"]).map(NamedMethod.init)
  }
  return ["FBDF", "FBDF(GMRES)"].map(NamedMethod.init)
}
