/*
 * cvode_large.c: CVODE (BDF, Newton) on the large stiff suite, over the stiff ladder
 * reltol = 10^-k, abstol = 10^-(k+3), k = 4..9 (scalar abstol):
 *
 *   POLLU       the Test Set's 20-species air pollution model on (0, 60), with the dense
 *               direct solver and the analytic Jacobian                      -> CVODE-Dense
 *   BRUSS2D_N32 the 2-D Brusselator on a 32 x 32 periodic grid (2048 equations) on (0, 11.5),
 *               the forcing switching on at t = 1.1, with
 *                 the KLU sparse direct solver (AMD ordering) and an analytic
 *                 sparse Jacobian                                               -> CVODE-KLU
 *                 SPGMR, matrix-free (CVODE's difference-quotient Jv), no
 *                 preconditioner                                                -> CVODE-SPGMR
 *                 SPGMR with CVBANDPRE at half-bandwidths 0 (a Jacobi/diagonal
 *                 preconditioner from one difference-quotient RHS call per
 *                 setup; right preconditioning, as the Swift GMRES)             -> CVODE-SPGMR-Jacobi
 *               (with left preconditioning the same setup gave wrong answers, scd ~0 at
 *               k = 4..6, and failed at k = 9: SPGMR's stopping test is then on the
 *               preconditioned residual P^-1 r, which the diagonal of P = I - gamma J,
 *               about 1 + 4 gamma alpha (tens to thousands here), shrinks, so inexact Newton
 *               corrections looked converged; see README.md)
 *               (no band solver: with the Swift model's ordering u[i + N j + N^2 field] the
 *               u-v coupling sits N^2 = 1024 off the diagonal and the periodic j-wrap N(N-1) =
 *               992, so the half-bandwidths are 1024 and the band is the whole 2048 x 2048
 *               matrix; see --info and README.md)
 *
 * Output (stdout), one row per problem, solver and k, the columns of cvode_stiff.c:
 *   problem,solver,k,abstol,reltol,scd,final_error,nf,nsteps,njacs,time_s,retcode
 * nf counts every right-hand-side call: CVODE's own plus the linear solver's (difference-
 * quotient Jv products and CVBANDPRE's preconditioner); njacs is the number of Jacobian
 * evaluations (dense, KLU) or preconditioner evaluations (SPGMR-Jacobi; 0 for plain SPGMR).
 * More statistics go to stderr.
 *
 *   cvode_large [--filter POLLU,BRUSS] [--solver KLU,SPGMR] [--quick] [--kmin K] [--kmax K]
 *               [--ref-dir DIR] [--klu-ordering 0|1|2]   (KLU ordering: 0 AMD, the default here;
 *                                                           1 COLAMD, SUNLinSol_KLU's default)
 *   cvode_large --dump               POLLU's compiled-in y0, tend, reference (for compare.py)
 *   cvode_large --info               the Brusselator's facts (size, nnz, bandwidth, tspan)
 *   cvode_large --write-reference [--ref-rtol R --ref-atol A]   computes
 *                                    reference/brusselator2d_n32.txt (to stdout; CVODE-KLU,
 *                                    default rtol 1e-14, atol 1e-16) and cross-checks it (stderr
 *                                    and the file's header)
 *
 * The right-hand sides repeat, operation for operation, Sources/DiffEqProblemLibrary/
 * Pollu.swift (and its analytic Jacobian) and Brusselator2D.swift; the driver is compiled with
 * -ffp-contract=off so that no multiply-add is fused (Swift does not fuse either).
 *
 * Discontinuity: the Brusselator's forcing is `t >= 1.1 ? 5 : 0`; the Swift solves pass
 * tstops [1.1] (the integrator lands exactly on 1.1 and carries on with the same history).
 * Here: CVodeSetStopTime(1.1), CVode(..., 1.1, CV_NORMAL), then CVodeSetStopTime(11.5) and
 * CVode(..., 11.5, CV_NORMAL) on the same CVODE memory: CVODE shortens the step that would
 * cross 1.1 to end at 1.1 (to within 4 ulp; it then sets tn = 1.1 exactly), every RHS call of
 * that step is at t < 1.1 (no forcing), and the next step starts from there with the same
 * order and history (no re-initialisation), as the Swift integrator does.
 *
 * Timing: bench_common.h's minimumTime (Timing.swift's rule). Every timed run is a whole user
 * solve: N_Vector, CVodeCreate, CVodeInit, tolerances, matrix + linear solver (+ CVBANDPRE),
 * CVodeSetJacFn, CVodeSetMaxNumSteps(1e7), the stop time(s), the CVode call(s), all frees. The
 * SUNContext and the problem data (the Brusselator's forcing mask and sparsity pattern, as the
 * Swift ODEProblem's model and jacPrototype) are made once per program.
 */
#include "bench_common.h"

#include <cvode/cvode.h>
#include <arkode/arkode_arkstep.h>
#include <cvode/cvode_bandpre.h>
#include <nvector/nvector_serial.h>
#include <sundials/sundials_context.h>
#include <sundials/sundials_types.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunlinsol/sunlinsol_klu.h>
#include <sunlinsol/sunlinsol_spgmr.h>
#include <sunmatrix/sunmatrix_dense.h>
#include <sunmatrix/sunmatrix_sparse.h>

