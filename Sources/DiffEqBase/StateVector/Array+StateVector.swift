/// `[Double]` and `[Float]` are state vectors: the default for systems of any size.
///
/// Assignment of an array shares its storage; the solvers therefore only write through the
/// ``StateVector`` operations (elementwise) into vectors they own, so no step copies on write.
extension Array: StateVector where Element: DiffEqScalar {
  /// The element type is the scalar.
  public typealias Scalar = Element

  /// A zero array of the same count.
  @inlinable
  public func zeroed() -> [Element] { [Element](repeating: 0, count: count) }
}
