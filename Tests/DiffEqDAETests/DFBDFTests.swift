import DiffEqProblemLibrary
import DiffEqTestSupport
import DifferentialEquations
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@Suite("DFBDF: residual DAEs")
struct DFBDFTests {
  /// Chemical Akzo Nobel as `F(y′, y) = M y′ − f(y)` at reltol 1e-8, abstol 1e-11, against
  /// the Test Set's reference at t = 180 (all six components, the algebraic y₆ included).
  @Test("Chemical Akzo Nobel (index 1) as a residual DAE: ≥ 6 digits at reltol 1e-8")
  func akzoNobel() throws {
    let sol = try solve(ChemicalAkzoNobelDAE.problem(), DFBDF(), abstol: 1e-11, reltol: 1e-8)
    #expect(sol.retcode == .success, "\(String(describing: sol.diagnostic))")
    let digits = testSetDigits(sol.u.last!, ChemicalAkzoNobel.reference)
    #expect(digits >= 6, "\(digits) digits")
    // The algebraic equation at every saved point to a tenth of the tolerance on y₆ (Newton
    // stops when its estimated remaining error is κ = 0.01 of the tolerance in the weighted
    // norm; the constraint is nonlinear in y₁, y₄, whose errors it weighs by 115.83·y₄ and
    // 115.83·y₁).
    for u in sol.u {
      let g = abs(115.83 * u[0] * u[3] - u[5])
      #expect(g <= 0.1 * (1e-11 + 1e-8 * abs(u[5])), "constraint residual \(g)")
    }
  }

  /// Robertson as a DAE to t = 1e5 against the ODE form (Rodas5P at reltol 1e-12, a solution
  /// good to 11 digits against the stored IDA reference) and to t = 1e11 against the Test
  /// Set's ROBER reference; the conservation law holds to 1e-12 at every saved point.
  @Test("Robertson DAE to 1e5 and 1e11 agrees with the ODE form; y₁ + y₂ + y₃ = 1 to 1e-12")
  func robertson() throws {
    let abstol: [Double] = [1e-14, 1e-14, 1e-11]
    let dae5 = try solve(RobertsonDAE.problem(tEnd: 1e5), DFBDF(), abstol: abstol, reltol: 1e-8)
    #expect(dae5.retcode == .success, "\(String(describing: dae5.diagnostic))")
    let ode5 = try solve(
      Rober.problem(tEnd: 1e5), Rodas5P(), abstol: [1e-18, 1e-18, 1e-15], reltol: 1e-12)
    #expect(testSetDigits(ode5.u.last!, RobertsonDAE.reference1e5) >= 10)
    let digits5 = testSetDigits(dae5.u.last!, ode5.u.last!)
    #expect(digits5 >= 6, "t = 1e5: \(digits5) digits")
    // y₁ falls to 2.1e−8 by t = 1e11 and counts in the digits: its abstol is reltol × 2e−8.
    let dae11 = try solve(
      RobertsonDAE.problem(tEnd: 1e11), DFBDF(), abstol: [2e-16, 1e-14, 1e-11], reltol: 1e-8)
    #expect(dae11.retcode == .success, "\(String(describing: dae11.diagnostic))")
    let digits11 = testSetDigits(dae11.u.last!, Rober.reference)
    #expect(digits11 >= 6, "t = 1e11: \(digits11) digits")
    for sol in [dae5, dae11] {
      let drift = sol.u.map { (u: [Double]) -> Double in abs(u[0] + u[1] + u[2] - 1) }.max()!
      #expect(drift <= 1e-12, "constraint drift \(drift)")
    }
  }

  /// The same guess for both: y₃ = 0.3 (the constraint says 0) and u′ = 0.
  static func wrongGuess() -> DAEProblem<[Double], NullParameters> {
    var prob = RobertsonDAE.problem(tEnd: 1e5)
    prob.u0 = [1, 0, 0.3]
    prob.du0 = [0, 0, 0]
    return prob
  }

