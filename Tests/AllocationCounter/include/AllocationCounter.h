// Counts heap allocations made by the calling thread, by interposing malloc and friends (glibc
// exports the real ones as __libc_malloc & co.). Tests use it to prove a step loop allocates
// nothing. On platforms without interposition the counter stays at zero and
// `allocation_counter_is_active()` returns 0, so tests can say so instead of passing silently.
// Set ALLOCATION_COUNTER_TRACE=1 to print a backtrace of each counted allocation to stderr.
#ifndef ALLOCATION_COUNTER_H
#define ALLOCATION_COUNTER_H

/// Starts counting this thread's allocations from zero.
void allocation_counter_start(void);
/// Stops counting and returns the number of allocations since the start.
long allocation_counter_stop(void);
/// 1 when malloc interposition is in effect (a probe allocation was counted), 0 otherwise.
int allocation_counter_is_active(void);

#endif
