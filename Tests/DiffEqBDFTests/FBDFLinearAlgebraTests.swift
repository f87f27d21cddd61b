import DiffEqProblemLibrary
import DiffEqTestSupport
import DifferentialEquations
import Testing

/// A tridiagonal reaction–diffusion chain (stiff; Jacobian band 1, 1).
func diffusionChain(n: Int = 40) -> ODEProblem<InPlaceODEFunction<[Double], NullParameters>> {
  var prob = ODEProblem(
    u0: (0..<n).map { 1 + 0.1 * Double($0 % 3) }, tspan: (0.0, 2.0), p: NullParameters()
  ) { du, u, _, _ in
    let count = u.count
    for i in 0..<count {
      let left = i > 0 ? u[i - 1] : 1
      let right = i < count - 1 ? u[i + 1] : 1
      du[i] = 400 * (left - 2 * u[i] + right) - u[i] * u[i]
    }
  }
  prob.isAutonomous = true
  return prob
}

@Suite("FBDF: banded, sparse and dense linear algebra; failures")
struct FBDFLinearAlgebraTests {
  @Test("banded and sparse Jacobians give the dense solution, in fewer evaluations of f")
  func structuredMatchesDense() throws {
    let chain = diffusionChain()
    let dense = try solve(chain, FBDF(), abstol: 1e-8, reltol: 1e-8, saveEveryStep: false)
    var bandedProblem = chain
    bandedProblem.jacPrototype = .banded(lower: 1, upper: 1)
    let banded = try solve(bandedProblem, FBDF(), abstol: 1e-8, reltol: 1e-8, saveEveryStep: false)
    #expect(dense.retcode == .success && banded.retcode == .success)
    let difference = zip(dense.u.last!, banded.u.last!).map { abs($0 - $1) }.max()!
    #expect(difference <= 1e-7, "banded: max difference \(difference)")
    #expect(banded.stats.nf < dense.stats.nf, "\(banded.stats.nf) vs \(dense.stats.nf)")

    // The 2-D Brusselator on an 8 × 8 grid (128 equations, 6 nonzeros per row).
    let bruss = Brusselator2D.problem(n: 8, tEnd: 11.5)
    var denseBruss = bruss
    denseBruss.jacPrototype = nil
    let sparse = try solve(
      bruss, FBDF(), abstol: 1e-10, reltol: 1e-8, saveEveryStep: false, tstops: [1.1])
    let full = try solve(
      denseBruss, FBDF(), abstol: 1e-10, reltol: 1e-8, saveEveryStep: false, tstops: [1.1])
    #expect(sparse.retcode == .success && full.retcode == .success)
    let brussDifference = zip(sparse.u.last!, full.u.last!).map { abs($0 - $1) }.max()!
    #expect(brussDifference <= 1e-8, "sparse: max difference \(brussDifference)")
    // Dense differences: 128 evaluations per Jacobian; the coloured pattern needs 11.
    let colours = ColumnColouring(pattern: Brusselator2D(n: 8).jacobianPattern).count
    #expect(colours <= 12, "\(colours) colours")
    #expect(sparse.stats.nf < full.stats.nf)
  }

