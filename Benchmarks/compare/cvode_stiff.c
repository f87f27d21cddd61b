/*
 * cvode_stiff.c: CVODE (BDF, Newton, dense direct linear solver, analytic Jacobian) on the
 * Test Set's stiff problems HIRES, ROBER (to t = 1e11), OREGO and VDPOL (eps = 1e-6), over the
 * stiff tolerance ladder of diffeq-bench's stiff suite: reltol = 10^-k, abstol = 10^-(k+3),
 * k = 4..9 (ROBER: componentwise abstol (10^-(k+6), 10^-(k+6), 10^-(k+3))).
 *
 * Output (stdout), one row per problem and k:
 *   problem,solver,k,abstol,reltol,scd,final_error,nf,nsteps,njacs,time_s,retcode
 * retcode is Success or why CVode stopped early (the row then scores the state it reached;
 * compare.py leaves such points out of the curves). More statistics go to stderr.
 *
 *   cvode_stiff [--filter HIRES,ROBER] [--quick]   the ladder (--quick: k = 4, 7; 3 runs)
 *   cvode_stiff --kmin 10 --kmax 12               other rungs of the same ladder (default 4..9)
 *   cvode_stiff --dump                            the compiled-in y0, tend and references
 *                                                  (compare.py checks them against
 *                                                  /work/shared/reference/problems.json)
 *
 * The right-hand sides and Jacobians repeat, operation for operation, the Swift models in
 * Sources/DiffEqProblemLibrary/{Hires,Rober,Orego,VanDerPol}.swift (themselves the Test Set's
 * feval/jeval); the initial values, end times and reference solutions are problems.json's.
 *
 * Timing follows Benchmarks/DiffEqBenchmarks/Timing.swift `minimumTime` exactly: one solve for
 * the end state and statistics (untimed), then one warm-up run that counts towards the
 * minimum, then up to 20 more runs, stopping after at least 3 once 0.3 s is spent; a single run
 * when the warm-up takes > 2 s. Every timed run is a whole user solve: N_Vector, CVodeCreate,
 * CVodeInit, tolerances, dense SUNMatrix + SUNLinSol, CVodeSetJacFn, CVodeSetMaxNumSteps,
 * CVodeSetStopTime(tend), one CVode call in CV_NORMAL mode to tend, and all the frees; no
 * output. The SUNContext is created once per program (as a user program would).
 */
#include "bench_common.h"

#include <cvode/cvode.h>
#include <nvector/nvector_serial.h>
#include <sundials/sundials_context.h>
#include <sundials/sundials_types.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunmatrix/sunmatrix_dense.h>

#define IJ(J, i, j) SM_ELEMENT_D((J), (i), (j))

/* ---------------------------------------------------------------- HIRES (hires.F) */

static int hires_f(sunrealtype t, N_Vector yv, N_Vector dyv, void *data) {
  (void)t; (void)data;
  const sunrealtype *u = N_VGetArrayPointer(yv);
  sunrealtype *du = N_VGetArrayPointer(dyv);
  du[0] = -1.71 * u[0] + 0.43 * u[1] + 8.32 * u[2] + 0.0007;
  du[1] = 1.71 * u[0] - 8.75 * u[1];
  du[2] = -10.03 * u[2] + 0.43 * u[3] + 0.035 * u[4];
  du[3] = 8.32 * u[1] + 1.71 * u[2] - 1.12 * u[3];
  du[4] = -1.745 * u[4] + 0.43 * (u[5] + u[6]);
  du[5] = -280.0 * u[5] * u[7] + 0.69 * u[3] + 1.71 * u[4] - 0.43 * u[5] + 0.69 * u[6];
  du[6] = 280.0 * u[5] * u[7] - 1.81 * u[6];
  du[7] = -du[6];
  return 0;
}

/* CVODE zeroes the dense matrix before calling the Jacobian (cvode_ls.c, cvLsLinSys), so only
 * the non-zero entries are set; the Swift model fills with 0 and then sets the same entries. */
