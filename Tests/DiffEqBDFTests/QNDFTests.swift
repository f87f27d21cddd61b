import DiffEqProblemLibrary
import DiffEqTestSupport
import DifferentialEquations
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The smooth test problem of the order measurements, `u′ = −u + sin t`, `u(0) = 1`, and its
/// exact value at `t = 10`, `(sin 10 − cos 10)/2 + 1.5 e^{−10}`.
func smoothDecay() -> (ODEProblem<InPlaceODEFunction<[Double], Void>>, Double) {
  let prob = ODEProblem(u0: [1.0], tspan: (0.0, 10.0), p: ()) { du, u, _, t in
    du[0] = -u[0] + sin(t)
  }
  return (prob, (sin(10.0) - cos(10.0)) / 2 + 1.5 * exp(-10.0))
}

/// The slope of the error at `t = 10` of `smoothDecay()` against the number of accepted steps
/// over `tolerances` (abstol a hundredth of reltol), and the steps.
func multistepMeasuredOrder<A: ODEAlgorithm>(_ alg: A, tolerances: [Double]) throws -> (
  Double, [Double]
) {
  let (prob, exact) = smoothDecay()
  var steps: [Double] = []
  var errors: [Double] = []
  for tol in tolerances {
    let sol = try solve(prob, alg, abstol: tol * 1e-2, reltol: tol)
    #expect(sol.retcode == .success)
    steps.append(Double(sol.stats.naccept))
    errors.append(abs(sol.u.last![0] - exact))
  }
  return (-logLogSlope(steps, errors), steps)
}

@Suite("QNDF")
struct QNDFTests {
  /// QNDF fixed at order k (`minOrder = maxOrder = k`) on `u′ = −u + sin t` over four to six
  /// decades of tolerance, with variable steps and the start climbing one order per step:
  /// the error falls at least like steps^−k (measured 1.00, 2.06, 3.12, 4.29, 5.58; the start
  /// weighs less as the tolerance falls, which steepens the high orders). The order itself is
  /// measured on a constant step from exact history (``QNDFFixedStepOrderTests``).
  @Test(
    "variable step: error falls at least like steps^−k with minOrder = maxOrder = k",
    arguments: 1...5)
  func order(k: Int) throws {
    let decades: [ClosedRange<Int>] = [3...6, 5...9, 6...10, 10...14, 10...14]
    let tolerances = decades[k - 1].map { pow(10, -Double($0)) }
    let (slope, steps) = try multistepMeasuredOrder(
      QNDF(maxOrder: k, minOrder: k), tolerances: tolerances)
    #expect(slope >= Double(k) - 0.3, "k = \(k): slope \(slope), steps \(steps)")
  }

  /// QNDF1 and QNDF2 (the fixed-order algorithms) measure their orders. Measured: 1.00, 2.06.
  @Test("QNDF1 and QNDF2: measured orders 1 and 2")
  func fixedOrderAlgorithms() throws {
    let (slope1, steps1) = try multistepMeasuredOrder(
      QNDF1(), tolerances: (3...6).map { pow(10, -Double($0)) })
    let (slope2, steps2) = try multistepMeasuredOrder(
      QNDF2(), tolerances: (5...9).map { pow(10, -Double($0)) })
    #expect(abs(slope1 - 1) <= 0.3, "QNDF1: slope \(slope1), steps \(steps1)")
    #expect(abs(slope2 - 2) <= 0.3, "QNDF2: slope \(slope2), steps \(steps2)")
  }

  /// Stiff (λ = 10⁴): the error at t = 10 and of the dense output at t = 5.05 stays within
  /// 100 tolerances, for QNDF, QNDF1 and QNDF2; more steps at tighter tolerances.
  @Test("stiff Prothero–Robinson: QNDF, QNDF1, QNDF2 within the tolerance, dense output included")
  func prothero() throws {
    for (name, tolerances) in [
      ("QNDF", [1e-4, 1e-6, 1e-8]), ("QNDF1", [1e-3, 1e-4]), ("QNDF2", [1e-4, 1e-6]),
    ] {
      var steps: [Int] = []
      for tol in tolerances {
        let sol: ODESolution<[Double]>
        switch name {
        case "QNDF1": sol = try solve(protheroRobinson(), QNDF1(), abstol: tol, reltol: tol)
        case "QNDF2": sol = try solve(protheroRobinson(), QNDF2(), abstol: tol, reltol: tol)
        default: sol = try solve(protheroRobinson(), QNDF(), abstol: tol, reltol: tol)
        }
        #expect(sol.retcode == .success)
        let endError = abs(sol.u.last![0] - sin(10.0))
        let denseError = abs(sol(5.05)[0] - sin(5.05))
        #expect(endError <= 100 * tol, "\(name) tol \(tol): \(endError)")
        #expect(denseError <= 100 * tol, "\(name) tol \(tol): dense \(denseError)")
        steps.append(sol.stats.naccept)
      }
      #expect(steps == steps.sorted(), "\(name): \(steps)")
    }
  }

