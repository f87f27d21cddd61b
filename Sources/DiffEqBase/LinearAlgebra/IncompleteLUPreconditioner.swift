/// The incomplete LU factorization with no fill, ILU(0), of a sparse square matrix
/// (Saad, *Iterative Methods for Sparse Linear Systems*, 2nd ed., §10.3.2, Algorithm 10.4),
/// as a preconditioner `M = L U ≈ A` for ``GMRES``.
///
/// `L` (unit lower triangular) and `U` (upper triangular) keep exactly the pattern `P` of `A`
/// (its diagonal added when missing): Gaussian elimination in the IKJ order, row by row,
/// drops every update that falls outside `P`. For `i = 1 … n − 1`, for each `k < i` with
/// `(i, k) ∈ P`, in increasing `k`:
///
///     a_ik ← a_ik / a_kk
///     a_ij ← a_ij − a_ik·a_kj   for j > k with (i, j) ∈ P and (k, j) ∈ P
///
/// after which `l_ik = a_ik` (`k < i`) and `u_ij = a_ij` (`j ≥ i`), so `(L U)_ij = a_ij` on
/// `P`. The pivots `u_ii` must be nonzero; for an M-matrix or a diagonally dominant one they
/// are (Meijerink & van der Vorst, 1977).
///
/// The symbolic part — a compressed-sparse-row copy of the pattern, the diagonal positions,
/// where each entry of `A`'s CSC values goes — is done once by ``init(pattern:)``;
/// ``factor(_:)`` recomputes the values for a matrix of that pattern and ``apply(_:)`` solves
/// `L U z = v` in place, neither allocating. A zero or non-finite pivot or entry fails the
/// factorization (reported by ``factor(_:)`` and ``failure``), never traps.
///
/// ```swift
/// var ilu = IncompleteLUPreconditioner(pattern: w)!   // once: W = I − γJ's pattern
/// w.fillShifted(from: jac, gamma: γ)
/// if ilu.factor(w) { … preconditioner: { v in ilu.apply(v) } … }
/// ```
public struct IncompleteLUPreconditioner: Sendable {
  /// Why the last ``factor(_:)`` failed.
  public enum Failure: Sendable, Equatable {
    /// The matrix is not of the size and pattern given at `init`.
    case patternMismatch
    /// A stored entry of the matrix is NaN or infinite.
    case nonFiniteEntry
    /// The pivot `u_ii` of this row was zero or not finite (or its inverse not finite).
    case zeroPivot(row: Int)
  }

  /// Size `n` of the matrix.
  public let size: Int
  /// Diagonal positions that the pattern lacked and that were added (as zeros of `A`).
  public let addedDiagonalCount: Int
  /// Why the last factorization failed; `nil` after a successful one (and before the first).
  @inlinable public var failure: Failure? { _failure }
  /// Whether the factors of a matrix are held (the last ``factor(_:)`` succeeded).
  @inlinable public var isFactored: Bool { _isFactored }
  @usableFromInline var _failure: Failure?
  @usableFromInline var _isFactored: Bool

  /// Start of each row of the factors in ``columnIndices`` and ``factors`` (`n + 1`).
  @usableFromInline let rowPointers: [Int]
  /// Column of each entry, increasing within each row.
  @usableFromInline let columnIndices: [Int]
  /// Position of `(i, i)` within row `i`.
  @usableFromInline let diagonalPositions: [Int]
  /// Position in `A.values` of each entry, `−1` for an added diagonal.
  @usableFromInline let sourcePositions: [Int]
  /// The CSC pattern expected by ``factor(_:)``.
  @usableFromInline let patternColumnPointers: [Int]
  @usableFromInline let patternRowIndices: [Int]
  /// `L` strictly below and `U` on and above the diagonal, row by row.
  @usableFromInline var factors: [Double]
  /// `1/u_ii`.
  @usableFromInline var inverseDiagonal: [Double]
  /// Scratch of ``factor(_:)``: the position of column `j` in the current row, or `−1`.
  @usableFromInline var marker: [Int]

  /// Does the symbolic setup for `pattern` (only its pattern is read), adding the diagonal
  /// positions it lacks. `nil` when the matrix is not square.
  public init?(pattern: SparseMatrixCSC) {
    guard pattern.isSquare else { return nil }
    let n = pattern.rows
    let cp = pattern.columnPointers
    let ri = pattern.rowIndices
    var hasDiagonal = [Bool](repeating: false, count: n)
    var counts = [Int](repeating: 0, count: n + 1)
    for j in 0..<n {
      for p in cp[j]..<cp[j + 1] {
        counts[ri[p] + 1] += 1
        if ri[p] == j { hasDiagonal[j] = true }
      }
    }
    var added = 0
    for j in 0..<n where !hasDiagonal[j] {
      counts[j + 1] += 1
      added += 1
    }
    for i in 0..<n { counts[i + 1] += counts[i] }
    let total = counts[n]
    var next = counts
    var columns = [Int](repeating: 0, count: total)
    var sources = [Int](repeating: -1, count: total)
    var diagonal = [Int](repeating: 0, count: n)
    // Columns in increasing order, so each row's columns come out sorted.
    for j in 0..<n {
      for p in cp[j]..<cp[j + 1] {
        let i = ri[p]
        let q = next[i]
        next[i] += 1
        columns[q] = j
        sources[q] = p
        if i == j { diagonal[j] = q }
      }
      if !hasDiagonal[j] {
        let q = next[j]
        next[j] += 1
        columns[q] = j
        diagonal[j] = q
      }
    }
    size = n
    addedDiagonalCount = added
    _failure = nil
    _isFactored = false
    rowPointers = counts
    columnIndices = columns
    diagonalPositions = diagonal
    sourcePositions = sources
    patternColumnPointers = cp
    patternRowIndices = ri
    factors = [Double](repeating: 0, count: total)
    inverseDiagonal = [Double](repeating: 1, count: n)
    marker = [Int](repeating: -1, count: n)
  }

