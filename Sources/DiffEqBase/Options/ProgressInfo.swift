/// Where a long solve stands, as reported to a `progressHandler` (and drawn by
/// `progress: true`).
public struct ProgressInfo: Sendable, Equatable {
  /// Fraction of the time span done, `0 … 1`.
  public var fraction: Double
  /// Current time.
  public var t: Double
  /// Size of the last step.
  public var dt: Double
  /// Accepted steps so far.
  public var steps: Int
  /// Seconds since the solve started.
  public var elapsed: Double
  /// Estimated seconds left (elapsed · (1 − fraction)/fraction), `nil` before any progress.
  public var estimatedRemaining: Double?
  /// Whether this is the final report.
  public var isFinished: Bool

  /// A report.
  public init(
    fraction: Double, t: Double, dt: Double, steps: Int, elapsed: Double,
    estimatedRemaining: Double?, isFinished: Bool
  ) {
    self.fraction = fraction
    self.t = t
    self.dt = dt
    self.steps = steps
    self.elapsed = elapsed
    self.estimatedRemaining = estimatedRemaining
    self.isFinished = isFinished
  }

  /// A one-line text bar: `[#########           ]  45.0%  t = 4.5  dt = 0.01  steps = 120  ETA 3.2 s`.
  public func bar(width: Int = 30) -> String {
    let filled = Swift.max(0, Swift.min(width, Int((fraction * Double(width)).rounded(.down))))
    let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
    let percent = (fraction * 1000).rounded() / 10
    var s = "[\(bar)] \(percent)%  t = \(t)  dt = \(dt)  steps = \(steps)"
    if isFinished {
      s += "  done in \((elapsed * 10).rounded() / 10) s"
    } else if let eta = estimatedRemaining {
      s += "  ETA \((eta * 10).rounded() / 10) s"
    }
    return s
  }
}
