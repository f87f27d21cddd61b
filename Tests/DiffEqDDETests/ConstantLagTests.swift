import DiffEqProblemLibrary
import DiffEqTestSupport
import DifferentialEquations
import Testing

/// `u′(t) = −u(t − 1)`, `u = 0` before 0, `u(0) = 1`: the history jumps at `t₀`, so `u⁽ᵏ⁾`
/// jumps at `t = k`. The exact solution is a polynomial on each `[k, k+1]` (method of steps
/// by hand); `u(10) = 19223/362880` (../shared/reference/problems.json,
/// "dde_constant_1delay", from DDEProblemLibrary.jl's `prob_dde_constant_1delay_ip`).
@Suite("Constant lag: u′ = −u(t − 1)")
struct ConstantLagTests {
  static let exact10 = ConstantDelay.reference10

  static func problem() -> DDEProblem<InPlaceDDEFunction<[Double], Void>> {
    // The spelling: history as an argument, f as the trailing closure.
    // swift-format-ignore: OnlyOneTrailingClosureArgument
    DDEProblem(
      u0: [1.0], history: { p, t in [0.0] }, tspan: (0.0, 10.0), p: (), constantLags: [1.0]
    ) { du, u, h, p, t in
      du[0] = -h(t - 1.0)[0]
    }
  }

  @Test("the exact solution reproduces the shared reference u(10) = 19223/362880")
  func exactSolution() {
    #expect(abs(ConstantDelay.exact(10) - Self.exact10) <= 1e-13)
    #expect(ConstantDelay.exact(0.5) == 1)
    #expect(abs(ConstantDelay.exact(1.5) - 0.5) <= 1e-15)
  }

  @Test(
    "u(10) to ≥ 9 digits at 1e-10, discontinuities 1…p in sol.t",
    arguments: ["Tsit5", "Vern9", "Vern7", "Vern6", "BS5", "OwrenZen5"])
  func accuracyAndDiscontinuities(_ name: String) throws {
    let method = try #require(RKMethods.all.first { $0.name == name })
    let sol = try solve(
      Self.problem(), MethodOfSteps(ExplicitRK(method.algorithm)), abstol: 1e-10, reltol: 1e-10)
    #expect(sol.retcode == .success)
    let u10 = try #require(sol.u.last)[0]
    let digits = -log10(abs(u10 - Self.exact10) / Self.exact10)
    #expect(digits >= 9, "\(name): u(10) = \(u10), \(fixed(digits)) digits")
    for k in 1...method.tableau.order {
      #expect(sol.t.contains(Double(k)), "\(name): discontinuity t = \(k) not a step boundary")
    }
    #expect(sol.algorithm == "MethodOfSteps(\(name))")
  }

  /// DP5 and DP8 (whose error per unit of tolerance is larger, as in the ODE reference
  /// tests) and the lower-order pairs: the discontinuities are step boundaries and the error
  /// stays within a few hundred times the tolerance.
  @Test(
    "every adaptive method steps onto the discontinuities",
    arguments: ["BS3", "OwrenZen3", "OwrenZen4", "DP5", "Vern8", "DP8"])
  func otherMethods(_ name: String) throws {
    let method = try #require(RKMethods.all.first { $0.name == name })
    let sol = try solve(
      Self.problem(), MethodOfSteps(ExplicitRK(method.algorithm)), abstol: 1e-10, reltol: 1e-10)
    #expect(sol.retcode == .success)
    let error = abs(sol.u.last![0] - Self.exact10)
    #expect(error <= 500e-10, "\(name): error \(error)")
    for k in 1...method.tableau.order {
      #expect(sol.t.contains(Double(k)), "\(name): discontinuity t = \(k) not a step boundary")
    }
    #expect(!sol.t.contains(Double(method.tableau.order + 1)) || method.tableau.order + 1 > 10)
  }

  @Test("dense output matches the exact solution across the span and gives the history before t₀")
  func denseOutput() throws {
    let sol = try solve(Self.problem(), MethodOfSteps(Tsit5()), abstol: 1e-10, reltol: 1e-10)
    var worst = 0.0
    for i in 0...200 {
      let t = 10.0 * Double(i) / 200
      worst = max(worst, abs(sol(t)[0] - ConstantDelay.exact(t)))
    }
    #expect(worst <= 1e-9, "max error of sol(t): \(worst)")
    #expect(sol(-0.5)[0] == 0)
    // u′ = −u(t − 1): on (1, 2) u′ = −1.
    #expect(abs(sol(1.5, derivative: 1)[0] + 1) <= 1e-8)
  }

  @Test("the model type of the problem library gives the same solution as the closure")
  func modelType() throws {
    let closure = try solve(Self.problem(), MethodOfSteps(Tsit5()), abstol: 1e-8, reltol: 1e-8)
    let model = try solve(
      ConstantDelay.problem(), MethodOfSteps(Tsit5()), abstol: 1e-8, reltol: 1e-8)
    #expect(closure.t == model.t)
    #expect(closure.u == model.u)
  }