  /// Number of stored entries of `L + U` (the pattern of `A` with its diagonal).
  @inlinable
  public var nonzeroCount: Int { columnIndices.count }

  /// Computes the ILU(0) factors of `a`, which must have the pattern given at `init`. No
  /// allocation. Returns ``isFactored``; on failure ``failure`` says why and ``apply(_:)``
  /// acts as the identity until a factorization succeeds.
  @inlinable
  @discardableResult
  public mutating func factor(_ a: SparseMatrixCSC) -> Bool {
    _isFactored = false
    guard a.rows == size, a.columns == size, a.values.count == a.rowIndices.count,
      a.columnPointers == patternColumnPointers, a.rowIndices == patternRowIndices
    else {
      _failure = .patternMismatch
      return false
    }
    let n = size
    let outcome: Failure? = rowPointers.withUnsafeBufferPointer { rp in
      columnIndices.withUnsafeBufferPointer { ci in
        diagonalPositions.withUnsafeBufferPointer { dp in
          sourcePositions.withUnsafeBufferPointer { sp in
            a.values.withUnsafeBufferPointer { av in
              factors.withUnsafeMutableBufferPointer { lu in
                inverseDiagonal.withUnsafeMutableBufferPointer { inv in
                  marker.withUnsafeMutableBufferPointer { mark in
                    for q in 0..<lu.count {
                      let s = sp[q]
                      let v = s >= 0 ? av[s] : 0
                      guard v.isFinite else { return Failure.nonFiniteEntry }
                      lu[q] = v
                    }
                    for i in 0..<n {
                      let start = rp[i]
                      let end = rp[i + 1]
                      let d = dp[i]
                      for q in start..<end { mark[ci[q]] = q }
                      for q in start..<d {
                        let k = ci[q]
                        let lik = lu[q] * inv[k]
                        lu[q] = lik
                        if lik == 0 { continue }
                        for p in (dp[k] + 1)..<rp[k + 1] {
                          let t = mark[ci[p]]
                          if t >= 0 { lu[t] -= lik * lu[p] }
                        }
                      }
                      for q in start..<end { mark[ci[q]] = -1 }
                      let pivot = lu[d]
                      let inverse = 1 / pivot
                      guard pivot != 0, pivot.isFinite, inverse.isFinite else {
                        return Failure.zeroPivot(row: i)
                      }
                      inv[i] = inverse
                    }
                    return nil
                  }
                }
              }
            }
          }
        }
      }
    }
    _failure = outcome
    _isFactored = outcome == nil
    return _isFactored
  }

  /// `v ← (L U)⁻¹ v` in place: forward substitution `vᵢ ← vᵢ − Σ_{k<i} l_ik v_k` (unit `L`),
  /// then back substitution `vᵢ ← (vᵢ − Σ_{j>i} u_ij v_j) / u_ii`, both row by row (``size``
  /// entries, no allocation). Leaves `v` unchanged (`M = I`) when not factored.
  @inlinable
  public func apply(_ v: UnsafeMutableBufferPointer<Double>) {
    precondition(v.count == size, "v must have \(size) entries")
    guard _isFactored else { return }
    let n = size
    rowPointers.withUnsafeBufferPointer { rp in
      columnIndices.withUnsafeBufferPointer { ci in
        diagonalPositions.withUnsafeBufferPointer { dp in
          factors.withUnsafeBufferPointer { lu in
            inverseDiagonal.withUnsafeBufferPointer { inv in
              for i in 0..<n {
                var s = v[i]
                for q in rp[i]..<dp[i] { s -= lu[q] * v[ci[q]] }
                v[i] = s
              }
              for i in stride(from: n - 1, through: 0, by: -1) {
                var s = v[i]
                for q in (dp[i] + 1)..<rp[i + 1] { s -= lu[q] * v[ci[q]] }
                v[i] = s * inv[i]
              }
            }
          }
        }
      }
    }
  }

  /// `v ← (L U)⁻¹ v` on an array.
  @inlinable
  public func apply(_ v: inout [Double]) {
    v.withUnsafeMutableBufferPointer { apply($0) }
  }
}
