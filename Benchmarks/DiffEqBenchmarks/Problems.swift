import DifferentialEquations

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// The non-stiff suite. Each model is a struct conforming to ODEFunction (the fast way in),
// written natively in Swift; the C baseline writes the same arithmetic in C.

/// Lotka–Volterra, a = 1.5, b = 1, c = 3, d = 1 (SciMLBenchmarks / DiffEqProblemLibrary).
struct LotkaVolterra: ODEFunction {
  func callAsFunction(_ du: inout [Double], _ u: [Double], _ p: NullParameters, _ t: Double) {
    du[0] = 1.5 * u[0] - 1.0 * u[0] * u[1]
    du[1] = -3.0 * u[1] + 1.0 * u[0] * u[1]
  }
}

/// Lorenz 63 with σ = 10, ρ = 28, β = 8/3, in place on `[Double]`.
struct Lorenz: ODEFunction {
  func callAsFunction(_ du: inout [Double], _ u: [Double], _ p: NullParameters, _ t: Double) {
    du[0] = 10.0 * (u[1] - u[0])
    du[1] = u[0] * (28.0 - u[2]) - u[1]
    du[2] = u[0] * u[1] - (8.0 / 3.0) * u[2]
  }
}

/// Lorenz 63 on the fixed-size `StaticVector<3, Double>`.
struct LorenzStatic: ODEFunction {
  func callAsFunction(
    _ du: inout StaticVector<3, Double>, _ u: StaticVector<3, Double>, _ p: NullParameters,
    _ t: Double
  ) {
    du[0] = 10.0 * (u[1] - u[0])
    du[1] = u[0] * (28.0 - u[2]) - u[1]
    du[2] = u[0] * u[1] - (8.0 / 3.0) * u[2]
  }
}

/// PLEI (Hairer–Nørsett–Wanner I, II.10; Test Set for IVP Solvers): seven bodies of mass
/// j = 1…7 in the plane; state x₁…x₇, y₁…y₇, x₁′…x₇′, y₁′…y₇′.
struct Pleiades: ODEFunction {
  func callAsFunction(_ du: inout [Double], _ u: [Double], _ p: NullParameters, _ t: Double) {
    for i in 0..<14 { du[i] = u[14 + i] }
    for i in 0..<7 {
      var ax = 0.0
      var ay = 0.0
      for j in 0..<7 where j != i {
        let dx = u[j] - u[i]
        let dy = u[7 + j] - u[7 + i]
        let r = dx * dx + dy * dy
        let r32 = r * r.squareRoot()
        ax += Double(j + 1) * dx / r32
        ay += Double(j + 1) * dy / r32
      }
      du[14 + i] = ax
      du[21 + i] = ay
    }
  }
}

/// Arenstorf orbit: the restricted three-body problem, μ = 0.012277471 (HNW I, p. 129).
struct Arenstorf: ODEFunction {
  func callAsFunction(_ du: inout [Double], _ u: [Double], _ p: NullParameters, _ t: Double) {
    let mu = 0.012277471
    let mup = 1 - mu
    let r1 = (u[0] + mu) * (u[0] + mu) + u[1] * u[1]
    let r2 = (u[0] - mup) * (u[0] - mup) + u[1] * u[1]
    let d1 = r1 * r1.squareRoot()
    let d2 = r2 * r2.squareRoot()
    du[0] = u[2]
    du[1] = u[3]
    du[2] = u[0] + 2 * u[3] - mup * (u[0] + mu) / d1 - mu * (u[0] - mup) / d2
    du[3] = u[1] - 2 * u[2] - mup * u[1] / d1 - mu * u[1] / d2
  }
}

/// Euler's free rigid body, I = (−2, 1.25, −0.5) (HNW I, p. 244).
struct RigidBody: ODEFunction {
  func callAsFunction(_ du: inout [Double], _ u: [Double], _ p: NullParameters, _ t: Double) {
    du[0] = -2.0 * u[1] * u[2]
    du[1] = 1.25 * u[0] * u[2]
    du[2] = -0.5 * u[0] * u[1]
  }
}

