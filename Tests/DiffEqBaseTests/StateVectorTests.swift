import DiffEqTestSupport
import DifferentialEquations
import Testing

/// The StateVector contract, checked on `x = [1, −2, 0.5, 4]`, `y = [3, 0.25, −1, 2]` (exact
/// in Float) for any conforming type built by `make`.
private func checkStateVectorContract<V: StateVector>(
  _ make: ([Double]) -> V, sourceLocation: SourceLocation = #_sourceLocation
) {
  let xs = [1.0, -2.0, 0.5, 4.0]
  let ys = [3.0, 0.25, -1.0, 2.0]
  let x = make(xs)
  let y = make(ys)
  func expectEqual(_ v: V, _ expected: [Double], _ what: String) {
    #expect(v.doubles == expected, "\(what)", sourceLocation: sourceLocation)
  }

  #expect(x.count == 4, sourceLocation: sourceLocation)
  expectEqual(x, xs, "doubles")
  #expect(Double(x[3]) == 4, sourceLocation: sourceLocation)

  let zero = x.zeroed()
  #expect(zero.count == 4, sourceLocation: sourceLocation)
  expectEqual(zero, [0, 0, 0, 0], "zeroed")
  expectEqual(x, xs, "zeroed leaves the original alone")

  var v = x.zeroed()
  v.assign(y)
  expectEqual(v, ys, "assign")
  v[0] = 7
  expectEqual(y, ys, "assign copies values, not storage")

  v.setLinearSum(2, x, -1, y)
  expectEqual(v, [-1, -4.25, 2, 6], "setLinearSum 2x − y")

  v.assign(y)
  v.axpy(0.5, x)
  expectEqual(v, [3.5, -0.75, -0.75, 4], "axpy y + x/2")

  v.assign(x)
  v.scale(by: -2)
  expectEqual(v, [-2, 4, -1, -8], "scale by −2")

  v.fill(1.5)
  expectEqual(v, [1.5, 1.5, 1.5, 1.5], "fill")

  v.write { i in V.Scalar(Double(i) * 10) }
  expectEqual(v, [0, 10, 20, 30], "write")

  #expect(x.dot(y) == 10, sourceLocation: sourceLocation)
  #expect(x.maxNorm() == 4, sourceLocation: sourceLocation)
  #expect(x.rmsNorm() == (21.25 / 4).squareRoot(), sourceLocation: sourceLocation)
  let xy = x.product(y, make)
  #expect(x.weightedRMSNorm(y) == (xy.dot(xy) / 4).squareRoot(), sourceLocation: sourceLocation)

  #expect(x.firstNonFiniteIndex == nil, sourceLocation: sourceLocation)
  #expect(x.isFinite, sourceLocation: sourceLocation)
  for (index, bad) in [(2, V.Scalar.nan), (1, .infinity), (3, -.infinity)] {
    var w = x
    w[index] = bad
    #expect(w.firstNonFiniteIndex == index, sourceLocation: sourceLocation)
    #expect(!w.isFinite, sourceLocation: sourceLocation)
    w[0] = .nan
    #expect(w.firstNonFiniteIndex == 0, "the first one", sourceLocation: sourceLocation)
  }

  // The operations write into existing storage: no allocation once the vector is unique.
  if allocationCountingIsActive {
    var u = x.zeroed()
    u.assign(x)
    let count = allocations {
      u.assign(y)
      u.setLinearSum(1, x, 2, y)
      u.axpy(3, x)
      u.scale(by: 0.5)
      u.fill(0)
      u.write { _ in 1 }
      u[1] = 2
    }
    #expect(count == 0, "in-place operations allocated", sourceLocation: sourceLocation)
  }
}

extension StateVector {
  /// Componentwise product, for the weighted-norm check.
  fileprivate func product(_ y: Self, _ make: ([Double]) -> Self) -> Self {
    make((0..<count).map { Double(self[$0]) * Double(y[$0]) })
  }
}

@Suite("StateVector conformances")
struct StateVectorTests {
  @Test("[Double] satisfies the StateVector contract")
  func doubleArray() { checkStateVectorContract { $0 } }

  @Test("[Float] satisfies the StateVector contract")
  func floatArray() { checkStateVectorContract { $0.map(Float.init) } }

  @Test("StaticVector<4, Double> satisfies the StateVector contract")
  func staticDouble() { checkStateVectorContract { StaticVector<4, Double>($0) } }

  @Test("StaticVector<4, Float> satisfies the StateVector contract")
  func staticFloat() { checkStateVectorContract { StaticVector<4, Float>($0.map(Float.init)) } }

  @Test("StaticVector: literals, equality, description, generator and repeating inits")
  func staticVectorBasics() {
    let v: StaticVector<3, Double> = [1, 2, 3]
    #expect(v == StaticVector<3, Double> { Double($0 + 1) })
    #expect(v != StaticVector<3, Double>(repeating: 1))
    #expect(v.description == "[1.0, 2.0, 3.0]")
    #expect(StaticVector<2, Float>(repeating: 0.5).doubles == [0.5, 0.5])
  }

  @Test("arrays expose contiguous storage; StaticVector does not")
  func contiguousStorage() {
    var a = [1.0, 2.0]
    let arrayCount = a.withContiguousMutableStorageIfAvailable { $0.count }
    #expect(arrayCount == 2)
    var s = StaticVector<2, Double>([1, 2])
    let staticCount = s.withContiguousMutableStorageIfAvailable { $0.count }
    #expect(staticCount == nil)
  }

  @Test("a [Float] state solves like a [Double] one, to Float accuracy")
  func floatSolve() throws {
    let prob = ODEProblem(u0: [Float(1)], tspan: (0.0, 1.0)) { du, u, _, _ in du[0] = -u[0] }
    let sol = try solve(prob, Tsit5(), abstol: 1e-6, reltol: 1e-6)
    #expect(sol.retcode == .success)
    #expect(abs(Double(sol.u.last![0]) - decayExact(1)) < 1e-5)
  }

  @Test("a StaticVector state solves like a [Double] one")
  func staticSolve() throws {
    let prob = ODEProblem(u0: StaticVector<2, Double>([1, 0]), tspan: (0.0, 10.0)) {
      u, _, _ in
      [u[1], -u[0]]
    }
    let sol = try solve(prob, Tsit5(), abstol: 1e-10, reltol: 1e-10)
    let reference = try solve(oscillator, Tsit5(), abstol: 1e-10, reltol: 1e-10)
    #expect(sol.t == reference.t)
    #expect(sol.u.last!.doubles == reference.u.last!)
  }
}