static int hires_jac(sunrealtype t, N_Vector yv, N_Vector fy, SUNMatrix J, void *data,
                     N_Vector t1, N_Vector t2, N_Vector t3) {
  (void)t; (void)fy; (void)data; (void)t1; (void)t2; (void)t3;
  const sunrealtype *u = N_VGetArrayPointer(yv);
  IJ(J, 0, 0) = -1.71;
  IJ(J, 0, 1) = 0.43;
  IJ(J, 0, 2) = 8.32;
  IJ(J, 1, 0) = 1.71;
  IJ(J, 1, 1) = -8.75;
  IJ(J, 2, 2) = -10.03;
  IJ(J, 2, 3) = 0.43;
  IJ(J, 2, 4) = 0.035;
  IJ(J, 3, 1) = 8.32;
  IJ(J, 3, 2) = 1.71;
  IJ(J, 3, 3) = -1.12;
  IJ(J, 4, 4) = -1.745;
  IJ(J, 4, 5) = 0.43;
  IJ(J, 4, 6) = 0.43;
  IJ(J, 5, 3) = 0.69;
  IJ(J, 5, 4) = 1.71;
  IJ(J, 5, 5) = -280.0 * u[7] - 0.43;
  IJ(J, 5, 6) = 0.69;
  IJ(J, 5, 7) = -280.0 * u[5];
  IJ(J, 6, 5) = 280.0 * u[7];
  IJ(J, 6, 6) = -1.81;
  IJ(J, 6, 7) = 280.0 * u[5];
  IJ(J, 7, 5) = -280.0 * u[7];
  IJ(J, 7, 6) = 1.81;
  IJ(J, 7, 7) = -280.0 * u[5];
  return 0;
}

/* ---------------------------------------------------------------- ROBER (rober.F) */

static int rober_f(sunrealtype t, N_Vector yv, N_Vector dyv, void *data) {
  (void)t; (void)data;
  const sunrealtype *u = N_VGetArrayPointer(yv);
  sunrealtype *du = N_VGetArrayPointer(dyv);
  const sunrealtype r1 = 0.04 * u[0];
  const sunrealtype r2 = 1e4 * u[1] * u[2];
  const sunrealtype r3 = 3e7 * (u[1] * u[1]);
  du[0] = -r1 + r2;
  du[1] = r1 - r2 - r3;
  du[2] = r3;
  return 0;
}

static int rober_jac(sunrealtype t, N_Vector yv, N_Vector fy, SUNMatrix J, void *data,
                     N_Vector t1, N_Vector t2, N_Vector t3) {
  (void)t; (void)fy; (void)data; (void)t1; (void)t2; (void)t3;
  const sunrealtype *u = N_VGetArrayPointer(yv);
  IJ(J, 0, 0) = -0.04;
  IJ(J, 0, 1) = 1e4 * u[2];
  IJ(J, 0, 2) = 1e4 * u[1];
  IJ(J, 1, 0) = 0.04;
  IJ(J, 1, 1) = -1e4 * u[2] - 6e7 * u[1];
  IJ(J, 1, 2) = -1e4 * u[1];
  IJ(J, 2, 1) = 6e7 * u[1];
  return 0;
}

/* ---------------------------------------------------------------- OREGO (orego.F) */

static int orego_f(sunrealtype t, N_Vector yv, N_Vector dyv, void *data) {
  (void)t; (void)data;
  const sunrealtype *u = N_VGetArrayPointer(yv);
  sunrealtype *du = N_VGetArrayPointer(dyv);
  du[0] = 77.27 * (u[1] + u[0] * (1 - 8.375e-6 * u[0] - u[1]));
  du[1] = (u[2] - (1 + u[0]) * u[1]) / 77.27;
  du[2] = 0.161 * (u[0] - u[2]);
  return 0;
}

static int orego_jac(sunrealtype t, N_Vector yv, N_Vector fy, SUNMatrix J, void *data,
                     N_Vector t1, N_Vector t2, N_Vector t3) {
  (void)t; (void)fy; (void)data; (void)t1; (void)t2; (void)t3;
  const sunrealtype *u = N_VGetArrayPointer(yv);
  IJ(J, 0, 0) = 77.27 * (1 - 2 * 8.375e-6 * u[0] - u[1]);
  IJ(J, 0, 1) = 77.27 * (1 - u[0]);
  IJ(J, 1, 0) = -u[1] / 77.27;
  IJ(J, 1, 1) = -(1 + u[0]) / 77.27;
  IJ(J, 1, 2) = 1 / 77.27;
  IJ(J, 2, 0) = 0.161;
  IJ(J, 2, 2) = -0.161;
  return 0;
}

/* ---------------------------------------------------------------- VDPOL (vdpol.F, eps = 1e-6) */

static int vdpol_f(sunrealtype t, N_Vector yv, N_Vector dyv, void *data) {
  (void)t; (void)data;
  const sunrealtype *u = N_VGetArrayPointer(yv);
  sunrealtype *du = N_VGetArrayPointer(dyv);
  du[0] = u[1];
  du[1] = ((1 - u[0] * u[0]) * u[1] - u[0]) / 1e-6;
  return 0;
}

static int vdpol_jac(sunrealtype t, N_Vector yv, N_Vector fy, SUNMatrix J, void *data,
                     N_Vector t1, N_Vector t2, N_Vector t3) {
  (void)t; (void)fy; (void)data; (void)t1; (void)t2; (void)t3;
  const sunrealtype *u = N_VGetArrayPointer(yv);
  IJ(J, 0, 1) = 1;
  IJ(J, 1, 0) = (-2 * u[0] * u[1] - 1) / 1e-6;
  IJ(J, 1, 1) = (1 - u[0] * u[0]) / 1e-6;
  return 0;
}

