import DiffEqProblemLibrary
import DiffEqTestSupport
import DifferentialEquations
import Testing

@Suite("Stiffness detection and AutoSwitch")
struct AutoSwitchTests {
  /// OrdinaryDiffEq.jl's `alg_stability_size` (alg_utils.jl), four decimals.
  @Test("stability boundaries from the tableaus match OrdinaryDiffEq.jl's alg_stability_size")
  func stabilityBoundaries() {
    let expected: [(String, Double, Double)] = [
      ("DP5", DP5().tableau.stabilityBoundary, 3.3066),
      ("Tsit5", Tsit5().tableau.stabilityBoundary, 3.5068),
      ("Vern6", Vern6().tableau.stabilityBoundary, 4.8553),
      ("Vern7", Vern7().tableau.stabilityBoundary, 4.6400),
      ("Vern8", Vern8().tableau.stabilityBoundary, 5.8641),
      ("Vern9", Vern9().tableau.stabilityBoundary, 4.4762),
    ]
    for (name, computed, reference) in expected {
      #expect(abs(computed - reference) < 1e-4, "\(name): \(computed) vs \(reference)")
    }
    // RK4's boundary is known exactly enough: |1 − x + x²/2 − x³/6 + x⁴/24| = 1 at 2.7853.
    #expect(abs(RK4().tableau.stabilityBoundary - 2.785293563) < 1e-6)
  }

  @Test("Hairer's estimate finds the stiff eigenvalue of a linear system")
  func eigenvalueEstimate() throws {
    // u′ = diag(−1, −1000) u: once the fast mode has decayed to the noise, the explicit
    // method's step sits at its stability limit and ρ ≈ 1000.
    let prob = ODEProblem(u0: [1.0, 1.0], tspan: (0.0, 2.0), p: NullParameters()) {
      du, u, _, _ in
      du[0] = -u[0]
      du[1] = -1000 * u[1]
    }
    let sol = try solve(prob, AutoTsit5(Rodas5P()), reltol: 1e-6)
    let first = try #require(sol.algorithmChoice?.switches.first)
    #expect(first.to == "Rodas5P")
    #expect(abs(first.eigenvalueEstimate - 1000) / 1000 < 0.1, "\(first)")
    #expect(first.stiffness > 0.9)
  }

  @Test("van der Pol μ = 1000: switches at the fast transients, accurate across them")
  func vanDerPolSwitches() throws {
    // MATLAB's vdp1000: μ = 1000 on [0, 3000], three jumps through y₁ = 0.
    let prob = VanDerPolOscillator.problem(mu: 1000, tEnd: 3000)
    let crossing = ContinuousCallback<[Double], NullParameters>(
      condition: { u, _, _ in u[0] }, affect: { _ in }, savePositions: (false, false),
      name: "jump")
    let sol = try solve(
      prob, AutoTsit5(Rodas5P()), abstol: 1e-9, reltol: 1e-6, callback: CallbackSet(crossing))
    #expect(sol.retcode == .success)
    let choice = try #require(sol.algorithmChoice)
    let jumps = sol.events.map(\.t)
    #expect(jumps.count == 3, "\(jumps)")
    // Every switch lies within 1% of a half-period (8 of 807) of a fast transient: the
    // initial layer at t = 0 or a jump; each jump has its switch to Tsit5 and back.
    let transients = [0] + jumps
    for change in choice.switches {
      let distance = transients.map { abs($0 - change.t) }.min()!
      #expect(distance < 8, "\(change) is \(distance) from the nearest transient \(jumps)")
    }
    #expect(choice.switches.filter { $0.to == "Tsit5" }.count == jumps.count, "\(choice)")
    // The stiff method covers the slow stretches: nearly all of the span.
    var stiffTime = 0.0
    var start: Double?
    for change in choice.switches {
      if change.to == "Rodas5P" { start = change.t }
      if change.to == "Tsit5", let s = start { stiffTime += change.t - s }
    }
    if let s = start, choice.switches.last?.to == "Rodas5P" { stiffTime += 3000 - s }
    #expect(stiffTime > 0.95 * 3000, "Rodas5P covers \(stiffTime) of 3000: \(choice)")
    // Against a tight Rodas5P solve, on the slow stretches (a phase error moves the jumps).
    let reference = try solve(prob, Rodas5P(), abstol: 1e-12, reltol: 1e-11)
    for t in stride(from: 10.0, through: 3000, by: 10) where abs(reference(t)[1]) < 0.01 {
      let error = abs(sol(t)[0] - reference(t)[0])
      #expect(error < 1e-3, "t = \(t): \(error)")
    }
    #expect(abs(sol.u.last![0] - reference.u.last![0]) < 1e-3)
    #expect(choice.stepMethods.count == sol.stats.naccept)
    #expect(choice.method(atStep: 0) == "Tsit5")
    #expect(sol.algorithm == "AutoTsit5(Rodas5P)")
  }

