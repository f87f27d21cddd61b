import DiffEqTestSupport
import DifferentialEquations
import Testing

@Suite("SDE solves: reproducibility, noise shapes, bad input")
struct SDEBehaviourTests {
  @Test("the issue's spelling; the same seed gives the same path, another seed another")
  func spellingAndSeeds() throws {
    let prob = SDEProblem(
      u0: [0.5], tspan: (0.0, 1.0), p: [1.01, 0.87],
      f: { du, u, p, t in du[0] = p[0] * u[0] },
      g: { du, u, p, t in du[0] = p[1] * u[0] })
    let fixed = try solve(prob, EM(), dt: 1.0 / 256, seed: 42)
    let again = try solve(prob, EM(), dt: 1.0 / 256, seed: 42)
    let other = try solve(prob, EM(), dt: 1.0 / 256, seed: 43)
    #expect(fixed.retcode == .success)
    #expect(fixed.t.count == 257 && fixed.W.times.count == 257)
    #expect(fixed.u == again.u && fixed.W.values == again.W.values)
    #expect(fixed.u != other.u)
    #expect(fixed.W.times.last == 1)
  }

  @Test("increments have mean 0 and variance dt (10⁴ samples)")
  func incrementDistribution() {
    var w = WienerProcess(dimension: 1, t0: 0, seed: 7)
    var dW = [0.0]
    var sum = 0.0
    var sumSquares = 0.0
    let n = 10_000
    let dt = 0.01
    for _ in 0..<n {
      w.increment(dt, into: &dW)
      sum += dW[0]
      sumSquares += dW[0] * dW[0]
    }
    let mean = sum / Double(n)
    let variance = sumSquares / Double(n) - mean * mean
    // Standard errors: √(dt/n) = 1e-3 for the mean, dt·√(2/n) ≈ 1.4e-4 for the variance.
    #expect(abs(mean) <= 4e-3, "mean \(mean)")
    #expect(abs(variance - dt) <= 6e-4, "variance \(variance)")
  }

  @Test("scalar and non-diagonal noise: one W for all components; G dW with m = 2")
  func noiseShapes() throws {
    // Scalar noise: both components see the same W, so u₁ − u₀ stays exactly constant.
    let scalar = SDEProblem(
      u0: [1.0, 2.0], tspan: (0.0, 1.0), p: (), noise: .scalar,
      f: { du, _, _, _ in
        du[0] = 0
        du[1] = 0
      },
      g: { du, _, _, _ in
        du[0] = 1
        du[1] = 1
      })
    let s = try solve(scalar, EM(), dt: 0.01, seed: 3)
    #expect(s.u.allSatisfy { abs($0[1] - $0[0] - 1) <= 1e-12 })
    #expect(s.W.dimension == 1)
    // Non-diagonal: du = G dW with G = [[1, 0], [1, 1]]: u₀ = W₀, u₁ = W₀ + W₁.
    let nonDiagonal = SDEProblem(
      u0: [0.0, 0.0], tspan: (0.0, 1.0), p: (), noiseDimension: 2,
      f: { du, _, _, _ in
        du[0] = 0
        du[1] = 0
      },
      noiseRate: { g, _, _, _ in
        g[0, 0] = 1
        g[0, 1] = 0
        g[1, 0] = 1
        g[1, 1] = 1
      })
    let d = try solve(nonDiagonal, EM(), dt: 0.01, seed: 5)
    let last = d.W.values.count
    let w0 = d.W.values[last - 2]
    let w1 = d.W.values[last - 1]
    #expect(abs(d.u.last![0] - w0) <= 1e-12)
    #expect(abs(d.u.last![1] - (w0 + w1)) <= 1e-12)
  }

  @Test("bad input: missing or negative dt, wrong calculus, Milstein on non-diagonal noise")
  func badInput() {
    func field(_ body: () throws -> Void) -> String? {
      do {
        try body()
        return nil
      } catch let error as DiffEqError {
        return error.field
      } catch {
        return "\(error)"
      }
    }
    let ito = GBM.problem(.ito)
    #expect(field { _ = try solve(ito, EM()) } == "dt")
    #expect(field { _ = try solve(ito, EM(), dt: -0.1) } == "dt")
    #expect(field { _ = try solve(ito, EM(), dt: .nan) } == "dt")
    #expect(field { _ = try solve(ito, EulerHeun(), dt: 0.1) } == "interpretation")
    #expect(field { _ = try solve(GBM.problem(.stratonovich), EM(), dt: 0.1) } == "interpretation")
    let nonDiagonal = SDEProblem(
      u0: [0.0], tspan: (0.0, 1.0), p: (), noiseDimension: 2,
      f: { du, _, _, _ in du[0] = 0 },
      noiseRate: { g, _, _, _ in
        g[0, 0] = 1
        g[0, 1] = 1
      })
    #expect(field { _ = try solve(nonDiagonal, RKMil(), dt: 0.1) } == "noise")
    let badG = SDEProblem(
      u0: [1.0], tspan: (0.0, 1.0), p: (), f: { du, _, _, _ in du[0] = 0 },
      g: { du, _, _, _ in du[0] = .nan })
    #expect(field { _ = try solve(badG, EM(), dt: 0.1) } == "g")
    let wrongShape = SDEProblem(
      u0: [1.0, 2.0], tspan: (0.0, 1.0), p: (),
      f: { du, _, _, _ in
        du[0] = 0
        du[1] = 0
      },
      g: { u, _, _ in [u[0]] })
    #expect(field { _ = try solve(wrongShape, EM(), dt: 0.1) } == "g")
  }
}

