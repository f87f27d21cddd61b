/// The abstract state of a differential equation: a fixed number of scalars with the
/// whole-vector operations the solvers need.
///
/// Modelled on SUNDIALS' `N_Vector` operation table: a small required core (count, indexed
/// scalars, a zeroed vector of the same shape) and the derived operations below, whose default
/// implementations are written on that core. A conforming type may override any of them with a
/// faster version. Solvers touch state only through this protocol.
///
/// Conformances: `[Double]`, `[Float]` and ``StaticVector`` (fixed size, stack allocated).
///
/// Every operation writes into existing storage; none of them reallocates a vector that is
/// uniquely referenced, so a step written with them allocates nothing.
public protocol StateVector: Sendable {
  /// The scalar type of the components.
  associatedtype Scalar: DiffEqScalar

  /// Number of scalar components.
  var count: Int { get }

  /// The component at `index` (`0 ..< count`).
  subscript(index: Int) -> Scalar { get set }

  /// A vector of the same shape with every component zero.
  func zeroed() -> Self

  /// Calls `body` with the components as one contiguous mutable buffer, if the storage is
  /// contiguous (`Array`'s own method); returns `nil` without calling it otherwise (the
  /// default). Hot loops use it to write without per-element uniqueness checks.
  mutating func withContiguousMutableStorageIfAvailable<R>(
    _ body: (inout UnsafeMutableBufferPointer<Scalar>) throws -> R
  ) rethrows -> R?

  /// Whether `other` has this vector's shape (the default: the same count). A structured
  /// state (a multi-scale array) also compares its structure: when a callback sets the
  /// integrator's state to one of another shape, every cache is rebuilt like it.
  func hasSameShape(as other: Self) -> Bool
}

extension StateVector {
  /// The same count.
  @inlinable
  public func hasSameShape(as other: Self) -> Bool { count == other.count }

  /// No contiguous storage: returns `nil`.
  @inlinable
  public mutating func withContiguousMutableStorageIfAvailable<R>(
    _ body: (inout UnsafeMutableBufferPointer<Scalar>) throws -> R
  ) rethrows -> R? {
    nil
  }

  /// Writes `value(i)` into every component `i`: through the contiguous buffer when there is
  /// one (no per-element uniqueness or bounds checks on the write), elementwise otherwise.
  @inlinable
  @inline(__always)
  public mutating func write(_ value: (Int) -> Scalar) {
    let n = count
    let done: Void? = withContiguousMutableStorageIfAvailable { buffer in
      for i in 0..<n { buffer[i] = value(i) }
    }
    if done == nil {
      for i in 0..<n { self[i] = value(i) }
    }
  }

  /// Elementwise copy `self ← x` into the existing storage (no reallocation).
  @inlinable
  public mutating func assign(_ x: Self) {
    write { x[$0] }
  }

  /// Sets every component to `value`.
  @inlinable
  public mutating func fill(_ value: Scalar) {
    write { _ in value }
  }

  /// Linear sum `self ← a·x + b·y` (SUNDIALS `N_VLinearSum`).
  @inlinable
  public mutating func setLinearSum(_ a: Double, _ x: Self, _ b: Double, _ y: Self) {
    let a = Scalar(a)
    let b = Scalar(b)
    for i in 0..<count { self[i] = a * x[i] + b * y[i] }
  }

  /// `self ← self + a·x` (BLAS `axpy`).
  @inlinable
  public mutating func axpy(_ a: Double, _ x: Self) {
    let a = Scalar(a)
    // Not `self[i] += …`: a compound assignment goes through the subscript's `modify`
    // accessor, which unspecialised (debug builds) mallocs once per component.
    for i in 0..<count { self[i] = self[i] + a * x[i] }
  }

  /// `self ← c·self` (SUNDIALS `N_VScale` in place).
  @inlinable
  public mutating func scale(by c: Double) {
    let c = Scalar(c)
    for i in 0..<count { self[i] = self[i] * c }  // not `*=`: see axpy
  }

  /// Dot product `Σᵢ selfᵢ·yᵢ`, accumulated in `Double`.
  @inlinable
  public func dot(_ y: Self) -> Double {
    var s = 0.0
    for i in 0..<count { s += Double(self[i]) * Double(y[i]) }
    return s
  }

  /// Max norm `maxᵢ |selfᵢ|`.
  @inlinable
  public func maxNorm() -> Double {
    var m = 0.0
    for i in 0..<count { m = Swift.max(m, Double(abs(self[i]))) }
    return m
  }

  /// Root-mean-square norm `√(Σᵢ selfᵢ² / n)` (DifferentialEquations.jl's default internal norm).
  @inlinable
  public func rmsNorm() -> Double {
    guard count > 0 else { return 0 }
    var s = 0.0
    for i in 0..<count {
      let x = Double(self[i])
      s += x * x
    }
    return (s / Double(count)).squareRoot()
  }

  /// Weighted RMS norm `√(Σᵢ (selfᵢ·wᵢ)² / n)` (SUNDIALS `N_VWrmsNorm`).
  @inlinable
  public func weightedRMSNorm(_ w: Self) -> Double {
    guard count > 0 else { return 0 }
    var s = 0.0
    for i in 0..<count {
      let x = Double(self[i]) * Double(w[i])
      s += x * x
    }
    return (s / Double(count)).squareRoot()
  }

  /// Index of the first component that is NaN or infinite, or `nil` when all are finite.
  @inlinable
  public var firstNonFiniteIndex: Int? {
    for i in 0..<count where !self[i].isFinite { return i }
    return nil
  }

  /// Whether every component is finite.
  @inlinable
  public var isFinite: Bool { firstNonFiniteIndex == nil }

  /// The components as `Double`s (for printing and export; allocates).
  public var doubles: [Double] { (0..<count).map { Double(self[$0]) } }
}
