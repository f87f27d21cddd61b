import DiffEqProblemLibrary
import DiffEqTestSupport
import DifferentialEquations
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The Prothero–Robinson problem `u′ = −λ(u − sin t) + cos t`, `u(0) = 0`, `λ = 10⁴`:
/// stiff, with the smooth exact solution `u = sin t`.
func protheroRobinson(lambda: Double = 1e4) -> ODEProblem<InPlaceODEFunction<[Double], Double>> {
  ODEProblem(u0: [0.0], tspan: (0.0, 10.0), p: lambda) { du, u, l, t in
    du[0] = -l * (u[0] - sin(t)) + cos(t)
  }
}

@Suite("FBDF")
struct FBDFTests {
  /// FBDF restricted to order k with its own step control on a smooth problem
  /// (`u′ = −u + sin t`, exact solution `(sin t − cos t)/2 + 1.5 e^{−t}`) over five or six
  /// decades of tolerance: the error against the number of steps falls at least like
  /// steps^−k. The steps it picks vary with the tolerance, so this slope may run above k
  /// (measured 1.01, 2.04, 3.02, 4.21, 5.03 since the step is kept between changes; 5.63 at
  /// k = 5 before); the order itself is measured on a constant step in
  /// ``FBDFFixedStepOrderTests``.
  @Test(
    "variable step: error falls at least like steps^−k with maxOrder k = 1 … 5", arguments: 1...5)
  func order(k: Int) throws {
    let prob = ODEProblem(u0: [1.0], tspan: (0.0, 10.0), p: ()) { du, u, _, t in
      du[0] = -u[0] + sin(t)
    }
    let exact = (sin(10.0) - cos(10.0)) / 2 + 1.5 * exp(-10.0)
    var steps: [Double] = []
    var errors: [Double] = []
    let decades: [ClosedRange<Int>] = [3...6, 5...9, 6...10, 7...12, 8...13]
    let tolerances = decades[k - 1].map { pow(10, -Double($0)) }
    for tol in tolerances {
      let sol = try solve(prob, FBDF(maxOrder: k), abstol: tol * 1e-2, reltol: tol)
      #expect(sol.retcode == .success)
      steps.append(Double(sol.stats.naccept))
      errors.append(abs(sol.u.last![0] - exact))
    }
    let slope = -logLogSlope(steps, errors)
    #expect(slope >= Double(k) - 0.3, "k = \(k): slope \(slope), steps \(steps)")
  }

  /// Stiff (λ = 10⁴): the error at t = 10 and of the dense output at t = 5.05 stays within
  /// 100 tolerances at 1e-4, 1e-6, 1e-8, and the work grows as the tolerance falls.
  @Test("stiff Prothero–Robinson: within the tolerance, dense output included")
  func prothero() throws {
    var steps: [Int] = []
    for tol in [1e-4, 1e-6, 1e-8] {
      let sol = try solve(protheroRobinson(), FBDF(), abstol: tol, reltol: tol)
      #expect(sol.retcode == .success)
      #expect(abs(sol.u.last![0] - sin(10.0)) <= 100 * tol, "tol \(tol)")
      #expect(abs(sol(5.05)[0] - sin(5.05)) <= 100 * tol, "tol \(tol)")
      steps.append(sol.stats.naccept)
    }
    #expect(steps[0] < steps[1] && steps[1] < steps[2], "\(steps)")
  }

  /// Test Set for IVP Solvers references (problems.json), as for the Rosenbrock methods, at
  /// reltol 1e-8. Measured: HIRES 6.46, OREGO 6.27, VDPOL 6.75, POLLU 7.36, ROBER 7.05.
  /// ROBER's y₁ falls to 2.1e−8 by t = 1e11 and counts in the digits (above 1e−8 of the
  /// largest component); an abstol of 1e−14 on it alone would cap its relative accuracy at
  /// 5e−7, so its abstol is reltol × 2e−8 (y₂, 8e−14 at the end, does not count).
  @Test("HIRES, OREGO, VDPOL, POLLU, ROBER: Test Set accuracy at reltol 1e-8")
  func testSet() throws {
    let cases: [(String, Double)] = [
      (
        "HIRES",
        testSetDigits(
          try solve(Hires.problem(), FBDF(), abstol: 1e-11, reltol: 1e-8).u.last!,
          Hires.reference)
      ),
      (
        "OREGO",
        testSetDigits(
          try solve(Orego.problem(), FBDF(), abstol: 1e-11, reltol: 1e-8).u.last!,
          Orego.reference)
      ),
      (
        "VDPOL",
        testSetDigits(
          try solve(VanDerPol.problem(), FBDF(), abstol: 1e-11, reltol: 1e-8).u.last!,
          VanDerPol.reference)
      ),
      (
        "POLLU",
        testSetDigits(
          try solve(Pollu.problem(), FBDF(), abstol: 1e-11, reltol: 1e-8).u.last!,
          Pollu.reference)
      ),
      (
        "ROBER",
        testSetDigits(
          try solve(Rober.problem(), FBDF(), abstol: [2e-16, 1e-14, 1e-11], reltol: 1e-8).u.last!,
          Rober.reference)
      ),
    ]
    let required = ["HIRES": 6.0, "OREGO": 6.0, "VDPOL": 6.0, "POLLU": 6.0, "ROBER": 6.0]
    for (name, digits) in cases {
      #expect(digits >= required[name]!, "\(name): \(digits) digits")
    }
  }

  @Test("bad maxOrder → DiffEqError; an event restarts at order 1")
  func inputAndRestart() throws {
    #expect(throws: DiffEqError.self) { try solve(protheroRobinson(), FBDF(maxOrder: 6)) }
    #expect(throws: DiffEqError.self) { try solve(protheroRobinson(), FBDF(maxOrder: 0)) }
    // A kick at t = 5 (u jumps by 1): afterwards u = sin t + e^{−λ(t−5)}, back on sin t.
    let kick = DiscreteCallback<[Double], Double>(
      condition: { _, t, _ in t == 5 }, affect: { integrator in integrator.u[0] += 1 })
    let sol = try solve(
      protheroRobinson(), FBDF(), abstol: 1e-8, reltol: 1e-8, tstops: [5],
      callback: CallbackSet(kick))
    #expect(sol.retcode == .success)
    #expect(abs(sol.u.last![0] - sin(10.0)) <= 1e-6)
    #expect(abs(sol(5 + 1e-4)[0] - (sin(5 + 1e-4) + exp(-1.0))) <= 1e-3)
  }
}

@Suite("FBDF: order selection")
struct FBDFOrderSelectionTests {
  /// Variable order on HIRES at reltol 1e-8 (abstol 1e-11): the histogram of the orders of
  /// the accepted steps. The smooth stretches run at the high orders.
  @Test("variable order picks the high orders on a smooth problem (HIRES histogram)")
  func hiresHistogram() throws {
    var integrator = try ODEIntegrator(
      Hires.problem(), FBDF(),
      options: ODESolverOptions(abstol: 1e-11, reltol: 1e-8, saveEveryStep: false, dense: false))
    var histogram = [Int](repeating: 0, count: 6)
    while integrator.step() { histogram[integrator.stepper.lastStepOrder] += 1 }
    #expect(integrator.retcode == .success)
    let total = histogram.reduce(0, +)
    let high = histogram[4] + histogram[5]
    let shares = (1...5).map { "\($0): \(histogram[$0])" }.joined(separator: ", ")
    #expect(Double(high) >= 0.5 * Double(total), "orders \(shares)")
    #expect(histogram[5] > 0, "orders \(shares)")
  }
}
