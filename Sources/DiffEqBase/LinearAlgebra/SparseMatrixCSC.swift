/// A sparse `rows × columns` matrix of `Double` in compressed sparse column (CSC) form: the
/// entries of column `j` are `values[p]` at rows `rowIndices[p]` for
/// `p ∈ columnPointers[j] ..< columnPointers[j + 1]`, the rows strictly increasing within a
/// column; every other entry is zero.
///
/// The pattern (``columnPointers``, ``rowIndices``) is fixed once built; only ``values``
/// change, which is what a stiff solver needs: the Jacobian `J` keeps its sparsity pattern
/// from step to step, and so does `W = M − γJ`.
///
/// ```swift
/// // J of a tridiagonal system, pattern first, values filled in place.
/// var jac = SparseMatrixCSC(rows: n, columns: n, pattern: entries)!
/// jac[i, j] = 2                       // only inside the pattern
/// var w = jac.addingDiagonal()        // pattern of I − γJ, made once
/// w.fillShifted(from: jac, gamma: γ)  // W ← I − γJ, no allocation
/// ```
public struct SparseMatrixCSC: Sendable, Equatable {
  /// Number of rows.
  public let rows: Int
  /// Number of columns.
  public let columns: Int
  /// Start of each column in ``rowIndices`` and ``values`` (`columns + 1` entries, the first
  /// 0 and the last the number of stored entries).
  public let columnPointers: [Int]
  /// Row of each stored entry, strictly increasing within each column.
  public let rowIndices: [Int]
  /// Value of each stored entry (as many as ``rowIndices``). An explicit zero keeps its
  /// place in the pattern.
  public var values: [Double]

  /// A matrix from its CSC arrays, trusted to be consistent (for the library's own use).
  @usableFromInline
  init(
    uncheckedRows rows: Int, columns: Int, columnPointers: [Int], rowIndices: [Int],
    values: [Double]
  ) {
    self.rows = rows
    self.columns = columns
    self.columnPointers = columnPointers
    self.rowIndices = rowIndices
    self.values = values
  }

  /// A matrix from its CSC arrays; `nil` unless they are consistent: `columns + 1`
  /// nondecreasing column pointers from 0 to the number of entries, rows in `0 ..< rows` and
  /// strictly increasing within each column, and (when given) as many values as rows.
  /// Without `values`, every stored entry is zero.
  public init?(
    rows: Int, columns: Int, columnPointers: [Int], rowIndices: [Int], values: [Double]? = nil
  ) {
    guard rows >= 0, columns >= 0, columnPointers.count == columns + 1,
      columnPointers[0] == 0, columnPointers[columns] == rowIndices.count,
      values == nil || values!.count == rowIndices.count
    else { return nil }
    for j in 0..<columns {
      let start = columnPointers[j]
      let end = columnPointers[j + 1]
      guard start <= end else { return nil }
      var previous = -1
      for p in start..<end {
        let i = rowIndices[p]
        guard i > previous, i < rows else { return nil }
        previous = i
      }
    }
    self.init(
      uncheckedRows: rows, columns: columns, columnPointers: columnPointers,
      rowIndices: rowIndices,
      values: values ?? [Double](repeating: 0, count: rowIndices.count))
  }

  /// The pattern made of the given column lists: column `j` holds the rows `columnRows[j]`
  /// (in any order; repeats count once), all with value zero. `nil` when a row is outside
  /// `0 ..< rows`.
  public init?(rows: Int, columnRows: [[Int]]) {
    guard rows >= 0 else { return nil }
    var pointers = [Int](repeating: 0, count: columnRows.count + 1)
    var indices = [Int]()
    indices.reserveCapacity(columnRows.reduce(0) { $0 + $1.count })
    for (j, list) in columnRows.enumerated() {
      var previous = -1
      for i in list.sorted() where i != previous {
        guard i >= 0, i < rows else { return nil }
        indices.append(i)
        previous = i
      }
      pointers[j + 1] = indices.count
    }
    self.init(
      uncheckedRows: rows, columns: columnRows.count, columnPointers: pointers,
      rowIndices: indices, values: [Double](repeating: 0, count: indices.count))
  }

