import DiffEqBase
import DiffEqTestSupport
import Testing

/// Builders and reference computations for the sparse LU tests.
enum SparseTestMatrices {
  /// A random `n × n` matrix with `perRow` off-diagonal entries in [−1, 1] per row, and a
  /// diagonal entry in every row: `1 + Σ_j |a_ij|` (diagonally dominant) when `strong`,
  /// otherwise `10⁻⁵·r` (`r ∈ [−1, 1]`) in every other row, which forces row interchanges.
  static func random(_ n: Int, perRow: Int, seed: UInt64, strong: Bool) -> SparseMatrixCSC {
    var rng = SplitMix64(seed: seed)
    var entries = [(row: Int, column: Int, value: Double)]()
    for i in 0..<n {
      var rowSum = 0.0
      for _ in 0..<perRow {
        let j = Int.random(in: 0..<n, using: &rng)
        if j == i { continue }
        let v = Double.random(in: -1...1, using: &rng)
        rowSum += abs(v)
        entries.append((i, j, v))
      }
      let d =
        strong || i % 2 == 0
        ? 1 + rowSum : 1e-5 * Double.random(in: -1...1, using: &rng)
      entries.append((i, i, d))
    }
    return SparseMatrixCSC(rows: n, columns: n, entries: entries)!
  }

  /// The 5-point Laplacian on an `m × m` grid (Dirichlet), `4 + shift` on the diagonal and
  /// −1 to each neighbour.
  static func laplacian(_ m: Int, shift: Double = 0) -> SparseMatrixCSC {
    var entries = [(row: Int, column: Int, value: Double)]()
    for i in 0..<m {
      for j in 0..<m {
        let k = i * m + j
        entries.append((k, k, 4 + shift))
        if i > 0 { entries.append((k, k - m, -1)) }
        if i < m - 1 { entries.append((k, k + m, -1)) }
        if j > 0 { entries.append((k, k - 1, -1)) }
        if j < m - 1 { entries.append((k, k + 1, -1)) }
      }
    }
    return SparseMatrixCSC(rows: m * m, columns: m * m, entries: entries)!
  }

  /// The Jacobian of the periodic 2-D Brusselator on an `m × m` grid, the two species `u`,
  /// `v` interleaved (unknown `2(i·m + j) + s`), at a smooth state:
  /// `u' = 1 + u²v − 4.4u + α∇²u`, `v' = 3.4u − u²v + α∇²v`, `α = 10`, spacing `1/m`.
  static func brusselatorJacobian(_ m: Int) -> SparseMatrixCSC {
    let coupling = 10.0 * Double(m * m)
    var entries = [(row: Int, column: Int, value: Double)]()
    for i in 0..<m {
      for j in 0..<m {
        let point = i * m + j
        let x = Double(i) / Double(m)
        let y = Double(j) / Double(m)
        let u = 22 * (y * (1 - y)) * (y * (1 - y)).squareRoot()
        let v = 27 * (x * (1 - x)) * (x * (1 - x)).squareRoot()
        let neighbours = [
          ((i + 1) % m) * m + j, ((i + m - 1) % m) * m + j, i * m + (j + 1) % m,
          i * m + (j + m - 1) % m,
        ]
        let (ku, kv) = (2 * point, 2 * point + 1)
        entries.append((ku, ku, 2 * u * v - 4.4 - 4 * coupling))
        entries.append((ku, kv, u * u))
        entries.append((kv, ku, 3.4 - 2 * u * v))
        entries.append((kv, kv, -u * u - 4 * coupling))
        for q in neighbours {
          entries.append((ku, 2 * q, coupling))
          entries.append((kv, 2 * q + 1, coupling))
        }
      }
    }
    return SparseMatrixCSC(rows: 2 * m * m, columns: 2 * m * m, entries: entries)!
  }