/* ---------------------------------------------------------------- the problems */

#define MAXN 8

typedef struct {
  const char *name; /* as in diffeq-bench's stiff suite */
  const char *id;   /* problems.json id */
  int n;
  CVRhsFn f;
  CVLsJacFn jac;
  double tend;
  double y0[MAXN];
  double ref[MAXN];
  /* abstol multipliers per component (ROBER: 1e-3 on y1, y2), or 0 for a scalar abstol. */
  double atolScale[MAXN];
} Problem;

/* problems.json reference.y_str, with Fortran's d/D exponent written as e. */
static const Problem problems[] = {
    {"HIRES", "hires", 8, hires_f, hires_jac, 321.8122,
     {1, 0, 0, 0, 0, 0, 0, 0.0057},
     {0.7371312573325668e-3, 0.1442485726316185e-3, 0.5888729740967575e-4,
      0.1175651343283149e-2, 0.2386356198831331e-2, 0.6238968252742796e-2,
      0.2849998395185769e-2, 0.2850001604814231e-2},
     {0}},
    {"ROBER", "rober", 3, rober_f, rober_jac, 1e11,
     {1, 0, 0},
     {0.2083340149701255e-07, 0.8333360770334713e-13, 0.9999999791665050e+00},
     {1e-3, 1e-3, 1}},
    {"OREGO", "orego", 3, orego_f, orego_jac, 360,
     {1, 2, 3},
     {0.1000814870318523e+001, 0.1228178521549917e+004, 0.1320554942846706e+003},
     {0}},
    {"VDPOL", "vdpol", 2, vdpol_f, vdpol_jac, 2,
     {2, 0},
     {0.1706167732170483e+01, -0.8928097010247975e+00},
     {0}},
};
#define NPROBLEMS ((int)(sizeof problems / sizeof problems[0]))

/* ---------------------------------------------------------------- one solve */

typedef struct {
  double y[MAXN];
  double t;
  int flag;
  long nf, nsteps, njacs, nsetups, netf, nni, ncfn;
} Result;

static SUNContext sunctx;

/* CVODE's error messages are not printed: no output inside a timed solve. The flag is kept
 * and reported (stderr and the retcode column) after the untimed solve. */
static void silent(int code, const char *module, const char *function, char *msg, void *data) {
  (void)code; (void)module; (void)function; (void)msg; (void)data;
}

static const char *retcode(int flag) {
  switch (flag) {
  case CV_SUCCESS: case CV_TSTOP_RETURN: return "Success";
  case CV_TOO_MUCH_WORK: return "MaxIters";
  case CV_TOO_MUCH_ACC: return "TooMuchAccuracy";
  case CV_ERR_FAILURE: return "ErrTestFailure";
  case CV_CONV_FAILURE: return "ConvFailure";
  case CV_LSETUP_FAIL: return "LSetupFailure";
  case CV_LSOLVE_FAIL: return "LSolveFailure";
  default: return "Failure";
  }
}

static int solve(const Problem *p, double abstol, double reltol, Result *r) {
  int flag = 0;
  N_Vector y = N_VNew_Serial(p->n, sunctx);
  N_Vector atol = NULL;
  memcpy(N_VGetArrayPointer(y), p->y0, sizeof(double) * (size_t)p->n);
  void *mem = CVodeCreate(CV_BDF, sunctx);
  if (!mem) { fprintf(stderr, "CVodeCreate failed\n"); exit(1); }
  flag |= CVodeSetErrHandlerFn(mem, silent, NULL);
  flag |= CVodeInit(mem, p->f, 0.0, y);
  if (p->atolScale[0] != 0) {
    /* Swift: abstols { [$0 * 1e-3, $0 * 1e-3, $0] }: the same products. */
    atol = N_VNew_Serial(p->n, sunctx);
    double *a = N_VGetArrayPointer(atol);
    for (int i = 0; i < p->n; i++) a[i] = p->atolScale[i] == 1 ? abstol : abstol * p->atolScale[i];
    flag |= CVodeSVtolerances(mem, reltol, atol);
  } else {
    flag |= CVodeSStolerances(mem, reltol, abstol);
  }
  SUNMatrix A = SUNDenseMatrix(p->n, p->n, sunctx);
  SUNLinearSolver LS = SUNLinSol_Dense(y, A, sunctx);
  flag |= CVodeSetLinearSolver(mem, LS, A);
  flag |= CVodeSetJacFn(mem, p->jac);
  flag |= CVodeSetMaxNumSteps(mem, 10000000L); /* Swift: maxIters 10_000_000 */
  flag |= CVodeSetStopTime(mem, p->tend);
  if (flag != 0) { fprintf(stderr, "CVODE setup failed on %s\n", p->name); exit(1); }

  sunrealtype t = 0;
  int ret = CVode(mem, p->tend, y, &t, CV_NORMAL);

  if (r) {
    memcpy(r->y, N_VGetArrayPointer(y), sizeof(double) * (size_t)p->n);
    r->t = t;
    r->flag = ret;
    CVodeGetNumRhsEvals(mem, &r->nf);
    CVodeGetNumSteps(mem, &r->nsteps);
    CVodeGetNumJacEvals(mem, &r->njacs);
    CVodeGetNumLinSolvSetups(mem, &r->nsetups);
    CVodeGetNumErrTestFails(mem, &r->netf);
    CVodeGetNumNonlinSolvIters(mem, &r->nni);
    CVodeGetNumNonlinSolvConvFails(mem, &r->ncfn);
  }
  static volatile double blackHole;
  blackHole += N_VGetArrayPointer(y)[0];

  SUNLinSolFree(LS);
  SUNMatDestroy(A);
  if (atol) N_VDestroy(atol);
  N_VDestroy(y);
  CVodeFree(&mem);
  return ret;
}

