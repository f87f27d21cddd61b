#include "AllocationCounter.h"

#include <stddef.h>
#include <stdlib.h>

#if defined(__linux__) && defined(__GLIBC__)
#include <execinfo.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);
extern void __libc_free(void *);

static __thread int counting;
static __thread long count;
static __thread int tracing;

// With ALLOCATION_COUNTER_TRACE set, writes a backtrace of every counted allocation to stderr
// (symbolise with `swift demangle`): how to find the call site of an unexpected allocation.
static void record(void) {
  count++;
  if (tracing || !getenv("ALLOCATION_COUNTER_TRACE")) return;
  tracing = 1;  // backtrace() may itself allocate the first time
  void *frames[32];
  int n = backtrace(frames, 32);
  write(2, "--- allocation\n", 15);
  backtrace_symbols_fd(frames, n, 2);
  tracing = 0;
}

void *malloc(size_t n) {
  if (counting) record();
  return __libc_malloc(n);
}

void *calloc(size_t m, size_t n) {
  if (counting) record();
  return __libc_calloc(m, n);
}

void *realloc(void *p, size_t n) {
  if (counting) record();
  return __libc_realloc(p, n);
}

void *memalign(size_t alignment, size_t n) {
  if (counting) record();
  return __libc_memalign(alignment, n);
}

void *aligned_alloc(size_t alignment, size_t n) {
  if (counting) record();
  return __libc_memalign(alignment, n);
}

int posix_memalign(void **out, size_t alignment, size_t n) {
  if (counting) record();
  void *p = __libc_memalign(alignment, n);
  if (!p) return 12;  // ENOMEM
  *out = p;
  return 0;
}

void free(void *p) { __libc_free(p); }

void allocation_counter_start(void) {
  count = 0;
  counting = 1;
}

long allocation_counter_stop(void) {
  counting = 0;
  return count;
}

int allocation_counter_is_active(void) {
  allocation_counter_start();
  void *volatile p = malloc(16);
  free(p);
  return allocation_counter_stop() == 1;
}
#else
void allocation_counter_start(void) {}
long allocation_counter_stop(void) { return 0; }
int allocation_counter_is_active(void) { return 0; }
#endif