  /// Test Set for IVP Solvers references (problems.json) at reltol 1e-8 (abstol 1e-11; ROBER
  /// componentwise as for FBDF, 2e-16, 1e-14, 1e-11: y₁ = 2.1e-8 at t = 1e11 counts in the
  /// digits): the issue asks at least 6 significant digits. Measured: HIRES 6.30 (610 steps),
  /// OREGO 6.05 (3079), POLLU 7.26 (314), ROBER 6.78 (1626). With ode15s's step factors
  /// (1.2, 1.3, 1.4 on the estimate's root) OREGO reached 5.85 in 2800 steps; QNDF now
  /// aims its estimates as FBDF does, with CVODE's biases (1/6 of the tolerance for orders k
  /// and k − 1, 1/10 for k + 1), about 10% more steps.
  @Test("HIRES, OREGO, POLLU, ROBER: ≥ 6 digits at reltol 1e-8")
  func testSet() throws {
    let hires = try solve(Hires.problem(), QNDF(), abstol: 1e-11, reltol: 1e-8)
    let orego = try solve(Orego.problem(), QNDF(), abstol: 1e-11, reltol: 1e-8)
    let pollu = try solve(Pollu.problem(), QNDF(), abstol: 1e-11, reltol: 1e-8)
    let rober = try solve(
      Rober.problem(), QNDF(), abstol: [2e-16, 1e-14, 1e-11], reltol: 1e-8)
    let cases: [(String, ODESolution<[Double]>, [Double])] = [
      ("HIRES", hires, Hires.reference), ("OREGO", orego, Orego.reference),
      ("POLLU", pollu, Pollu.reference), ("ROBER", rober, Rober.reference),
    ]
    for (name, sol, reference) in cases {
      #expect(sol.retcode == .success, "\(name)")
      let digits = testSetDigits(sol.u.last!, reference)
      #expect(digits >= 6, "\(name): \(digits) digits, \(sol.stats.naccept) steps")
    }
  }

  /// QNDF1 and QNDF2 against the HIRES reference at reltol 1e-6 (abstol 1e-9). Measured:
  /// 2.54 digits (7992 steps), 3.47 (976): low orders accumulate the local errors of many
  /// steps.
  @Test("QNDF1, QNDF2: HIRES reference at a looser tolerance")
  func hiresFixedOrder() throws {
    let one = try solve(Hires.problem(), QNDF1(), abstol: 1e-9, reltol: 1e-6)
    let two = try solve(Hires.problem(), QNDF2(), abstol: 1e-9, reltol: 1e-6)
    let d1 = testSetDigits(one.u.last!, Hires.reference)
    let d2 = testSetDigits(two.u.last!, Hires.reference)
    #expect(one.retcode == .success && two.retcode == .success)
    #expect(d1 >= 2.3, "QNDF1: \(d1) digits")
    #expect(d2 >= 3.2, "QNDF2: \(d2) digits")
  }

  /// Variable order on HIRES at reltol 1e-8: the high orders take most steps (46 Jacobians,
  /// 88 factorizations in 555 steps).
  @Test("variable order picks the high orders on a smooth problem (HIRES histogram)")
  func hiresHistogram() throws {
    var integrator = try ODEIntegrator(
      Hires.problem(), QNDF(),
      options: ODESolverOptions(abstol: 1e-11, reltol: 1e-8, saveEveryStep: false, dense: false))
    var histogram = [Int](repeating: 0, count: 6)
    while integrator.step() { histogram[integrator.stepper.lastStepOrder] += 1 }
    #expect(integrator.retcode == .success)
    let shares = (1...5).map { "\($0): \(histogram[$0])" }.joined(separator: ", ")
    #expect(histogram[4] + histogram[5] >= histogram[1] + histogram[2], "orders \(shares)")
    // Jacobians and factorizations are reused across steps.
    #expect(integrator.stats.njacs < integrator.stats.naccept / 2)
  }

  @Test("bad maxOrder, minOrder, kappa → DiffEqError naming the field; an event restarts")
  func inputAndRestart() throws {
    for (alg, field) in [
      (QNDF(maxOrder: 6), "maxOrder"), (QNDF(maxOrder: 0), "maxOrder"),
      (QNDF(maxOrder: 3, minOrder: 4), "minOrder"), (QNDF(kappa: [0.1]), "kappa"),
    ] {
      do {
        _ = try solve(protheroRobinson(), alg)
        Issue.record("\(field): no error")
      } catch let error as DiffEqError {
        #expect(error.field == field, "\(error)")
      }
    }
    // A kick at t = 5 (u jumps by 1): afterwards u = sin t + e^{−λ(t−5)}, back on sin t.
    let kick = DiscreteCallback<[Double], Double>(
      condition: { _, t, _ in t == 5 }, affect: { integrator in integrator.u[0] += 1 })
    for alg in [QNDF(), QNDF(maxOrder: 2, minOrder: 2)] {
      let sol = try solve(
        protheroRobinson(), alg, abstol: 1e-8, reltol: 1e-8, tstops: [5],
        callback: CallbackSet(kick))
      #expect(sol.retcode == .success)
      #expect(abs(sol.u.last![0] - sin(10.0)) <= 1e-6)
      #expect(abs(sol(5 + 1e-4)[0] - (sin(5 + 1e-4) + exp(-1.0))) <= 1e-3)
    }
    // A continuous event (u crosses 0.5 upwards) that changes nothing: the step ends there and
    // the method restarts from the dense output's state.
    let crossing = ContinuousCallback<[Double], Double>(
      condition: { u, _, _ in u[0] - 0.5 }, affect: { _ in })
    let sol = try solve(
      protheroRobinson(), QNDF(), abstol: 1e-8, reltol: 1e-8, callback: CallbackSet(crossing))
    #expect(sol.retcode == .success)
    #expect(abs(sol.u.last![0] - sin(10.0)) <= 1e-6)
  }
}

