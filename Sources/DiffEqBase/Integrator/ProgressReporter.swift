#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Throttled progress reports: at most one per `interval` seconds, plus a final one. Exists
/// only when progress was asked for, so a solve without it pays one `nil` check per step.
@usableFromInline
struct ProgressReporter {
  @usableFromInline let handler: (@Sendable (ProgressInfo) -> Void)?
  @usableFromInline let drawsBar: Bool
  @usableFromInline let interval: Double
  @usableFromInline let t0: Double
  @usableFromInline let span: Double
  @usableFromInline let started: Double
  @usableFromInline var lastReport: Double
  @usableFromInline var finished = false

  @usableFromInline
  init(options: ODESolverOptions, tspan: (Double, Double)) {
    handler = options.progressHandler
    drawsBar = options.progress
    interval = options.progressInterval
    t0 = tspan.0
    span = tspan.1 - tspan.0
    started = Self.clock()
    lastReport = -Double.infinity
  }

  @usableFromInline
  static func clock() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
  }

  /// Reports if `interval` has passed since the last report, or if the solve finished.
  @usableFromInline
  mutating func update(t: Double, dt: Double, steps: Int, finished isFinished: Bool) {
    guard !finished else { return }
    let now = Self.clock()
    guard isFinished || now - lastReport >= interval else { return }
    lastReport = now
    finished = isFinished
    let fraction = Swift.min(1, Swift.max(0, (t - t0) / span))
    let elapsed = now - started
    let info = ProgressInfo(
      fraction: fraction, t: t, dt: dt, steps: steps, elapsed: elapsed,
      estimatedRemaining: fraction > 0 ? elapsed * (1 - fraction) / fraction : nil,
      isFinished: isFinished)
    handler?(info)
    if drawsBar {
      // Standard error, file descriptor 2, unbuffered.
      let line = Array(("\r" + info.bar() + (isFinished ? "\n" : "")).utf8)
      _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }
  }
}

extension ODEIntegrator {
  /// Sends a progress report if one is due (called after each accepted step).
  @inlinable
  mutating func reportProgress() {
    guard var reporter = progress else { return }
    reporter.update(t: t, dt: dt, steps: stats.naccept, finished: retcode != .default)
    progress = reporter
  }
}
