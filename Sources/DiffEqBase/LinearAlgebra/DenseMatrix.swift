/// A dense `rows × columns` matrix of `Double`, stored column by column (LAPACK's layout):
/// entry `(i, j)` is `storage[i + j·rows]`.
///
/// ```swift
/// var m = DenseMatrix(rows: 2, columns: 2)
/// m[0, 1] = 3
/// let mass = DenseMatrix([[1, 0], [0, 0]])!   // from rows; nil when ragged
/// ```
public struct DenseMatrix: Sendable, Equatable, CustomStringConvertible {
  /// Number of rows.
  public let rows: Int
  /// Number of columns.
  public let columns: Int
  /// The entries, column-major.
  public var storage: [Double]

  /// A matrix of `rows × columns` entries equal to `value`.
  @inlinable
  public init(rows: Int, columns: Int, repeating value: Double = 0) {
    self.rows = rows
    self.columns = columns
    storage = [Double](repeating: value, count: rows * columns)
  }

  /// A square zero matrix of size `n`.
  @inlinable
  public init(size n: Int) {
    self.init(rows: n, columns: n)
  }

  /// The matrix with the given rows (`[[1, 2], [3, 4]]`); `nil` when the rows differ in
  /// length or there are none.
  public init?(_ rowValues: [[Double]]) {
    guard let width = rowValues.first?.count, width > 0,
      rowValues.allSatisfy({ $0.count == width })
    else { return nil }
    self.init(rows: rowValues.count, columns: width)
    for (i, row) in rowValues.enumerated() {
      for (j, x) in row.enumerated() { storage[i + j * rows] = x }
    }
  }

  /// The `n × n` identity.
  public static func identity(_ n: Int) -> DenseMatrix {
    var m = DenseMatrix(size: n)
    for i in 0..<n { m.storage[i + i * n] = 1 }
    return m
  }

  /// The diagonal matrix with `diagonal` on its diagonal.
  public static func diagonal(_ diagonal: [Double]) -> DenseMatrix {
    let n = diagonal.count
    var m = DenseMatrix(size: n)
    for i in 0..<n { m.storage[i + i * n] = diagonal[i] }
    return m
  }

  /// Entry `(i, j)`.
  @inlinable
  public subscript(i: Int, j: Int) -> Double {
    get { storage[i + j * rows] }
    set { storage[i + j * rows] = newValue }
  }

  /// Whether the matrix is square.
  @inlinable
  public var isSquare: Bool { rows == columns }

  /// Sets every entry to `value`.
  @inlinable
  public mutating func fill(_ value: Double) {
    storage.withUnsafeMutableBufferPointer { s in
      for k in s.indices { s[k] = value }
    }
  }

  /// `‖A‖₁ = maxⱼ Σᵢ |aᵢⱼ|`, the largest column sum (an upper bound of the spectral radius;
  /// no allocation).
  @inlinable
  public var oneNorm: Double {
    var largest = 0.0
    storage.withUnsafeBufferPointer { a in
      for j in 0..<columns {
        var sum = 0.0
        for i in 0..<rows { sum += abs(a[j * rows + i]) }
        if !(sum <= largest) { largest = sum }
      }
    }
    return largest
  }

  /// The first entry that is NaN or infinite, as `(row, column)`.
  public var firstNonFiniteEntry: (row: Int, column: Int)? {
    guard let k = storage.firstIndex(where: { !$0.isFinite }) else { return nil }
    return (k % rows, k / rows)
  }

  /// `out = self · x` for a state vector `x` of `columns` components (`out` has `rows`).
  @inlinable
  public func multiply<S: StateVector>(_ x: S, into out: inout S) {
    for i in 0..<rows { out[i] = 0 }
    storage.withUnsafeBufferPointer { a in
      for j in 0..<columns {
        let xj = Double(x[j])
        if xj == 0 { continue }
        let column = j * rows
        for i in 0..<rows { out[i] = out[i] + S.Scalar(a[column + i] * xj) }
      }
    }
  }

  /// The rows, one per line.
  public var description: String {
    (0..<rows).map { i in (0..<columns).map { j in "\(self[i, j])" }.joined(separator: " ") }
      .joined(separator: "\n")
  }
}
