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
  /// Steps until the clock is read again, and the current stride (adapted so that the clock
  /// is read about 20 times per reporting interval, not every step).
  @usableFromInline var countdown = 1
  @usableFromInline var stride = 1
  @usableFromInline var lastCheck: Double

  @usableFromInline
  init(options: ODESolverOptions, tspan: (Double, Double)) {
    handler = options.progressHandler
    drawsBar = options.progress
    interval = options.progressInterval
    t0 = tspan.0
    span = tspan.1 - tspan.0
    started = Self.clock()
    lastCheck = started
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
    countdown -= 1
    guard countdown <= 0 || isFinished else { return }
    let now = Self.clock()
    let perStep = (now - lastCheck) / Double(stride)
    lastCheck = now
    stride = Swift.max(1, Swift.min(1 << 16, Int(interval / 20 / Swift.max(perStep, 1e-9))))
    countdown = stride
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
    let (time, step, steps, finished) = (t, dt, stats.naccept, retcode != .default)
    progress?.update(t: time, dt: step, steps: steps, finished: finished)
  }
}