  @Test("BrownFullBasicInit recovers the algebraic y₃ and u′ from a wrong guess; CheckInit throws")
  func initialization() throws {
    let prob = Self.wrongGuess()
    let error = #expect(throws: DiffEqError.self) {
      try solve(prob, DFBDF(), abstol: [1e-14, 1e-14, 1e-11], reltol: 1e-8)
    }
    #expect(error?.field == "u0")
    #expect(error?.message.contains("equation 2") == true, "\(String(describing: error))")
    #expect(error?.message.contains("BrownFullBasicInit") == true)

    let norm = ErrorNorm(abstol: .componentwise([1e-14, 1e-14, 1e-11]), reltol: 1e-8, norm: .rms)
    let (du, u) = try BrownFullBasicInit().initialize(
      residual: prob.residual, du0: prob.du0, u0: prob.u0, p: prob.p, tspan: prob.tspan,
      differential: RobertsonDAE.differentialVars, errorNorm: norm)
    #expect(u[0] == 1 && u[1] == 0, "the differential components are held")
    #expect(abs(u[2]) <= 1e-12, "y₃ = \(u[2])")
    #expect(abs(du[0] + 0.04) <= 1e-12 && abs(du[1] - 0.04) <= 1e-12, "u′ = \(du)")

    let sol = try solve(
      prob, DFBDF(), abstol: [1e-14, 1e-14, 1e-11], reltol: 1e-8,
      initialization: BrownFullBasicInit())
    #expect(sol.retcode == .success)
    #expect(testSetDigits(sol.u.last!, RobertsonDAE.reference1e5) >= 6)

