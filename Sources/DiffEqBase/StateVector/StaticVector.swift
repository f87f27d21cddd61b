/// A fixed-size, stack-allocated state vector: the Swift counterpart of Julia's `SVector`.
///
/// For small systems (up to a few dozen components) it removes every heap allocation and
/// reference count from a solve, and the out-of-place form `f(u, p, t) -> u′` costs nothing:
///
/// ```swift
/// let u0 = StaticVector<3, Double>([1, 0, 0])
/// let prob = ODEProblem(u0: u0, tspan: (0, 100)) { (u: StaticVector<3, Double>, _, _) in
///   let dx = 10 * (u[1] - u[0])
///   let dy = u[0] * (28 - u[2]) - u[1]
///   let dz = u[0] * u[1] - 8.0 / 3 * u[2]
///   return StaticVector([dx, dy, dz])
/// }
/// ```
///
/// It wraps `InlineArray` (conforming `InlineArray` itself is not possible in Swift 6.3,
/// swiftlang/swift#86793).
@frozen
public struct StaticVector<let N: Int, Element: DiffEqScalar>: StateVector {
  /// The scalar type of the components.
  public typealias Scalar = Element

  /// Inline storage of the `N` components.
  public var storage: InlineArray<N, Element>

  /// A vector with every component equal to `value`.
  @inlinable
  public init(repeating value: Element) {
    storage = InlineArray(repeating: value)
  }

  /// A vector from exactly `N` elements; a different count is a programming error.
  @inlinable
  public init(_ elements: [Element]) {
    precondition(
      elements.count == N, "StaticVector<\(N)> needs \(N) elements, got \(elements.count)")
    storage = InlineArray { elements[$0] }
  }

  /// A vector whose component `i` is `generator(i)`.
  @inlinable
  public init(_ generator: (Int) -> Element) {
    storage = InlineArray { generator($0) }
  }

  /// The number of components, `N`.
  @inlinable
  public var count: Int { N }

  /// The component at `index`.
  @inlinable
  public subscript(index: Int) -> Element {
    get { storage[index] }
    set { storage[index] = newValue }
  }

  /// The zero vector.
  @inlinable
  public func zeroed() -> Self { Self(repeating: 0) }
}

extension StaticVector: ExpressibleByArrayLiteral {
  /// A vector from a literal of exactly `N` elements.
  @inlinable
  public init(arrayLiteral elements: Element...) { self.init(elements) }
}

extension StaticVector: Equatable {
  /// Componentwise equality.
  @inlinable
  public static func == (lhs: Self, rhs: Self) -> Bool {
    for i in 0..<N where lhs[i] != rhs[i] { return false }
    return true
  }
}

extension StaticVector: CustomStringConvertible {
  /// The components in brackets, like an array.
  public var description: String { "\(doubles.map { Element($0) })" }
}
