// C baseline: a seven-stage FSAL explicit Runge–Kutta solver (Tsit5, DP5) with the right-hand
// side inlined. Every operation mirrors the Swift integrator (ODEIntegrator + ExplicitRKStepper)
// in the same order, so the two take identical steps; only the language differs.
#include "CBaseline.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "tableaus.h"

typedef void (*rhs_fn)(double *du, const double *u, double t);

static inline double maxd(double a, double b) { return b >= a ? b : a; }
static inline double mind(double a, double b) { return b < a ? b : a; }

// ‖v / (abstol + |w|·reltol)‖_rms, as ErrorNorm.norm(_:weightsFrom:).
static inline double wnorm(int n, const double *v, const double *w, double abstol, double reltol) {
  double acc = 0;
  for (int i = 0; i < n; i++) {
    double x = v[i] / (abstol + fabs(w[i]) * reltol);
    acc += x * x;
  }
  return sqrt(acc / n);
}

static inline __attribute__((always_inline)) int rk7_solve(
    rhs_fn f, int n, cb_method method, double *u0, double t0, double tf, double abstol,
    double reltol, double beta1, double beta2, long maxiters, cb_stats *st) {
  const double *c = method == CB_TSIT5 ? tsit5_c : dp5_c;
  const double *a = method == CB_TSIT5 ? tsit5_a : dp5_a;
  const double *e = method == CB_TSIT5 ? tsit5_bTilde : dp5_bTilde;
  const double a21 = a[0], a31 = a[1], a32 = a[2], a41 = a[3], a42 = a[4], a43 = a[5];
  const double a51 = a[6], a52 = a[7], a53 = a[8], a54 = a[9];
  const double a61 = a[10], a62 = a[11], a63 = a[12], a64 = a[13], a65 = a[14];
  const double a71 = a[15], a72 = a[16], a73 = a[17], a74 = a[18], a75 = a[19], a76 = a[20];
  const double e1 = e[0], e2 = e[1], e3 = e[2], e4 = e[3], e5 = e[4], e6 = e[5], e7 = e[6];
  double ua[n], ub[n], tmp[n], k1[n], k2[n], k3[n], k4[n], k5[n], k6[n], k7[n];
  double *u = ua, *unew = ub;
  memcpy(u, u0, sizeof(double) * n);
  st->nf = st->naccept = st->nreject = 0;
  const double tdir = tf > t0 ? 1.0 : -1.0;
  const double dtmax = fabs(tf - t0);
  double t = t0;

  // Hairer's initial step (ODEIntegrator.initialStepSize).
  f(k2, u, t0);  // f0
  st->nf++;
  double d0 = wnorm(n, u, u, abstol, reltol);
  double d1 = wnorm(n, k2, u, abstol, reltol);
  double h0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * (d0 / d1);
  h0 = mind(h0, dtmax);
  for (int i = 0; i < n; i++) tmp[i] = 1.0 * u[i] + (tdir * h0) * k2[i];
  f(k3, tmp, t0 + tdir * h0);
  st->nf++;
  for (int i = 0; i < n; i++) k3[i] += -1.0 * k2[i];
  double d2 = wnorm(n, k3, u, abstol, reltol) / h0;
  double m = maxd(d1, d2);
  double h1 = m <= 1e-15 ? maxd(1e-6, h0 * 1e-3) : pow(0.01 / m, 1.0 / 5.0);
  double dtpropose = tdir * mind(mind(100 * h0, h1), dtmax);

  f(k1, u, t0);  // FSAL first stage
  st->nf++;
  const double qmininv = 1.0 / 0.2, qmaxinv = 1.0 / 10.0, gamma = 0.9;
  double qold = 1e-4, q11 = 1;
  long iters = 0;
  int status = 1;
  for (;;) {
    if (iters >= maxiters) { status = -1; break; }
    iters++;
    double remaining = tf - t;
    double h = dtpropose;
    int hits = fabs(h) * (1 + 256 * DBL_EPSILON) >= fabs(remaining);
    if (hits) h = remaining;
    for (int i = 0; i < n; i++) tmp[i] = u[i] + h * (a21 * k1[i]);
    f(k2, tmp, t + c[1] * h);
    for (int i = 0; i < n; i++) tmp[i] = u[i] + h * (a31 * k1[i] + a32 * k2[i]);
    f(k3, tmp, t + c[2] * h);
    for (int i = 0; i < n; i++) tmp[i] = u[i] + h * (a41 * k1[i] + a42 * k2[i] + a43 * k3[i]);
    f(k4, tmp, t + c[3] * h);
    for (int i = 0; i < n; i++)
      tmp[i] = u[i] + h * (a51 * k1[i] + a52 * k2[i] + a53 * k3[i] + a54 * k4[i]);
    f(k5, tmp, t + c[4] * h);
    for (int i = 0; i < n; i++)
      tmp[i] = u[i] + h * (a61 * k1[i] + a62 * k2[i] + a63 * k3[i] + a64 * k4[i] + a65 * k5[i]);
    f(k6, tmp, t + c[5] * h);
    for (int i = 0; i < n; i++)
      unew[i] = u[i] + h * (a71 * k1[i] + a72 * k2[i] + a73 * k3[i] + a74 * k4[i] + a75 * k5[i] +
                            a76 * k6[i]);
    f(k7, unew, t + h);
    st->nf += 6;
    double acc = 0;
    for (int i = 0; i < n; i++) {
      double s = e1 * k1[i] + e2 * k2[i] + e3 * k3[i] + e4 * k4[i] + e5 * k5[i] + e6 * k6[i] +
                 e7 * k7[i];
      double x = (h * s) / (abstol + maxd(fabs(u[i]), fabs(unew[i])) * reltol);
      acc += x * x;
    }
    double eest = sqrt(acc / n);
    if (isfinite(eest) && eest <= 1) {
      double q;
      if (eest == 0) {
        q = qmaxinv;
      } else {
        q11 = pow(eest, beta1);
        q = beta2 == 0 ? q11 : q11 / pow(qold, beta2);
        q = maxd(qmaxinv, mind(qmininv, q / gamma));
      }
      st->naccept++;
      t = hits ? tf : t + h;
      double *sw = u; u = unew; unew = sw;
      memcpy(k1, k7, sizeof(double) * n);
      qold = maxd(eest, 1e-4);
      double next = h / q;
      dtpropose = fabs(next) > dtmax ? tdir * dtmax : next;
      if (hits) break;
    } else {
      st->nreject++;
      if (isfinite(eest)) {
        q11 = pow(eest, beta1);
        dtpropose = h / mind(qmininv, q11 / gamma);
      } else {
        dtpropose = h / qmininv;
      }
      if (fabs(dtpropose) < 1e-300) { status = -2; break; }
    }
  }
  memcpy(u0, u, sizeof(double) * n);
  st->t = t;
  return status;
}