/// Kepler's two-body problem q″ = −q/|q|³ (Hairer–Lubich–Wanner, GNI I.2).
struct Kepler: ODEFunction {
  func callAsFunction(_ du: inout [Double], _ u: [Double], _ p: NullParameters, _ t: Double) {
    let r2 = u[0] * u[0] + u[1] * u[1]
    let r3 = r2 * r2.squareRoot()
    du[0] = u[2]
    du[1] = u[3]
    du[2] = -u[0] / r3
    du[3] = -u[1] / r3
  }
}

/// One problem of the suite: how to solve it with a method and what the answer is.
struct BenchmarkProblem {
  /// Short name used by `--filter` and in the tables.
  let name: String
  /// Where the reference comes from.
  let referenceSource: String
  /// The reference end state, or `nil` for timing-only problems.
  let reference: [Double]?
  /// Solves with `method` at the given tolerances and returns the end state and statistics.
  let solve: (ExplicitRK, Double, Double) throws -> ODESolution<[Double]>
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
func nonStiffSuite() throws -> [BenchmarkProblem] {
  let lv = ODEProblem(LotkaVolterra(), u0: [1.0, 1.0], tspan: (0, 10), p: NullParameters())
  // No published high-precision value exists for Lotka–Volterra on [0, 10]: the reference is
  // computed here by DP8 at abstol = reltol = 1e-14, checked against Vern9 at the same
  // tolerance (SciMLBenchmarks uses Vern7 at 1e-14 the same way).
  let lvDP8 = try solve(lv, DP8(), abstol: 1e-14, reltol: 1e-14, saveEveryStep: false, dense: false)
  let lvVern9 = try solve(
    lv, Vern9(), abstol: 1e-14, reltol: 1e-14, saveEveryStep: false, dense: false)
  let lvRef = lvDP8.u.last!
  let lvAgreement = zip(lvRef, lvVern9.u.last!).map { abs($0 - $1) / abs($0) }.max()!
  let plei = ODEProblem(
    Pleiades(),
    u0: [
      3, 3, -1, -3, 2, -2, 2, 3, -3, 2, 0, 0, -4, 4, 0, 0, 0, 0, 0, 1.75, -1.5, 0, 0, 0, -1.25, 1,
      0, 0,
    ], tspan: (0, 3), p: NullParameters())
  // Test Set for IVP Solvers (Bari), plei.F, PSIDE at rtol = atol = 1e-16
  // (../shared/reference/problems.json, id "plei").
  let pleiRef = [
    0.3706139143970502, 3.237284092057233, -3.222559032418324, 0.659709145577531,
    0.3425581707156584, 1.562172101400631, -0.7003092922212495, -3.943437585517392,
    -3.27138097397255, 5.225081843456543, -2.59061243497747, 1.198213693392275,
    -0.2429682344935824, 1.09144924042898, 3.417003806314313, 1.354584501625501,
    -2.590065597810775, 2.025053734714242, -1.155815100160448, -0.8072988170223021,
    0.595239635420871, -3.74124496123401, 0.377345968575063, 0.9386858869551074,
    0.3667922227200571, -0.347404635380849, 2.344915448180937, -1.947020434263292,
  ]
  let arenstorfY0 = [0.994, 0.0, 0.0, -2.0015851063790824]
  let arenstorf = ODEProblem(
    Arenstorf(), u0: arenstorfY0, tspan: (0, 17.065216560157964), p: NullParameters())
  let rigid = ODEProblem(RigidBody(), u0: [1.0, 0.0, 0.9], tspan: (0, 20), p: NullParameters())
  let keplerY0 = [0.4, 0.0, 0.0, 2.0]
  let kepler = ODEProblem(Kepler(), u0: keplerY0, tspan: (0, 20 * Double.pi), p: NullParameters())
  let lorenz = ODEProblem(Lorenz(), u0: [1.0, 0.0, 0.0], tspan: (0, 100), p: NullParameters())
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
      reference: [0.6062038539648114, 0.6287472104501786, 0.8073851485756014],
      solve: solver(rigid)),
    BenchmarkProblem(
      name: "Kepler", referenceSource: "closed form: y(20π) = y(0)", reference: keplerY0,
      solve: solver(kepler)),
  ]
}
