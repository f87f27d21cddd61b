#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Monotonic wall-clock time in seconds.
func now() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// Minimum time of `body` over repeated runs after one warm-up run (BENCHMARKING.md): up to
/// `maxRuns` runs or until `budget` seconds are spent; a single run when one takes > 2 s.
func minimumTime(maxRuns: Int, budget: Double, _ body: () throws -> Void) rethrows -> Double {
  let warm = now()
  try body()
  let first = now() - warm
  if first > 2 { return first }
  var best = first
  let start = now()
  var runs = 0
  while runs < maxRuns && (runs < 3 || now() - start < budget) {
    let t0 = now()
    try body()
    best = min(best, now() - t0)
    runs += 1
  }
  return best
}

/// Keeps results alive so the optimiser cannot drop a timed solve.
nonisolated(unsafe) var blackHole = 0.0

/// `printf`-style formatting without Foundation.
func format(_ spec: String, _ args: CVarArg...) -> String {
  withVaList(args) { list in
    var buffer = [CChar](repeating: 0, count: 512)
    _ = buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, 512, spec, list) }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}

/// `text` padded with spaces to `width` columns: right-aligned, or left-aligned when `width`
/// is negative.
func pad(_ text: String, _ width: Int) -> String {
  let fill = String(repeating: " ", count: max(0, abs(width) - text.count))
  return width < 0 ? text + fill : fill + text
}
