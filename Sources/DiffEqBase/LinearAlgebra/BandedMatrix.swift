/// A square `n × n` band matrix with `lower` subdiagonals and `upper` superdiagonals, in
/// LAPACK's band storage with room for the fill-in of a pivoted LU (`dgbtrf`): entry `(i, j)`,
/// `|i − j|` within the band, is `storage[(lower + upper + i − j) + j·ld]` with
/// `ld = 2·lower + upper + 1`.
public struct BandedMatrix: Sendable, Equatable {
  /// Size `n`.
  public let size: Int
  /// Number of subdiagonals.
  public let lower: Int
  /// Number of superdiagonals.
  public let upper: Int
  /// Leading dimension `2·lower + upper + 1` (rows of band storage per column).
  public let leadingDimension: Int
  /// Band storage, column-major (the top `lower` rows are for LU fill-in).
  public var storage: [Double]

  /// A zero band matrix.
  public init(size n: Int, lower: Int, upper: Int) {
    size = n
    self.lower = lower
    self.upper = upper
    leadingDimension = 2 * lower + upper + 1
    storage = [Double](repeating: 0, count: leadingDimension * n)
  }

  /// Whether `(i, j)` lies inside the band.
  @inlinable
  public func contains(_ i: Int, _ j: Int) -> Bool {
    i - j <= lower && j - i <= upper && i >= 0 && j >= 0 && i < size && j < size
  }

  /// Entry `(i, j)`: zero outside the band (writing there is a programming error).
  @inlinable
  public subscript(i: Int, j: Int) -> Double {
    get { contains(i, j) ? storage[lower + upper + i - j + j * leadingDimension] : 0 }
    set {
      precondition(contains(i, j), "(\(i), \(j)) is outside the band")
      storage[lower + upper + i - j + j * leadingDimension] = newValue
    }
  }

  /// Sets every entry to zero.
  @inlinable
  public mutating func zero() {
    storage.withUnsafeMutableBufferPointer { s in
      for k in s.indices { s[k] = 0 }
    }
  }

  /// `‖A‖₁ = maxⱼ Σᵢ |aᵢⱼ|`, the largest column sum over the band.
  @inlinable
  public var oneNorm: Double {
    var largest = 0.0
    for j in 0..<size {
      var sum = 0.0
      for i in Swift.max(0, j - upper)...Swift.min(size - 1, j + lower) { sum += abs(self[i, j]) }
      if !(sum <= largest) { largest = sum }
    }
    return largest
  }

  /// The same matrix stored densely.
  public var dense: DenseMatrix {
    var m = DenseMatrix(size: size)
    for j in 0..<size {
      for i in Swift.max(0, j - upper)...Swift.min(size - 1, j + lower) { m[i, j] = self[i, j] }
    }
    return m
  }
}
