// Counting heap allocations of the calling thread, through the AllocationCounter C target
// (which interposes malloc & co. on Linux/glibc).
import AllocationCounter

/// Whether allocations are being counted on this platform (malloc interposition is in
/// effect): a probe allocation made by the C counter was seen.
public var allocationCountingIsActive: Bool { allocation_counter_is_active() != 0 }

/// Whether this platform is one where allocation counting is required to work (Linux with
/// glibc): there a test must fail, not skip, when counting is inactive.
public var allocationCountingIsExpected: Bool {
  #if os(Linux) && canImport(Glibc)
    return true
  #else
    return false
  #endif
}

/// The number of heap allocations (`malloc`, `calloc`, `realloc`, `posix_memalign`, …) that
/// `body` makes on the calling thread. Always 0 where counting is inactive; check
/// ``allocationCountingIsActive`` first.
public func allocations(_ body: () throws -> Void) rethrows -> Int {
  allocation_counter_start()
  defer { _ = allocation_counter_stop() }
  try body()
  return allocation_counter_stop()
}