@Suite("Rejection sampling with memory")
struct RejectionSamplingTests {
  /// Per sample: ask for 0.5, reject it, take 0.2 (bridged from the 0.5), then 0.5 (the
  /// stacked remaining 0.3 plus a fresh 0.2), then reject a 0.4 and take 0.1. The increments
  /// over [0, 0.2], [0.2, 0.7] and [0.7, 0.8] must be independent N(0, Δt).
  @Test("forced rejections keep the increments independent N(0, Δt) (2·10⁴ samples)")
  func bridgeKeepsTheDistribution() {
    let samples = 20_000
    var a: [Double] = []
    var b: [Double] = []
    var c: [Double] = []
    var dW = [0.0]
    for seed in 0..<samples {
      var w = WienerProcess(dimension: 1, t0: 0, seed: UInt64(seed) &* 7919 &+ 1)
      w.increment(0.5, into: &dW)
      w.reject(0.5, dW)
      w.increment(0.2, into: &dW)
      a.append(dW[0])
      w.increment(0.5, into: &dW)
      b.append(dW[0])
      w.increment(0.4, into: &dW)
      w.reject(0.4, dW)
      w.increment(0.1, into: &dW)
      c.append(dW[0])
    }
    func moments(_ x: [Double]) -> (mean: Double, variance: Double) {
      let mean = x.reduce(0, +) / Double(x.count)
      return (mean, x.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(x.count - 1))
    }
    let n = Double(samples)
    for (x, dt) in [(a, 0.2), (b, 0.5), (c, 0.1)] {
      let (mean, variance) = moments(x)
      // Standard errors: √(Δt/n) for the mean, Δt·√(2/n) for the variance; 4 of them.
      #expect(abs(mean) <= 4 * (dt / n).squareRoot(), "Δt = \(dt): mean \(mean)")
      #expect(abs(variance - dt) <= 4 * dt * (2 / n).squareRoot(), "Δt = \(dt): var \(variance)")
    }
    let covariance = zip(a, b).map { $0 * $1 }.reduce(0, +) / n
    #expect(abs(covariance) <= 4 * (0.2 * 0.5 / n).squareRoot(), "cov \(covariance)")
  }
}

@Suite("solve(sdeProblem) without a method")
struct DefaultSDEMethodTests {
  @Test("SOSRI for diagonal noise, SOSRA for additive, LambaEM for non-diagonal, hints")
  func defaults() throws {
    #expect(try solve(GBM.problem()).algorithm == "SOSRI")
    let additive = SDEProblem(
      u0: [1.0], tspan: (0.0, 1.0), p: (), noise: .additive, f: { du, u, _, _ in du[0] = -u[0] },
      g: { du, _, _, _ in du[0] = 0.1 })
    #expect(try solve(additive).algorithm == "SOSRA")
    let nonDiagonal = SDEProblem(
      u0: [0.0], tspan: (0.0, 1.0), p: (), noiseDimension: 2, f: { du, _, _, _ in du[0] = 0 },
      noiseRate: { g, _, _, _ in
        g[0, 0] = 1
        g[0, 1] = 1
      })
    #expect(try solve(nonDiagonal).algorithm == "LambaEM")
    #expect(try solve(nonDiagonal, algHints: [.commutative]).algorithm == "LambaEM")
    #expect(
      try solve(nonDiagonal, algHints: [.commutative], dt: 0.01).algorithm == "RKMilCommute")
    #expect(try solve(GBM.problem(), algHints: [.stiff], dt: 0.01).algorithm == "ImplicitRKMil")
    #expect(try solve(additive, algHints: [.stiff], dt: 0.01).algorithm == "ImplicitEM")
    // The implicit methods take fixed steps: without dt the error says so.
    #expect(throws: DiffEqError.self) { try solve(GBM.problem(), algHints: [.stiff]) }
  }
}
