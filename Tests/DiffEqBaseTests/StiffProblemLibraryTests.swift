import DiffEqProblemLibrary
import DifferentialEquations
import Testing

/// One stiff Test Set problem, reduced to what the checks need: `f`, the problem's `jac`
/// closure, the two points to check at, and what `problem()` should carry.
struct StiffLibraryCase: Sendable, CustomTestStringConvertible {
  let name: String
  let f: @Sendable ([Double]) -> [Double]
  let jac: (@Sendable (inout DenseMatrix, [Double], NullParameters, Double) -> Void)?
  let initialValue: [Double]
  let reference: [Double]
  let tEnd: Double
  let u0: [Double]
  let tspan: (Double, Double)
  let isAutonomous: Bool
  let massMatrix: MassMatrix?

  var testDescription: String { name }

  init<F: ODEFunction>(
    _ name: String, _ prob: ODEProblem<F>, initialValue: [Double], reference: [Double],
    tEnd: Double
  ) where F.State == [Double], F.Parameters == NullParameters {
    self.name = name
    let model = prob.f
    f = { u in
      var du = [Double](repeating: .nan, count: u.count)
      model(&du, u, NullParameters(), 0)
      return du
    }
    jac = prob.jac
    self.initialValue = initialValue
    self.reference = reference
    self.tEnd = tEnd
    u0 = prob.u0
    tspan = prob.tspan
    isAutonomous = prob.isAutonomous
    massMatrix = prob.massMatrix
  }

  static let all: [StiffLibraryCase] = [
    StiffLibraryCase(
      "HIRES", Hires.problem(), initialValue: Hires.initialValue, reference: Hires.reference,
      tEnd: Hires.tEnd),
    StiffLibraryCase(
      "ROBER", Rober.problem(), initialValue: Rober.initialValue, reference: Rober.reference,
      tEnd: Rober.tEnd),
    StiffLibraryCase(
      "OREGO", Orego.problem(), initialValue: Orego.initialValue, reference: Orego.reference,
      tEnd: Orego.tEnd),
    StiffLibraryCase(
      "VDPOL", VanDerPol.problem(), initialValue: VanDerPol.initialValue,
      reference: VanDerPol.reference, tEnd: VanDerPol.tEnd),
    StiffLibraryCase(
      "POLLU", Pollu.problem(), initialValue: Pollu.initialValue, reference: Pollu.reference,
      tEnd: Pollu.tEnd),
    StiffLibraryCase(
      "CHEMAKZO", ChemicalAkzoNobel.problem(), initialValue: ChemicalAkzoNobel.initialValue,
      reference: ChemicalAkzoNobel.reference, tEnd: ChemicalAkzoNobel.tEnd),
  ]
}

/// The stiff problems of the Test Set for IVP Solvers (HIRES, ROBER, OREGO, VDPOL, POLLU,
/// Chemical Akzo Nobel): analytic Jacobians against central differences, and the problem
/// values against the Test Set.
@Suite("Stiff problem library: Test Set problems and their Jacobians")
struct StiffProblemLibraryTests {
  /// The central difference `(f(u + hⱼeⱼ) − f(u − hⱼeⱼ)) / 2hⱼ`, column by column, with
  /// `hⱼ = 10⁻⁴·max(|uⱼ|, 10⁻³‖u‖∞)`: relative steps of 10⁻⁴ keep the truncation error of the
  /// nonpolynomial terms (Akzo Nobel's y₁⁴ and √y₂) near 10⁻⁸ relative, the floor sizes the
  /// step for zero components (where every model here is affine or quadratic, so the central
  /// difference is exact up to rounding), and √y₂ never sees a negative argument.
  static func centralDifference(
    _ f: @Sendable ([Double]) -> [Double], at u: [Double]
  ) -> DenseMatrix {
    let n = u.count
    let floor = 1e-3 * u.map(abs).max()!
    var d = DenseMatrix(size: n)
    for j in 0..<n {
      let h = 1e-4 * max(abs(u[j]), floor)
      var up = u
      var down = u
      up[j] += h
      down[j] -= h
      let width = up[j] - down[j]  // the step actually taken, after rounding
      let fUp = f(up)
      let fDown = f(down)
      for i in 0..<n { d[i, j] = (fUp[i] - fDown[i]) / width }
    }
    return d
  }