  @Test("matrix-free GMRES, with ILU(0) from the pattern and without, gives the LU solution")
  func gmres() throws {
    let bruss = Brusselator2D.problem(n: 8, tEnd: 11.5)
    let lu = try solve(
      bruss, FBDF(), abstol: 1e-8, reltol: 1e-6, saveEveryStep: false, tstops: [1.1])
    let ilu = try solve(
      bruss, FBDF(linearSolver: .gmres), abstol: 1e-8, reltol: 1e-6, saveEveryStep: false,
      tstops: [1.1])
    var free = bruss
    free.jacPrototype = nil
    let plain = try solve(
      free, FBDF(linearSolver: .gmres(restart: 20)), abstol: 1e-8, reltol: 1e-6,
      saveEveryStep: false, tstops: [1.1])
    #expect(ilu.retcode == .success && plain.retcode == .success)
    #expect(ilu.algorithm == "FBDF(GMRES)")
    let reference = try solve(
      free, Rodas5P(), abstol: 1e-12, reltol: 1e-10, saveEveryStep: false, tstops: [1.1])
    func error(_ sol: ODESolution<[Double]>) -> Double {
      zip(sol.u.last!, reference.u.last!).map { abs($0 - $1) }.max()!
    }
    // Each within a few tolerances of the truth, as LU is.
    #expect(error(ilu) <= 10 * max(error(lu), 1e-5), "ILU \(error(ilu)), LU \(error(lu))")
    #expect(error(plain) <= 10 * max(error(lu), 1e-5), "plain \(error(plain)), LU \(error(lu))")
    // No factorization of W: only the preconditioner's (ILU) or none at all.
    #expect(plain.stats.njacs >= 1)
    #expect(throws: DiffEqError.self) {
      try solve(bruss, FBDF(linearSolver: .gmres(restart: 0)))
    }
  }

  @Test("the column colouring is valid: no two columns of a colour share a row")
  func colouring() throws {
    let pattern = Brusselator2D(n: 16).jacobianPattern
    let colouring = ColumnColouring(pattern: pattern)
    for colour in 0..<colouring.count {
      var rows = Set<Int>()
      for m in colouring.groupStarts[colour]..<colouring.groupStarts[colour + 1] {
        let j = colouring.columns[m]
        #expect(colouring.colours[j] == colour)
        for k in pattern.columnPointers[j]..<pattern.columnPointers[j + 1] {
          #expect(rows.insert(pattern.rowIndices[k]).inserted, "colour \(colour) repeats a row")
        }
      }
    }
    #expect(colouring.columns.sorted() == Array(0..<pattern.columns))
  }

  @Test(
    "stepping allocates nothing: dense, banded and sparse, analytic and difference Jacobians",
    arguments: ["dense", "dense-analytic", "banded", "banded-analytic", "sparse"])
  func noAllocation(_ kind: String) throws {
    try #require(allocationCountingIsActive || !allocationCountingIsExpected)
    let options = ODESolverOptions(abstol: 1e-10, reltol: 1e-8, saveEveryStep: false, dense: false)
    let count: Int
    let njacs: Int
    if kind == "sparse" {
      var integrator = try ODEIntegrator(Brusselator2D.problem(n: 8), FBDF(), options: options)
      for _ in 0..<20 { integrator.step() }
      count = allocations { for _ in 0..<200 { integrator.step() } }
      njacs = integrator.stats.njacs
    } else {
      var prob = Hires.problem()
      if !kind.hasSuffix("analytic") { prob.jac = nil }
      if kind.hasPrefix("banded") { prob.jacPrototype = .banded(lower: 7, upper: 7) }
      var integrator = try ODEIntegrator(prob, FBDF(), options: options)
      for _ in 0..<20 { integrator.step() }
      count = allocations { for _ in 0..<200 { integrator.step() } }
      njacs = integrator.stats.njacs
    }
    #expect(count == 0, "\(kind): \(count) allocations in 200 steps")
    #expect(njacs >= 1)
  }

  @Test("Newton failing at every step size ends with .convergenceFailure and a diagnostic")
  func convergenceFailure() throws {
    // u′ = −√u − 1 from u = 0: the solution leaves the model's domain at once, so every
    // Newton iterate of every step, however short, evaluates √ of a negative number.
    let prob = ODEProblem(u0: [0.0], tspan: (0.0, 1.0), p: NullParameters()) { du, u, _, _ in
      du[0] = -u[0].squareRoot() - 1
    }
    let sol = try solve(prob, FBDF())
    #expect(sol.retcode == .convergenceFailure)
    let diagnostic = try #require(sol.diagnostic)
    #expect(diagnostic.message.contains("Newton"), "\(diagnostic.message)")
    #expect(sol.stats.nnonlinconvfail >= 10)
  }
}
