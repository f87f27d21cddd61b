#include "AllocationCounter.h"

#include <stddef.h>
#include <stdlib.h>

#if defined(__linux__) && defined(__GLIBC__)
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);
extern void __libc_free(void *);

static __thread int counting;
static __thread long count;
#include <execinfo.h>
#include <unistd.h>
static __thread int tracing;
static void trace(void) {
  if (!getenv("ALLOC_TRACE") || tracing) return;
  tracing = 1;
  void *frames[24];
  int n = backtrace(frames, 24);
  write(2, "--- alloc\n", 10);
  backtrace_symbols_fd(frames, n, 2);
  tracing = 0;
}

void *malloc(size_t n) {
  if (counting) { count++; trace(); }
  return __libc_malloc(n);
}

void *calloc(size_t m, size_t n) {
  if (counting) count++;
  return __libc_calloc(m, n);
}

void *realloc(void *p, size_t n) {
  if (counting) { count++; trace(); }
  return __libc_realloc(p, n);
}

void *memalign(size_t alignment, size_t n) {
  if (counting) count++;
  return __libc_memalign(alignment, n);
}

void *aligned_alloc(size_t alignment, size_t n) {
  if (counting) count++;
  return __libc_memalign(alignment, n);
}

int posix_memalign(void **out, size_t alignment, size_t n) {
  if (counting) count++;
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