  @Test(
    "problem() carries the Test Set initial value, interval, Jacobian and flags",
    arguments: StiffLibraryCase.all)
  func problemValues(_ c: StiffLibraryCase) {
    #expect(c.u0 == c.initialValue)
    #expect(c.tspan.0 == 0)
    #expect(c.tspan.1 == c.tEnd)
    #expect(c.reference.count == c.initialValue.count)
    #expect(c.jac != nil)
    #expect(c.isAutonomous)
    if c.name == "CHEMAKZO" {
      #expect(c.massMatrix == .diagonal([1, 1, 1, 1, 1, 0]))
    } else {
      #expect(c.massMatrix == nil)
    }
  }

  /// Every entry `(i, j)` must satisfy `|Jᵢⱼ − Dᵢⱼ| ≤ 10⁻⁶·sⱼ` with the column scale
  /// `sⱼ = maxᵢ max(|Jᵢⱼ|, |Dᵢⱼ|)`: entries of one column share the perturbation `hⱼ`, so
  /// their finite-difference errors are of one size, and judging them against the largest
  /// entry of the column keeps tiny entries (Jacobian entries here span 20 orders of
  /// magnitude) from failing on rounding while a wrong or missing term still shows. The
  /// tolerance sits orders of magnitude above the expected difference error (about
  /// 10⁻⁸ relative) and far below any typo in a rate constant. A column that is zero in both
  /// must match exactly. The Jacobian matrix is filled with NaN first, so an entry that
  /// `jacobian` does not write fails.
  @Test(
    "the analytic Jacobian matches central differences of f at y(0) and at the reference",
    arguments: StiffLibraryCase.all)
  func jacobianMatchesFiniteDifferences(_ c: StiffLibraryCase) throws {
    let jac = try #require(c.jac)
    for (label, u) in [("y(0)", c.initialValue), ("reference", c.reference)] {
      let n = u.count
      var analytic = DenseMatrix(rows: n, columns: n, repeating: .nan)
      jac(&analytic, u, NullParameters(), c.tEnd)
      #expect(analytic.firstNonFiniteEntry == nil, "\(c.name) at \(label)")
      let fd = Self.centralDifference(c.f, at: u)
      #expect(fd.firstNonFiniteEntry == nil, "\(c.name) at \(label)")
      var worst = 0.0
      for j in 0..<n {
        var scale = 0.0
        for i in 0..<n { scale = max(scale, abs(analytic[i, j]), abs(fd[i, j])) }
        for i in 0..<n {
          let error = abs(analytic[i, j] - fd[i, j])
          if scale > 0 { worst = max(worst, error / scale) }
          #expect(
            error <= 1e-6 * scale,
            "\(c.name) at \(label): J[\(i), \(j)] = \(analytic[i, j]), difference \(fd[i, j])")
        }
      }
      #expect(worst <= 1e-6, "\(c.name) at \(label): worst relative error \(worst)")
    }
  }

  @Test("f is finite at y(0) and at the reference", arguments: StiffLibraryCase.all)
  func rightHandSideIsFinite(_ c: StiffLibraryCase) {
    for u in [c.initialValue, c.reference] {
      let du = c.f(u)
      #expect(du.count == u.count)
      #expect(du.allSatisfy { $0.isFinite }, "\(c.name): f = \(du)")
    }
  }

  @Test("Akzo Nobel: y(0) satisfies the constraint exactly, the reference to its digits")
  func akzoNobelConsistency() {
    let f = ChemicalAkzoNobel()
    var du = [Double](repeating: .nan, count: 6)
    f(&du, ChemicalAkzoNobel.initialValue, NullParameters(), 0)
    #expect(du[5] == 0)
    #expect(abs(ChemicalAkzoNobel.initialValue[5] - 0.35999964) <= 1e-15)
    f(&du, ChemicalAkzoNobel.reference, NullParameters(), ChemicalAkzoNobel.tEnd)
    #expect(abs(du[5]) <= 1e-13 * ChemicalAkzoNobel.reference[5])
  }

  @Test("ROBER conserves y₁ + y₂ + y₃: f sums to zero, and so does each Jacobian column")
  func roberConservation() {
    let f = Rober()
    var du = [0.0, 0.0, 0.0]
    f(&du, Rober.reference, NullParameters(), 0)
    #expect(abs(du[0] + du[1] + du[2]) <= 1e-22)
    var j = DenseMatrix(size: 3)
    Rober.jacobian(&j, Rober.reference, NullParameters(), 0)
    for col in 0..<3 { #expect(abs(j[0, col] + j[1, col] + j[2, col]) <= 1e-9) }
  }
}