  /// The pattern made of the given `(row, column)` positions (in any order; repeats count
  /// once), all with value zero. `nil` when a position lies outside the matrix.
  public init?(rows: Int, columns: Int, pattern entries: [(row: Int, column: Int)]) {
    guard rows >= 0, columns >= 0 else { return nil }
    var lists = [[Int]](repeating: [], count: columns)
    for (i, j) in entries {
      guard j >= 0, j < columns else { return nil }
      lists[j].append(i)
    }
    self.init(rows: rows, columnRows: lists)
  }

  /// The matrix with the given `(row, column, value)` entries (coordinate form); repeated
  /// positions are summed, `a_ij = Σ value` over the entries at `(i, j)`. `nil` when a
  /// position lies outside the matrix.
  public init?(rows: Int, columns: Int, entries: [(row: Int, column: Int, value: Double)]) {
    guard
      let pattern = SparseMatrixCSC(
        rows: rows, columns: columns, pattern: entries.map { ($0.row, $0.column) })
    else { return nil }
    self = pattern
    for (i, j, v) in entries { values[index(row: i, column: j)!] += v }
  }

  /// The matrix with the given rows (`[[1, 0], [0, 4]]`), keeping the nonzero entries;
  /// `nil` when the rows differ in length or there are none.
  public init?(_ rowValues: [[Double]]) {
    guard let dense = DenseMatrix(rowValues) else { return nil }
    self.init(dense)
  }

  /// The nonzero entries of a dense matrix.
  public init(_ dense: DenseMatrix) {
    var pointers = [Int](repeating: 0, count: dense.columns + 1)
    var indices = [Int]()
    var entries = [Double]()
    for j in 0..<dense.columns {
      for i in 0..<dense.rows where dense[i, j] != 0 {
        indices.append(i)
        entries.append(dense[i, j])
      }
      pointers[j + 1] = indices.count
    }
    self.init(
      uncheckedRows: dense.rows, columns: dense.columns, columnPointers: pointers,
      rowIndices: indices, values: entries)
  }

  /// The `n × n` identity, `I_ij = δ_ij`.
  public static func identity(_ n: Int) -> SparseMatrixCSC {
    SparseMatrixCSC(
      uncheckedRows: n, columns: n, columnPointers: Array(0...n), rowIndices: Array(0..<n),
      values: [Double](repeating: 1, count: n))
  }

  /// Number of stored entries (explicit zeros included).
  @inlinable
  public var nonzeroCount: Int { rowIndices.count }

  /// Whether the matrix is square.
  @inlinable
  public var isSquare: Bool { rows == columns }

  /// The same matrix stored densely.
  public var dense: DenseMatrix {
    var m = DenseMatrix(rows: rows, columns: columns)
    for j in 0..<columns {
      for p in columnPointers[j]..<columnPointers[j + 1] { m[rowIndices[p], j] = values[p] }
    }
    return m
  }

  /// The position in ``values`` of entry `(row, column)`, `nil` when it is not stored (or
  /// lies outside the matrix): a binary search in the column, `O(log nnz(column))`.
  @inlinable
  public func index(row: Int, column: Int) -> Int? {
    guard column >= 0, column < columns else { return nil }
    return rowIndices.withUnsafeBufferPointer { r in
      var low = columnPointers[column]
      var high = columnPointers[column + 1]
      while low < high {
        let mid = (low + high) >> 1
        let i = r[mid]
        if i == row { return mid }
        if i < row { low = mid + 1 } else { high = mid }
      }
      return nil
    }
  }

  /// Entry `(i, j)`: zero outside the pattern (writing there is a programming error).
  @inlinable
  public subscript(i: Int, j: Int) -> Double {
    get {
      guard let p = index(row: i, column: j) else { return 0 }
      return values[p]
    }
    set {
      guard let p = index(row: i, column: j) else {
        preconditionFailure("(\(i), \(j)) is outside the sparsity pattern")
      }
      values[p] = newValue
    }
  }

  /// Sets every stored entry to `value` (the pattern stays).
  @inlinable
  public mutating func setValues(to value: Double) {
    values.withUnsafeMutableBufferPointer { v in
      for p in v.indices { v[p] = value }
    }
  }

