import DiffEqTestSupport
import DifferentialEquations
import Testing

/// Dense and banded LU with partial pivoting against known solutions.
@Suite("Linear algebra: dense and banded LU")
struct LinearAlgebraTests {
  /// A random matrix with entries in [−1, 1] plus `shift` on the diagonal.
  static func randomMatrix(_ n: Int, seed: UInt64, shift: Double = 0) -> DenseMatrix {
    var rng = SplitMix64(seed: seed)
    var a = DenseMatrix(size: n)
    for j in 0..<n {
      for i in 0..<n { a[i, j] = Double.random(in: -1...1, using: &rng) }
      a[j, j] += shift
    }
    return a
  }

  /// `max |A x − b| / (‖A‖·‖x‖)`.
  static func relativeResidual(_ a: DenseMatrix, _ x: [Double], _ b: [Double]) -> Double {
    var ax = [Double](repeating: 0, count: b.count)
    a.multiply(x, into: &ax)
    let scale = a.storage.map(abs).max()! * x.map(abs).max()!
    return zip(ax, b).map { abs($0 - $1) }.max()! / scale
  }

  @Test("dense LU solves random systems of size 1…40 to rounding")
  func denseRandom() {
    for n in [1, 2, 3, 5, 8, 13, 20, 40] {
      let a = Self.randomMatrix(n, seed: UInt64(n))
      let xExact = (0..<n).map { Double($0 % 7) - 3 }
      var b = [Double](repeating: 0, count: n)
      a.multiply(xExact, into: &b)
      var lu = LUFactorization(size: n)
      let nonsingular = lu.factor(a)
      #expect(nonsingular)
      var x = b
      lu.solve(&x)
      #expect(Self.relativeResidual(a, x, b) <= 1e-14 * Double(n), "n = \(n)")
    }
  }

  @Test("a zero leading entry needs the row interchange")
  func pivoting() throws {
    let a = try #require(DenseMatrix([[0, 1], [1, 0]]))
    var lu = LUFactorization(size: 2)
    let nonsingular = lu.factor(a)
    #expect(nonsingular)
    var b = [2.0, 3.0]
    lu.solve(&b)
    #expect(b == [3, 2])
  }

  @Test("a singular matrix is reported with its column, not trapped on")
  func singular() throws {
    let a = try #require(DenseMatrix([[1, 2], [2, 4]]))
    var lu = LUFactorization(size: 2)
    let first = lu.factor(a)
    #expect(!first)
    #expect(lu.singularColumn == 1)
    var nan = DenseMatrix.identity(2)
    nan[0, 0] = .nan
    let second = lu.factor(nan)
    #expect(!second)
    #expect(DenseMatrix([[1, 2], [3]]) == nil)
  }

  @Test(
    "banded LU agrees with dense LU, with and without pivoting",
    arguments: [(1, 1), (2, 3), (0, 2), (3, 0)])
  func banded(_ bands: (Int, Int)) {
    let (kl, ku) = bands
    let n = 30
    for shift in [0.0, 4.0] {
      var rng = SplitMix64(seed: UInt64(7 * kl + ku))
      var band = BandedLUFactorization(size: n, lower: kl, upper: ku)
      var dense = DenseMatrix(size: n)
      band.factor { m in
        for j in 0..<n {
          for i in max(0, j - ku)...min(n - 1, j + kl) {
            let x = Double.random(in: -1...1, using: &rng) + (i == j ? shift : 0)
            m[i, j] = x
            dense[i, j] = x
          }
        }
      }
      #expect(band.isNonsingular)
      let xExact = (0..<n).map { sin(Double($0)) }
      var b = [Double](repeating: 0, count: n)
      dense.multiply(xExact, into: &b)
      var x = b
      band.solve(&x)
      #expect(Self.relativeResidual(dense, x, b) <= 1e-13, "kl = \(kl), ku = \(ku), shift \(shift)")
    }
  }

  @Test("refactoring and solving allocate nothing")
  func noAllocation() throws {
    try #require(allocationCountingIsActive || !allocationCountingIsExpected)
    let a = Self.randomMatrix(10, seed: 3, shift: 2)
    var lu = LUFactorization(size: 10)
    var band = BandedLUFactorization(size: 10, lower: 2, upper: 1)
    var x = [Double](repeating: 1, count: 10)
    let count = allocations {
      for _ in 0..<10 {
        lu.factor(a)
        lu.solve(&x)
        band.factor { m in for i in 0..<10 { m[i, i] = 2 } }
        band.solve(&x)
      }
    }
    #expect(count == 0)
  }
}