#ifndef REF_DIR
#define REF_DIR "Benchmarks/compare/reference"
#endif

#define IJ(J, i, j) SM_ELEMENT_D((J), (i), (j))

/* ---------------------------------------------------------------- POLLU (Pollu.swift) */

static const double k1 = 0.35, k2 = 26.6, k3 = 1.23e4, k4 = 8.6e-4, k5 = 8.2e-4, k6 = 1.5e4,
                    k7 = 1.3e-4, k8 = 2.4e4, k9 = 1.65e4, k10 = 9e3, k11 = 2.2e-2, k12 = 1.2e4,
                    k13 = 1.88, k14 = 1.63e4, k15 = 4.8e6, k16 = 3.5e-4, k17 = 1.75e-2,
                    k18 = 1e8, k19 = 4.44e11, k20 = 1.24e3, k21 = 2.1, k22 = 5.78,
                    k23 = 4.74e-2, k24 = 1.78e3, k25 = 3.12;

static int pollu_f(sunrealtype t, N_Vector yv, N_Vector dyv, void *data) {
  (void)t; (void)data;
  const sunrealtype *u = N_VGetArrayPointer(yv);
  sunrealtype *du = N_VGetArrayPointer(dyv);
  const double r1 = k1 * u[0];
  const double r2 = k2 * u[1] * u[3];
  const double r3 = k3 * u[4] * u[1];
  const double r4 = k4 * u[6];
  const double r5 = k5 * u[6];
  const double r6 = k6 * u[6] * u[5];
  const double r7 = k7 * u[8];
  const double r8 = k8 * u[8] * u[5];
  const double r9 = k9 * u[10] * u[1];
  const double r10 = k10 * u[10] * u[0];
  const double r11 = k11 * u[12];
  const double r12 = k12 * u[9] * u[1];
  const double r13 = k13 * u[13];
  const double r14 = k14 * u[0] * u[5];
  const double r15 = k15 * u[2];
  const double r16 = k16 * u[3];
  const double r17 = k17 * u[3];
  const double r18 = k18 * u[15];
  const double r19 = k19 * u[15];
  const double r20 = k20 * u[16] * u[5];
  const double r21 = k21 * u[18];
  const double r22 = k22 * u[18];
  const double r23 = k23 * u[0] * u[3];
  const double r24 = k24 * u[18] * u[0];
  const double r25 = k25 * u[19];

  const double loss1 = -r1 - r10 - r14 - r23 - r24;
  du[0] = loss1 + r2 + r3 + r9 + r11 + r12 + r22 + r25;
  du[1] = -r2 - r3 - r9 - r12 + r1 + r21;
  du[2] = -r15 + r1 + r17 + r19 + r22;
  du[3] = -r2 - r16 - r17 - r23 + r15;
  du[4] = -r3 + r4 + r4 + r6 + r7 + r13 + r20;
  du[5] = -r6 - r8 - r14 - r20 + r3 + r18 + r18;
  du[6] = -r4 - r5 - r6 + r13;
  du[7] = r4 + r5 + r6 + r7;
  du[8] = -r7 - r8;
  du[9] = -r12 + r7 + r9;
  du[10] = -r9 - r10 + r8 + r11;
  du[11] = r9;
  du[12] = -r11 + r10;
  du[13] = -r13 + r12;
  du[14] = r14;
  du[15] = -r18 - r19 + r16;
  du[16] = -r20;
  du[17] = r20;
  du[18] = -r21 - r22 - r24 + r23 + r25;
  du[19] = -r25 + r24;
  return 0;
}

/* Pollu.swift `jacobian`, entry for entry (CVODE zeroes the dense matrix first; the Swift one
 * fills with 0). */
