import DiffEqProblemLibrary
import DiffEqTestSupport
import DifferentialEquations
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@Suite("Dual numbers and exact Jacobians")
struct DualNumberTests {
  @Test("elementary functions carry exact derivatives")
  func derivatives() {
    let x = Dual<8>(0.7, seed: 0)
    let cases: [(String, Dual<8>, Double)] = [
      ("exp", Dual.exp(x), exp(0.7)),
      ("log", Dual.log(x), 1 / 0.7),
      ("sin", Dual.sin(x), cos(0.7)),
      ("cos", Dual.cos(x), -sin(0.7)),
      ("sqrt", Dual.sqrt(x), 0.5 / 0.7.squareRoot()),
      ("pow", Dual.pow(x, 2.5), 2.5 * pow(0.7, 1.5)),
      ("x·x/(1+x)", x * x / (1 + x), (2 * 0.7 + 0.49) / (1.7 * 1.7)),
      ("−(x − 3)", -(x - 3), -1),
    ]
    for (name, value, derivative) in cases {
      #expect(abs(value.partials[0] - derivative) <= 1e-15 * max(1, abs(derivative)), "\(name)")
      #expect(value.partials[1] == 0)
    }
  }

  /// Entrywise relative difference `|A − B| / max(|B|, scale·1e-300)`, scaled by the
  /// matrix's largest entry where the analytic entry is zero.
  static func relativeDifference(_ a: DenseMatrix, _ b: DenseMatrix) -> Double {
    let scale = b.storage.map(abs).max()!
    return zip(a.storage, b.storage).map { x, y in
      abs(x - y) / (y != 0 ? abs(y) : scale)
    }.max()!
  }

  @Test("dual Jacobians agree with the analytic ones to ≤ 1e-14 on HIRES and POLLU")
  func agreesWithAnalytic() {
    var hires = DualJacobian(size: 8)
    for u in [Hires.initialValue, Hires.reference, Hires.reference.map { $0 * 1.3 + 0.01 }] {
      var dual = DenseMatrix(size: 8)
      var exact = DenseMatrix(size: 8)
      hires.jacobian(Hires(), u, NullParameters(), 1.5, into: &dual)
      Hires.jacobian(&exact, u, NullParameters(), 1.5)
      let d = Self.relativeDifference(dual, exact)
      #expect(d <= 1e-14, "HIRES: \(d)")
    }
    var pollu = DualJacobian(size: 20)
    for u in [Pollu.initialValue, Pollu.reference, Pollu.reference.map { $0 * 0.7 + 1e-3 }] {
      var dual = DenseMatrix(size: 20)
      var exact = DenseMatrix(size: 20)
      pollu.jacobian(Pollu(), u, NullParameters(), 30, into: &dual)
      Pollu.jacobian(&exact, u, NullParameters(), 30)
      let d = Self.relativeDifference(dual, exact)
      #expect(d <= 1e-14, "POLLU: \(d)")
    }
  }

  @Test("a solve with dual derivatives matches the one with the analytic Jacobian")
  func solveWithDualDerivatives() throws {
    var prob = Pollu.problem()
    let analytic = try solve(prob, Rodas5P(), abstol: 1e-10, reltol: 1e-8, saveEveryStep: false)
    prob.jac = nil
    let dual = try solve(
      prob.withDualDerivatives(), Rodas5P(), abstol: 1e-10, reltol: 1e-8, saveEveryStep: false)
    #expect(dual.retcode == .success)
    #expect(dual.stats.naccept == analytic.stats.naccept)
    let difference = zip(dual.u.last!, analytic.u.last!).map { abs($0 - $1) / abs($1) }.max()!
    #expect(difference <= 1e-12, "relative difference \(difference)")
  }

  /// A generic reaction–diffusion chain, `u′ᵢ = 25(uᵢ₋₁ − 2uᵢ + uᵢ₊₁) − uᵢ³ + uᵢuᵢ₊₂/10`: a
  /// Jacobian with one subdiagonal and two superdiagonals.
  struct Chain: DifferentiableODEFunction {
    typealias Parameters = NullParameters
    func evaluate<T: DiffEqReal>(_ du: inout [T], _ u: [T], _ p: NullParameters, _ t: T) {
      let n = u.count
      for i in 0..<n {
        let left = i > 0 ? u[i - 1] : T(0)
        let right = i + 1 < n ? u[i + 1] : T(0)
        let far = i + 2 < n ? u[i + 2] : T(0)
        du[i] = T(25) * (left - T(2) * u[i] + right) - u[i] * u[i] * u[i] + u[i] * far * T(0.1)
      }
    }
  }

  /// With a `.sparse` prototype the dual Jacobian seeds colour groups (here 4 colours: one
  /// dual evaluation for 60 columns) and gives the dense dual Jacobian's entries exactly;
  /// FBDF on the sparse pattern with it matches FBDF with coloured differences.
  @Test("colour-compressed dual Jacobians on a sparse pattern equal the dense dual Jacobian")
  func sparseDualJacobian() throws {
    let n = 60
    var entries: [(row: Int, column: Int)] = []
    for i in 0..<n {
      for j in max(0, i - 1)...min(n - 1, i + 2) { entries.append((i, j)) }
    }
    let pattern = try #require(SparseMatrixCSC(rows: n, columns: n, pattern: entries))
    let colouring = ColumnColouring(pattern: pattern)
    #expect(colouring.count <= 8, "\(colouring.count) colours")
    let u0 = (0..<n).map { 1 + 0.5 * sin(Double($0)) }
    let prob = ODEProblem(
      Chain(), u0: u0, tspan: (0, 1), p: NullParameters(), jacPrototype: .sparse(pattern))
    var dense = ODEProblem(Chain(), u0: u0, tspan: (0, 1), p: NullParameters())
    dense = dense.withDualDerivatives()
    let sparse = prob.withDualDerivatives()
    var a = DenseMatrix(size: n)
    var b = DenseMatrix(size: n)
    dense.jac!(&a, u0, NullParameters(), 0)
    b.fill(7)
    sparse.jac!(&b, u0, NullParameters(), 0)
    #expect(Self.relativeDifference(a, b) == 0)
    let withDuals = try solve(sparse, FBDF(), abstol: 1e-10, reltol: 1e-8, saveEveryStep: false)
    let withDifferences = try solve(prob, FBDF(), abstol: 1e-10, reltol: 1e-8, saveEveryStep: false)
    #expect(withDuals.retcode == .success)
    let difference = zip(withDuals.u.last!, withDifferences.u.last!).map { abs($0 - $1) }.max()!
    #expect(difference <= 1e-7, "\(difference)")
    #expect(withDuals.stats.nf < withDifferences.stats.nf)
  }
}
