import DiffEqBase

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// An `m`-dimensional Wiener process `W(t)` with a seeded, reproducible generator, and the
/// path it took.
///
/// Increments `ΔW ~ N(0, Δt I)` come from ``SplitMix64`` (the same seed gives the same path on
/// every platform) through the Marsaglia polar method (two normals per accepted pair of
/// uniforms; `log` and `sqrt`, no trigonometry).
public struct WienerProcess: Sendable {
  /// Number of components.
  public let dimension: Int
  /// The generator.
  @usableFromInline var rng: SplitMix64
  /// The second normal of the last polar pair, when unused.
  @usableFromInline var spare: Double?
  /// Times of the path, in order.
  @inlinable public var times: [Double] { _times }
  @usableFromInline var _times: [Double]
  /// `W` at each of ``times``, `dimension` values per time, one time after another.
  @inlinable public var values: [Double] { _values }
  @usableFromInline var _values: [Double]
  /// The current value `W(t)` (scratch for appending).
  @usableFromInline var current: [Double]

  /// A process starting at `W(t₀) = 0`.
  public init(dimension: Int, t0: Double, seed: UInt64) {
    self.dimension = dimension
    rng = SplitMix64(seed: seed)
    _times = [t0]
    _values = [Double](repeating: 0, count: dimension)
    current = [Double](repeating: 0, count: dimension)
  }

  /// A standard normal number.
  @inlinable
  public mutating func normal() -> Double {
    if let s = spare {
      spare = nil
      return s
    }
    while true {
      // Uniforms in (−1, 1) from the top 53 bits.
      let x = Double(rng.next() >> 11) * 0x1p-52 - 1
      let y = Double(rng.next() >> 11) * 0x1p-52 - 1
      let r = x * x + y * y
      if r > 0 && r < 1 {
        let factor = (-2 * log(r) / r).squareRoot()
        spare = y * factor
        return x * factor
      }
    }
  }

  /// Draws `ΔW ~ N(0, |dt|)` into `dW` (`dimension` entries).
  @inlinable
  public mutating func increment(_ dt: Double, into dW: inout [Double]) {
    let scale = abs(dt).squareRoot()
    for i in 0..<dimension { dW[i] = scale * normal() }
  }

  /// Records `W(t) = W(previous) + dW`.
  @inlinable
  public mutating func accept(_ dW: [Double], at t: Double) {
    for i in 0..<dimension { current[i] += dW[i] }
    _times.append(t)
    _values.append(contentsOf: current)
  }

  /// `W` at the `k`-th recorded time.
  public func value(at k: Int) -> [Double] {
    Array(values[(k * dimension)..<((k + 1) * dimension)])
  }
}