  /// `y = A x`: `y_i = Σ_j a_ij x_j`, with `x` of ``columns`` and `y` of ``rows`` entries.
  @inlinable
  public func multiply(_ x: UnsafeBufferPointer<Double>, into y: UnsafeMutableBufferPointer<Double>)
  {
    precondition(x.count == columns && y.count == rows, "sizes do not match the matrix")
    precondition(values.count == rowIndices.count, "values and pattern differ in length")
    for i in 0..<rows { y[i] = 0 }
    columnPointers.withUnsafeBufferPointer { cp in
      rowIndices.withUnsafeBufferPointer { ri in
        values.withUnsafeBufferPointer { v in
          for j in 0..<columns {
            let xj = x[j]
            if xj == 0 { continue }
            for p in cp[j]..<cp[j + 1] { y[ri[p]] += v[p] * xj }
          }
        }
      }
    }
  }

  /// `y = A x` on arrays (`x` of ``columns``, `y` of ``rows`` entries).
  @inlinable
  public func multiply(_ x: [Double], into y: inout [Double]) {
    x.withUnsafeBufferPointer { xs in
      y.withUnsafeMutableBufferPointer { ys in multiply(xs, into: ys) }
    }
  }

  /// The transpose `Aᵀ`, `(Aᵀ)_ij = a_ji`, with its rows sorted.
  public func transposed() -> SparseMatrixCSC {
    var pointers = [Int](repeating: 0, count: rows + 1)
    for i in rowIndices { pointers[i + 1] += 1 }
    for i in 0..<rows { pointers[i + 1] += pointers[i] }
    var next = pointers
    var indices = [Int](repeating: 0, count: rowIndices.count)
    var entries = [Double](repeating: 0, count: rowIndices.count)
    for j in 0..<columns {
      for p in columnPointers[j]..<columnPointers[j + 1] {
        let q = next[rowIndices[p]]
        next[rowIndices[p]] += 1
        indices[q] = j
        entries[q] = values[p]
      }
    }
    return SparseMatrixCSC(
      uncheckedRows: columns, columns: rows, columnPointers: pointers, rowIndices: indices,
      values: entries)
  }

  /// Whether every position stored in `other` is stored here (same size required).
  public func containsPattern(of other: SparseMatrixCSC) -> Bool {
    guard rows == other.rows, columns == other.columns else { return false }
    for j in 0..<columns {
      var p = columnPointers[j]
      let end = columnPointers[j + 1]
      for q in other.columnPointers[j]..<other.columnPointers[j + 1] {
        let i = other.rowIndices[q]
        while p < end && rowIndices[p] < i { p += 1 }
        if p == end || rowIndices[p] != i { return false }
      }
    }
    return true
  }

  /// This matrix with the pattern widened to the union with `other`'s (`self`'s values kept,
  /// zeros at the new positions); `nil` when the sizes differ.
  public func addingPattern(of other: SparseMatrixCSC) -> SparseMatrixCSC? {
    guard rows == other.rows, columns == other.columns else { return nil }
    var pointers = [Int](repeating: 0, count: columns + 1)
    var indices = [Int]()
    var entries = [Double]()
    indices.reserveCapacity(max(nonzeroCount, other.nonzeroCount))
    entries.reserveCapacity(max(nonzeroCount, other.nonzeroCount))
    for j in 0..<columns {
      var p = columnPointers[j]
      let pEnd = columnPointers[j + 1]
      var q = other.columnPointers[j]
      let qEnd = other.columnPointers[j + 1]
      while p < pEnd || q < qEnd {
        let i = p < pEnd ? rowIndices[p] : Int.max
        let k = q < qEnd ? other.rowIndices[q] : Int.max
        if i <= k {
          indices.append(i)
          entries.append(values[p])
          p += 1
          if k == i { q += 1 }
        } else {
          indices.append(k)
          entries.append(0)
          q += 1
        }
      }
      pointers[j + 1] = indices.count
    }
    return SparseMatrixCSC(
      uncheckedRows: rows, columns: columns, columnPointers: pointers, rowIndices: indices,
      values: entries)
  }

