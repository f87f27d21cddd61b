/// The LU factorization with partial (row) pivoting of a square matrix, `P·A = L·U`, kept in
/// a buffer made once and refactored in place (LAPACK's `dgetrf`/`dgetrs`): `L` is unit
/// lower triangular below the diagonal of ``factors``, `U` on and above it, and row `k` was
/// swapped with row `pivots[k]` at step `k`.
///
/// ```swift
/// var lu = LUFactorization(size: n)       // once, at init
/// lu.factor { a in a[0, 0] = 4; … }       // fill and factor, no allocation
/// guard lu.isNonsingular else { … }
/// lu.solve(&b)                            // b ← A⁻¹ b
/// ```
///
/// A zero pivot is reported (``singularColumn``), never trapped on: the caller decides
/// (a stiff solver shrinks the step, which changes the matrix).
public struct LUFactorization: Sendable {
  /// Size `n` of the matrix.
  public let size: Int
  /// `L` (below the diagonal, unit diagonal implied) and `U` (on and above) after
  /// ``factor(_:)``; the matrix itself before.
  public var factors: DenseMatrix
  /// Row interchanges: at elimination step `k`, row `k` was swapped with `pivots[k] ≥ k`.
  @inlinable public var pivots: [Int] { _pivots }
  @usableFromInline var _pivots: [Int]
  /// `1/U[k, k]` (the substitutions multiply instead of dividing).
  @usableFromInline var inverseDiagonal: [Double]
  /// The first column whose pivot was exactly zero (or not finite), `nil` when nonsingular.
  @inlinable public var singularColumn: Int? { _singularColumn }
  @usableFromInline var _singularColumn: Int?

  /// A factorization buffer for `n × n` matrices.
  public init(size n: Int) {
    size = n
    factors = DenseMatrix(size: n)
    _pivots = Array(0..<n)
    inverseDiagonal = [Double](repeating: 0, count: n)
    _singularColumn = nil
  }

  /// Whether the last factorization found every pivot nonzero and finite.
  @inlinable
  public var isNonsingular: Bool { singularColumn == nil }

  /// Lets `fill` write the matrix into ``factors`` (its previous contents are there), then
  /// factors it in place. Returns ``isNonsingular``.
  @inlinable
  @discardableResult
  public mutating func factor(_ fill: (inout DenseMatrix) -> Void) -> Bool {
    fill(&factors)
    return factorInPlace()
  }

  /// Copies `a` into the buffer and factors it. Returns ``isNonsingular``.
  @inlinable
  @discardableResult
  public mutating func factor(_ a: DenseMatrix) -> Bool {
    factors.storage.withUnsafeMutableBufferPointer { dst in
      a.storage.withUnsafeBufferPointer { src in
        for k in 0..<dst.count { dst[k] = src[k] }
      }
    }
    return factorInPlace()
  }

  /// Gaussian elimination with partial pivoting on ``factors``, column by column
  /// (right-looking, unblocked: what small and medium stiff systems need).
  @inlinable
  public mutating func factorInPlace() -> Bool {
    let n = size
    var singular: Int?
    factors.storage.withUnsafeMutableBufferPointer { a in
      _pivots.withUnsafeMutableBufferPointer { piv in
        inverseDiagonal.withUnsafeMutableBufferPointer { inv in
          for k in 0..<n {
            // Pivot: the largest entry of column k on or below the diagonal.
            let ck = k * n
            var p = k
            var largest = abs(a[ck + k])
            for i in (k + 1)..<n where abs(a[ck + i]) > largest {
              largest = abs(a[ck + i])
              p = i
            }
            piv[k] = p
            let pivot = a[ck + p]
            if pivot == 0 || !pivot.isFinite {
              if singular == nil { singular = k }
              continue
            }
            if p != k {
              for j in 0..<n { a.swapAt(j * n + k, j * n + p) }
            }
            let inverse = 1 / pivot
            inv[k] = inverse
            for i in (k + 1)..<n { a[ck + i] *= inverse }
            // Rank-one update of the trailing block, column by column.
            for j in (k + 1)..<n {
              let cj = j * n
              let akj = a[cj + k]
              if akj == 0 { continue }
              for i in (k + 1)..<n { a[cj + i] -= a[ck + i] * akj }
            }
          }
        }
      }
    }
    _singularColumn = singular
    return singular == nil
  }

  /// Solves `A x = b` in place (`b ← x`) with the last factorization (which must be
  /// nonsingular). Through the state's contiguous storage when it has one (no uniqueness
  /// check per component).
  @inlinable
  public func solve<S: StateVector>(_ b: inout S) {
    let done: Void? = b.withContiguousMutableStorageIfAvailable { x in
      Self.substitute(factors.storage, pivots, inverseDiagonal, size, into: x)
    }
    if done != nil { return }
    let n = size
    factors.storage.withUnsafeBufferPointer { a in
      inverseDiagonal.withUnsafeBufferPointer { inv in
        pivots.withUnsafeBufferPointer { piv in
          for k in 0..<n where piv[k] != k {
            let t = b[k]
            b[k] = b[piv[k]]
            b[piv[k]] = t
          }
          for j in 0..<n {
            let bj = Double(b[j])
            if bj == 0 { continue }
            let cj = j * n
            for i in (j + 1)..<n { b[i] = b[i] - S.Scalar(a[cj + i] * bj) }
          }
          for j in stride(from: n - 1, through: 0, by: -1) {
            let cj = j * n
            let xj = Double(b[j]) * inv[j]
            b[j] = S.Scalar(xj)
            if xj == 0 { continue }
            for i in 0..<j { b[i] = b[i] - S.Scalar(a[cj + i] * xj) }
          }
        }
      }
    }
  }

  /// The row interchanges, then `L y = P b` (unit diagonal), then `U x = y`, on a buffer.
  @inlinable
  static func substitute<T: BinaryFloatingPoint>(
    _ factors: [Double], _ pivots: [Int], _ inverseDiagonal: [Double], _ n: Int,
    into b: UnsafeMutableBufferPointer<T>
  ) {
    factors.withUnsafeBufferPointer { a in
      inverseDiagonal.withUnsafeBufferPointer { inv in
        pivots.withUnsafeBufferPointer { piv in
          for k in 0..<n where piv[k] != k { b.swapAt(k, piv[k]) }
          for j in 0..<n {
            let bj = Double(b[j])
            if bj == 0 { continue }
            let cj = j * n
            for i in (j + 1)..<n { b[i] -= T(a[cj + i] * bj) }
          }
          for j in stride(from: n - 1, through: 0, by: -1) {
            let cj = j * n
            let xj = Double(b[j]) * inv[j]
            b[j] = T(xj)
            if xj == 0 { continue }
            for i in 0..<j { b[i] -= T(a[cj + i] * xj) }
          }
        }
      }
    }
  }
}
