import DiffEqProblemLibrary
import DifferentialEquations

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// The non-stiff suite: models from DiffEqProblemLibrary, written natively in Swift as
// ODEFunction structs (the fast way in); the C baseline writes the same arithmetic in C.

/// A method the benchmark can run and name.
protocol BenchmarkMethod {
  /// The name in the tables.
  var name: String { get }
}

extension ExplicitRK: BenchmarkMethod {}

extension Rosenbrock: BenchmarkMethod {}

/// One problem of a suite: how to solve it with a method and what the answer is.
struct BenchmarkProblem<Method: BenchmarkMethod> {
  /// Short name used by `--filter` and in the tables.
  let name: String
  /// Where the reference comes from.
  let referenceSource: String
  /// The reference end state, or `nil` for timing-only problems.
  let reference: [Double]?
  /// Solves with `method` at the given tolerances and returns the end state and statistics.
  let solve: (Method, Double, Double) throws -> ODESolution<[Double]>
}

/// Builds the solve closure for `problem` with saving and dense output off (BENCHMARKING.md).
func solver<F: ODEFunction>(_ problem: ODEProblem<F>) -> (ExplicitRK, Double, Double) throws
  -> ODESolution<[Double]> where F.State == [Double]
{
  { method, abstol, reltol in
    try solve(
      problem, method, abstol: abstol, reltol: reltol, maxIters: 10_000_000, saveEveryStep: false,
      dense: false)
  }
}

/// The non-stiff suite of the issue: Lotka–Volterra, Lorenz (timing only), PLEI, Arenstorf
/// (one period), rigid body, Kepler e = 0.6 (ten periods).
func nonStiffSuite() throws -> [BenchmarkProblem<ExplicitRK>] {
  let lv = LotkaVolterra.problem()
  // No published high-precision value exists for Lotka–Volterra on [0, 10]: the reference is
  // computed here by DP8 at abstol = reltol = 1e-14, checked against Vern9 at the same
  // tolerance (SciMLBenchmarks uses Vern7 at 1e-14 the same way).
  let lvDP8 = try solve(lv, DP8(), abstol: 1e-14, reltol: 1e-14, saveEveryStep: false, dense: false)
  let lvVern9 = try solve(
    lv, Vern9(), abstol: 1e-14, reltol: 1e-14, saveEveryStep: false, dense: false)
  let lvRef = lvDP8.u.last!
  let lvAgreement = zip(lvRef, lvVern9.u.last!).map { abs($0 - $1) / abs($0) }.max()!
  let plei = Pleiades.problem()
  let pleiRef = Pleiades.reference
  let arenstorfY0 = Arenstorf.initialValue
  let arenstorf = Arenstorf.problem()
  let rigid = RigidBody.problem()
  let keplerY0 = [0.4, 0.0, 0.0, 2.0]
  let kepler = Kepler.problem(tEnd: 20 * Double.pi)
  let lorenz = Lorenz.problem()
  return [
    BenchmarkProblem(
      name: "LotkaVolterra",
      referenceSource:
        "DP8 at 1e-14 (agrees with Vern9 at 1e-14 to \(format("%.1e", lvAgreement)))",
      reference: lvRef, solve: solver(lv)),
    BenchmarkProblem(
      name: "Lorenz", referenceSource: "timing only (chaotic)", reference: nil,
      solve: solver(lorenz)),
    BenchmarkProblem(
      name: "PLEI", referenceSource: "Test Set for IVP Solvers, plei.F (PSIDE, tol 1e-16)",
      reference: pleiRef, solve: solver(plei)),
    BenchmarkProblem(
      name: "Arenstorf", referenceSource: "periodic: y(T) = y(0) (HNW I p. 129)",
      reference: arenstorfY0, solve: solver(arenstorf)),
    BenchmarkProblem(
      name: "RigidBody",
      referenceSource: "closed form with Jacobi elliptic functions (problems.json)",
      reference: RigidBody.referenceAt20,
      solve: solver(rigid)),
    BenchmarkProblem(
      name: "Kepler", referenceSource: "closed form: y(20π) = y(0)", reference: keplerY0,
      solve: solver(kepler)),
  ]
}