static int pollu_jac(sunrealtype t, N_Vector yv, N_Vector fy, SUNMatrix J, void *data,
                     N_Vector t1, N_Vector t2, N_Vector t3) {
  (void)t; (void)fy; (void)data; (void)t1; (void)t2; (void)t3;
  const sunrealtype *u = N_VGetArrayPointer(yv);
  IJ(J, 0, 0) = -k1 - k10 * u[10] - k14 * u[5] - k23 * u[3] - k24 * u[18];
  IJ(J, 0, 10) = -k10 * u[0] + k9 * u[1];
  IJ(J, 0, 5) = -k14 * u[0];
  IJ(J, 0, 3) = -k23 * u[0] + k2 * u[1];
  IJ(J, 0, 18) = -k24 * u[0] + k22;
  IJ(J, 0, 1) = k2 * u[3] + k9 * u[10] + k3 * u[4] + k12 * u[9];
  IJ(J, 0, 12) = k11;
  IJ(J, 0, 19) = k25;
  IJ(J, 0, 4) = k3 * u[1];
  IJ(J, 0, 9) = k12 * u[1];
  IJ(J, 1, 3) = -k2 * u[1];
  IJ(J, 1, 4) = -k3 * u[1];
  IJ(J, 1, 10) = -k9 * u[1];
  IJ(J, 1, 9) = -k12 * u[1];
  IJ(J, 1, 18) = k21;
  IJ(J, 1, 0) = k1;
  IJ(J, 1, 1) = -k2 * u[3] - k3 * u[4] - k9 * u[10] - k12 * u[9];
  IJ(J, 2, 0) = k1;
  IJ(J, 2, 3) = k17;
  IJ(J, 2, 15) = k19;
  IJ(J, 2, 18) = k22;
  IJ(J, 2, 2) = -k15;
  IJ(J, 3, 3) = -k2 * u[1] - k16 - k17 - k23 * u[0];
  IJ(J, 3, 1) = -k2 * u[3];
  IJ(J, 3, 0) = -k23 * u[3];
  IJ(J, 3, 2) = k15;
  IJ(J, 4, 4) = -k3 * u[1];
  IJ(J, 4, 1) = -k3 * u[4];
  IJ(J, 4, 6) = 2 * k4 + k6 * u[5];
  IJ(J, 4, 5) = k6 * u[6] + k20 * u[16];
  IJ(J, 4, 8) = k7;
  IJ(J, 4, 13) = k13;
  IJ(J, 4, 16) = k20 * u[5];
  IJ(J, 5, 5) = -k6 * u[6] - k8 * u[8] - k14 * u[0] - k20 * u[16];
  IJ(J, 5, 6) = -k6 * u[5];
  IJ(J, 5, 8) = -k8 * u[5];
  IJ(J, 5, 0) = -k14 * u[5];
  IJ(J, 5, 16) = -k20 * u[5];
  IJ(J, 5, 1) = k3 * u[4];
  IJ(J, 5, 4) = k3 * u[1];
  IJ(J, 5, 15) = 2 * k18;
  IJ(J, 6, 6) = -k4 - k5 - k6 * u[5];
  IJ(J, 6, 5) = -k6 * u[6];
  IJ(J, 6, 13) = k13;
  IJ(J, 7, 6) = k4 + k5 + k6 * u[5];
  IJ(J, 7, 5) = k6 * u[6];
  IJ(J, 7, 8) = k7;
  IJ(J, 8, 8) = -k7 - k8 * u[5];
  IJ(J, 8, 5) = -k8 * u[8];
  IJ(J, 9, 9) = -k12 * u[1];
  IJ(J, 9, 1) = -k12 * u[9] + k9 * u[10];
  IJ(J, 9, 8) = k7;
  IJ(J, 9, 10) = k9 * u[1];
  IJ(J, 10, 10) = -k9 * u[1] - k10 * u[0];
  IJ(J, 10, 1) = -k9 * u[10];
  IJ(J, 10, 0) = -k10 * u[10];
  IJ(J, 10, 8) = k8 * u[5];
  IJ(J, 10, 5) = k8 * u[8];
  IJ(J, 10, 12) = k11;
  IJ(J, 11, 10) = k9 * u[1];
  IJ(J, 11, 1) = k9 * u[10];
  IJ(J, 12, 12) = -k11;
  IJ(J, 12, 10) = k10 * u[0];
  IJ(J, 12, 0) = k10 * u[10];
  IJ(J, 13, 13) = -k13;
  IJ(J, 13, 9) = k12 * u[1];
  IJ(J, 13, 1) = k12 * u[9];
  IJ(J, 14, 0) = k14 * u[5];
  IJ(J, 14, 5) = k14 * u[0];
  IJ(J, 15, 15) = -k18 - k19;
  IJ(J, 15, 3) = k16;
  IJ(J, 16, 16) = -k20 * u[5];
  IJ(J, 16, 5) = -k20 * u[16];
  IJ(J, 17, 16) = k20 * u[5];
  IJ(J, 17, 5) = k20 * u[16];
  IJ(J, 18, 18) = -k21 - k22 - k24 * u[0];
  IJ(J, 18, 0) = -k24 * u[18] + k23 * u[3];
  IJ(J, 18, 3) = k23 * u[0];
  IJ(J, 18, 19) = k25;
  IJ(J, 19, 19) = -k25;
  IJ(J, 19, 0) = k24 * u[18];
  IJ(J, 19, 18) = k24 * u[0];
  return 0;
}

/* problems.json "pollu" y0 and reference.y_str (Fortran d exponents written as e). */
static const double pollu_y0[20] = {0, 0.2, 0, 0.04, 0, 0, 0.1, 0.3, 0.01, 0,
                                    0, 0,   0, 0,    0, 0, 0.007, 0, 0, 0};
static const double pollu_ref[20] = {
    0.5646255480022769e-1, 0.1342484130422339e+0, 0.4139734331099427e-8, 0.5523140207484359e-2,
    0.2018977262302196e-6, 0.1464541863493966e-6, 0.7784249118997964e-1, 0.3245075353396018e+0,
    0.7494013383880406e-2, 0.1622293157301561e-7, 0.1135863833257075e-7, 0.2230505975721359e-2,
    0.2087162882798630e-3, 0.1396921016840158e-4, 0.8964884856898295e-2, 0.4352846369330103e-17,
    0.6899219696263405e-2, 0.1007803037365946e-3, 0.1772146513969984e-5, 0.5682943292316392e-4,
};

/* ---------------------------------------------------------------- Brusselator 2-D */

#define BN 32
#define BNN (BN * BN)
#define BSIZE (2 * BNN)
#define BNNZ (6 * BSIZE) /* 5 in the own field + 1 in the other, per column */

