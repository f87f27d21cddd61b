/// What a trajectory of an ensemble knows about itself: its index, its seed (derived from the
/// ensemble's seed and the index alone, so a trajectory is the same however the ensemble is
/// scheduled), a generator started at that seed, and which attempt this is (reruns).
public struct EnsembleContext: Sendable {
  /// Index of the trajectory, `0 ..< trajectories`.
  public let trajectory: Int
  /// `1` for the first solve of the trajectory, `2, 3, …` for reruns.
  public let attempt: Int
  /// The trajectory's seed.
  public let seed: UInt64
  /// A generator started at ``seed`` (draw the trajectory's random inputs from it).
  public var rng: SplitMix64

  /// The context of trajectory `trajectory`, attempt `attempt`, in an ensemble seeded with
  /// `ensembleSeed`.
  public init(trajectory: Int, attempt: Int, ensembleSeed: UInt64) {
    self.trajectory = trajectory
    self.attempt = attempt
    // Distinct, well-mixed seeds per (trajectory, attempt).
    var mixer = SplitMix64(
      seed: ensembleSeed ^ (UInt64(truncatingIfNeeded: trajectory) &* 0x9E37_79B9_7F4A_7C15)
        ^ (UInt64(truncatingIfNeeded: attempt) &* 0xD1B5_4A32_D192_ED03))
    seed = mixer.next()
    rng = SplitMix64(seed: seed)
  }
}
