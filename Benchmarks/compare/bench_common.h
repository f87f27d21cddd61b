/*
 * bench_common.h: what cvode_stiff.c, cvode_large.c and ida_dae.c share: the timing rule of
 * Benchmarks/DiffEqBenchmarks/Timing.swift `minimumTime`, the error measure of
 * WorkPrecision.swift `accuracy`, the --filter match, and reading a reference file of Benchmarks/compare/reference/ (lines starting with '#' are comments, then one value per
 * line in %.17g).
 */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Timing.swift `minimumTime(maxRuns:budget:)`, line for line: one warm-up run that counts, then
 * up to maxRuns runs, stopping after at least 3 once `budget` seconds are spent; a single run
 * when the warm-up takes > 2 s. `run(ctx)` is one whole user solve. */
static double minimumTime(void (*run)(void *), void *ctx, int maxRuns, double budget) {
  double warm = now();
  run(ctx);
  double first = now() - warm;
  if (first > 2) return first;
  double best = first;
  double start = now();
  int runs = 0;
  while (runs < maxRuns && (runs < 3 || now() - start < budget)) {
    double t0 = now();
    run(ctx);
    double dt = now() - t0;
    if (dt < best) best = dt;
    runs += 1;
  }
  return best;
}

/* WorkPrecision.swift `accuracy`, line for line: scd = -log10(max relative error over the
 * components with |ref| > 1e-8 max|ref|), mean = mean absolute error. */
static void accuracy(const double *y, const double *ref, int n, double *scd, double *mean) {
  double scale = 0;
  for (int i = 0; i < n; i++) scale = fmax(scale, fabs(ref[i]));
  double worst = 0, sum = 0;
  for (int i = 0; i < n; i++) {
    sum += fabs(y[i] - ref[i]);
    if (fabs(ref[i]) > 1e-8 * scale) worst = fmax(worst, fabs(y[i] - ref[i]) / fabs(ref[i]));
  }
  *scd = -log10(fmax(worst, 1e-17));
  *mean = sum / n;
}

static int selected(const char *name, const char *filter) {
  if (!filter) return 1;
  char buf[256];
  snprintf(buf, sizeof buf, "%s", filter);
  for (char *w = strtok(buf, ","); w; w = strtok(NULL, ",")) {
    if (strcasestr(name, w)) return 1;
  }
  return 0;
}

/* Reads exactly n values from a reference file; returns 0 on success. */
/* inline: cvode_stiff.c keeps its references in the source and does not read files. */
static inline int readReference(const char *path, double *ref, int n) {
  FILE *f = fopen(path, "r");
  if (!f) return -1;
  char line[4096];
  int count = 0;
  while (fgets(line, sizeof line, f)) {
    if (line[0] == '#' || line[0] == '\n') continue;
    if (count >= n) { count = n + 1; break; }
    char *end;
    ref[count] = strtod(line, &end);
    if (end == line) { fclose(f); return -2; }
    count += 1;
  }
  fclose(f);
  return count == n ? 0 : -3;
}

static void printCSVHeader(void) {
  printf("problem,solver,k,abstol,reltol,scd,final_error,nf,nsteps,njacs,time_s,retcode\n");
  fflush(stdout);
}

#endif