typedef struct {
  double alpha;           /* 10 / dx^2 */
  int forced[BNN];        /* (x - 0.3)^2 + (y - 0.6)^2 <= 0.1^2 */
  double y0[BSIZE];
  /* The CSC pattern of df/du, rows sorted within each column, and for each entry what it is:
   * 0 alpha (a neighbour in the same field), 1 d(du_k)/d(u_k), 2 d(dv_k)/d(v_k),
   * 3 d(du_k)/d(v_k), 4 d(dv_k)/d(u_k); grid[] is the point k of the entry's row. */
  sunindextype colptr[BSIZE + 1];
  sunindextype rowval[BNNZ];
  int kind[BNNZ];
  int grid[BNNZ];
} Bruss;

static Bruss bruss;

/* Brusselator2D.init(n:) and initialValue, in the same arithmetic. */
static void bruss_setup(void) {
  const int n = BN;
  const double dx = 1 / (double)(n - 1);
  bruss.alpha = 10 / (dx * dx);
  for (int j = 0; j < n; j++) {
    for (int i = 0; i < n; i++) {
      const double x = (double)i * dx;
      const double y = (double)j * dx;
      bruss.forced[i + n * j] = (x - 0.3) * (x - 0.3) + (y - 0.6) * (y - 0.6) <= 0.1 * 0.1;
      bruss.y0[i + n * j] = 22 * pow(y * (1 - y), 1.5);
      bruss.y0[i + n * j + n * n] = 27 * pow(x * (1 - x), 1.5);
    }
  }
  /* Column c = m + field*nn: the rows that depend on it are the field's own point m and its
   * four periodic neighbours (the Laplacian is symmetric), and the other field's point m. */
  int nz = 0;
  for (int c = 0; c < BSIZE; c++) {
    bruss.colptr[c] = nz;
    const int field = c / BNN, m = c % BNN, i = m % n, j = m / n;
    int rows[7], kinds[7];
    rows[0] = c; kinds[0] = field == 0 ? 1 : 2;
    rows[1] = (i + 1) % n + n * j + field * BNN;
    rows[2] = (i + n - 1) % n + n * j + field * BNN;
    rows[3] = i + n * ((j + 1) % n) + field * BNN;
    rows[4] = i + n * ((j + n - 1) % n) + field * BNN;
    for (int q = 1; q <= 4; q++) kinds[q] = 0;
    rows[5] = m + (1 - field) * BNN; kinds[5] = field == 0 ? 4 : 3;
    /* sort by row (insertion; 6 entries) */
    for (int a = 1; a < 6; a++) {
      for (int b = a; b > 0 && rows[b - 1] > rows[b]; b--) {
        int tr = rows[b]; rows[b] = rows[b - 1]; rows[b - 1] = tr;
        int tk = kinds[b]; kinds[b] = kinds[b - 1]; kinds[b - 1] = tk;
      }
    }
    for (int q = 0; q < 6; q++) {
      bruss.rowval[nz] = rows[q];
      bruss.kind[nz] = kinds[q];
      bruss.grid[nz] = rows[q] % BNN;
      nz++;
    }
  }
  bruss.colptr[BSIZE] = nz;
}
/* (Brusselator2D.jacobianPattern has the same 6 entries per row: the point, its 4 neighbours,
 * the other field's point; its doc comment says 7.) */

/* Brusselator2D.callAsFunction, operation for operation. */
static int bruss_f(sunrealtype t, N_Vector yv, N_Vector dyv, void *data) {
  (void)data;
  const sunrealtype *u = N_VGetArrayPointer(yv);
  sunrealtype *du = N_VGetArrayPointer(dyv);
  const int n = BN;
  const int nn = n * n;
  const double alpha = bruss.alpha;
  const double forcing = t >= 1.1 ? 5.0 : 0;
  for (int j = 0; j < n; j++) {
    const int jp = j == n - 1 ? 0 : j + 1;
    const int jm = j == 0 ? n - 1 : j - 1;
    for (int i = 0; i < n; i++) {
      const int ip = i == n - 1 ? 0 : i + 1;
      const int im = i == 0 ? n - 1 : i - 1;
      const int k = i + n * j;
      const double a = u[k];
      const double b = u[k + nn];
      const double lapU = u[im + n * j] + u[ip + n * j] + u[i + n * jp] + u[i + n * jm] - 4 * a;
      const double lapV =
          u[im + n * j + nn] + u[ip + n * j + nn] + u[i + n * jp + nn] + u[i + n * jm + nn] -
          4 * b;
      const double reaction = a * a * b;
      du[k] = alpha * lapU + 1 + reaction - 4.4 * a + (bruss.forced[k] ? forcing : 0);
      du[k + nn] = alpha * lapV + 3.4 * a - reaction;
    }
  }
  return 0;
}

/* The analytic sparse Jacobian (CSC) for KLU. CVODE's sparse path has no difference-quotient
 * Jacobian, so this is analytic; the Swift side uses coloured finite differences on the same
 * pattern. SUNMatZero has cleared the matrix (pointers included), so the structure is written
 * every time. */
