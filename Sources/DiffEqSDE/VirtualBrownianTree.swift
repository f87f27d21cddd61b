import DiffEqBase

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A Brownian path that is a function of the seed alone (Gaines & Lyons 1997; diffrax's
/// `VirtualBrownianTree`): `W(t)` for any `t` is found by bisecting `[t₀, t₀ + T]`, drawing
/// each midpoint from the Brownian bridge between its interval's ends,
///
/// ```
/// W(m) = (W(a) + W(b))/2 + √((b − a)/4) · ξ(node),   m = (a + b)/2
/// ```
///
/// with `ξ(node)` a standard normal computed from a hash of (seed, component, level, index)
/// — so the same node always gets the same value, whichever times are asked for and in what
/// order. The descent stops when `t` is an interval end, or when the interval's ends are
/// adjacent doubles: the path is exact to floating point, and **the same seed gives the same
/// path at any tolerance** (the values at common times agree to the bit). Past `t₀ + T`
/// further blocks of length `T` continue the path.
///
/// Each value costs one descent (~50 levels for a generic time), so this is slower than the
/// default ``WienerProcess`` stream; rejected steps need no memory.
public struct VirtualBrownianTree: Sendable, Equatable {
  /// The seed.
  public let seed: UInt64
  /// Where the path starts (`W(t₀) = 0`).
  public let t0: Double
  /// The length of one block.
  public let span: Double
  /// The number of independent components.
  public let dimension: Int

  /// A tree for `dimension` independent components over blocks of `span` from `t0`.
  public init(dimension: Int, t0: Double, span: Double, seed: UInt64) {
    self.dimension = dimension
    self.t0 = t0
    self.span = span > 0 && span.isFinite ? span : 1
    self.seed = seed
  }

  /// SplitMix64's output function.
  @inlinable
  static func mix(_ x: UInt64) -> UInt64 {
    var z = x &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// The standard normal of a node (Box–Muller on two hashed uniforms).
  @inlinable
  func normal(component: Int, level: Int, index: UInt64) -> Double {
    let key =
      Self.mix(
        Self.mix(seed ^ (UInt64(truncatingIfNeeded: component) &* 0xD1B5_4A32_D192_ED03))
          ^ (UInt64(truncatingIfNeeded: level) &* 0x8CB9_2BA7_2F3D_8DD7)) ^ index
    let x = Self.mix(key)
    let y = Self.mix(x ^ 0x632B_E59B_D9B4_E019)
    let u1 = (Double(x >> 11) + 1) * 0x1p-53  // (0, 1]
    let u2 = Double(y >> 11) * 0x1p-53
    return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
  }

  /// `Wᵢ(t)` (`t ≥ t₀`).
  @inlinable
  public func value(at t: Double, component i: Int) -> Double {
    guard t > t0 else { return 0 }
    // The block holding t, and W at its start.
    var block = 0
    var base = 0.0
    var a = t0
    var rootIncrement = span.squareRoot() * normal(component: i, level: -1, index: 0)
    // Both ends of a block from t₀ + k·span, so that neighbouring blocks share them exactly.
    while t > t0 + Double(block + 1) * span {
      base += rootIncrement
      block += 1
      a = t0 + Double(block) * span
      rootIncrement =
        span.squareRoot() * normal(component: i, level: -1, index: UInt64(block))
    }
    var b = t0 + Double(block + 1) * span
    var wa = base
    var wb = base + rootIncrement
    var index = UInt64(block)
    var level = 0
    while true {
      if t == a { return wa }
      if t == b { return wb }
      let m = a + (b - a) / 2
      if !(m > a && m < b) { return t - a < b - t ? wa : wb }
      let wm =
        (wa + wb) / 2
        + ((b - a) / 4).squareRoot() * normal(component: i, level: level, index: index)
      if t == m { return wm }
      index = index &* 2
      if t < m {
        b = m
        wb = wm
      } else {
        a = m
        wa = wm
        index = index &+ 1
      }
      level += 1
    }
  }

  /// `W(t)`, all components, into `out`.
  @inlinable
  public func value(at t: Double, into out: inout [Double]) {
    for i in 0..<dimension { out[i] = value(at: t, component: i) }
  }
}
