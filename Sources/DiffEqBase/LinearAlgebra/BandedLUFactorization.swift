/// The LU factorization with partial pivoting of a ``BandedMatrix`` (LAPACK's `dgbtf2` and
/// `dgbtrs`), in a buffer made once: `O(n·lower·(lower + upper))` work instead of `O(n³)`.
/// Row interchanges widen `U` to `lower + upper` superdiagonals, which the band storage has
/// room for.
public struct BandedLUFactorization: Sendable {
  /// The band matrix before ``factorInPlace()``, its factors after.
  public var factors: BandedMatrix
  /// Row interchanges: at step `k`, row `k` was swapped with `pivots[k] ≥ k`.
  @inlinable public var pivots: [Int] { _pivots }
  @usableFromInline var _pivots: [Int]
  /// The first column whose pivot was zero (or not finite), `nil` when nonsingular.
  @inlinable public var singularColumn: Int? { _singularColumn }
  @usableFromInline var _singularColumn: Int?

  /// A buffer for `n × n` matrices with the given bandwidths.
  public init(size n: Int, lower: Int, upper: Int) {
    factors = BandedMatrix(size: n, lower: lower, upper: upper)
    _pivots = Array(0..<n)
  }

  /// Whether the last factorization was nonsingular.
  @inlinable
  public var isNonsingular: Bool { singularColumn == nil }

  /// Lets `fill` write the matrix (after zeroing the storage), then factors it.
  @inlinable
  @discardableResult
  public mutating func factor(_ fill: (inout BandedMatrix) -> Void) -> Bool {
    factors.zero()
    fill(&factors)
    return factorInPlace()
  }

  /// Banded Gaussian elimination with partial pivoting (`dgbtf2`).
  @inlinable
  public mutating func factorInPlace() -> Bool {
    let n = factors.size
    let kl = factors.lower
    let ku = factors.upper
    let ld = factors.leadingDimension
    let kv = ku + kl  // the diagonal's row in band storage
    var singular: Int?
    factors.storage.withUnsafeMutableBufferPointer { ab in
      _pivots.withUnsafeMutableBufferPointer { piv in
        // Fill-in rows above the original band start at zero (factor(_:) zeroes them).
        var ju = 0  // last column touched by the current U row
        for j in 0..<n {
          let km = Swift.min(kl, n - 1 - j)  // subdiagonal entries in column j
          // Pivot search in column j, rows j…j+km.
          var p = 0
          var largest = abs(ab[kv + j * ld])
          for r in stride(from: 1, through: km, by: 1) where abs(ab[kv + r + j * ld]) > largest {
            largest = abs(ab[kv + r + j * ld])
            p = r
          }
          piv[j] = j + p
          let pivot = ab[kv + p + j * ld]
          if pivot == 0 || !pivot.isFinite {
            if singular == nil { singular = j }
            continue
          }
          ju = Swift.max(ju, Swift.min(j + ku + p, n - 1))
          if p != 0 {
            // Swap rows j and j + p across columns j…ju.
            for c in j...ju {
              let r = kv + j - c
              ab.swapAt(r + c * ld, r + p + c * ld)
            }
          }
          if km > 0 {
            let inverse = 1 / ab[kv + j * ld]
            for r in 1...km { ab[kv + r + j * ld] *= inverse }
            // Rank-one update of the block rows j+1…j+km, columns j+1…ju.
            if ju > j {
              for c in (j + 1)...ju {
                let r0 = kv + j - c  // row j in column c
                let ujc = ab[r0 + c * ld]
                if ujc == 0 { continue }
                for r in 1...km { ab[r0 + r + c * ld] -= ab[kv + r + j * ld] * ujc }
              }
            }
          }
        }
      }
    }
    _singularColumn = singular
    return singular == nil
  }

  /// Solves `A x = b` in place with the last factorization (`dgbtrs`, no transpose).
  @inlinable
  public func solve<S: StateVector>(_ b: inout S) {
    let n = factors.size
    let kl = factors.lower
    let ku = factors.upper
    let ld = factors.leadingDimension
    let kv = ku + kl
    factors.storage.withUnsafeBufferPointer { ab in
      pivots.withUnsafeBufferPointer { piv in
        // L y = P b, interchanges applied as they were made.
        for j in 0..<n {
          let km = Swift.min(kl, n - 1 - j)
          let l = piv[j]
          if l != j {
            let t = b[l]
            b[l] = b[j]
            b[j] = t
          }
          let bj = Double(b[j])
          if km > 0 && bj != 0 {
            for r in 1...km { b[j + r] = b[j + r] - S.Scalar(ab[kv + r + j * ld] * bj) }
          }
        }
        // U x = y, U with kl + ku superdiagonals.
        for j in stride(from: n - 1, through: 0, by: -1) {
          let xj = Double(b[j]) / ab[kv + j * ld]
          b[j] = S.Scalar(xj)
          if xj == 0 { continue }
          let top = Swift.max(0, j - kv)
          for i in top..<j { b[i] = b[i] - S.Scalar(ab[kv + i - j + j * ld] * xj) }
        }
      }
    }
  }
}