    // Chemical Akzo Nobel with y₆ wrong by 70%: recovered to Ks·y₁y₄.
    var akzo = ChemicalAkzoNobelDAE.problem()
    akzo.u0[5] *= 0.3
    #expect(throws: DiffEqError.self) { try solve(akzo, DFBDF(), abstol: 1e-11, reltol: 1e-8) }
    let fixed = try solve(
      akzo, DFBDF(), abstol: 1e-11, reltol: 1e-8, initialization: BrownFullBasicInit())
    #expect(fixed.retcode == .success)
    #expect(abs(fixed.u[0][5] - 115.83 * 0.444 * 0.007) <= 1e-12)
    #expect(testSetDigits(fixed.u.last!, ChemicalAkzoNobel.reference) >= 6)
  }

  @Test("ShampineCollocationInit makes the wrong guess consistent with a short implicit step")
  func shampine() throws {
    let sol = try solve(
      Self.wrongGuess(), DFBDF(), abstol: [1e-14, 1e-14, 1e-11], reltol: 1e-8,
      initialization: ShampineCollocationInit())
    #expect(sol.retcode == .success, "\(String(describing: sol.diagnostic))")
    #expect(abs(sol.u[0][0] + sol.u[0][1] + sol.u[0][2] - 1) <= 1e-12)
    #expect(testSetDigits(sol.u.last!, RobertsonDAE.reference1e5) >= 6)
  }

  /// `y₁′ = y₂`, `0 = y₁ − sin t`: index 2 (the constraint does not involve the algebraic
  /// `y₂`). With the components given and read off `∂F/∂u′`, and with Brown's
  /// initialization: a return code and a diagnostic, at once.
  @Test("an index-2 problem ends with .initialFailure and a diagnostic naming the index")
  func indexTwo() throws {
    for differential in [[true, false], nil] {
      let prob = DAEProblem(
        du0: [1.0, 0], u0: [0.0, 1], tspan: (0.0, 1.0), p: NullParameters(),
        differentialVars: differential
      ) { res, du, u, _, t in
        res[0] = du[0] - u[1]
        res[1] = u[0] - sin(t)
      }
      for sol in [
        try solve(prob, DFBDF()),
        try solve(prob, DFBDF(), initialization: BrownFullBasicInit()),
      ] {
        #expect(sol.retcode == .initialFailure)
        let message = sol.diagnostic?.message ?? ""
        #expect(message.contains("index is too high"), "\(message)")
      }
    }
  }

  /// Banded, sparse and GMRES iteration matrices, and differences instead of the analytic
  /// one, give the dense answer on Robertson; suppressAlgebraic too (to its own accuracy).
  @Test("banded, sparse, GMRES and difference iteration matrices give the dense solution")
  func linearSolvers() throws {
    let abstol: [Double] = [1e-14, 1e-14, 1e-11]
    let dense = try solve(RobertsonDAE.problem(), DFBDF(), abstol: abstol, reltol: 1e-8)
    var noJac = RobertsonDAE.problem()
    noJac.jac = nil
    var banded = noJac
    banded.jacPrototype = .banded(lower: 2, upper: 2)
    var sparse = noJac
    sparse.jacPrototype = .sparse(
      SparseMatrixCSC(rows: 3, columns: 3, pattern: (0..<9).map { ($0 % 3, $0 / 3) })!)
    let runs: [(String, ODESolution<[Double]>)] = [
      ("differences", try solve(noJac, DFBDF(), abstol: abstol, reltol: 1e-8)),
      ("banded", try solve(banded, DFBDF(), abstol: abstol, reltol: 1e-8)),
      ("sparse", try solve(sparse, DFBDF(), abstol: abstol, reltol: 1e-8)),
      (
        "GMRES",
        try solve(
          sparse, DFBDF(linearSolver: .gmres(restart: 3)), abstol: abstol, reltol: 1e-8)
      ),
      (
        "suppressAlgebraic",
        try solve(
          RobertsonDAE.problem(), DFBDF(suppressAlgebraic: true), abstol: abstol, reltol: 1e-8)
      ),
    ]
    for (name, sol) in runs {
      #expect(sol.retcode == .success, "\(name): \(String(describing: sol.diagnostic))")
      let digits = testSetDigits(sol.u.last!, dense.u.last!)
      #expect(digits >= 6, "\(name): \(digits) digits from the dense solve")
    }
  }

  /// Dense output: between steps the interpolant and its derivative satisfy the residual to
  /// the tolerance's order; an event on y₁ = 0.5 is located and can stop the solve.
  @Test("dense output satisfies F ≈ 0 between steps; a continuous event stops the solve")
  func denseOutputAndEvents() throws {
    let prob = RobertsonDAE.problem(tEnd: 100)
    let sol = try solve(prob, DFBDF(), abstol: [1e-12, 1e-14, 1e-10], reltol: 1e-8)
    var res = [0.0, 0, 0]
    for k in 1..<sol.t.count - 1 {
      let t = 0.5 * (sol.t[k] + sol.t[k + 1])
      RobertsonDAE.residual(&res, sol(t, derivative: 1), sol(t), NullParameters(), t)
      #expect(abs(res[2]) <= 1e-10, "constraint at t = \(t): \(res[2])")
      #expect(abs(res[0]) <= 1e-4 * max(1, abs(sol(t, derivative: 1)[0])) + 1e-6, "t = \(t)")
    }
    let stop = ContinuousCallback<[Double], NullParameters>(
      condition: { u, _, _ in u[0] - 0.9 }, affect: { integrator in integrator.terminate() })
    let stopped = try solve(
      prob, DFBDF(), abstol: [1e-12, 1e-14, 1e-10], reltol: 1e-8, callback: CallbackSet(stop))
    #expect(stopped.retcode == .terminated)
    #expect(abs(stopped.u.last![0] - 0.9) <= 1e-9)
    // Where the ODE form, solved tightly, has y₁ = 0.9.
    let ode = try solve(
      Rober.problem(tEnd: 100), Rodas5P(), abstol: [1e-16, 1e-18, 1e-14], reltol: 1e-12)
    let tStop = stopped.t.last!
    #expect(abs(ode(tStop)[0] - 0.9) <= 1e-8, "t = \(tStop): ODE y₁ = \(ode(tStop)[0])")
  }

  @Test("bad input throws DiffEqError naming the field")
  func badInput() throws {
    var prob = RobertsonDAE.problem()
    prob.du0 = [0, 0]
    #expect(throws: DiffEqError.self) { try solve(prob, DFBDF()) }
    prob = RobertsonDAE.problem()
    prob.differentialVars = [true]
    #expect(throws: DiffEqError.self) { try solve(prob, DFBDF()) }
    #expect(throws: DiffEqError.self) { try solve(RobertsonDAE.problem(), DFBDF(maxOrder: 6)) }
    #expect(throws: DiffEqError.self) {
      try solve(RobertsonDAE.problem(), DFBDF(), abstol: [1e-6, 1e-6])
    }
  }

  @Test("stepping allocates nothing after init: dense analytic and difference iteration matrices")
  func noAllocation() throws {
    try #require(allocationCountingIsActive || !allocationCountingIsExpected)
    let options = ODESolverOptions(abstol: 1e-11, reltol: 1e-8, saveEveryStep: false, dense: false)
    for analytic in [true, false] {
      var prob = ChemicalAkzoNobelDAE.problem()
      if !analytic { prob.jac = nil }
      var integrator = try ODEIntegrator(prob, DFBDF(), options: options)
      for _ in 0..<20 { integrator.step() }
      let count = allocations { for _ in 0..<100 { integrator.step() } }
      #expect(count == 0, "analytic \(analytic): \(count) allocations in 100 steps")
    }
  }
}