  /// `x` solving `A x = b` by dense Gaussian elimination with partial pivoting (the
  /// reference), or `nil` when a pivot is zero.
  static func denseSolve(_ a: SparseMatrixCSC, _ b: [Double]) -> [Double]? {
    let n = a.rows
    var m = a.dense.storage
    var x = b
    for k in 0..<n {
      var p = k
      for i in (k + 1)..<n where abs(m[i + k * n]) > abs(m[p + k * n]) { p = i }
      if m[p + k * n] == 0 { return nil }
      if p != k {
        for j in 0..<n { m.swapAt(k + j * n, p + j * n) }
        x.swapAt(k, p)
      }
      let pivot = m[k + k * n]
      for i in (k + 1)..<n {
        let l = m[i + k * n] / pivot
        if l == 0 { continue }
        for j in (k + 1)..<n { m[i + j * n] -= l * m[k + j * n] }
        x[i] -= l * x[k]
      }
    }
    for k in stride(from: n - 1, through: 0, by: -1) {
      var s = x[k]
      for j in (k + 1)..<n { s -= m[k + j * n] * x[j] }
      x[k] = s / m[k + k * n]
    }
    return x
  }

  /// `‖A x − b‖_∞ / (‖A‖_∞·‖x‖_∞)`, `‖A‖_∞` the largest row sum of `|a_ij|`.
  static func relativeResidual(_ a: SparseMatrixCSC, _ x: [Double], _ b: [Double]) -> Double {
    var ax = [Double](repeating: 0, count: a.rows)
    a.multiply(x, into: &ax)
    var rowSums = [Double](repeating: 0, count: a.rows)
    for j in 0..<a.columns {
      for p in a.columnPointers[j]..<a.columnPointers[j + 1] {
        rowSums[a.rowIndices[p]] += abs(a.values[p])
      }
    }
    let norm = rowSums.max()! * x.map(abs).max()!
    return zip(ax, b).map { abs($0 - $1) }.max()! / norm
  }

  /// `max |x − y| / max |y|`.
  static func relativeDifference(_ x: [Double], _ y: [Double]) -> Double {
    zip(x, y).map { abs($0 - $1) }.max()! / y.map(abs).max()!
  }

  /// A right-hand side with entries cycling through −3…3.
  static func rightHandSide(_ n: Int) -> [Double] {
    (0..<n).map { Double($0 % 7) - 3 }
  }
}