  @Test("constrained: steps never exceed the lag and need no fixed-point iteration")
  func constrained() throws {
    let sol = try solve(
      Self.problem(), MethodOfSteps(Tsit5(), constrained: true), abstol: 1e-8, reltol: 1e-8)
    for (a, b) in zip(sol.t, sol.t.dropFirst()) { #expect(b - a <= 1 + 1e-12) }
    #expect(sol.stats.nnonliniter == 0)
    #expect(abs(sol.u.last![0] - Self.exact10) <= 1e-7)
  }
}

/// Discontinuities that do not come from t₀: a callback that kicks the state, and a history
/// that jumps before t₀. Both problems are linear, so their exact solutions are sums of
/// shifted copies of the fundamental solution `U = ConstantDelay.exact`.
@Suite("Constant lag: discontinuities from callbacks and from the history")
struct PropagatedDiscontinuityTests {
  @Test("a kick u += 1 at t = 2.5 is tracked: 3.5, 4.5, … are step boundaries, u(10) exact")
  func kick() throws {
    let kick = DiscreteCallback<[Double], NullParameters>.presetTime([2.5]) { integrator in
      integrator.u[0] += 1
    }
    let sol = try solve(
      ConstantDelay.problem(), MethodOfSteps(Tsit5()), abstol: 1e-10, reltol: 1e-10,
      callback: CallbackSet(kick))
    #expect(sol.retcode == .success)
    // u = U(t) + U(t − 2.5): the kick starts a second copy of the fundamental solution.
    let exact = ConstantDelay.exact(10) + ConstantDelay.exact(7.5)
    let digits = -log10(abs(sol.u.last![0] - exact) / abs(exact))
    #expect(digits >= 9, "\(fixed(digits)) digits")
    for k in 1...5 { #expect(sol.t.contains(2.5 + Double(k)), "t = \(2.5 + Double(k))") }
  }

  @Test("a kick's images are stops even when the next step would be longer than the lag")
  func kickWithShortLag() throws {
    // Loose tolerance, lag 0.2: steps after the kick would pass 2.7 if the kick's
    // discontinuity reached the integrator only after that step.
    let prob = DDEProblem(
      ConstantDelay(), u0: [1.0], history: { out, _, _, _ in out[0] = 0 }, tspan: (0, 5),
      p: NullParameters(), constantLags: [0.2])
    let kick = DiscreteCallback<[Double], NullParameters>.presetTime([2.5]) { integrator in
      integrator.u[0] += 1
    }
    let sol = try solve(
      prob, MethodOfSteps(Tsit5()), abstol: 1e-3, reltol: 1e-3, callback: CallbackSet(kick))
    #expect(sol.retcode == .success)
    for k in 1...3 {
      let image = 2.5 + 0.2 * Double(k)
      #expect(sol.t.contains { abs($0 - image) <= 1e-12 }, "t = \(image)")
    }
  }

  @Test("constrained with a lag that is not a binary fraction: no fixed-point iteration")
  func constrainedInexactLag() throws {
    let prob = DDEProblem(
      ConstantDelay(), u0: [1.0], history: { out, _, _, _ in out[0] = 0 }, tspan: (0, 3),
      p: NullParameters(), constantLags: [0.1])
    let sol = try solve(
      prob, MethodOfSteps(Tsit5(), constrained: true), abstol: 1e-8, reltol: 1e-8)
    #expect(sol.retcode == .success)
    #expect(sol.stats.nnonliniter == 0)
  }

  @Test("a history that jumps at −0.5 (historyDiscontinuities) is tracked from 0.5 on")
  func historyJump() throws {
    // φ = 1 before −0.5 and 0 on [−0.5, 0): u′ = −u(t − 1) reads the jump at t = 0.5, so
    // u = U(t) − V(t − 0.5) with V the solution that starts from u = 0 with u′ = −1.
    var prob = DDEProblem(
      ConstantDelay(), u0: [1.0], history: { out, _, s, _ in out[0] = s < -0.5 ? 1 : 0 },
      tspan: (0, 10), p: NullParameters(), constantLags: [1])
    prob.historyDiscontinuities = [-0.5]
    let sol = try solve(prob, MethodOfSteps(Tsit5()), abstol: 1e-10, reltol: 1e-10)
    for k in 0...4 { #expect(sol.t.contains(0.5 + Double(k)), "t = \(0.5 + Double(k))") }
    // Reference: the same problem with a tight tolerance and the jump's images as tstops.
    let reference = try solve(
      prob, MethodOfSteps(Vern9()), abstol: 1e-13, reltol: 1e-13,
      tstops: (0...9).map { 0.5 + Double($0) })
    let digits = -log10(abs(sol.u.last![0] - reference.u.last![0]) / abs(reference.u.last![0]))
    #expect(digits >= 8, "\(fixed(digits)) digits")
    // Without the declaration the jump at 0.5 is stepped over blindly: less accurate.
    prob.historyDiscontinuities = []
    let blind = try solve(prob, MethodOfSteps(Tsit5()), abstol: 1e-10, reltol: 1e-10)
    #expect(!blind.t.contains(0.5))
  }
}

/// The method of steps over a Rosenbrock method (its stepper through `ODEStepperProvider`,
/// finite-difference Jacobian of the wrapped right-hand side).
@Suite("Method of steps over Rosenbrock methods")
struct RosenbrockMethodOfStepsTests {
  @Test("u′ = −u(t − 1) with Rodas5P and Rodas4: u(10) to ≥ 7 digits at 1e-9")
  func constantLag() throws {
    for (name, sol) in [
      (
        "Rodas5P",
        try solve(ConstantDelay.problem(), MethodOfSteps(Rodas5P()), abstol: 1e-9, reltol: 1e-9)
      ),
      (
        "Rodas4",
        try solve(ConstantDelay.problem(), MethodOfSteps(Rodas4()), abstol: 1e-9, reltol: 1e-9)
      ),
    ] {
      #expect(sol.retcode == .success)
      let digits = -log10(
        abs(sol.u.last![0] - ConstantDelay.reference10) / ConstantDelay.reference10)
      #expect(digits >= 7, "\(name): \(fixed(digits)) digits")
      #expect(sol.algorithm == "MethodOfSteps(\(name))")
    }
  }
}