@Suite("Initialization of mass-matrix DAEs")
struct MassMatrixInitializationTests {
  /// Chemical Akzo Nobel (`M = diag(1, 1, 1, 1, 1, 0)`) with y₆ 70% off: CheckInit throws
  /// naming equation 5, BrownFullBasicInit recovers y₆ = Ks·y₁y₄ and Rodas5P and FBDF then
  /// reach the Test Set's reference.
  @Test("CheckInit throws and BrownFullBasicInit recovers y₆ of Akzo Nobel for Rodas5P and FBDF")
  func akzoNobel() throws {
    var prob = ChemicalAkzoNobel.problem()
    prob.u0[5] *= 0.3
    let error = #expect(throws: DiffEqError.self) {
      try CheckInit().consistentProblem(prob, abstol: 1e-11, reltol: 1e-8)
    }
    #expect(error?.message.contains("equation 5") == true, "\(String(describing: error))")
    #expect(
      try CheckInit().consistentProblem(ChemicalAkzoNobel.problem(), abstol: 1e-11).u0
        == ChemicalAkzoNobel.initialValue)
    let fixed = try BrownFullBasicInit().consistentProblem(prob, abstol: 1e-11, reltol: 1e-8)
    #expect(abs(fixed.u0[5] - 115.83 * 0.444 * 0.007) <= 1e-12)
    #expect(Array(fixed.u0[0..<5]) == Array(ChemicalAkzoNobel.initialValue[0..<5]))
    let shampine = try ShampineCollocationInit(initdt: 1e-10).consistentProblem(
      prob, abstol: 1e-11, reltol: 1e-8)
    #expect(abs(shampine.u0[5] - 115.83 * shampine.u0[0] * shampine.u0[3]) <= 1e-12)
    let rodas = try solve(fixed, Rodas5P(), abstol: 1e-11, reltol: 1e-8)
    let fbdf = try solve(fixed, FBDF(), abstol: 1e-11, reltol: 1e-8)
    let rodasDigits = testSetDigits(rodas.u.last!, ChemicalAkzoNobel.reference)
    let fbdfDigits = testSetDigits(fbdf.u.last!, ChemicalAkzoNobel.reference)
    #expect(rodasDigits >= 6 && fbdfDigits >= 6, "Rodas5P \(rodasDigits), FBDF \(fbdfDigits)")
  }
}