static int bruss_jac_sparse(sunrealtype t, N_Vector yv, N_Vector fy, SUNMatrix J, void *data,
                            N_Vector t1, N_Vector t2, N_Vector t3) {
  (void)t; (void)fy; (void)data; (void)t1; (void)t2; (void)t3;
  const sunrealtype *u = N_VGetArrayPointer(yv);
  sunindextype *colptr = SUNSparseMatrix_IndexPointers(J);
  sunindextype *rowval = SUNSparseMatrix_IndexValues(J);
  sunrealtype *val = SUNSparseMatrix_Data(J);
  const int nnz = (int)bruss.colptr[BSIZE];
  memcpy(colptr, bruss.colptr, sizeof(sunindextype) * (BSIZE + 1));
  memcpy(rowval, bruss.rowval, sizeof(sunindextype) * (size_t)nnz);
  const double alpha = bruss.alpha;
  for (int e = 0; e < nnz; e++) {
    const int k = bruss.grid[e];
    const double a = u[k], b = u[k + BNN];
    switch (bruss.kind[e]) {
    case 0: val[e] = alpha; break;
    case 1: val[e] = -4 * alpha + 2 * a * b - 4.4; break;
    case 2: val[e] = -4 * alpha - a * a; break;
    case 3: val[e] = a * a; break;
    default: val[e] = 3.4 - 2 * a * b; break;
    }
  }
  return 0;
}

/* ---------------------------------------------------------------- configurations */

typedef enum { LS_DENSE, LS_KLU, LS_SPGMR, LS_SPGMR_JACOBI } LinSol;

typedef struct {
  const char *name; /* problem name in the CSV (the Swift --large suite uses the same) */
  int n;
  CVRhsFn f;
  CVLsJacFn jacDense, jacSparse;
  double tend;
  double tstop; /* a discontinuity to stop at (0: none) */
  const double *y0;
  double *ref; /* NULL: no reference (scd empty) */
} Problem;

typedef struct {
  const Problem *p;
  LinSol ls;
  const char *solver;
} Config;

static double bruss_ref[BSIZE];
static Problem problems[2];
static Config configs[4];
static int nconfigs = 0;

static void setupProblems(const char *refDir) {
  bruss_setup();
  problems[0] = (Problem){"POLLU", 20, pollu_f, pollu_jac, NULL, 60, 0, pollu_y0,
                          (double *)pollu_ref};
  char path[1024];
  snprintf(path, sizeof path, "%s/brusselator2d_n32.txt", refDir);
  double *ref = readReference(path, bruss_ref, BSIZE) == 0 ? bruss_ref : NULL;
  if (!ref) fprintf(stderr, "note: no Brusselator reference at %s (scd left empty)\n", path);
  problems[1] = (Problem){"BRUSS2D_N32", BSIZE, bruss_f, NULL, bruss_jac_sparse, 11.5, 1.1,
                          bruss.y0, ref};
  configs[nconfigs++] = (Config){&problems[0], LS_DENSE, "CVODE-Dense"};
  configs[nconfigs++] = (Config){&problems[1], LS_KLU, "CVODE-KLU"};
  configs[nconfigs++] = (Config){&problems[1], LS_SPGMR, "CVODE-SPGMR"};
  configs[nconfigs++] = (Config){&problems[1], LS_SPGMR_JACOBI, "CVODE-SPGMR-Jacobi"};
}

/* ---------------------------------------------------------------- one solve */

typedef struct {
  double *y; /* n values */
  double t;
  int flag;
  long nf, nfLS, nsteps, njacs, npe, nsetups, netf, nni, ncfn, nli, nlcf, nps, njtv;
} Result;

static SUNContext sunctx;
/* KLU's fill-reducing ordering: 0 AMD (used here), 1 COLAMD (SUNLinSol_KLU's default), 2 the
 * natural order; --klu-ordering N. On this matrix (symmetric pattern) AMD makes the whole
 * CVODE-KLU solve about 3x faster than COLAMD (klu_l_refactor is ~80% of the time). */
static int kluOrdering = 0;

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