@Suite("QNDF: linear algebra, allocations and failures")
struct QNDFLinearAlgebraTests {
  @Test(
    "stepping allocates nothing: dense, banded and sparse, analytic and difference Jacobians",
    arguments: ["dense", "dense-analytic", "banded", "banded-analytic", "sparse"])
  func noAllocation(_ kind: String) throws {
    try #require(allocationCountingIsActive || !allocationCountingIsExpected)
    let options = ODESolverOptions(abstol: 1e-10, reltol: 1e-8, saveEveryStep: false, dense: false)
    let count: Int
    let njacs: Int
    if kind == "sparse" {
      var integrator = try ODEIntegrator(Brusselator2D.problem(n: 8), QNDF(), options: options)
      for _ in 0..<20 { integrator.step() }
      count = allocations { for _ in 0..<200 { integrator.step() } }
      njacs = integrator.stats.njacs
    } else {
      var prob = Hires.problem()
      if !kind.hasSuffix("analytic") { prob.jac = nil }
      if kind.hasPrefix("banded") { prob.jacPrototype = .banded(lower: 7, upper: 7) }
      var integrator = try ODEIntegrator(prob, QNDF(), options: options)
      for _ in 0..<20 { integrator.step() }
      count = allocations { for _ in 0..<200 { integrator.step() } }
      njacs = integrator.stats.njacs
    }
    #expect(count == 0, "\(kind): \(count) allocations in 200 steps")
    #expect(njacs >= 1)
  }

  /// The banded chain matches the dense one; on the 2-D Brusselator sparse LU and GMRES
  /// (ILU(0) from the pattern) are within 1e-4 of Rodas5P at 1e-10 (measured 1.9e-5 both).
  @Test("banded, sparse and GMRES give the dense solution")
  func structured() throws {
    let chain = diffusionChain()
    let dense = try solve(chain, QNDF(), abstol: 1e-8, reltol: 1e-8, saveEveryStep: false)
    var bandedProblem = chain
    bandedProblem.jacPrototype = .banded(lower: 1, upper: 1)
    let banded = try solve(bandedProblem, QNDF(), abstol: 1e-8, reltol: 1e-8, saveEveryStep: false)
    #expect(dense.retcode == .success && banded.retcode == .success)
    let difference = zip(dense.u.last!, banded.u.last!).map { abs($0 - $1) }.max()!
    #expect(difference <= 1e-7, "banded: max difference \(difference)")
    let bruss = Brusselator2D.problem(n: 8, tEnd: 11.5)
    let sparse = try solve(
      bruss, QNDF(), abstol: 1e-8, reltol: 1e-6, saveEveryStep: false, tstops: [1.1])
    let krylov = try solve(
      bruss, QNDF(linearSolver: .gmres), abstol: 1e-8, reltol: 1e-6, saveEveryStep: false,
      tstops: [1.1])
    var free = bruss
    free.jacPrototype = nil
    let reference = try solve(
      free, Rodas5P(), abstol: 1e-12, reltol: 1e-10, saveEveryStep: false, tstops: [1.1])
    #expect(sparse.retcode == .success && krylov.retcode == .success)
    #expect(krylov.algorithm == "QNDF(GMRES)")
    let sparseError = zip(sparse.u.last!, reference.u.last!).map { abs($0 - $1) }.max()!
    let krylovError = zip(krylov.u.last!, reference.u.last!).map { abs($0 - $1) }.max()!
    #expect(sparseError <= 1e-4 && krylovError <= 1e-4, "\(sparseError), \(krylovError)")
  }

  @Test("Newton failing at every step size ends with .convergenceFailure and a diagnostic")
  func convergenceFailure() throws {
    // u′ = −√u − 1 from u = 0: every Newton iterate of every step, however short, evaluates
    // √ of a negative number.
    let prob = ODEProblem(u0: [0.0], tspan: (0.0, 1.0), p: NullParameters()) { du, u, _, _ in
      du[0] = -u[0].squareRoot() - 1
    }
    for sol in [try solve(prob, QNDF()), try solve(prob, QNDF1()), try solve(prob, QNDF2())] {
      #expect(sol.retcode == .convergenceFailure)
      let diagnostic = try #require(sol.diagnostic)
      #expect(diagnostic.message.contains("Newton"), "\(diagnostic.message)")
      #expect(sol.stats.nnonlinconvfail >= 10)
    }
  }
}
