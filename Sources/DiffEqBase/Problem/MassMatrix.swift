/// The constant matrix `M` of `M u′ = f(u, p, t)`.
///
/// A singular `M` makes the problem a differential-algebraic equation of index 1 (its zero
/// rows are algebraic equations `0 = fᵢ(u, p, t)`); only the stiff methods that support mass
/// matrices (Rosenbrock, BDF) accept one.
///
/// ```swift
/// massMatrix: [[1, 0, 0], [0, 1, 0], [0, 0, 0]]   // rows, as a literal
/// massMatrix: .diagonal([1, 1, 0])                 // the same, stored as its diagonal
/// ```
public enum MassMatrix: Sendable, Equatable, ExpressibleByArrayLiteral {
  /// A diagonal matrix.
  case diagonal([Double])
  /// A general matrix, given by its rows (checked to be square at `solve`).
  case rows([[Double]])

  /// A matrix from the rows of an array literal.
  public init(arrayLiteral rows: [Double]...) {
    self = .rows(rows)
  }

  /// The matrix size implied by the value (rows for ``rows(_:)``).
  public var size: Int {
    switch self {
    case .diagonal(let d): d.count
    case .rows(let r): r.count
    }
  }

  /// Whether `M` is the identity.
  public var isIdentity: Bool {
    switch self {
    case .diagonal(let d): return d.allSatisfy { $0 == 1 }
    case .rows(let r):
      for (i, row) in r.enumerated() {
        for (j, x) in row.enumerated() where x != (i == j ? 1 : 0) { return false }
      }
      return true
    }
  }

  /// `M` as a dense matrix (`nil` when the rows are ragged or not square).
  public var dense: DenseMatrix? {
    switch self {
    case .diagonal(let d): return .diagonal(d)
    case .rows(let r):
      guard let m = DenseMatrix(r), m.isSquare else { return nil }
      return m
    }
  }
}