static int solve(const Config *c, double abstol, double reltol, Result *r) {
  const Problem *p = c->p;
  int flag = 0;
  N_Vector y = N_VNew_Serial(p->n, sunctx);
  memcpy(N_VGetArrayPointer(y), p->y0, sizeof(double) * (size_t)p->n);
  void *mem = CVodeCreate(CV_BDF, sunctx);
  if (!mem) { fprintf(stderr, "CVodeCreate failed\n"); exit(1); }
  flag |= CVodeSetErrHandlerFn(mem, silent, NULL);
  flag |= CVodeInit(mem, p->f, 0.0, y);
  flag |= CVodeSStolerances(mem, reltol, abstol);
  SUNMatrix A = NULL;
  SUNLinearSolver LS = NULL;
  switch (c->ls) {
  case LS_DENSE:
    A = SUNDenseMatrix(p->n, p->n, sunctx);
    LS = SUNLinSol_Dense(y, A, sunctx);
    flag |= CVodeSetLinearSolver(mem, LS, A);
    flag |= CVodeSetJacFn(mem, p->jacDense);
    break;
  case LS_KLU:
    A = SUNSparseMatrix(p->n, p->n, BNNZ, CSC_MAT, sunctx);
    LS = SUNLinSol_KLU(y, A, sunctx);
    if (kluOrdering >= 0) flag |= SUNLinSol_KLUSetOrdering(LS, kluOrdering);
    flag |= CVodeSetLinearSolver(mem, LS, A);
    flag |= CVodeSetJacFn(mem, p->jacSparse);
    break;
  case LS_SPGMR: /* maxl 0 = SUNDIALS' default Krylov dimension, 5 */
    LS = SUNLinSol_SPGMR(y, SUN_PREC_NONE, 0, sunctx);
    flag |= CVodeSetLinearSolver(mem, LS, NULL);
    break;
  case LS_SPGMR_JACOBI: /* right preconditioning: SPGMR then tests the true residual */
    LS = SUNLinSol_SPGMR(y, SUN_PREC_RIGHT, 0, sunctx);
    flag |= CVodeSetLinearSolver(mem, LS, NULL);
    flag |= CVBandPrecInit(mem, p->n, 0, 0);
    break;
  }
  if (!LS) { fprintf(stderr, "linear solver creation failed\n"); exit(1); }
  flag |= CVodeSetMaxNumSteps(mem, 10000000L); /* Swift: maxIters 10_000_000 */
  if (flag != 0) { fprintf(stderr, "CVODE setup failed on %s %s\n", p->name, c->solver); exit(1); }

  sunrealtype t = 0;
  int ret = 0;
  if (p->tstop > 0 && p->tstop < p->tend) {
    CVodeSetStopTime(mem, p->tstop);
    ret = CVode(mem, p->tstop, y, &t, CV_NORMAL);
  }
  if (ret >= 0) {
    CVodeSetStopTime(mem, p->tend);
    ret = CVode(mem, p->tend, y, &t, CV_NORMAL);
  }

  if (r) {
    memcpy(r->y, N_VGetArrayPointer(y), sizeof(double) * (size_t)p->n);
    r->t = t;
    r->flag = ret;
    CVodeGetNumRhsEvals(mem, &r->nf);
    CVodeGetNumLinRhsEvals(mem, &r->nfLS);
    CVodeGetNumSteps(mem, &r->nsteps);
    CVodeGetNumJacEvals(mem, &r->njacs);
    CVodeGetNumLinSolvSetups(mem, &r->nsetups);
    CVodeGetNumErrTestFails(mem, &r->netf);
    CVodeGetNumNonlinSolvIters(mem, &r->nni);
    CVodeGetNumNonlinSolvConvFails(mem, &r->ncfn);
    CVodeGetNumLinIters(mem, &r->nli);
    CVodeGetNumLinConvFails(mem, &r->nlcf);
    CVodeGetNumPrecSolves(mem, &r->nps);
    CVodeGetNumJtimesEvals(mem, &r->njtv);
    CVodeGetNumPrecEvals(mem, &r->npe);
    if (c->ls == LS_SPGMR_JACOBI) {
      long nfbp = 0;
      CVBandPrecGetNumRhsEvals(mem, &nfbp);
      r->nfLS += nfbp;
    }
  }
  static volatile double blackHole;
  blackHole += N_VGetArrayPointer(y)[0];

  SUNLinSolFree(LS);
  if (A) SUNMatDestroy(A);
  N_VDestroy(y);
  CVodeFree(&mem);
  return ret;
}

typedef struct {
  const Config *c;
  double abstol, reltol;
} RunCtx;

static void runOnce(void *ctx) {
  RunCtx *rc = ctx;
  solve(rc->c, rc->abstol, rc->reltol, NULL);
}

/* ---------------------------------------------------------------- the reference */

/* ARKODE ARKStep, explicit part only, with Verner's 8(5,6) table (6.4.1's ERKStep mistakes
 * this table for FSAL; ARKStep does not): an explicit method, independent of BDF and of any
 * linear solver, for the cross-check of the reference (its steps are stability-limited). */
static int arkExplicit(const Problem *p, double rtol, double atol, double *yout, long *nst) {
  N_Vector y = N_VNew_Serial(p->n, sunctx);
  memcpy(N_VGetArrayPointer(y), p->y0, sizeof(double) * (size_t)p->n);
  void *mem = ARKStepCreate(p->f, NULL, 0.0, y, sunctx);
  ARKStepSetErrHandlerFn(mem, silent, NULL);
  ARKStepSetTableNum(mem, ARKODE_DIRK_NONE, ARKODE_VERNER_8_5_6);
  ARKStepSStolerances(mem, rtol, atol);
  ARKStepSetMaxNumSteps(mem, 100000000L);
  sunrealtype t = 0;
  ARKStepSetStopTime(mem, p->tstop);
  int ret = ARKStepEvolve(mem, p->tstop, y, &t, ARK_NORMAL);
  if (ret >= 0) {
    ARKStepSetStopTime(mem, p->tend);
    ret = ARKStepEvolve(mem, p->tend, y, &t, ARK_NORMAL);
  }
  memcpy(yout, N_VGetArrayPointer(y), sizeof(double) * (size_t)p->n);
  ARKStepGetNumSteps(mem, nst);
  N_VDestroy(y);
  ARKStepFree(&mem);
  return ret;
}

