import DiffEqProblemLibrary
import DiffEqTestSupport
import DifferentialEquations
import Testing

/// FBDF on `M u′ = f(u)` with a constant singular `M` (index-1 DAEs): `W = M − γJ`.
@Suite("FBDF: mass matrices")
struct FBDFMassMatrixTests {
  /// Chemical Akzo Nobel (`M = diag(1, 1, 1, 1, 1, 0)`) at reltol 1e-8, abstol 1e-11, against
  /// the Test Set's reference at t = 180 (every component, the algebraic y₆ included).
  @Test("Chemical Akzo Nobel as a mass-matrix DAE: ≥ 6 digits at reltol 1e-8")
  func akzoNobel() throws {
    let sol = try solve(ChemicalAkzoNobel.problem(), FBDF(), abstol: 1e-11, reltol: 1e-8)
    #expect(sol.retcode == .success)
    let digits = testSetDigits(sol.u.last!, ChemicalAkzoNobel.reference)
    #expect(digits >= 6, "\(digits) digits")
    // The constraint 0 = Ks·y₁y₄ − y₆ at every saved point, to Newton's accuracy.
    for u in sol.u {
      #expect(abs(115.83 * u[0] * u[3] - u[5]) <= 1e-9 * max(1, abs(u[5])))
    }
  }

  /// Robertson with its conservation law as the third equation (`M = diag(1, 1, 0)`,
  /// `0 = y₁ + y₂ + y₃ − 1`) agrees with the ODE form solved by FBDF at the same tolerances,
  /// and the sum stays 1; a dense `M` (the same matrix stored with rows) and the banded and
  /// sparse solvers give the same answer.
  @Test("Robertson as a mass-matrix DAE matches the ODE form; dense, banded and sparse W")
  func robertson() throws {
    try robertsonMassForm(FBDF(), reltol: 1e-8, digits: 6)
  }

  @Test("a non-diagonal M with a banded W or with GMRES: DiffEqError naming massMatrix")
  func unsupported() throws {
    var prob = ChemicalAkzoNobel.problem()
    let lu = try solve(prob, FBDF(), abstol: 1e-10, reltol: 1e-7)
    let krylov = try solve(
      prob, FBDF(linearSolver: .gmres(restart: 10)), abstol: 1e-10, reltol: 1e-7)
    #expect(testSetDigits(krylov.u.last!, lu.u.last!) >= 5, "a diagonal M with GMRES")
    var rows = [[Double]](repeating: [Double](repeating: 0, count: 6), count: 6)
    for i in 0..<5 { rows[i][i] = 1 }
    rows[0][5] = 0.5
    prob.massMatrix = .rows(rows)
    #expect(throws: DiffEqError.self) { try solve(prob, FBDF(linearSolver: .gmres(restart: 10))) }
    prob.jacPrototype = .banded(lower: 5, upper: 5)
    #expect(throws: DiffEqError.self) { try solve(prob, FBDF()) }
  }
}

/// Robertson with its conservation law as the third equation (`M = diag(1, 1, 0)`,
/// `0 = y₁ + y₂ + y₃ − 1`) solved by `alg` at `reltol` agrees with the ODE form solved by `alg`
/// at the same tolerances to `digits` digits, and the sum stays 1 to `drift`; with `M` stored
/// diagonally and with rows (dense), and `W` dense, banded and sparse.
func robertsonMassForm<A: ODEAlgorithm>(
  _ alg: A, reltol: Double, digits: Double, drift allowedDrift: Double = 1e-12
) throws {
  let tspan = (0.0, 1e5)
  let abstol: [Double] = [1e-12, 1e-14, 1e-12]
  let ode = try solve(Rober.problem(tEnd: tspan.1), alg, abstol: abstol, reltol: reltol)
  let masses: [MassMatrix] = [.diagonal([1, 1, 0]), [[1, 0, 0], [0, 1, 0], [0, 0, 0]]]
  let prototypes: [JacobianPrototype?] = [
    nil, .banded(lower: 2, upper: 2),
    .sparse(SparseMatrixCSC(rows: 3, columns: 3, pattern: (0..<9).map { ($0 % 3, $0 / 3) })!),
  ]
  for mass in masses {
    for prototype in prototypes {
      if case .rows = mass, prototype != nil { continue }
      var prob = RobertsonDAE.massMatrixProblem(tEnd: tspan.1, massMatrix: mass)
      prob.jacPrototype = prototype
      let dae = try solve(prob, alg, abstol: abstol, reltol: reltol)
      #expect(
        dae.retcode == .success, "\(alg.name): \(String(describing: dae.diagnostic)) \(dae.stats)")
      let agreement = testSetDigits(dae.u.last!, ode.u.last!)
      #expect(
        agreement >= digits,
        "\(alg.name), \(mass), \(String(describing: prototype)): \(agreement) digits")
      let drift = dae.u.map { (u: [Double]) -> Double in abs(u[0] + u[1] + u[2] - 1) }.max()!
      #expect(drift <= allowedDrift, "\(alg.name): constraint drift \(drift)")
    }
  }
}