/* ---------------------------------------------------------------- timing and error */

/* bench_common.h's minimumTime runs one solve of this context. */
typedef struct {
  const Problem *p;
  double abstol, reltol;
} RunCtx;

static void runOnce(void *ctx) {
  const RunCtx *c = ctx;
  solve(c->p, c->abstol, c->reltol, NULL);
}

int main(int argc, char **argv) {
  const char *filter = NULL;
  int quick = 0, dump = 0, kmin = 4, kmax = 9;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--filter") && i + 1 < argc) filter = argv[++i];
    else if (!strcmp(argv[i], "--quick")) quick = 1;
    else if (!strcmp(argv[i], "--kmin") && i + 1 < argc) kmin = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--kmax") && i + 1 < argc) kmax = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--dump")) dump = 1;
    else {
      fprintf(stderr, "usage: cvode_stiff [--filter HIRES,ROBER,...] [--quick] [--kmin K] [--kmax K] [--dump]\n");
      return 2;
    }
  }
  if (dump) {
    /* One line per problem: id n tend y0[0..n) ref[0..n), in %.17g. */
    for (int p = 0; p < NPROBLEMS; p++) {
      const Problem *pr = &problems[p];
      printf("%s %d %.17g", pr->id, pr->n, pr->tend);
      for (int i = 0; i < pr->n; i++) printf(" %.17g", pr->y0[i]);
      for (int i = 0; i < pr->n; i++) printf(" %.17g", pr->ref[i]);
      printf("\n");
    }
    return 0;
  }
  if (SUNContext_Create(NULL, &sunctx)) { fprintf(stderr, "SUNContext_Create failed\n"); return 1; }

  const int maxRuns = quick ? 3 : 20;
  const double budget = quick ? 0.02 : 0.3;
  printCSVHeader();
  for (int p = 0; p < NPROBLEMS; p++) {
    const Problem *pr = &problems[p];
    if (!selected(pr->name, filter)) continue;
    for (int k = kmin; k <= kmax; k++) {
      if (quick && k != 4 && k != 7) continue;
      /* WorkPrecision.swift: reltol = pow(10, -k), abstol = pow(10, -(k + 3)). */
      double reltol = pow(10, -(double)k);
      double abstol = pow(10, -(double)(k + 3));
      Result r;
      solve(pr, abstol, reltol, &r);
      RunCtx rc = {pr, abstol, reltol};
      double time = minimumTime(runOnce, &rc, maxRuns, budget);
      double scd, mean;
      accuracy(r.y, pr->ref, pr->n, &scd, &mean);
      printf("%s,CVODE-BDF,%d,%.17g,%.17g,%.17g,%.17g,%ld,%ld,%ld,%.9g,%s\n", pr->name, k, abstol,
             reltol, scd, mean, r.nf, r.nsteps, r.njacs, time, retcode(r.flag));
      fflush(stdout);
      fprintf(stderr,
              "%-6s k=%d flag=%d t=%.6g scd=%6.2f nf=%ld nsteps=%ld njacs=%ld nsetups=%ld "
              "netf=%ld nni=%ld ncfn=%ld time=%.4f ms\n",
              pr->name, k, r.flag, r.t, scd, r.nf, r.nsteps, r.njacs, r.nsetups, r.netf, r.nni,
              r.ncfn, time * 1e3);
      if (r.flag < 0) fprintf(stderr, "  ^ CVode failed (flag %d); the row scores the state it reached\n", r.flag);
    }
  }
  SUNContext_Free(&sunctx);
  return 0;
}