static int writeReference(double rtol, double atol) {
  Result r = {0}, s = {0}, u = {0};
  r.y = malloc(sizeof(double) * BSIZE);
  s.y = malloc(sizeof(double) * BSIZE);
  u.y = malloc(sizeof(double) * BSIZE);
  double *ya = malloc(sizeof(double) * BSIZE);
  const Config *klu = &configs[1], *spgmr = &configs[2];
  double t0 = now();
  solve(klu, atol, rtol, &r);
  double tKLU = now() - t0;
  fprintf(stderr, "reference: CVODE-KLU rtol %g atol %g: flag %d t %.17g nsteps %ld nf %ld "
          "njacs %ld netf %ld ncfn %ld, %.1f s\n", rtol, atol, r.flag, r.t, r.nsteps, r.nf,
          r.njacs, r.netf, r.ncfn, tKLU);
  if (r.flag < 0) { fprintf(stderr, "reference solve failed\n"); return 1; }
  double scdS, meanS, scdU, meanU, scdA, meanA;
  t0 = now();
  solve(spgmr, atol, rtol, &s);
  accuracy(s.y, r.y, BSIZE, &scdS, &meanS);
  fprintf(stderr, "check: CVODE-SPGMR rtol %g atol %g: flag %d nsteps %ld nf %ld (+%ld in Jv), "
          "%.1f s; agreement with the reference: scd %.2f, mean abs diff %.2e\n", rtol, atol,
          s.flag, s.nsteps, s.nf, s.nfLS, now() - t0, scdS, meanS);
  solve(klu, 10 * atol, 10 * rtol, &u);
  accuracy(u.y, r.y, BSIZE, &scdU, &meanU);
  fprintf(stderr, "check: CVODE-KLU rtol %g atol %g: nsteps %ld; agreement with the reference: "
          "scd %.2f, mean abs diff %.2e\n", 10 * rtol, 10 * atol, u.nsteps, scdU, meanU);
  long nstA = 0;
  t0 = now();
  int fa = arkExplicit(&problems[1], rtol, atol, ya, &nstA);
  accuracy(ya, r.y, BSIZE, &scdA, &meanA);
  fprintf(stderr, "check: ARKStep explicit Verner 8(5,6) rtol %g atol %g: flag %d nsteps %ld, "
          "%.1f s; agreement with the reference: scd %.2f, mean abs diff %.2e\n", rtol, atol, fa,
          nstA, now() - t0, scdA, meanA);
  double mx = 0, mn = 1e300;
  for (int i = 0; i < BSIZE; i++) { mx = fmax(mx, fabs(r.y[i])); mn = fmin(mn, fabs(r.y[i])); }
  printf("# Reference solution of the 2-D Brusselator, N = 32 (2048 equations), at t = 11.5\n");
  printf("# (Sources/DiffEqProblemLibrary/Brusselator2D.swift, problem(n: 32, tEnd: 11.5),\n");
  printf("# forcing from t = 1.1; no published reference exists). One value per line, %%.17g,\n");
  printf("# in the Swift state order u[i + N*j + N*N*field] (0-based; field 0 = u, 1 = v).\n");
  printf("# Made by Benchmarks/compare/cvode_large.c --write-reference: SUNDIALS 6.4.1 CVODE\n");
  printf("# (Debian source package 6.4.1+dfsg1-3 built Release -O2 -march=native, static, KLU from\n");
  printf("# Debian's SuiteSparse 5.12), BDF + Newton + SUNLinSol_KLU with the analytic sparse\n");
  printf("# Jacobian (KLU ordering %d: 0 = AMD), rtol = %g, atol = %g (scalar),\n", kluOrdering,
         rtol, atol);
  printf("# CVodeSetMaxNumSteps(1e7), CVodeSetStopTime(1.1) + CVode to 1.1, then\n");
  printf("# CVodeSetStopTime(11.5) + CVode to 11.5; driver gcc -O2 -march=native\n");
  printf("# -ffp-contract=off. Run: flag %d, t = %.17g, %ld steps, %ld RHS calls, %ld Jacobians.\n",
         r.flag, r.t, r.nsteps, r.nf, r.njacs);
  printf("# Cross-checks (WorkPrecision.swift's scd = -log10 max relative difference, against\n");
  printf("# this file): ARKODE ARKStep explicit Verner 8(5,6) at the same rtol/atol (%ld steps)\n",
         nstA);
  printf("# agrees to scd %.2f (mean abs diff %.2e); CVODE-SPGMR (matrix-free, no\n", scdA, meanA);
  printf("# preconditioner) at the same rtol/atol to scd %.2f (%.2e); CVODE-KLU at rtol %g,\n",
         scdS, meanS, 10 * rtol);
  printf("# atol %g to scd %.2f (%.2e).\n", 10 * atol, scdU, meanU);
  printf("# |y| ranges over [%.3g, %.3g].\n", mn, mx);
  for (int i = 0; i < BSIZE; i++) printf("%.17g\n", r.y[i]);
  free(r.y); free(s.y); free(u.y); free(ya);
  return 0;
}

/* ---------------------------------------------------------------- main */

