/// The Jacobi (diagonal) preconditioner `M = diag(a₀₀, a₁₁, …)`: `M⁻¹ v = (vᵢ / aᵢᵢ)ᵢ`
/// (Saad, *Iterative Methods for Sparse Linear Systems*, §10.2), the cheapest one for
/// ``GMRES``, and an exact one for the stiff diagonal part of `I − γJ`.
///
/// It stores `1/aᵢᵢ`. A diagonal entry that is zero, missing or not finite cannot be inverted;
/// it is treated as `1` (`M⁻¹` leaves that component alone) and counted in
/// ``replacedDiagonalCount`` — never a trap. ``update(from:)`` and ``update(diagonal:)`` refresh
/// the values without allocating.
///
/// ```swift
/// var jacobi = JacobiPreconditioner(w)          // W = I − γJ
/// gmres.solve(b, into: x, tolerance: tol, apply: { v, out in w.multiply(v, into: out) },
///             preconditioner: { v in jacobi.apply(v) })
/// ```
public struct JacobiPreconditioner: Sendable {
  /// Size `n` of the matrix.
  public let size: Int
  /// `1/aᵢᵢ` (or `1` where `aᵢᵢ` is zero, missing or not finite).
  @usableFromInline var inverseDiagonal: [Double]
  /// How many diagonal entries were zero, missing or not finite in the last update (and
  /// treated as `1`).
  @inlinable public var replacedDiagonalCount: Int { _replacedDiagonalCount }
  @usableFromInline var _replacedDiagonalCount: Int

  /// The identity preconditioner of size `n` (every `1/aᵢᵢ = 1`), to be updated later.
  public init(size n: Int) {
    precondition(n >= 0, "the size must not be negative")
    size = n
    inverseDiagonal = [Double](repeating: 1, count: n)
    _replacedDiagonalCount = 0
  }

  /// The preconditioner of `a`'s diagonal (`size` = its rows; a diagonal position outside
  /// the pattern or beyond the columns counts as zero).
  public init(_ a: SparseMatrixCSC) {
    self.init(size: a.rows)
    update(from: a)
  }

  /// The preconditioner of the diagonal `aᵢᵢ = diagonal(i)`, `i = 0 ..< n`.
  public init(size n: Int, diagonal: (Int) -> Double) {
    self.init(size: n)
    update(diagonal: diagonal)
  }

  /// `1/aᵢᵢ` from `a`'s diagonal, in place (no allocation). Returns `false`, changing
  /// nothing, when `a` does not have ``size`` rows.
  @inlinable
  @discardableResult
  public mutating func update(from a: SparseMatrixCSC) -> Bool {
    guard a.rows == size else { return false }
    let columns = a.columns
    return a.columnPointers.withUnsafeBufferPointer { cp in
      a.rowIndices.withUnsafeBufferPointer { ri in
        a.values.withUnsafeBufferPointer { av in
          update { i in
            guard i < columns else { return 0 }
            // Binary search for row i in column i.
            var low = cp[i]
            var high = cp[i + 1]
            while low < high {
              let mid = (low + high) >> 1
              let r = ri[mid]
              if r == i { return av[mid] }
              if r < i { low = mid + 1 } else { high = mid }
            }
            return 0
          }
          return true
        }
      }
    }
  }

  /// `1/aᵢᵢ` from `aᵢᵢ = diagonal(i)`, `i = 0 ..< size`, in place (no allocation).
  @inlinable
  public mutating func update(diagonal: (Int) -> Double) {
    var replaced = 0
    inverseDiagonal.withUnsafeMutableBufferPointer { d in
      for i in d.indices {
        let aii = diagonal(i)
        let inverse = 1 / aii
        if aii == 0 || !aii.isFinite || !inverse.isFinite {
          d[i] = 1
          replaced += 1
        } else {
          d[i] = inverse
        }
      }
    }
    _replacedDiagonalCount = replaced
  }

  /// `v ← M⁻¹ v`, `vᵢ ← vᵢ / aᵢᵢ` (``size`` entries). No allocation.
  @inlinable
  public func apply(_ v: UnsafeMutableBufferPointer<Double>) {
    precondition(v.count == size, "v must have \(size) entries")
    inverseDiagonal.withUnsafeBufferPointer { d in
      for i in 0..<size { v[i] *= d[i] }
    }
  }

  /// `v ← M⁻¹ v` on an array.
  @inlinable
  public func apply(_ v: inout [Double]) {
    v.withUnsafeMutableBufferPointer { apply($0) }
  }
}
