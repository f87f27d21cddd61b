import DiffEqProblemLibrary
import DiffEqTestSupport
import DifferentialEquations
import Testing

@Suite("Pendulum in index-1 form")
struct PendulumDAETests {
  /// `|x² + y² − 1|` of a state: the index-1 form's drift off the position constraint.
  static func drift(_ u: [Double]) -> Double { abs(u[0] * u[0] + u[1] * u[1] - 1) }

  @Test("the start is consistent: F(u′(0), u(0)) = 0 and f₅(u(0)) = 0 to rounding")
  func consistentStart() {
    var res = [Double](repeating: .nan, count: 5)
    PendulumDAE.residual(
      &res, PendulumDAE.initialDerivative, PendulumDAE.initialValue, NullParameters(), 0)
    #expect(res.allSatisfy { abs($0) <= 1e-14 }, "F = \(res)")
    var f = [Double](repeating: .nan, count: 5)
    PendulumDAE.rightHandSide(&f, PendulumDAE.initialValue, NullParameters(), 0)
    #expect(maxAbsDifference(Array(f[0..<4]), Array(PendulumDAE.initialDerivative[0..<4])) <= 1e-14)
    #expect(abs(f[4]) <= 1e-14, "f₅ = \(f[4])")
  }

  /// The analytic iteration matrix and mass-matrix Jacobian against central differences at a
  /// state off the constraint (so that no entry vanishes by accident).
  @Test("the analytic Jacobians match central differences")
  func jacobians() {
    let u = [0.3, -0.9, 1.2, 0.7, 11.0]
    let du = [0.1, 0.2, -0.3, 0.4, 0.5]
    let c = 3.7
    let p = NullParameters()
    var jac = DenseMatrix(rows: 5, columns: 5)
    var jf = DenseMatrix(rows: 5, columns: 5)
    PendulumDAE.jacobian(&jac, du, u, p, c, 0)
    PendulumDAE.rightHandSideJacobian(&jf, u, p, 0)
    var plus = [Double](repeating: 0, count: 5)
    var minus = plus
    let h = 1e-6
    for j in 0..<5 {
      var up = u
      var um = u
      up[j] += h
      um[j] -= h
      var dup = du
      var dum = du
      dup[j] += c * h
      dum[j] -= c * h
      // ∂F/∂u + c ∂F/∂u′ is the derivative along (e_j, c e_j).
      PendulumDAE.residual(&plus, dup, up, p, 0)
      PendulumDAE.residual(&minus, dum, um, p, 0)
      for i in 0..<5 {
        let fd = (plus[i] - minus[i]) / (2 * h)
        #expect(abs(jac[i, j] - fd) <= 1e-7 * max(1, abs(fd)), "∂F[\(i), \(j)]")
      }
      PendulumDAE.rightHandSide(&plus, up, p, 0)
      PendulumDAE.rightHandSide(&minus, um, p, 0)
      for i in 0..<5 {
        let fd = (plus[i] - minus[i]) / (2 * h)
        #expect(abs(jf[i, j] - fd) <= 1e-7 * max(1, abs(fd)), "∂f[\(i), \(j)]")
      }
    }
  }

  /// DFBDF on the residual form, FBDF and Rodas5P on the mass-matrix form, against the exact
  /// solution at t = 10 (all five components, λ included). Over 4.7 swings the BDF methods'
  /// global error is about 100× the tolerance (IDA's too: 5.11 digits at reltol 1e-8, abstol
  /// 1e-11), so reltol 1e-8 buys them about 4.5 digits and 6 digits take reltol 1e-11.
  /// Measured (digits; |x² + y² − 1| of DFBDF at t = 10):
  ///
  ///     reltol, abstol   DFBDF   FBDF   Rodas5P   drift
  ///     1e-8,   1e-11    4.54    4.30   6.32      2.7e-6
  ///     1e-11,  1e-14    6.88    6.84   10.04     1.2e-8
  @Test("DFBDF, FBDF and Rodas5P reach the exact solution: ≥ 6 digits at reltol 1e-11")
  func accuracy() throws {
    let cases: [(reltol: Double, abstol: Double, bdf: Double, rodas: Double, drift: Double)] = [
      (1e-8, 1e-11, 4, 6, 3e-5),
      (1e-11, 1e-14, 6, 9, 1e-7),
    ]
    for (reltol, abstol, bdf, rodas, maxDrift) in cases {
      let dfbdf = try solve(PendulumDAE.problem(), DFBDF(), abstol: abstol, reltol: reltol)
      let fbdf = try solve(
        PendulumDAE.massMatrixProblem(), FBDF(), abstol: abstol, reltol: reltol)
      let rodas5P = try solve(
        PendulumDAE.massMatrixProblem(), Rodas5P(), abstol: abstol, reltol: reltol)
      for (name, sol, floor) in [
        ("DFBDF", dfbdf, bdf), ("FBDF", fbdf, bdf), ("Rodas5P", rodas5P, rodas),
      ] {
        #expect(sol.retcode == .success, "\(name): \(String(describing: sol.diagnostic))")
        #expect(sol.t.last == PendulumDAE.tEnd)
        let digits = testSetDigits(sol.u.last!, PendulumDAE.reference)
        #expect(digits >= floor, "\(name) at reltol \(reltol): \(digits) digits")
      }
      let drift = Self.drift(dfbdf.u.last!)
      #expect(drift <= maxDrift, "DFBDF at reltol \(reltol): |x² + y² − 1| = \(drift)")
    }
  }
}
