import DiffEqTestSupport
import DifferentialEquations
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@Suite("SRI and SRA methods")
struct SRIConvergenceTests {
  @Test("strong order 1.5 of SRIW1 and SOSRI on GBM (fixed steps, 1000 paths)")
  func strongOrder() throws {
    let steps = [16, 32, 64, 128, 256]
    for (name, alg) in [("SRIW1", SRIW1() as any SDEAlgorithm), ("SOSRI", SOSRI())] {
      let errors = try GBM.errors(
        alg, .ito, steps: steps, paths: 1000, strong: true, adaptive: false)
      let study = ConvergenceStudy(stepSizes: steps.map { 1 / Double($0) }, errors: errors)
      #expect(abs(study.slope - 1.5) <= 0.2, "\(name): \(study)")
    }
  }

  /// (StochasticDiffEq.jl's error estimate weighs the whole drift increment `h Σ fᵢ`, so at
  /// 1e-4 SOSRI takes ~26 000 steps on GBM and its error is ~3e-7: Verification/SDE/FORMULAS.md.)
  @Test("adaptive SOSRI at 1e-4: reproducible to the bit, strong error ≤ 1e-3 at t = 1")
  func adaptiveSOSRI() throws {
    let prob = GBM.problem()
    let a = try solve(prob, SOSRI(), abstol: 1e-4, reltol: 1e-4, seed: 42)
    let b = try solve(prob, SOSRI(), abstol: 1e-4, reltol: 1e-4, seed: 42)
    #expect(a.retcode == .success)
    #expect(a.t == b.t && a.u == b.u && a.W.values == b.W.values)
    var total = 0.0
    let paths = 20
    var rejections = 0
    for seed in 0..<paths {
      let sol = try solve(
        prob, SOSRI(), abstol: 1e-4, reltol: 1e-4, seed: UInt64(seed) + 1, saveEveryStep: false)
      let w = sol.W.values[sol.W.values.count - 1]
      total += abs(sol.u.last![0] - GBM.exact(1, w, .ito))
      rejections += sol.stats.nreject
    }
    let error = total / Double(paths)
    #expect(error <= 1e-3, "mean strong error \(error), \(a.stats)")
    #expect(rejections > 0, "the test should exercise rejections (and the bridge)")
  }

  /// `du = (β/√(1+t) − u/(2(1+t))) dt + (αβ/√(1+t)) dW`, α = 0.1, β = 0.05, `u₀ = 1/2`:
  /// `u = u₀/√(1+t) + β(t + αW)/√(1+t)` (DiffEqProblemLibrary.jl's additive test problem).
  /// Linear, so the SRA methods converge faster than their general order 1.5 here.
  @Test("SRA1 and SOSRA converge on an additive-noise problem (order ≥ 1.5)")
  func additive() throws {
    let (alpha, beta) = (0.1, 0.05)
    let prob = SDEProblem(
      u0: [0.5], tspan: (0.0, 1.0), p: (), noise: .additive,
      f: { du, u, _, t in du[0] = beta / (1 + t).squareRoot() - u[0] / (2 * (1 + t)) },
      g: { du, _, _, t in du[0] = alpha * beta / (1 + t).squareRoot() })
    let steps = [8, 16, 32, 64, 128]
    for (name, alg) in [("SRA1", SRA1() as any SDEAlgorithm), ("SOSRA", SOSRA())] {
      var errors: [Double] = []
      for n in steps {
        var total = 0.0
        for seed in 0..<300 {
          let sol = try solve(
            prob, alg, dt: 1 / Double(n), adaptive: false, seed: UInt64(seed) + 5,
            saveEveryStep: false)
          let w = sol.W.values[sol.W.values.count - 1]
          let exact = (0.5 + beta * (1 + alpha * w)) / 2.0.squareRoot()
          total += abs(sol.u.last![0] - exact)
        }
        errors.append(total / 300)
      }
      let study = ConvergenceStudy(stepSizes: steps.map { 1 / Double($0) }, errors: errors)
      #expect(study.slope >= 1.5 - 0.2, "\(name): \(study)")
    }
  }
}

@Suite("LambaEM")
struct LambaEMTests {
  @Test("strong order ½ on GBM with fixed steps; adaptive solves get more accurate as tol falls")
  func lambaEM() throws {
    let steps = [16, 32, 64, 128, 256]
    let errors = try GBM.errors(LambaEM(), .ito, steps: steps, paths: 1000, strong: true)
    let study = ConvergenceStudy(stepSizes: steps.map { 1 / Double($0) }, errors: errors)
    #expect(abs(study.slope - 0.5) <= 0.2, "LambaEM: \(study)")
    var previous = Double.infinity
    for tol in [1e-1, 1e-2, 1e-3] {
      var total = 0.0
      for seed in 0..<100 {
        let sol = try solve(
          GBM.problem(), LambaEM(), abstol: tol, reltol: tol, seed: UInt64(seed) + 11,
          saveEveryStep: false)
        #expect(sol.retcode == .success)
        total += abs(sol.u.last![0] - GBM.exact(1, sol.W.values[sol.W.values.count - 1], .ito))
      }
      let error = total / 100
      #expect(error < previous, "tol \(tol): error \(error) not below \(previous)")
      previous = error
    }
  }
}

@Suite("Drift-implicit schemes")
struct ImplicitSDETests {
  @Test("strong order: ImplicitEM ½, ImplicitRKMil 1 on GBM (1000 paths)")
  func order() throws {
    let steps = [16, 32, 64, 128, 256]
    for (name, alg, order) in [
      ("ImplicitEM", ImplicitEM() as any SDEAlgorithm, 0.5),
      ("ImplicitRKMil", ImplicitRKMil(), 1.0),
    ] {
      let errors = try GBM.errors(alg, .ito, steps: steps, paths: 1000, strong: true)
      let study = ConvergenceStudy(stepSizes: steps.map { 1 / Double($0) }, errors: errors)
      #expect(abs(study.slope - order) <= 0.2, "\(name): \(study)")
    }
  }

  /// `du = −10⁴(u − 1) dt + 0.1 dW` with h = 0.01 (hλ = −100): Euler–Maruyama's amplification
  /// factor is −99, so it explodes; implicit Euler's is 1/101: the path stays near 1.
  @Test("stiff drift: ImplicitEM stays bounded where EM explodes")
  func stiffDrift() throws {
    let prob = SDEProblem(
      u0: [2.0], tspan: (0.0, 1.0), p: (), noise: .additive,
      f: { du, u, _, _ in du[0] = -1e4 * (u[0] - 1) },
      g: { du, _, _, _ in du[0] = 0.1 })
    let implicit = try solve(prob, ImplicitEM(), dt: 0.01, seed: 3)
    #expect(implicit.retcode == .success)
    #expect(implicit.u.dropFirst().allSatisfy { abs($0[0] - 1) < 0.1 })
    #expect(implicit.stats.nnonliniter > 0)
    let explicit = try solve(prob, EM(), dt: 0.01, seed: 3)
    #expect(explicit.retcode != .success || explicit.u.contains { abs($0[0]) > 1e6 })
  }
}
