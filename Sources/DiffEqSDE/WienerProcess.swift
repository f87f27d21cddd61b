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
///
/// **Rejected steps keep the path (rejection sampling with memory, Rackauckas & Nie 2017).**
/// An increment drawn for a step that is then rejected is not thrown away: it goes back on a
/// stack of future increments, and a later request for a shorter interval takes its part by
/// the Brownian bridge,
///
/// ```
/// ΔW(s) | ΔW(τ) ~ N((s/τ)·ΔW(τ), s(τ − s)/τ),   the rest (τ − s, ΔW(τ) − ΔW(s)) stays on the stack
/// ```
///
/// so the path keeps its exact distribution however the steps are chosen, and a longer
/// request consumes stacked pieces before drawing new ones.
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
  /// Future intervals already drawn (the last is the nearest), and their increments
  /// (`dimension` values each, in the same order).
  @usableFromInline var stackSpans: [Double] = []
  @usableFromInline var stackIncrements: [Double] = []

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

  /// The increment over the next `|dt|` of time into `dW` (`dimension` entries): from the
  /// stack of increments already drawn when there are any (bridged where the request ends
  /// inside one), fresh `N(0, ·)` otherwise.
  @inlinable
  public mutating func increment(_ dt: Double, into dW: inout [Double]) {
    var need = abs(dt)
    for i in 0..<dimension { dW[i] = 0 }
    while need > 0 {
      guard let tau = stackSpans.last else {
        let scale = need.squareRoot()
        for i in 0..<dimension { dW[i] += scale * normal() }
        return
      }
      let base = stackIncrements.count - dimension
      if need >= tau * (1 - 1e-12) {
        // The whole stacked piece lies inside the request.
        for i in 0..<dimension { dW[i] += stackIncrements[base + i] }
        stackSpans.removeLast()
        stackIncrements.removeLast(dimension)
        need -= tau
        if need <= 1e-12 * tau { return }
      } else {
        // The request ends inside the piece: bridge.
        let fraction = need / tau
        let spread = (need * (tau - need) / tau).squareRoot()
        for i in 0..<dimension {
          let whole = stackIncrements[base + i]
          let part = fraction * whole + spread * normal()
          dW[i] += part
          stackIncrements[base + i] = whole - part
        }
        stackSpans[stackSpans.count - 1] = tau - need
        return
      }
    }
  }

  /// Puts back an increment drawn for a step that was rejected: it covers the next `|dt|`
  /// of time again.
  @inlinable
  public mutating func reject(_ dt: Double, _ dW: [Double]) {
    stackSpans.append(abs(dt))
    stackIncrements.append(contentsOf: dW[0..<dimension])
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
