/// A mass matrix as the stiff solvers use it: diagonal (stored as its diagonal) or dense;
/// the identity is no mass matrix at all (`nil` from ``init(_:)``).
public enum StiffMassMatrix: Sendable, Equatable {
  /// `M = diag(d)`.
  case diagonal([Double])
  /// A general `M`.
  case dense(DenseMatrix)

  /// The solver's form of `m` (`nil` when `m` is absent or the identity, or malformed —
  /// validation rejects that before a solve).
  public init?(_ m: MassMatrix?) {
    guard let m, !m.isIdentity else { return nil }
    switch m {
    case .diagonal(let d): self = .diagonal(d)
    case .rows:
      guard let dense = m.dense else { return nil }
      var isDiagonal = true
      for j in 0..<dense.columns {
        for i in 0..<dense.rows where i != j && dense[i, j] != 0 { isDiagonal = false }
      }
      self = isDiagonal ? .diagonal((0..<dense.rows).map { dense[$0, $0] }) : .dense(dense)
    }
  }

  /// Whether `M` is stored densely (it has off-diagonal entries).
  @inlinable
  public var isDense: Bool {
    if case .dense = self { return true }
    return false
  }

  /// Whether `M` is singular (a zero on the diagonal, or a zero pivot in its LU).
  public var isSingular: Bool {
    switch self {
    case .diagonal(let d): return d.contains(0)
    case .dense(let m):
      var lu = LUFactorization(size: m.rows)
      return !lu.factor(m)
    }
  }

  /// `out = M·v`.
  @inlinable
  public func multiply<S: StateVector>(_ v: S, into out: inout S) {
    switch self {
    case .diagonal(let d):
      for i in 0..<v.count { out[i] = S.Scalar(d[i]) * v[i] }
    case .dense(let m):
      m.multiply(v, into: &out)
    }
  }

  /// Entry `(i, i)`.
  @inlinable
  public func diagonalEntry(_ i: Int) -> Double {
    switch self {
    case .diagonal(let d): d[i]
    case .dense(let m): m[i, i]
    }
  }
}