  @Test("PLEI never switches to the stiff method")
  func pleiadesNeverSwitches() throws {
    let prob = Pleiades.problem()
    for reltol in [1e-3, 1e-6, 1e-9] {
      let sol = try solve(prob, abstol: reltol * 1e-3, reltol: reltol)
      let choice = try #require(sol.algorithmChoice)
      #expect(choice.switches.isEmpty, "reltol \(reltol): \(choice)")
      #expect(choice.stepCounts[1] == 0)
    }
  }

  @Test("a stiff linear system of size 200 switches within the first 20 steps")
  func heatSwitchesEarly() throws {
    let prob = HeatEquation1D.problem(n: 200, tEnd: 0.1)
    for reltol in [1e-3, 1e-6] {
      let sol = try solve(prob, abstol: 1e-9, reltol: reltol)
      let first = try #require(sol.algorithmChoice?.switches.first, "\(sol.algorithm)")
      #expect(first.step <= 20, "\(first)")
      let exact = HeatEquation1D(n: 200).exact(at: 0.1)
      let error = zip(sol.u.last!, exact).map { abs($0 - $1) }.max()!
      #expect(error < 100 * reltol, "reltol \(reltol): \(error)")
    }
  }

  @Test("after maxSwitches switches the stiff method takes every remaining step")
  func switchCap() throws {
    let prob = VanDerPolOscillator.problem(mu: 1000, tEnd: 3000)
    let sol = try solve(
      prob,
      AutoSwitch(nonstiff: Tsit5(), stiff: Rodas5P(), policy: AutoSwitchPolicy(maxSwitches: 2)),
      reltol: 1e-6)
    let choice = try #require(sol.algorithmChoice)
    #expect(choice.reachedSwitchCap)
    #expect(choice.switches.count <= 3)
    #expect(choice.switches.last?.to == "Rodas5P")
    #expect(sol.retcode == .success)
  }

  @Test("stiffAlgFirst, FBDF as the stiff half, and a mass matrix: stiff method only")
  func variants() throws {
    let prob = VanDerPolOscillator.problem(mu: 1000, tEnd: 1000)
    let first = try solve(
      prob, AutoTsit5(Rodas5P(), policy: AutoSwitchPolicy(stiffAlgFirst: true)), reltol: 1e-6)
    #expect(first.algorithmChoice?.method(atStep: 0) == "Rodas5P")
    let bdf = try solve(prob, AutoTsit5(FBDF()), reltol: 1e-6)
    #expect(bdf.retcode == .success)
    #expect(bdf.algorithmChoice?.switches.isEmpty == false)
    let reference = try solve(prob, Rodas5P(), abstol: 1e-12, reltol: 1e-11)
    #expect(abs(bdf.u.last![0] - reference.u.last![0]) < 1e-3)
    // With a mass matrix (here M = 2I) the stiff method takes every step.
    var massive = prob
    massive.massMatrix = .diagonal([2, 2])
    let mass = try solve(massive, AutoTsit5(Rodas5P()), reltol: 1e-6)
    #expect(mass.algorithmChoice?.stepCounts[0] == 0)
  }

  @Test("policy validation names the field")
  func validation() throws {
    let prob = VanDerPolOscillator.problem(mu: 10, tEnd: 1)
    let bad: [(AutoSwitchPolicy, String)] = [
      (AutoSwitchPolicy(maxStiffStep: -1), "maxStiffStep"),
      (AutoSwitchPolicy(maxNonstiffStep: -1), "maxNonstiffStep"),
      (AutoSwitchPolicy(nonstiffTol: 0), "nonstiffTol"),
      (AutoSwitchPolicy(stiffTol: .nan), "stiffTol"),
      (AutoSwitchPolicy(dtFac: 0.5), "dtFac"),
      (AutoSwitchPolicy(maxSwitches: -1), "maxSwitches"),
    ]
    for (policy, field) in bad {
      #expect(throws: DiffEqError.self) { try solve(prob, AutoTsit5(Rodas5P(), policy: policy)) }
      do {
        _ = try solve(prob, AutoTsit5(Rodas5P(), policy: policy))
      } catch let error as DiffEqError {
        #expect(error.field == field)
      }
    }
  }
}
