import DiffEqProblemLibrary
import DiffEqTestSupport
import DifferentialEquations
import Testing

/// QNDF, QNDF1, QNDF2 and ABDF2 on `M u′ = f(u)` with a constant singular `M` (index-1 DAEs):
/// `W = M − γJ`, the first step's predictor `uₙ + h fᵢ/Mᵢᵢ` and its estimate without the
/// algebraic components, as FBDF does them.
@Suite("QNDF, QNDF1, QNDF2, ABDF2: mass matrices")
struct QNDFMassMatrixTests {
  /// Chemical Akzo Nobel (`M = diag(1, 1, 1, 1, 1, 0)`) against the Test Set's reference at
  /// t = 180, every component. Measured: QNDF 7.50 digits at reltol 1e-8 (306 steps), ABDF2
  /// 5.66 at 1e-8 (2659 steps; order 2).
  @Test("Chemical Akzo Nobel as a mass-matrix DAE: QNDF ≥ 6 digits at reltol 1e-8")
  func akzoNobel() throws {
    let qndf = try solve(ChemicalAkzoNobel.problem(), QNDF(), abstol: 1e-11, reltol: 1e-8)
    let abdf2 = try solve(ChemicalAkzoNobel.problem(), ABDF2(), abstol: 1e-11, reltol: 1e-8)
    for (sol, required) in [(qndf, 6.0), (abdf2, 5.0)] {
      #expect(sol.retcode == .success)
      let digits = testSetDigits(sol.u.last!, ChemicalAkzoNobel.reference)
      #expect(digits >= required, "\(sol.algorithm): \(digits) digits")
      // The constraint 0 = Ks·y₁y₄ − y₆ at every saved point, to Newton's accuracy.
      for u in sol.u {
        #expect(abs(115.83 * u[0] * u[3] - u[5]) <= 1e-9 * max(1, abs(u[5])))
      }
    }
  }

  /// Robertson in mass-matrix form against its ODE form, solved by the same method at the same
  /// tolerances. Measured agreement: QNDF ≥ 9 digits at 1e-8, QNDF1 8.09 at 1e-5, QNDF2 7.15
  /// at 1e-6, ABDF2 8.41 at 1e-8.
  @Test("Robertson as a mass-matrix DAE matches the ODE form; dense, banded and sparse W")
  func robertson() throws {
    try robertsonMassForm(QNDF(), reltol: 1e-8, digits: 6)
    try robertsonMassForm(QNDF1(), reltol: 1e-5, digits: 6)
    try robertsonMassForm(QNDF2(), reltol: 1e-6, digits: 6)
    try robertsonMassForm(ABDF2(), reltol: 1e-8, digits: 6)
  }

  /// GMRES applies `M v − γ J v` with a diagonal `M`; a non-diagonal one needs dense LU.
  @Test("a diagonal M with GMRES gives the LU answer; a non-diagonal M with GMRES throws")
  func gmres() throws {
    var prob = ChemicalAkzoNobel.problem()
    let lu = try solve(prob, QNDF(), abstol: 1e-10, reltol: 1e-7)
    let krylov = try solve(prob, QNDF(linearSolver: .gmres), abstol: 1e-10, reltol: 1e-7)
    #expect(krylov.retcode == .success)
    #expect(testSetDigits(krylov.u.last!, lu.u.last!) >= 5)
    var rows = [[Double]](repeating: [Double](repeating: 0, count: 6), count: 6)
    for i in 0..<5 { rows[i][i] = 1 }
    rows[0][5] = 0.5
    prob.massMatrix = .rows(rows)
    for result in [
      Result { try solve(prob, QNDF(linearSolver: .gmres)) },
      Result { try solve(prob, QNDF2(linearSolver: .gmres)) },
      Result { try solve(prob, ABDF2(linearSolver: .gmres)) },
    ] {
      #expect(throws: DiffEqError.self) { try result.get() }
    }
  }
}
