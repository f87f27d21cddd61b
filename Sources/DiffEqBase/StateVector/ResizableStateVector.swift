/// A state vector whose number of components can change during a solve (`[Double]`,
/// `[Float]`; later the multi-scale arrays).
public protocol ResizableStateVector: StateVector {
  /// Changes the count to `count`: components kept from the front, new ones zero.
  mutating func resize(to count: Int)
}

extension Array: ResizableStateVector where Element: DiffEqScalar {
  /// Truncates or zero-pads to `count` components.
  public mutating func resize(to count: Int) {
    if count < self.count {
      removeLast(self.count - count)
    } else if count > self.count {
      append(contentsOf: repeatElement(0, count: count - self.count))
    }
  }
}