int main(int argc, char **argv) {
  const char *filter = NULL, *solverFilter = NULL, *refDir = REF_DIR;
  int quick = 0, dump = 0, info = 0, writeRef = 0, kmin = 4, kmax = 9;
  double refRtol = 1e-14, refAtol = 1e-16;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--filter") && i + 1 < argc) filter = argv[++i];
    else if (!strcmp(argv[i], "--solver") && i + 1 < argc) solverFilter = argv[++i];
    else if (!strcmp(argv[i], "--quick")) quick = 1;
    else if (!strcmp(argv[i], "--kmin") && i + 1 < argc) kmin = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--kmax") && i + 1 < argc) kmax = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--ref-dir") && i + 1 < argc) refDir = argv[++i];
    else if (!strcmp(argv[i], "--klu-ordering") && i + 1 < argc) kluOrdering = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--dump")) dump = 1;
    else if (!strcmp(argv[i], "--info")) info = 1;
    else if (!strcmp(argv[i], "--write-reference")) writeRef = 1;
    else if (!strcmp(argv[i], "--ref-rtol") && i + 1 < argc) refRtol = atof(argv[++i]);
    else if (!strcmp(argv[i], "--ref-atol") && i + 1 < argc) refAtol = atof(argv[++i]);
    else {
      fprintf(stderr, "usage: cvode_large [--filter POLLU,BRUSS] [--solver KLU,SPGMR,...] "
              "[--quick] [--kmin K] [--kmax K] [--ref-dir DIR] [--klu-ordering 0|1|2] | --dump | --info | "
              "--write-reference\n");
      return 2;
    }
  }
  if (dump) {
    printf("pollu 20 %.17g", 60.0);
    for (int i = 0; i < 20; i++) printf(" %.17g", pollu_y0[i]);
    for (int i = 0; i < 20; i++) printf(" %.17g", pollu_ref[i]);
    printf("\n");
    return 0;
  }
  setupProblems(refDir);
  if (info) {
    int ml = 0;
    for (int c = 0; c < BSIZE; c++)
      for (sunindextype e = bruss.colptr[c]; e < bruss.colptr[c + 1]; e++) {
        int d = abs((int)bruss.rowval[e] - c);
        if (d > ml) ml = d;
      }
    printf("BRUSS2D_N32: N = %d, %d equations, %d structural non-zeros in df/du (%d per "
           "column), half-bandwidths mu = ml = %d (of %d) in the Swift state order "
           "u[i + N j + N^2 field]; alpha = 10/dx^2 = %.17g; tspan "
           "(0, %.17g) = the Swift problem(n: 32) default tEnd 11.5; forcing from t >= %.17g "
           "(tstops [1.1])\n",
           BN, BSIZE, (int)bruss.colptr[BSIZE], (int)bruss.colptr[BSIZE] / BSIZE, ml, BSIZE - 1,
           bruss.alpha, problems[1].tend, problems[1].tstop);
    int nforced = 0;
    for (int k = 0; k < BNN; k++) nforced += bruss.forced[k];
    printf("forced grid points: %d; reference: %s\n", nforced,
           problems[1].ref ? "loaded" : "missing");
    return 0;
  }
  if (SUNContext_Create(NULL, &sunctx)) { fprintf(stderr, "SUNContext_Create failed\n"); return 1; }
  if (writeRef) {
    int rc = writeReference(refRtol, refAtol);
    SUNContext_Free(&sunctx);
    return rc;
  }

  const int maxRuns = quick ? 3 : 20;
  const double budget = quick ? 0.02 : 0.3;
  printCSVHeader();
  double *ybuf = malloc(sizeof(double) * BSIZE);
  for (int ci = 0; ci < nconfigs; ci++) {
    const Config *c = &configs[ci];
    if (!selected(c->p->name, filter)) continue;
    if (solverFilter && !selected(c->solver + 6, solverFilter)) continue;
    for (int k = kmin; k <= kmax; k++) {
      if (quick && k != 4 && k != 7) continue;
      /* WorkPrecision.swift: reltol = pow(10, -k), abstol = pow(10, -(k + 3)). */
      double reltol = pow(10, -(double)k);
      double abstol = pow(10, -(double)(k + 3));
      Result r = {0};
      r.y = ybuf;
      solve(c, abstol, reltol, &r);
      RunCtx rc = {c, abstol, reltol};
      double time = minimumTime(runOnce, &rc, maxRuns, budget);
      double scd = NAN, mean = NAN;
      if (c->p->ref) accuracy(r.y, c->p->ref, c->p->n, &scd, &mean);
      long njacs = c->ls == LS_SPGMR_JACOBI ? r.npe : r.njacs;
      if (c->p->ref)
        printf("%s,%s,%d,%.17g,%.17g,%.17g,%.17g,%ld,%ld,%ld,%.9g,%s\n", c->p->name, c->solver,
               k, abstol, reltol, scd, mean, r.nf + r.nfLS, r.nsteps, njacs, time,
               retcode(r.flag));
      else
        printf("%s,%s,%d,%.17g,%.17g,,,%ld,%ld,%ld,%.9g,%s\n", c->p->name, c->solver, k, abstol,
               reltol, r.nf + r.nfLS, r.nsteps, njacs, time, retcode(r.flag));
      fflush(stdout);
      fprintf(stderr,
              "%-11s %-18s k=%d flag=%d t=%.6g scd=%6.2f nf=%ld+%ld nsteps=%ld njacs=%ld "
              "npe=%ld nsetups=%ld netf=%ld nni=%ld ncfn=%ld nli=%ld nlcf=%ld nps=%ld njtv=%ld "
              "time=%.4f ms\n",
              c->p->name, c->solver, k, r.flag, r.t, scd, r.nf, r.nfLS, r.nsteps, r.njacs, r.npe,
              r.nsetups, r.netf, r.nni, r.ncfn, r.nli, r.nlcf, r.nps, r.njtv, time * 1e3);
      if (r.flag < 0)
        fprintf(stderr, "  ^ CVode failed (flag %d); the row scores the state it reached\n",
                r.flag);
    }
  }
  free(ybuf);
  SUNContext_Free(&sunctx);
  return 0;
}