static void lorenz(double *du, const double *u, double t) {
  (void)t;
  du[0] = 10.0 * (u[1] - u[0]);
  du[1] = u[0] * (28.0 - u[2]) - u[1];
  du[2] = u[0] * u[1] - (8.0 / 3.0) * u[2];
}

// PLEI (Hairer–Nørsett–Wanner I, II.10): seven bodies of mass j in the plane; state
// x1..x7, y1..y7, x1'..x7', y1'..y7'.
static void plei(double *du, const double *u, double t) {
  (void)t;
  const double *x = u, *y = u + 7;
  for (int i = 0; i < 14; i++) du[i] = u[14 + i];
  for (int i = 0; i < 7; i++) {
    double ax = 0, ay = 0;
    for (int j = 0; j < 7; j++) {
      if (j == i) continue;
      double dx = x[j] - x[i], dy = y[j] - y[i];
      double r = dx * dx + dy * dy;
      double r32 = r * sqrt(r);
      ax += (j + 1) * dx / r32;
      ay += (j + 1) * dy / r32;
    }
    du[14 + i] = ax;
    du[21 + i] = ay;
  }
}

int cb_solve_lorenz(cb_method method, double *u, double t0, double tf, double abstol,
                    double reltol, double beta1, double beta2, long maxiters, cb_stats *stats) {
  return rk7_solve(lorenz, 3, method, u, t0, tf, abstol, reltol, beta1, beta2, maxiters, stats);
}

int cb_solve_lorenz_n(int n, cb_method method, double *u, double t0, double tf, double abstol,
                      double reltol, double beta1, double beta2, long maxiters, cb_stats *stats) {
  return rk7_solve(lorenz, n, method, u, t0, tf, abstol, reltol, beta1, beta2, maxiters, stats);
}

int cb_solve_plei(cb_method method, double *u, double t0, double tf, double abstol,
                  double reltol, double beta1, double beta2, long maxiters, cb_stats *stats) {
  return rk7_solve(plei, 28, method, u, t0, tf, abstol, reltol, beta1, beta2, maxiters, stats);
}

int cb_solve_plei_n(int n, cb_method method, double *u, double t0, double tf, double abstol,
                    double reltol, double beta1, double beta2, long maxiters, cb_stats *stats) {
  return rk7_solve(plei, n, method, u, t0, tf, abstol, reltol, beta1, beta2, maxiters, stats);
}
