// The speed-of-light reference: Tsit5 and DP5 hand-written in C with the same tableau (generated
// from the Swift sources), the same error norm, the same initial step and the same PI
// controller as the Swift integrator, so both take identical steps.
#ifndef CBASELINE_H
#define CBASELINE_H

/// Counters and final time of a C baseline solve.
typedef struct {
  long nf;
  long naccept;
  long nreject;
  double t;
} cb_stats;

/// Method selector.
typedef enum { CB_TSIT5 = 0, CB_DP5 = 1 } cb_method;

/// Lorenz (sigma = 10, rho = 28, beta = 8/3), u (3 values) overwritten with u(tf).
int cb_solve_lorenz(cb_method method, double *u, double t0, double tf, double abstol,
                    double reltol, double beta1, double beta2, long maxiters, cb_stats *stats);

/// Lorenz with the system size `n` (must be 3) passed at run time, as a general-size C solver
/// sees it: the compiler cannot unroll the component loops (the counterpart of `[Double]`).
int cb_solve_lorenz_n(int n, cb_method method, double *u, double t0, double tf, double abstol,
                      double reltol, double beta1, double beta2, long maxiters, cb_stats *stats);

/// PLEI with the system size `n` (must be 28) passed at run time.
int cb_solve_plei_n(int n, cb_method method, double *u, double t0, double tf, double abstol,
                    double reltol, double beta1, double beta2, long maxiters, cb_stats *stats);

/// Pleiades (PLEI, 28 values), u overwritten with u(tf).
int cb_solve_plei(cb_method method, double *u, double t0, double tf, double abstol,
                  double reltol, double beta1, double beta2, long maxiters, cb_stats *stats);

#endif