@Suite("Sparse matrices in compressed sparse column form")
struct SparseMatrixCSCTests {
  @Test("the constructors agree and keep rows sorted without repeats")
  func constructors() throws {
    let rows: [[Double]] = [[4, 0, 1], [0, 0, 2], [3, 5, 0]]
    let fromRows = try #require(SparseMatrixCSC(rows))
    #expect(fromRows.columnPointers == [0, 2, 3, 5])
    #expect(fromRows.rowIndices == [0, 2, 2, 0, 1])
    #expect(fromRows.values == [4, 3, 5, 1, 2])
    let fromEntries = try #require(
      SparseMatrixCSC(
        rows: 3, columns: 3,
        entries: [(1, 2, 2), (0, 0, 3), (2, 1, 5), (0, 2, 1), (2, 0, 3), (0, 0, 1)]))
    #expect(fromEntries == fromRows)
    let fromDense = SparseMatrixCSC(fromRows.dense)
    #expect(fromDense == fromRows)
    let pattern = try #require(
      SparseMatrixCSC(rows: 3, columns: 3, pattern: [(2, 0), (0, 0), (2, 0), (1, 1)]))
    #expect(pattern.columnPointers == [0, 2, 3, 3])
    #expect(pattern.rowIndices == [0, 2, 1])
    #expect(pattern.values == [0, 0, 0])
    let fromLists = try #require(SparseMatrixCSC(rows: 3, columnRows: [[2, 0, 2], [1], []]))
    #expect(fromLists == pattern)
    let fromArrays = try #require(
      SparseMatrixCSC(rows: 3, columns: 3, columnPointers: [0, 2, 3, 3], rowIndices: [0, 2, 1]))
    #expect(fromArrays == pattern)
  }

  @Test("inconsistent input gives nil, not a trap")
  func invalidInput() {
    #expect(SparseMatrixCSC([[1, 2], [3]]) == nil)
    #expect(SparseMatrixCSC([]) == nil)
    #expect(SparseMatrixCSC(rows: 2, columns: 2, pattern: [(2, 0)]) == nil)
    #expect(SparseMatrixCSC(rows: 2, columns: 2, pattern: [(0, -1)]) == nil)
    #expect(
      SparseMatrixCSC(rows: 2, columns: 2, columnPointers: [0, 2, 2], rowIndices: [1, 0]) == nil)
    #expect(
      SparseMatrixCSC(rows: 2, columns: 2, columnPointers: [0, 1, 1], rowIndices: [0, 1]) == nil)
    #expect(
      SparseMatrixCSC(
        rows: 2, columns: 2, columnPointers: [0, 1, 2], rowIndices: [0, 1], values: [1]) == nil)
  }

  @Test("index, subscript, multiply and transpose")
  func access() throws {
    var a = try #require(SparseMatrixCSC([[4, 0, 1], [0, 0, 2], [3, 5, 0]]))
    #expect(a.index(row: 2, column: 1) == 2)
    #expect(a.index(row: 1, column: 1) == nil)
    #expect(a.index(row: 0, column: 3) == nil)
    #expect(a[1, 2] == 2)
    #expect(a[1, 1] == 0)
    a[1, 2] = 7
    #expect(a.values[4] == 7)
    var y = [Double](repeating: 9, count: 3)
    a.multiply([1, 2, 3], into: &y)
    #expect(y == [7, 21, 13])
    let t = a.transposed()
    let expected = try #require(SparseMatrixCSC([[4, 0, 3], [0, 0, 5], [1, 7, 0]]))
    #expect(t == expected)
    #expect(t.transposed() == a)
    a.setValues(to: 0)
    #expect(a.values.allSatisfy { $0 == 0 })
    #expect(a.nonzeroCount == 5)
  }

  @Test("the pattern of I − γJ and M − γJ, filled without searching")
  func shiftedFill() throws {
    let jac = try #require(SparseMatrixCSC([[0, 2, 0], [1, 0, 3], [0, 4, 5]]))
    var w = jac.addingDiagonal()
    #expect(w.nonzeroCount == 7)
    #expect(w.containsPattern(of: jac))
    #expect(w.containsPattern(of: .identity(3)))
    let filled = w.fillShifted(from: jac, gamma: 0.5)
    #expect(filled)
    #expect(w.dense.storage == [1, -0.5, 0, -1, 1, -2, 0, -1.5, -1.5])
    let mass = try #require(SparseMatrixCSC([[2, 0, 0], [0, 0, 0], [0, 1, 0]]))
    var wm = try #require(w.addingPattern(of: mass))
    let filledWithMass = wm.fillShifted(from: jac, gamma: 0.5, mass: mass)
    #expect(filledWithMass)
    #expect(wm.dense.storage == [2, -0.5, 0, -1, 0, -1, 0, -1.5, -2.5])
    // J not inside the pattern, or no diagonal for I: reported.
    var narrow = jac
    let noDiagonal = narrow.fillShifted(from: jac, gamma: 1)
    let outside = try #require(SparseMatrixCSC([[0, 0, 1], [0, 0, 0], [0, 0, 0]]))
    let notContained = w.fillShifted(from: outside, gamma: 1)
    let wrongSize = w.fillShifted(from: .identity(4), gamma: 1)
    #expect(!noDiagonal && !notContained && !wrongSize)
  }
}