  /// `‖A‖₁ = maxⱼ Σᵢ |aᵢⱼ|`, the largest column sum over the stored entries.
  @inlinable
  public var oneNorm: Double {
    var largest = 0.0
    for j in 0..<columns {
      var sum = 0.0
      for k in columnPointers[j]..<columnPointers[j + 1] { sum += abs(values[k]) }
      if !(sum <= largest) { largest = sum }
    }
    return largest
  }

  /// This matrix with every diagonal position `(k, k)`, `k < min(rows, columns)`, added to
  /// the pattern (zeros where new): the pattern of `I − γJ` from that of `J`, built once.
  public func addingDiagonal() -> SparseMatrixCSC {
    let n = min(rows, columns)
    let diagonal = SparseMatrixCSC(
      uncheckedRows: rows, columns: columns,
      columnPointers: (0...columns).map { min($0, n) }, rowIndices: Array(0..<n),
      values: [Double](repeating: 0, count: n))
    return addingPattern(of: diagonal)!
  }

  /// Overwrites the values with `M − γJ`, `w_ij = m_ij − γ·j_ij` (`M = I`, `m_ij = δ_ij`, when
  /// `mass` is `nil`): the iteration matrix of a stiff solver. This matrix's pattern must
  /// contain `J`'s and `M`'s (or the diagonal): build it once with ``addingDiagonal()`` or
  /// ``addingPattern(of:)``.
  ///
  /// One merged pass down each column of the three sorted patterns, `O(nnz(W))`: no search,
  /// no map to keep, no allocation. Returns `false` (values then unspecified) when the sizes
  /// differ or a position of `J` or `M` is missing here.
  @inlinable
  @discardableResult
  public mutating func fillShifted(
    from jacobian: SparseMatrixCSC, gamma: Double, mass: SparseMatrixCSC? = nil
  ) -> Bool {
    guard rows == columns, jacobian.rows == rows, jacobian.columns == columns else {
      return false
    }
    precondition(
      values.count == rowIndices.count && jacobian.values.count == jacobian.rowIndices.count,
      "values and pattern differ in length")
    if let m = mass {
      guard m.rows == rows, m.columns == columns else { return false }
      precondition(m.values.count == m.rowIndices.count, "values and pattern differ in length")
      return m.columnPointers.withUnsafeBufferPointer { mp in
        m.rowIndices.withUnsafeBufferPointer { mi in
          m.values.withUnsafeBufferPointer { mv in
            fillShifted(jacobian, gamma, mp, mi, mv)
          }
        }
      }
    }
    return fillShifted(jacobian, gamma, nil, nil, nil)
  }

  /// The merge behind ``fillShifted(from:gamma:mass:)``; `mp == nil` stands for `M = I`.
  @inlinable
  mutating func fillShifted(
    _ jacobian: SparseMatrixCSC, _ gamma: Double, _ mp: UnsafeBufferPointer<Int>?,
    _ mi: UnsafeBufferPointer<Int>?, _ mv: UnsafeBufferPointer<Double>?
  ) -> Bool {
    let n = columns
    return columnPointers.withUnsafeBufferPointer { wp in
      rowIndices.withUnsafeBufferPointer { wi in
        values.withUnsafeMutableBufferPointer { wv in
          jacobian.columnPointers.withUnsafeBufferPointer { jp in
            jacobian.rowIndices.withUnsafeBufferPointer { ji in
              jacobian.values.withUnsafeBufferPointer { jv in
                for c in 0..<n {
                  var q = jp[c]
                  let qEnd = jp[c + 1]
                  var m = mp?[c] ?? 0
                  let mEnd = mp?[c + 1] ?? 0
                  var sawDiagonal = false
                  for p in wp[c]..<wp[c + 1] {
                    let r = wi[p]
                    var w = 0.0
                    if let mi, let mv {
                      if m < mEnd && mi[m] == r {
                        w = mv[m]
                        m += 1
                      }
                    } else if r == c {
                      w = 1
                      sawDiagonal = true
                    }
                    if q < qEnd && ji[q] == r {
                      w -= gamma * jv[q]
                      q += 1
                    }
                    wv[p] = w
                  }
                  if q != qEnd || m != mEnd || (mp == nil && !sawDiagonal) { return false }
                }
                return true
              }
            }
          }
        }
      }
    }
  }
}
