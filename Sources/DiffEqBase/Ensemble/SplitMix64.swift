/// A small, fast, seedable random number generator (Steele, Lea & Flood's SplitMix64,
/// doi:10.1145/2714064.2660195): the same seed gives the same sequence on every platform, so
/// ensembles are reproducible.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  /// The generator's state.
  public var state: UInt64

  /// A generator started at `seed`.
  @inlinable
  public init(seed: UInt64) { state = seed }

  /// The next 64 random bits: `z = (s += 0x9E3779B97F4A7C15)`, then two xor-shift-multiply
  /// rounds.
  @inlinable
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