@Suite("Approximate minimum degree ordering")
struct ApproximateMinimumDegreeTests {
  @Test("the ordering is a permutation, also with dense and isolated nodes")
  func permutation() throws {
    for m in [1, 2, 5, 30] {
      let amd = try #require(ApproximateMinimumDegree(pattern: SparseTestMatrices.laplacian(m)))
      #expect(amd.permutation.sorted() == Array(0..<(m * m)))
      for (k, i) in amd.permutation.enumerated() { #expect(amd.inversePermutation[i] == k) }
    }
    // An arrow: node 0 joined to all others is dense and goes last.
    let n = 400
    let arrow = try #require(
      ApproximateMinimumDegree(adjacency: [Array(1..<n)] + (1..<n).map { _ in [Int]() }))
    #expect(arrow.permutation.sorted() == Array(0..<n))
    #expect(arrow.denseCount == 1)
    #expect(arrow.permutation.last == 0)
    #expect(ApproximateMinimumDegree(adjacency: [[1], [2]]) == nil)
    #expect(ApproximateMinimumDegree(pattern: SparseMatrixCSC(rows: 2, columnRows: [[0]])!) == nil)
    #expect(ApproximateMinimumDegree(adjacency: [])?.permutation == [])
  }

  @Test("AMD gives far less fill than the natural order on a 2-D Laplacian and a Brusselator")
  func fill() throws {
    for a in [SparseTestMatrices.laplacian(30), SparseTestMatrices.brusselatorJacobian(16)] {
      var natural = try #require(SparseLUFactorization(pattern: a, ordering: .natural))
      var amd = try #require(SparseLUFactorization(pattern: a))
      natural.factor(a)
      #expect(natural.isNonsingular)
      amd.factor(a)
      #expect(amd.isNonsingular)
      let naturalFill = natural.nnzL + natural.nnzU
      let amdFill = amd.nnzL + amd.nnzU
      #expect(
        Double(amdFill) < 0.5 * Double(naturalFill), "AMD \(amdFill), natural \(naturalFill)")
      var b = SparseTestMatrices.rightHandSide(a.rows)
      let rhs = b
      amd.solve(&b)
      #expect(SparseTestMatrices.relativeResidual(a, b, rhs) <= 1e-12)
    }
  }
}

@Suite("Sparse LU with partial pivoting")
struct SparseLUTests {
  @Test("random sparse systems of size 500 match dense LU, with and without pivoting")
  func randomSystems() throws {
    for (seed, strong) in [(1, true), (2, true), (3, false), (4, false), (5, false)] {
      let a = SparseTestMatrices.random(500, perRow: 5, seed: UInt64(seed), strong: strong)
      var lu = try #require(SparseLUFactorization(pattern: a))
      lu.factor(a)
      #expect(lu.isNonsingular)
      #expect(lu.singularColumn == nil)
      let b = SparseTestMatrices.rightHandSide(500)
      var x = b
      lu.solve(&x)
      let reference = try #require(SparseTestMatrices.denseSolve(a, b))
      #expect(SparseTestMatrices.relativeResidual(a, x, b) <= 1e-12, "seed \(seed)")
      #expect(SparseTestMatrices.relativeDifference(x, reference) <= 1e-9, "seed \(seed)")
      // Weak diagonals force row interchanges: some pivot is off the diagonal.
      let offDiagonal = zip(lu.rowPermutation, lu.columnPermutation).filter { $0 != $1 }.count
      if strong {
        #expect(offDiagonal == 0, "seed \(seed)")
      } else {
        #expect(offDiagonal > 0, "seed \(seed)")
      }
    }
  }

  @Test("every pivot threshold from diagonal preference to classical partial pivoting")
  func pivotThresholds() throws {
    let a = SparseTestMatrices.random(500, perRow: 5, seed: 6, strong: false)
    let b = SparseTestMatrices.rightHandSide(500)
    let reference = try #require(SparseTestMatrices.denseSolve(a, b))
    for tolerance in [1e-3, 0.1, 1, 7, .nan] {
      var lu = try #require(SparseLUFactorization(pattern: a, pivotTolerance: tolerance))
      lu.factor(a)
      #expect(lu.isNonsingular)
      var x = b
      lu.solve(&x)
      #expect(SparseTestMatrices.relativeResidual(a, x, b) <= 1e-12, "τ = \(tolerance)")
      #expect(SparseTestMatrices.relativeDifference(x, reference) <= 1e-9, "τ = \(tolerance)")
    }
  }

