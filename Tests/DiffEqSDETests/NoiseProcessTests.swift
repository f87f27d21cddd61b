import DiffEqTestSupport
import DifferentialEquations
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Brownian paths `W` (and the SRI/SRA methods' `Z`) on a fine grid, coarsened exactly: the
/// coarse `W` is the fine one at the coarse times, and the coarse `Z` is chosen so that each
/// coarse step's iterated integral `I₍₁,₀₎ = ∫(W − Wₙ)ds = ½H(ΔW + ΔZ/√3)` is the fine path's
/// own (`Σ (W(sⱼ) − Wₙ)h + I₍₁,₀₎,ⱼ`). A method run on every level then sees one path.
struct CoarsenedPath {
  /// The finest step and number of steps on `[0, 1]`.
  let fineSteps: Int
  /// `W` and the fine iterated integrals at the fine times.
  var w: [Double]
  var integrals: [Double]

  init(fineSteps: Int, seed: UInt64) {
    self.fineSteps = fineSteps
    var generator = WienerProcess(dimension: 1, t0: 0, seed: seed)
    let h = 1 / Double(fineSteps)
    w = [0]
    integrals = []
    for _ in 0..<fineSteps {
      let dW = h.squareRoot() * generator.normal()
      let dZ = h.squareRoot() * generator.normal()
      integrals.append(h / 2 * (dW + dZ / 3.0.squareRoot()))
      w.append(w[w.count - 1] + dW)
    }
  }

  /// The grid with `steps` steps on `[0, 1]` (`steps` divides `fineSteps`).
  func grid(steps: Int) -> NoiseGrid {
    let ratio = fineSteps / steps
    let h = 1 / Double(fineSteps)
    let bigH = 1 / Double(steps)
    var t = [0.0]
    var wCoarse: [[Double]] = [[0]]
    var z: [[Double]] = [[0]]
    for k in 0..<steps {
      let start = k * ratio
      var integral = 0.0
      for j in start..<(start + ratio) { integral += (w[j] - w[start]) * h + integrals[j] }
      let dW = w[start + ratio] - w[start]
      let dZ = 3.0.squareRoot() * (2 * integral / bigH - dW)
      t.append(Double(k + 1) * bigH)
      wCoarse.append([w[start + ratio]])
      z.append([z[z.count - 1][0] + dZ])
    }
    t[t.count - 1] = 1
    return NoiseGrid(t: t, W: wCoarse, Z: z)
  }
}

@Suite("Noise processes: NoiseGrid, correlated Wiener processes, events")
struct NoiseProcessTests {
  /// `du = (cos t − 2 sin u) dt + σ dW`, σ = 2, u₀ = 1/2: additive noise with a nonlinear
  /// drift (`g² f″ ≠ 0`, the term that keeps the SRA methods at order 1.5; on linear problems
  /// they reach 2). No closed form: the error is measured against the same method on the same
  /// path (W and the iterated integrals, coarsened exactly) with a step 4 times finer than the
  /// finest level (its own error (1/4)^1.5 ≈ 1/8 of that level's). 1000 paths, h = 1/8 …
  /// 1/128. Measured: SRA1 1.56, SRA3 1.56, SOSRA 1.52 (with σ = 1 the order-2 terms still
  /// dominate at these steps: 1.76).
  @Test("SRA1, SRA3 and SOSRA: strong order 1.5 on a nonlinear additive problem (1000 paths)")
  func sraOrder() throws {
    let prob = SDEProblem(
      u0: [0.5], tspan: (0.0, 1.0), p: (), noise: .additive,
      f: { du, u, _, t in du[0] = cos(t) - 2 * sin(u[0]) },
      g: { du, _, _, _ in du[0] = 2 })
    let steps = [8, 16, 32, 64, 128]
    let paths = 1000
    for (name, alg) in [
      ("SRA1", SRA1() as any SDEAlgorithm), ("SRA3", SRA3()), ("SOSRA", SOSRA()),
    ] {
      var errors = [Double](repeating: 0, count: steps.count)
      for seed in 0..<paths {
        let path = CoarsenedPath(fineSteps: 512, seed: UInt64(seed) &* 7919 &+ 3)
        func endValue(_ n: Int) throws -> Double {
          var replay = prob
          replay.noiseProcess = .grid(path.grid(steps: n))
          let sol = try solve(
            replay, alg, dt: 1 / Double(n), adaptive: false, saveEveryStep: false)
          return sol.u.last![0]
        }
        let reference = try endValue(512)
        for (level, n) in steps.enumerated() {
          errors[level] += abs(try endValue(n) - reference) / Double(paths)
        }
      }
      let study = ConvergenceStudy(stepSizes: steps.map { 1 / Double($0) }, errors: errors)
      #expect(abs(study.slope - 1.5) <= 0.2, "\(name): \(study)")
    }
  }

  /// The problem driven by `noise` (diagonal GBM in two components, `α = (1.01, 0.5)`,
  /// `β = (0.87, 0.4)`).
  static func gbm2(_ noise: NoiseProcess = .wiener, _ interpretation: SDEInterpretation = .ito)
    -> SDEProblem<[Double], Void>
  {
    SDEProblem(
      u0: [0.5, 1.0], tspan: (0.0, 1.0), p: (), interpretation: interpretation,
      noiseProcess: noise,
      f: { du, u, _, _ in
        du[0] = 1.01 * u[0]
        du[1] = 0.5 * u[1]
      },
      g: { du, u, _, _ in
        du[0] = 0.87 * u[0]
        du[1] = 0.4 * u[1]
      })
  }

  @Test("a NoiseGrid made from sol.W (and sol.Z) replays the solve (to rounding)")
  func replay() throws {
    let prob = Self.gbm2()
    let first = try solve(prob, EM(), dt: 1.0 / 128, seed: 7)
    #expect(first.W.times.count == 129)
    var replay = prob
    replay.noiseProcess = .grid(NoiseGrid(first.W))
    let again = try solve(replay, EM(), dt: 1.0 / 128, seed: 99)
    // The grid stores W, not its increments: ΔW = W(tₙ₊₁) − W(tₙ) is recomputed, equal to
    // rounding.
    func close(_ a: [[Double]], _ b: [[Double]]) -> Bool {
      a.count == b.count
        && zip(a, b).allSatisfy { x, y in
          zip(x, y).allSatisfy { abs($0 - $1) <= 1e-13 * Swift.max(abs($1), 1) }
        }
    }
    #expect(close(again.u, first.u))
    #expect(again.W.values == first.W.values)
    // SRIW1 reads Z as well.
    let sri = try solve(prob, SRIW1(), dt: 1.0 / 64, adaptive: false, seed: 3)
    #expect(sri.Z != nil)
    replay.noiseProcess = .grid(NoiseGrid(sri.W, z: sri.Z))
    let sriAgain = try solve(replay, SRIW1(), dt: 1.0 / 64, adaptive: false, seed: 12)
    #expect(close(sriAgain.u, sri.u))
    // Without Z the replay draws its own: W agrees, u does not.
    replay.noiseProcess = .grid(NoiseGrid(sri.W))
    let withoutZ = try solve(replay, SRIW1(), dt: 1.0 / 64, adaptive: false, seed: 12)
    #expect(withoutZ.W.values == sri.W.values && withoutZ.u.last! != sri.u.last!)
  }

  /// A grid `W(0) = W(1) = 0` read at t = 1/2 is the Brownian bridge: mean 0, variance 1/4;
  /// 10⁴ seeds, 4 standard errors. Finer steps pass through the grid's values.
  @Test("between grid times the path is the Brownian bridge; at grid times it is the grid")
  func bridge() throws {
    let grid = NoiseGrid(t: [0, 1], W: [[0], [0]])
    let prob = SDEProblem(
      u0: [0.0], tspan: (0.0, 1.0), p: (), noise: .additive, noiseProcess: .grid(grid),
      f: { du, _, _, _ in du[0] = 0 }, g: { du, _, _, _ in du[0] = 1 })
    let n = 10_000
    var sum = 0.0
    var sumSquares = 0.0
    for seed in 0..<n {
      let sol = try solve(prob, EM(), dt: 0.5, seed: UInt64(seed))
      #expect(sol.W.times == [0, 0.5, 1] || seed > 0)
      let middle = sol.W.values[1]
      sum += middle
      sumSquares += middle * middle
      if seed < 10 { #expect(sol.W.values[2] == 0 && sol.u.last![0] == 0) }
    }
    let mean = sum / Double(n)
    let variance = sumSquares / Double(n) - mean * mean
    #expect(abs(mean) <= 4 * (0.25 / Double(n)).squareRoot(), "mean \(mean)")
    // Var of the sample variance of a normal: 2σ⁴/n.
    #expect(abs(variance - 0.25) <= 4 * (2 * 0.0625 / Double(n)).squareRoot(), "var \(variance)")
    // An adaptive solve on a coarse grid passes through every grid value.
    let coarse = try solve(Self.gbm2(), EM(), dt: 0.125, seed: 5)
    var onGrid = Self.gbm2()
    onGrid.noiseProcess = .grid(NoiseGrid(coarse.W))
    let adaptive = try solve(onGrid, SOSRI(), abstol: 1e-3, reltol: 1e-3, seed: 1, tstops: coarse.t)
    #expect(adaptive.retcode == .success && adaptive.stats.naccept > 8)
    for (k, time) in coarse.W.times.enumerated() {
      guard let index = adaptive.W.times.firstIndex(of: time) else {
        Issue.record("grid time \(time) not stepped to")
        continue
      }
      #expect(adaptive.W.value(at: index) == coarse.W.value(at: k))
    }
  }

  @Test("NoiseGrid input: unsorted times, wrong shapes, a span outside the grid → DiffEqError")
  func gridValidation() {
    let base = Self.gbm2()
    let bad: [NoiseGrid] = [
      NoiseGrid(t: [0, 1, 0.5], W: [[0, 0], [1, 1], [0, 0]]),
      NoiseGrid(t: [0, 1], W: [[0, 0]]),
      NoiseGrid(t: [0, 1], W: [[0], [1]]),
      NoiseGrid(t: [0, 0.5], W: [[0, 0], [1, 1]]),
      NoiseGrid(t: [0, 1], W: [[0, 0], [.nan, 1]]),
      NoiseGrid(t: [0, 1], W: [[0, 0], [1, 1]], Z: [[0, 0]]),
      NoiseGrid(t: [0, 1], W: []),
      NoiseGrid(t: [0, 1], W: [[0, 0], [1, 1]], Z: []),
    ]
    for grid in bad {
      var prob = base
      prob.noiseProcess = .grid(grid)
      #expect(throws: DiffEqError.self) { try solve(prob, EM(), dt: 0.1) }
    }
  }

  /// Increments over Δt = 1/2 of a process with covariance Γ, fresh and bridged (a request
  /// of 1/2 taken out of a rejected 1), over 2·10⁴ samples: the sample covariance is ΓΔt
  /// within 4 standard errors (`Var(xᵢxⱼ) = ΓᵢᵢΓⱼⱼ + Γᵢⱼ²`, times Δt²).
  @Test("correlated Wiener increments have covariance Γ·Δt, fresh and bridged")
  func correlatedIncrements() {
    let gamma = [[1.0, 0.6], [0.6, 2.0]]
    let dt = 0.5
    for bridged in [false, true] {
      var process = WienerProcess(covariance: gamma, t0: 0, seed: bridged ? 11 : 10)
      var dW = [0.0, 0.0]
      var sums = [[0.0, 0.0], [0.0, 0.0]]
      let n = 20_000
      for _ in 0..<n {
        if bridged {
          process.increment(2 * dt, into: &dW)
          process.reject(2 * dt, dW)
        }
        process.increment(dt, into: &dW)
        process.accept(dW, at: 0)
        for i in 0..<2 { for j in 0..<2 { sums[i][j] += dW[i] * dW[j] } }
        if bridged {
          // Drop the stacked rest so every sample is a first half.
          process.increment(dt, into: &dW)
        }
      }
      for i in 0..<2 {
        for j in 0..<2 {
          let estimate = sums[i][j] / Double(n)
          let se =
            dt
            * ((gamma[i][i] * gamma[j][j] + gamma[i][j] * gamma[i][j]) / Double(n))
            .squareRoot()
          #expect(
            abs(estimate - gamma[i][j] * dt) <= 4 * se,
            "bridged \(bridged): Γ[\(i)][\(j)]Δt ≈ \(estimate)")
        }
      }
    }
  }

  /// Diagonal GBM driven by a correlated W (Γ = [[1, 0.5], [0.5, 2]]): the Itô solution is
  /// `uᵢ = uᵢ(0) exp((αᵢ − βᵢ²Γᵢᵢ/2)t + βᵢWᵢ)`. EM ½ and RKMil 1 (whose Itô correction is
  /// `ΔWᵢ² − Γᵢᵢh`), 500 paths, h = 1/16 … 1/256.
  @Test("correlated noise: EM strong order ½, RKMil 1 against the exact solution")
  func correlatedOrders() throws {
    let gamma = [[1.0, 0.5], [0.5, 2.0]]
    let prob = Self.gbm2(.correlatedWiener(covariance: gamma))
    let steps = [16, 32, 64, 128, 256]
    for (name, alg, order) in [
      ("EM", EM() as any SDEAlgorithm, 0.5), ("RKMil", RKMil() as any SDEAlgorithm, 1.0),
    ] {
      var errors: [Double] = []
      for n in steps {
        var total = 0.0
        for seed in 0..<500 {
          let sol = try solve(
            prob, alg, dt: 1 / Double(n), seed: UInt64(seed) + 1, saveEveryStep: false)
          let w = sol.W.value(at: sol.W.times.count - 1)
          let exact0 = 0.5 * exp((1.01 - 0.87 * 0.87 * gamma[0][0] / 2) + 0.87 * w[0])
          let exact1 = 1.0 * exp((0.5 - 0.4 * 0.4 * gamma[1][1] / 2) + 0.4 * w[1])
          total += abs(sol.u.last![0] - exact0) + abs(sol.u.last![1] - exact1)
        }
        errors.append(total / 500)
      }
      let study = ConvergenceStudy(stepSizes: steps.map { 1 / Double($0) }, errors: errors)
      #expect(abs(study.slope - order) <= 0.2, "\(name): \(study)")
    }
  }

  @Test("bad covariance (shape, asymmetric, indefinite, non-unit for SRI) → DiffEqError")
  func covarianceValidation() throws {
    for gamma in [
      [[1.0, 0.5, 0], [0.5, 1, 0], [0, 0, 1]], [[1.0, 0.5], [0.4, 1]], [[1.0, 2], [2, 1]],
      [[1.0, .nan], [.nan, 1]],
    ] {
      #expect(throws: DiffEqError.self) {
        try solve(Self.gbm2(.correlatedWiener(covariance: gamma)), EM(), dt: 0.1)
      }
    }
    let nonUnit = Self.gbm2(.correlatedWiener(covariance: [[2, 0.1], [0.1, 1]]))
    #expect(throws: DiffEqError.self) { try solve(nonUnit, SOSRI()) }
    let unit = Self.gbm2(.correlatedWiener(covariance: [[1, 0.3], [0.3, 1]]))
    #expect(try solve(unit, SOSRI()).retcode == .success)
  }

  /// `duᵢ = aᵢuᵢ dt + Σₖ βᵢₖ uᵢ dWₖ` (two states, two sources): `Lʲ G₍·ₖ₎ = βᵢⱼβᵢₖuᵢ` is
  /// symmetric, so the noise commutes; `uᵢ = uᵢ(0) exp((aᵢ − Σₖβᵢₖ²/2)t + Σₖ βᵢₖWₖ)` (Itô),
  /// without the `−Σβ²/2` (Stratonovich).
  static func commutative(_ interpretation: SDEInterpretation) -> SDEProblem<[Double], Void> {
    SDEProblem(
      u0: [1.0, 0.5], tspan: (0.0, 1.0), p: (), noiseDimension: 2,
      interpretation: interpretation,
      f: { du, u, _, _ in
        du[0] = 0.3 * u[0]
        du[1] = -0.2 * u[1]
      },
      noiseRate: { g, u, _, _ in
        g[0, 0] = 0.6 * u[0]
        g[0, 1] = 0.4 * u[0]
        g[1, 0] = -0.3 * u[1]
        g[1, 1] = 0.5 * u[1]
      })
  }

  static let beta = [[0.6, 0.4], [-0.3, 0.5]]

  static func commutativeExact(_ w: [Double], _ interpretation: SDEInterpretation) -> [Double] {
    let a = [0.3, -0.2]
    let u0 = [1.0, 0.5]
    return (0..<2).map { i in
      let itoShift =
        interpretation == .ito ? (beta[i][0] * beta[i][0] + beta[i][1] * beta[i][1]) / 2 : 0
      return u0[i] * exp(a[i] - itoShift + beta[i][0] * w[0] + beta[i][1] * w[1])
    }
  }

  @Test("RKMilCommute: strong order 1 on commutative non-diagonal noise (Itô, Stratonovich)")
  func rkMilCommute() throws {
    let steps = [16, 32, 64, 128, 256]
    for interpretation in [SDEInterpretation.ito, .stratonovich] {
      let prob = Self.commutative(interpretation)
      var cases: [(String, any SDEAlgorithm, Double)] = [("RKMilCommute", RKMilCommute(), 1)]
      cases.append(interpretation == .ito ? ("EM", EM(), 0.5) : ("EulerHeun", EulerHeun(), 0.5))
      for (name, alg, order) in cases {
        var errors: [Double] = []
        for n in steps {
          var total = 0.0
          for seed in 0..<500 {
            let sol = try solve(
              prob, alg, dt: 1 / Double(n), seed: UInt64(seed) + 1, saveEveryStep: false)
            let exact = Self.commutativeExact(
              sol.W.value(at: sol.W.times.count - 1), interpretation)
            total += abs(sol.u.last![0] - exact[0]) + abs(sol.u.last![1] - exact[1])
          }
          errors.append(total / 500)
        }
        let study = ConvergenceStudy(stepSizes: steps.map { 1 / Double($0) }, errors: errors)
        // EulerHeun is order 1 on commutative Stratonovich noise.
        let expected = name == "EulerHeun" ? 1 : order
        #expect(abs(study.slope - expected) <= 0.2, "\(name) \(interpretation): \(study)")
      }
    }
    #expect(throws: DiffEqError.self) { try solve(Self.gbm2(), RKMilCommute(), dt: 0.1) }
  }

  /// Whether a step is accepted must not depend on its own increment: selecting increments
  /// (rejecting the large ones) makes the quadratic variation Σ ΔW² along the accepted steps
  /// fall short of t — by 5% on GBM at every tolerance with the realized `ΔW² − h` in the
  /// estimate — and EM's solution is off by `β²/2` times that. 100 paths at 1e-4: Σ ΔW² is
  /// 1 within 4 standard errors.
  @Test("adaptive LambaEM: quadratic variation along its steps is t (no selection bias)")
  func lambaQuadraticVariation() throws {
    var values: [Double] = []
    for seed in 0..<100 {
      let sol = try solve(
        GBM.problem(), LambaEM(), abstol: 1e-4, reltol: 1e-4, seed: UInt64(seed) + 1000)
      let w = sol.W.values
      var sum = 0.0
      for k in 1..<w.count { sum += (w[k] - w[k - 1]) * (w[k] - w[k - 1]) }
      values.append(sum)
    }
    let mean = values.reduce(0, +) / 100
    let sd = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 99).squareRoot()
    #expect(abs(mean - 1) <= 4 * sd / 10, "Σ ΔW² = \(mean) ± \(sd / 10)")
  }

  /// Non-diagonal (commutative) noise, 100 paths per tolerance: the strong error falls by at
  /// least 2x per decade of tolerance (√10 expected: h ∝ tol) and is within 1.5x of fixed-step
  /// EM with as many steps (measured: 0.077, 0.023, 0.0092 vs EM 0.069, 0.028, 0.0100).
  @Test("LambaEM adapts on non-diagonal noise: error ∝ √tol, as good as EM per step")
  func lambaNonDiagonal() throws {
    let prob = Self.commutative(.ito)
    func strongError(_ alg: some SDEAlgorithm, tolerance: Double, dt: Double?) throws -> Double {
      var total = 0.0
      for seed in 0..<100 {
        let sol = try solve(
          prob, alg, abstol: tolerance, reltol: tolerance, dt: dt, seed: UInt64(seed) + 1,
          saveEveryStep: false)
        #expect(sol.retcode == .success)
        let exact = Self.commutativeExact(sol.W.value(at: sol.W.times.count - 1), .ito)
        total += abs(sol.u.last![0] - exact[0]) + abs(sol.u.last![1] - exact[1])
      }
      return total / 100
    }
    var previous = Double.infinity
    for tolerance in [1e-2, 1e-3, 1e-4] {
      let error = try strongError(LambaEM(), tolerance: tolerance, dt: nil)
      let steps = try solve(prob, LambaEM(), abstol: tolerance, reltol: tolerance, seed: 1)
        .stats.naccept
      let em = try strongError(EM(), tolerance: tolerance, dt: 1 / Double(steps))
      #expect(error < previous / 2, "tolerance \(tolerance): error \(error)")
      #expect(error <= 1.5 * em, "tolerance \(tolerance): \(error) vs EM \(em) (\(steps) steps)")
      previous = error
    }
  }

  /// GBM with an event at `u = 0.8` (an affect that changes nothing; ~5 events per path):
  /// the step that crosses is cut at the event time, its increment is cut by the bridge and
  /// the step is taken again to the event time with it. Strong error at t = 1 against the
  /// exact solution on the recorded W, 400 paths, EM at h = 1/64: 0.0642 with events, 0.0637
  /// without (required: within 10%). Taking the state at the event from the linear
  /// interpolant instead gave 0.096; recording the uncut increment, a path whose times and
  /// values disagree.
  @Test("an event that shortens a step shortens its Brownian increment (bridge)")
  func eventsBridge() throws {
    let prob = GBM.problem()
    let crossing = ContinuousCallback<[Double], [Double]>(
      condition: { u, _, _ in u[0] - 0.8 }, affect: { _ in })
    var errors: [Double] = []
    var eventCount = 0
    for withEvent in [false, true] {
      var total = 0.0
      for seed in 0..<400 {
        let sol = try solve(
          prob, EM(), dt: 1.0 / 64, seed: UInt64(seed) + 1,
          callback: withEvent ? CallbackSet(crossing) : CallbackSet())
        eventCount += sol.solution.events.count
        let times = sol.W.times
        #expect(times.last == 1 && zip(times, times.dropFirst()).allSatisfy { $0 < $1 })
        #expect(sol.solution.events.allSatisfy { times.contains($0.t) })
        let w = sol.W.values[sol.W.values.count - 1]
        total += abs(sol.u.last![0] - GBM.exact(1, w, .ito))
      }
      errors.append(total / 400)
    }
    #expect(eventCount > 100)
    #expect(abs(errors[1] / errors[0] - 1) <= 0.1, "without \(errors[0]), with \(errors[1])")
  }

  /// With `.virtualBrownianTree`, W is a function of (seed, t): fixed steps 1/8 and 1/64 see
  /// the same values at the times they share, and adaptive SOSRI at 1e-2 and 1e-4 both
  /// record exactly the tree's values (so their paths agree wherever both have a point).
  @Test("virtual Brownian tree: the same seed gives the same path at any step or tolerance")
  func treeSamePath() throws {
    let prob = GBM.problem()
    var treeProblem = prob
    treeProblem.noiseProcess = .virtualBrownianTree
    let coarse = try solve(treeProblem, EM(), dt: 1.0 / 8, seed: 21)
    let fine = try solve(treeProblem, EM(), dt: 1.0 / 64, seed: 21)
    for k in 0...8 {
      #expect(coarse.W.values[k] == fine.W.values[8 * k], "t = \(Double(k) / 8)")
    }
    let tree = VirtualBrownianTree(dimension: 1, t0: 0, span: 1, seed: 21)
    var total = 0.0
    for tolerance in [1e-2, 1e-4] {
      let sol = try solve(treeProblem, SOSRI(), abstol: tolerance, reltol: tolerance, seed: 21)
      #expect(sol.retcode == .success && sol.stats.nreject > 0)
      for (k, time) in sol.W.times.enumerated() {
        #expect(sol.W.values[k] == tree.value(at: time, component: 0), "t = \(time)")
      }
      total = abs(sol.u.last![0] - GBM.exact(1, sol.W.values.last!, .ito))
    }
    #expect(total <= 1e-3, "SOSRI at 1e-4 on the tree: error \(total)")
  }

  /// Increments of the tree over [0, 0.3], [0.3, 0.7], [0.7, 1] for 4000 seeds: means 0,
  /// variances 0.3, 0.4, 0.3 and no correlation, within 4 standard errors; two components
  /// are independent.
  @Test("virtual Brownian tree: independent N(0, Δt) increments")
  func treeDistribution() {
    let n = 4000
    let times = [0.0, 0.3, 0.7, 1.0]
    var sums = [Double](repeating: 0, count: 3)
    var squares = [Double](repeating: 0, count: 3)
    var cross = 0.0
    var componentCross = 0.0
    for seed in 0..<n {
      let tree = VirtualBrownianTree(dimension: 2, t0: 0, span: 1, seed: UInt64(seed))
      let w = times.map { tree.value(at: $0, component: 0) }
      let d = (0..<3).map { w[$0 + 1] - w[$0] }
      for j in 0..<3 {
        sums[j] += d[j]
        squares[j] += d[j] * d[j]
      }
      cross += d[0] * d[1]
      componentCross += w[3] * tree.value(at: 1, component: 1)
    }
    for j in 0..<3 {
      let dt = times[j + 1] - times[j]
      #expect(abs(sums[j] / Double(n)) <= 4 * (dt / Double(n)).squareRoot())
      #expect(
        abs(squares[j] / Double(n) - dt) <= 4 * dt * (2 / Double(n)).squareRoot(),
        "var over \(dt): \(squares[j] / Double(n))")
    }
    #expect(abs(cross / Double(n)) <= 4 * (0.3 * 0.4 / Double(n)).squareRoot())
    #expect(abs(componentCross / Double(n)) <= 4 * (1 / Double(n)).squareRoot())
  }
}