  @Test("the shifted 2-D Laplacian on a 40 × 40 grid")
  func laplacian() throws {
    for shift in [0.0, 0.1, -0.3] {
      let a = SparseTestMatrices.laplacian(40, shift: shift)
      var lu = try #require(SparseLUFactorization(pattern: a))
      lu.factor(a)
      #expect(lu.isNonsingular)
      let b = SparseTestMatrices.rightHandSide(a.rows)
      var x = b
      lu.solve(&x)
      #expect(SparseTestMatrices.relativeResidual(a, x, b) <= 1e-12, "shift \(shift)")
    }
  }

  @Test("I − γJ for several γ refactors: no new analysis, no new pivoting, right answers")
  func refactorization() throws {
    let jac = SparseTestMatrices.brusselatorJacobian(12)
    var w = jac.addingDiagonal()
    var lu = try #require(SparseLUFactorization(pattern: w))
    #expect(lu.symbolicAnalyses == 1)
    let b = SparseTestMatrices.rightHandSide(w.rows)
    for (k, gamma) in [1e-3, 2e-3, 5e-4, 1e-2, 3e-2, 1e-4].enumerated() {
      w.fillShifted(from: jac, gamma: gamma)
      lu.factor(w)
      #expect(lu.isNonsingular)
      #expect(lu.symbolicAnalyses == 1)
      #expect(lu.fullFactorizations == 1)
      #expect(lu.refactorizations == k)
      var x = b
      lu.solve(&x)
      #expect(SparseTestMatrices.relativeResidual(w, x, b) <= 1e-12, "γ = \(gamma)")
    }
    // An equal pattern in new arrays is recognised too.
    let rebuilt = try #require(
      SparseMatrixCSC(
        rows: w.rows, columns: w.columns, columnPointers: Array(w.columnPointers),
        rowIndices: w.rowIndices.map { $0 }, values: w.values))
    lu.factor(rebuilt)
    #expect(lu.isNonsingular)
    #expect(lu.symbolicAnalyses == 1 && lu.fullFactorizations == 1)
  }

  @Test("a reused pivot that becomes too small falls back to a full factorization")
  func refactorFallback() throws {
    var a = try #require(SparseMatrixCSC([[2, 1, 0], [1, 3, 1], [0, 1, 4]]))
    var lu = try #require(SparseLUFactorization(pattern: a, ordering: .natural))
    lu.factor(a)
    #expect(lu.isNonsingular)
    #expect(lu.rowPermutation == [0, 1, 2])
    a[0, 0] = 1e-12  // the (0, 0) pivot is now tiny against a_10 = 1
    lu.factor(a)
    #expect(lu.isNonsingular)
    #expect(lu.refactorFallbacks == 1)
    #expect(lu.fullFactorizations == 2)
    #expect(lu.rowPermutation[0] == 1)
    let b = [1.0, 2, 3]
    var x = b
    lu.solve(&x)
    #expect(SparseTestMatrices.relativeResidual(a, x, b) <= 1e-14)
  }

  @Test("a zero column is reported as singular, not trapped on, and the next matrix works")
  func singular() throws {
    var a = SparseTestMatrices.laplacian(6, shift: 0.5)
    var lu = try #require(SparseLUFactorization(pattern: a))
    lu.factor(a)
    #expect(lu.isNonsingular)
    let good = a
    for p in a.columnPointers[13]..<a.columnPointers[14] { a.values[p] = 0 }
    lu.factor(a)
    #expect(!lu.isNonsingular)
    #expect(lu.singularColumn == 13)
    #expect(!lu.isNonsingular)
    var x = [Double](repeating: 1, count: a.rows)
    lu.solve(&x)
    #expect(x.allSatisfy { $0.isNaN })
    // A column with no entries at all.
    var lists = (0..<4).map { [$0] }
    lists[2] = []
    var empty = try #require(SparseMatrixCSC(rows: 4, columnRows: lists))
    empty.setValues(to: 1)
    var lu2 = try #require(SparseLUFactorization(pattern: empty))
    lu2.factor(empty)
    #expect(!lu2.isNonsingular)
    #expect(lu2.singularColumn == 2)
    // Non-finite entries are reported too.
    a = good
    a.values[0] = .nan
    lu.factor(a)
    #expect(!lu.isNonsingular)
    #expect(lu.singularColumn != nil)
    lu.factor(good)
    #expect(lu.isNonsingular)
    #expect(lu.singularColumn == nil)
    x = SparseTestMatrices.rightHandSide(good.rows)
    let b = x
    lu.solve(&x)
    #expect(SparseTestMatrices.relativeResidual(good, x, b) <= 1e-13)
  }

  @Test("a new pattern is analysed again; a copy of the factorization is independent")
  func newPatternAndCopies() throws {
    let a = SparseTestMatrices.laplacian(5)
    var lu = try #require(SparseLUFactorization(pattern: a))
    lu.factor(a)
    #expect(lu.isNonsingular)
    var copy = lu
    let b = try #require(SparseMatrixCSC(tridiagonal(25)))
    copy.factor(b)
    #expect(copy.isNonsingular)
    #expect(copy.symbolicAnalyses == 2)
    #expect(lu.symbolicAnalyses == 1)
    var x = SparseTestMatrices.rightHandSide(25)
    let rhs = x
    lu.solve(&x)
    #expect(SparseTestMatrices.relativeResidual(a, x, rhs) <= 1e-13)
    x = rhs
    copy.solve(&x)
    #expect(SparseTestMatrices.relativeResidual(b, x, rhs) <= 1e-13)
    #expect(SparseLUFactorization(pattern: SparseMatrixCSC(rows: 2, columnRows: [[0]])!) == nil)
  }

  /// Rows of a dense tridiagonal `n × n` matrix (4 on the diagonal, 1 beside it).
  func tridiagonal(_ n: Int) -> [[Double]] {
    (0..<n).map { i in (0..<n).map { j in i == j ? 4 : (abs(i - j) == 1 ? 1 : 0) } }
  }

  @Test("refactoring and solving allocate nothing")
  func noAllocation() throws {
    try #require(
      allocationCountingIsActive || !allocationCountingIsExpected,
      "malloc interposition is not in effect on Linux")
    let jac = SparseTestMatrices.brusselatorJacobian(8)
    var w = jac.addingDiagonal()
    var lu = try #require(SparseLUFactorization(pattern: w))
    var x = SparseTestMatrices.rightHandSide(w.rows)
    var nonsingular = true
    // The first pass makes the factors (and any lazily created runtime metadata).
    for r in 0..<2 {
      w.fillShifted(from: jac, gamma: 1e-3 * Double(r + 1))
      nonsingular = lu.factor(w) && nonsingular
      lu.solve(&x)
    }
    let count = allocations {
      for r in 0..<3 {
        w.fillShifted(from: jac, gamma: 1e-3 * Double(r + 3))
        nonsingular = lu.factor(w) && nonsingular
        lu.solve(&x)
      }
    }
    #expect(nonsingular)
    #expect(lu.fullFactorizations == 1)
    #expect(lu.refactorizations == 4)
    #expect(count == 0)
    // A full factorization with room enough (after a failed one, which cannot be reused)
    // allocates nothing either.
    var zeroed = w
    zeroed.setValues(to: 0)
    lu.factor(zeroed)
    let fullCount = allocations {
      lu.factor(zeroed)
      lu.factor(w)
      lu.solve(&x)
    }
    #expect(lu.isNonsingular)
    #expect(lu.fullFactorizations == 4)
    #expect(fullCount == 0)
  }
}
