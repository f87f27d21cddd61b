#!/usr/bin/env python3
"""
Independent verification of the Rosenbrock coefficients used by OrdinaryDiffEq.jl
(OrdinaryDiffEqRosenbrock).  Run:  python3 verify.py > verify.txt

Part A  transformed -> classical conversion, consistency of c (=alpha_i) and d (=gamma_i),
        stiff accuracy, R(inf), A-stability sample.
Part B  Rosenbrock order conditions (rooted trees up to order 6, plus the explicit
        Hairer-Wanner II Table IV.7.1 formulas for order <= 4), main and embedded method.
Part C  Numerical local-order test in 50-digit arithmetic: the step is implemented exactly as
        in rosenbrock_perform_step.jl, applied to (i) y'=-y, (ii) a nonlinear non-autonomous
        2x2 problem with known solution, (iii) its autonomised 3x3 form.
Part D  Dense output: endpoint reproduction (theta=0,1), order of the interpolant and of the
        derivative formula, consistency of the derivative formula with d/dtheta.
Part E  Extra checks of suspected discrepancies (Rosenbrock23/32 time-derivative term in k3,
        Rodas5(P) c/d swap in an older commit, addsteps dropping H[:, s]).
"""
import json
import math
import sys

import mpmath as mp

import rosenbrock_common as rc

mp.mp.dps = 50
OUT = {}  # machine-readable results (consumed by build_tableaus.py)


def P(*a):
    print(*a)


def e(x):
    return mp.nstr(x, 3, min_fixed=1, max_fixed=0) if x != 0 else "0"


# =============================================================================== trees
def canon(t):
    return tuple(sorted(canon(c) for c in t))


def grow(t):
    """all trees obtained by attaching one leaf to some vertex of t"""
    res = [canon(t + ((),))]
    for i, c in enumerate(t):
        for g in grow(c):
            res.append(canon(t[:i] + (g,) + t[i + 1:]))
    return res


def trees_upto(n):
    levels = {1: [()]}
    for k in range(2, n + 1):
        s = set()
        for t in levels[k - 1]:
            for g in grow(t):
                s.add(g)
        levels[k] = sorted(s)
    return levels


def order(t):
    return 1 + sum(order(c) for c in t)


def density(t):
    r = order(t)
    for c in t:
        r *= density(c)
    return r


def tname(t):
    if t == ():
        return "t"
    return "[" + ",".join(tname(c) for c in t) + "]"


def phi(t, alpha, B, s):
    v = [mp.mpf(1)] * s
    M = B if len(t) == 1 else alpha     # vertex with exactly one son: alpha+gamma
    for c in t:
        w = phi(c, alpha, B, s)
        mw = [mp.fsum(M[j, k] * w[k] for k in range(s)) for j in range(s)]
        v = [v[j] * mw[j] for j in range(s)]
    return v


TREES = trees_upto(6)


def order_conditions(alpha, G, b, maxorder=6):
    s = alpha.rows
    B = alpha + G
    res = {}
    for q in range(1, maxorder + 1):
        res[q] = []
        for t in TREES[q]:
            ph = phi(t, alpha, B, s)
            r = mp.fsum(b[j] * ph[j] for j in range(s)) - mp.mpf(1) / density(t)
            res[q].append((tname(t), r))
    return res


def hw_table71(alpha, G, b):
    """Hairer-Wanner II, Table IV.7.1 (beta_ij = alpha_ij + gamma_ij, strictly lower part)."""
    s = alpha.rows
    g = G[0, 0]
    al = [mp.fsum(alpha[j, k] for k in range(s)) for j in range(s)]
    be = [[(alpha[j, k] + G[j, k]) if k < j else mp.mpf(0) for k in range(s)] for j in range(s)]
    bp = [mp.fsum(be[j]) for j in range(s)]
    S = mp.fsum
    R = range(s)
    c = []
    c.append(("1 ", "sum b_j = 1", S(b[j] for j in R) - 1))
    c.append(("2 ", "sum b_j beta'_j = 1/2 - g", S(b[j] * bp[j] for j in R) - (mp.mpf(1) / 2 - g)))
    c.append(("3a", "sum b_j alpha_j^2 = 1/3", S(b[j] * al[j] ** 2 for j in R) - mp.mpf(1) / 3))
    c.append(("3b", "sum b_j beta_jk beta'_k = 1/6 - g + g^2",
              S(b[j] * be[j][k] * bp[k] for j in R for k in R) - (mp.mpf(1) / 6 - g + g ** 2)))
    c.append(("4a", "sum b_j alpha_j^3 = 1/4", S(b[j] * al[j] ** 3 for j in R) - mp.mpf(1) / 4))
    c.append(("4b", "sum b_j alpha_j alpha_jk beta'_k = 1/8 - g/3",
              S(b[j] * al[j] * alpha[j, k] * bp[k] for j in R for k in R) - (mp.mpf(1) / 8 - g / 3)))
    c.append(("4c", "sum b_j beta_jk alpha_k^2 = 1/12 - g/3",
              S(b[j] * be[j][k] * al[k] ** 2 for j in R for k in R) - (mp.mpf(1) / 12 - g / 3)))
    c.append(("4d", "sum b_j beta_jk beta_kl beta'_l = 1/24 - g/2 + 3g^2/2 - g^3",
              S(b[j] * be[j][k] * be[k][l] * bp[l] for j in R for k in R for l in R)
              - (mp.mpf(1) / 24 - g / 2 + 3 * g ** 2 / 2 - g ** 3)))
    return c


def report_conditions(label, alpha, G, b, expected, tol=mp.mpf("1e-13")):
    res = order_conditions(alpha, G, b)
    P("  %s (expected order %d):" % (label, expected))
    achieved = 0
    summary = {}
    for q in range(1, 7):
        mx = max(abs(r) for _, r in res[q])
        ok = mx < tol
        summary[q] = float(mx)
        if ok and achieved == q - 1:
            achieved = q
        detail = "  ".join("%s:%s" % (n, e(r)) for n, r in res[q]) if q <= 5 else ""
        P("    order %d (%2d trees) max|res| = %-9s %s" % (q, len(res[q]), e(mx), "PASS" if ok else "fail"))
        if q <= 5 and q <= expected + 1:
            P("       " + detail)
    P("    => order conditions satisfied up to order %d (tol %s)  [%s]" %
      (achieved, e(tol), "OK" if achieved == expected else "MISMATCH"))
    return achieved, summary


# =============================================================================== test problems
def ys(t):
    return mp.matrix([mp.sin(t) + 2, mp.cos(2 * t) * mp.exp(-t / 2)])


def ysp(t):
    return mp.matrix([mp.cos(t), mp.exp(-t / 2) * (-2 * mp.sin(2 * t) - mp.cos(2 * t) / 2)])


def yspp(t):
    return mp.matrix([-mp.sin(t), mp.exp(-t / 2) * (-mp.mpf(15) / 4 * mp.cos(2 * t) + 2 * mp.sin(2 * t))])


def g(y):
    y1, y2 = y[0], y[1]
    return mp.matrix([-y1 * y2 - y1 ** 3 / 5 + y2, y1 ** 2 - 3 * y2 + y1 * y2 ** 2 / 2])


def Jg(y):
    y1, y2 = y[0], y[1]
    return mp.matrix([[-y2 - 3 * y1 ** 2 / 5, -y1 + 1], [2 * y1 + y2 ** 2 / 2, -3 + y1 * y2]])


class NonAut:
    name = "nonlinear non-autonomous 2x2"
    n = 2

    def f(self, t, y):
        return g(y) + ysp(t) - g(ys(t))

    def J(self, t, y):
        return Jg(y)

    def ft(self, t, y):
        return yspp(t) - Jg(ys(t)) * ysp(t)

    def exact(self, t):
        return ys(t)

    def exactp(self, t):
        return ysp(t)


class Autonomised:
    """same problem with t appended as 3rd state (y3' = 1); f_t == 0"""
    name = "autonomised 3x3"
    n = 3

    def f(self, t, y):
        tt = y[2]
        r = g(y[0:2]) + ysp(tt) - g(ys(tt))
        return mp.matrix([r[0], r[1], 1])

    def J(self, t, y):
        tt = y[2]
        Jy = Jg(y[0:2])
        col = yspp(tt) - Jg(ys(tt)) * ysp(tt)
        return mp.matrix([[Jy[0, 0], Jy[0, 1], col[0]], [Jy[1, 0], Jy[1, 1], col[1]], [0, 0, 0]])

    def ft(self, t, y):
        return mp.matrix([0, 0, 0])

    def exact(self, t):
        v = ys(t)
        return mp.matrix([v[0], v[1], t])

    def exactp(self, t):
        v = ysp(t)
        return mp.matrix([v[0], v[1], 1])


class Linear:
    name = "linear y'=-y"
    n = 1
    lam = mp.mpf(-1)

    def f(self, t, y):
        return self.lam * y

    def J(self, t, y):
        return mp.matrix([[self.lam]])

    def ft(self, t, y):
        return mp.matrix([0])

    def exact(self, t):
        return mp.matrix([mp.exp(self.lam * t)])

    def exactp(self, t):
        return mp.matrix([self.lam * mp.exp(self.lam * t)])


PROBS = [Linear(), NonAut(), Autonomised()]


def nrm(v):
    return max(abs(v[i]) for i in range(v.rows))


# =============================================================================== steppers
def step_transformed(tab, pb, t, y, h, Jpert=None, swap_cd=False):
    """
    Exactly the structure of perform_step! for RosenbrockCache / Rosenbrock33/34Cache:
      W = J - I/(h*gamma)  (calc_W);  k_i = W \\ -(f(t+c_i h, y+sum A_ij k_j) + sum C_ij/h k_j + h d_i dT)
    i.e. (I/(h gamma) - J) k_i = rhs_i.
    """
    A, C, gm, b, bt = tab["A"], tab["C"], tab["gamma"], tab["b"], tab["btilde"]
    c, d = (tab["d"], tab["c"]) if swap_cd else (tab["c"], tab["d"])
    s = len(b)
    n = y.rows
    J = pb.J(t, y)
    if Jpert is not None:
        J = J + Jpert
    W = J - mp.eye(n) / (h * gm)
    dT = pb.ft(t, y)
    ks = []
    u = y
    for i in range(s):
        u = y
        for j in range(i):
            if A[i, j] != 0:
                u = u + A[i, j] * ks[j]
        rhs = pb.f(t + c[i] * h, u) + (h * d[i]) * dT
        for j in range(i):
            if C[i, j] != 0:
                rhs = rhs + (C[i, j] / h) * ks[j]
        ks.append(mp.lu_solve(W, -rhs))
    y1 = y
    for i in range(s):
        y1 = y1 + b[i] * ks[i]
    err = mp.matrix(n, 1)
    for i in range(s):
        err = err + bt[i] * ks[i]
    # Rodas-type: u_{n+1} = (last stage argument) + k_s  -- check identity
    return y1, err, ks, u


def rodas_dense_K(tab, ks, drop_last=False):
    H = tab["H"]
    s = len(ks)
    Ks = []
    for j in range(H.rows):
        v = mp.matrix(ks[0].rows, 1)
        for i in range(s - 1 if drop_last else s):
            v = v + H[j, i] * ks[i]
        Ks.append(v)
    return Ks


def rodas_dense(th, y0, y1, K):
    th1 = 1 - th
    if len(K) == 2:   # interp_order == 2 (Rodas4 family)
        return th1 * y0 + th * (y1 + th1 * (K[0] + th * K[1]))
    return th1 * y0 + th * (y1 + th1 * (K[0] + th * (K[1] + th * K[2])))


def rodas_dense_deriv(th, dt, y0, y1, K):
    if len(K) == 2:
        return (K[0] + th * (-2 * K[0] + 2 * K[1] - 3 * K[1] * th) - y0 + y1) / dt
    return (K[0] + th * (-2 * K[0] + 2 * K[1] + th * (-3 * K[1] + 3 * K[2] - 4 * th * K[2])) - y0 + y1) / dt


def hermite(th, dt, y0, y1, f0, f1):
    return (1 - th) * y0 + th * y1 + th * (th - 1) * ((1 - 2 * th) * (y1 - y0) + (th - 1) * dt * f0 + th * dt * f1)


def step_ros23(pb, t, y, h, d, e32, which, k3T="ode", Jpert=None):
    """perform_step! for Rosenbrock23/32 ConstantCache.  W = J - I/(h d)  (calc_W with dtgamma = h d)."""
    n = y.rows
    J = pb.J(t, y)
    if Jpert is not None:
        J = J + Jpert
    dtg = h * d
    W = J - mp.eye(n) / dtg
    neginv = -1 / dtg
    dT = pb.ft(t, y)
    F0 = pb.f(t, y)
    k1 = mp.lu_solve(W, F0 + dtg * dT) * neginv
    F1 = pb.f(t + h / 2, y + (h / 2) * k1)
    k2 = mp.lu_solve(W, F1 - k1) * neginv + k1
    y2 = y + h * k2
    F2 = pb.f(t + h, y2)
    Tcoef = h if k3T == "ode" else h * d      # OrdinaryDiffEq: "+ dt*dT";  paper: "+ h*d*T"
    k3 = mp.lu_solve(W, F2 - e32 * (k2 - F1) - 2 * (k1 - F0) + Tcoef * dT) * neginv
    y3 = y + (h / 6) * (k1 + 4 * k2 + k3)
    err = (h / 6) * (k1 - 2 * k2 + k3)
    y1 = y2 if which == "23" else y3
    return y1, err, k1, k2, y2, y3


def ros23_dense(th, dt, y0, k1, k2, d):
    c1 = th * (1 - th) / (1 - 2 * d)
    c2 = th * (th - 2 * d) / (1 - 2 * d)
    return y0 + dt * (c1 * k1 + c2 * k2)


def ros23_dense_deriv(th, dt, y0, k1, k2, d):
    return (1 - 2 * th) / (1 - 2 * d) * k1 + (2 * th - 2 * d) / (1 - 2 * d) * k2


# =============================================================================== order estimation
T0 = mp.mpf("0.3")
HS = [mp.mpf("0.2") / 2 ** k for k in range(8)]
THETA = mp.mpf("0.37")


FLOOR_REL = mp.mpf("1e-13")   # ~20-100x the O(1e-15) coefficient-rounding residuals: err <= FLOOR_REL*h is noise


def slopes(errs):
    out = []
    for a, b_ in zip(errs, errs[1:]):
        if a == 0 or b_ == 0:
            out.append(float("nan"))
        else:
            out.append(float(mp.log(a / b_, 2)))
    return out


def valid_pairs(errs, deriv=False):
    """a slope is trusted only if both errors are above the coefficient-rounding floor FLOOR_REL*h
    (FLOOR_REL for derivative errors, which are divided by h)"""
    fl = [FLOOR_REL if deriv else FLOOR_REL * h for h in HS]
    return [errs[k] > fl[k] and errs[k + 1] > fl[k + 1] for k in range(len(errs) - 1)]


def fmt_slopes(sl, ok=None):
    ok = ok or [True] * len(sl)
    return " ".join(("%5.2f " % x) if v else ("%5.2f*" % x) for x, v in zip(sl, ok))


def observed(sl, ok=None):
    """order read off the last two trusted ratios"""
    ok = ok or [True] * len(sl)
    tail = [x for x, v in zip(sl, ok) if v and not math.isnan(x)]
    if not tail:
        return float("nan")
    return round(sum(tail[-2:]) / len(tail[-2:]), 2)


def describe(errs, what, deriv=False):
    sl = slopes(errs)
    ok = valid_pairs(errs, deriv)
    if not any(ok):
        return sl, float("nan"), "%s: all values at rounding level (max %s) - vanishes identically" % (what, e(max(errs)))
    o = observed(sl, ok)
    return sl, o, "%s: h=0.2 %s ; slopes %s -> %.2f" % (what, e(errs[0]), fmt_slopes(sl, ok), o)


def local_order_test(stepper, dense=None, dense_d=None, label="", probs=PROBS):
    """stepper(pb, t, y, h) -> dict(y1=..., err=..., dense=callable(theta), dense_d=callable(theta))"""
    result = {}
    for pb in probs:
        e_sol, e_est, e_den, e_dd, e_end = [], [], [], [], []
        for h in HS:
            y0 = pb.exact(T0)
            r = stepper(pb, T0, y0, h)
            e_sol.append(nrm(r["y1"] - pb.exact(T0 + h)))
            e_est.append(nrm(r["err"]))
            if r.get("dense") is not None:
                e_den.append(nrm(r["dense"](THETA) - pb.exact(T0 + THETA * h)))
                e_end.append(max(nrm(r["dense"](mp.mpf(0)) - y0), nrm(r["dense"](mp.mpf(1)) - r["y1"])))
            if r.get("dense_d") is not None:
                e_dd.append(nrm(r["dense_d"](THETA) - pb.exactp(T0 + THETA * h)))
        sl, o, txt = describe(e_sol, "local error |y1-y(t+h)|")
        sle, oe, txte = describe(e_est, "error estimate |err|   ")
        line = {"local_error_slopes": sl, "solution_order": o - 1,
                "errest_slopes": sle, "errest_order": oe - 1}
        P("    [%s]" % pb.name)
        P("      %s  => order %.2f" % (txt, o - 1))
        P("      %s  => embedded/estimate order %.2f" % (txte, oe - 1))
        if e_den:
            sd, od, txtd = describe(e_den, "dense u(theta=0.37)    ")
            line["dense_slopes"] = sd
            line["dense_order"] = od - 1
            line["dense_endpoint_maxdev"] = float(max(e_end))
            P("      %s  => interpolant order %.2f ; max(|u(0)-y0|,|u(1)-y1|) = %s" % (txtd, od - 1, e(max(e_end))))
        if e_dd:
            sdd, odd, txtdd = describe(e_dd, "d/dt dense at 0.37     ", deriv=True)
            line["dense_deriv_order"] = odd
            P("      %s  => derivative order %.2f" % (txtdd, odd))
        result[pb.name] = line
    return result


# =============================================================================== main
def main():
    P("Verification of OrdinaryDiffEq.jl Rosenbrock tableaus (mpmath, %d digits)" % mp.mp.dps)
    P("Coefficients used: the IEEE-double values Julia builds from the source literals")
    P("(%s @ %s), converted exactly to 50-digit numbers." % (rc.SRC_FILE if hasattr(rc, 'SRC_FILE') else
                                                            "rosenbrock_tableaus.jl", "1d7f56b"))
    P("Local-error tests: t0=0.3, h=0.2/2^k (k=0..7); printed slopes are log2(err(h)/err(h/2));")
    P("a method of order p has local error O(h^{p+1}); 'order' below = mean of last two trusted slopes - 1")
    P("(for the derivative of the dense output: slope itself).  Slopes marked * involve an error below")
    P("1e-13*h, i.e. at the level of the O(1e-15) rounding of the 16-digit coefficients, and are ignored.")
    P("For y'=-y the observed order can exceed p (stability function approximates exp better).")
    P("")

    expected = {"ROS3P": (3, 2), "Rodas3": (3, 2), "Rodas4": (4, 3), "Rodas42": (4, 3), "Rodas4P": (4, 3),
                "Rodas4P2": (4, 3), "Rodas5": (5, 4), "Rodas5P": (5, 4)}

    # ------------------------------------------------------------- Rosenbrock23 / 32
    dd = rc.ros23_double()
    d_m, e32_m = mp.mpf(dd["d"]), mp.mpf(dd["c32"])
    d_ex, e32_ex = 1 / (2 + mp.sqrt(2)), 6 + mp.sqrt(2)
    P("=" * 100)
    P("Rosenbrock23 / Rosenbrock32  (Shampine & Reichelt 1997, ode23s)")
    P("  d   = 1/(2+sqrt2): double %s  exact %s  diff %s" % (rc.fmt17(dd["d"]), mp.nstr(d_ex, 25), e(d_m - d_ex)))
    P("  e32 = 6+sqrt2    : double %s  exact %s  diff %s" % (rc.fmt17(dd["c32"]), mp.nstr(e32_ex, 25), e(e32_m - e32_ex)))
    for which in ("23", "32"):
        cl = rc.ros23_classical(d_m, e32_m, which)
        alpha, G, b = cl["alpha"], cl["Gamma"], cl["b"]
        gsum = [mp.fsum(G[i, j] for j in range(3)) for i in range(3)]
        P("  classical form (K_i = h k_i): gamma_i = row sums of Gamma = %s (time-derivative coefficients"
          " consistent with the autonomous form)" % [e(x) for x in gsum])
        label = "Rosenbrock%s: u_{n+1} = %s" % (which, "y + h k2 (b=[0,1,0])" if which == "23"
                                              else "y + h/6 (k1+4k2+k3) (b=[1/6,4/6,1/6])")
        ach, summ = report_conditions(label, alpha, G, b, 2 if which == "23" else 3)
        OUT.setdefault("Rosenbrock" + which, {})["order_conditions"] = {"achieved": ach, "max_residual_by_order": summ}
        # W-method check: conditions with J replaced by arbitrary matrix -> only trees without
        # J-edges constrain ... do numerically instead (below).
    P("  NOTE: stage-3 time-derivative term.  k3 = W^-1[F2 - e32(k2-F1) - 2(k1-F0) + X*T]. Consistency of the")
    P("  autonomous classical form requires gamma_3 = -d, i.e. X = h*d (as in the paper).  OrdinaryDiffEq uses")
    P("  X = dt (\"+ dt * dT\"), which corresponds to gamma_3 = 1-2d.  Numerical check below (variant 'ode' = as")
    P("  implemented, 'paper' = h*d*T).")
    for which in ("23", "32"):
        for variant in ("ode", "paper"):
            P("  -- Rosenbrock%s, k3 T-term variant '%s'" % (which, variant))

            def st(pb, t, y, h, which=which, variant=variant):
                y1, err, k1, k2, y2, y3 = step_ros23(pb, t, y, h, d_m, e32_m, which, variant)
                return dict(y1=y1, err=err,
                            dense=lambda th: ros23_dense(th, h, y, k1, k2, d_m),
                            dense_d=lambda th: ros23_dense_deriv(th, h, y, k1, k2, d_m))
            r = local_order_test(st)
            OUT.setdefault("Rosenbrock" + which, {})["numerical_" + variant] = r
        # W-method property
        Jp2 = mp.matrix([[mp.mpf("0.3"), mp.mpf("-0.2")], [mp.mpf("0.1"), mp.mpf("0.5")]])
        P("  -- Rosenbrock%s with a perturbed Jacobian J+E (W-method test, E fixed), variant 'ode'" % which)

        def stw(pb, t, y, h, which=which):
            y1, err, k1, k2, y2, y3 = step_ros23(pb, t, y, h, d_m, e32_m, which, "ode", Jpert=Jp2)
            return dict(y1=y1, err=err)
        r = local_order_test(stw, probs=[NonAut()])
        OUT["Rosenbrock" + which]["numerical_Wmethod"] = r
    # equivalence of the derived classical / transformed form with the ode23s step (paper variant)
    for which in ("23", "32"):
        cl = rc.ros23_classical(d_m, e32_m, which)
        G = cl["Gamma"]
        Gi = mp.inverse(G)
        A_eq = cl["alpha"] * Gi
        C_eq = mp.matrix(3, 3)
        for i in range(3):
            for j in range(i):
                C_eq[i, j] = -Gi[i, j]
        bm = mp.matrix([cl["b"]]) * Gi
        bt = mp.matrix([[mp.mpf(1) / 6, mp.mpf(-2) / 6, mp.mpf(1) / 6]]) * Gi
        tabeq = {"A": A_eq, "C": C_eq, "gamma": d_m, "b": [bm[0, j] for j in range(3)],
                 "btilde": [bt[0, j] for j in range(3)], "c": [0, mp.mpf(1) / 2, 1], "d": [d_m, 0, -d_m]}
        pb = NonAut()
        y0 = pb.exact(T0)
        h = mp.mpf("0.07")
        ya, erra, *_ = step_ros23(pb, T0, y0, h, d_m, e32_m, which, "paper")
        yb, errb, ks, _ = step_transformed(tabeq, pb, T0, y0, h)
        P("  Rosenbrock%s: derived W-form tableau (FORMULAS.md / tableaus.json 'equivalent_transformed_form') vs"
          " ode23s step ('paper' variant): |du| = %s, |d err| = %s" % (which, e(nrm(ya - yb)), e(nrm(erra - errb))))
    # interpolation endpoint for 32
    pb = NonAut()
    h = mp.mpf("0.05")
    y0 = pb.exact(T0)
    y1, err, k1, k2, y2, y3 = step_ros23(pb, T0, y0, h, d_m, e32_m, "32", "ode")
    dev = nrm(ros23_dense(mp.mpf(1), h, y0, k1, k2, d_m) - y1)
    P("  Rosenbrock32: |dense(theta=1) - u_{n+1}| at h=0.05 = %s  (interpolant ends at y+h*k2, the 2nd-order"
      " solution, not at the 3rd-order u_{n+1})" % e(dev))
    OUT["Rosenbrock32"]["dense_theta1_mismatch_h0.05"] = float(dev)
    P("")

    # ------------------------------------------------------------- W-form methods
    for name in ["ROS3P", "Rodas3", "Rodas4", "Rodas42", "Rodas4P", "Rodas4P2", "Rodas5", "Rodas5P"]:
        P("=" * 100)
        tabd = rc.get_double_tableau(name)
        tab = rc.to_mp(tabd)
        s = len(tab["b"])
        p, phat = expected[name]
        P("%s: %d stages, gamma = %s, expected order %d(%d)" % (name, s, rc.fmt17(tabd["gamma"]), p, phat))
        R = OUT.setdefault(name, {})
        cl = rc.classical(tab)
        alpha, G = cl["alpha"], cl["Gamma"]
        # consistency c_i = sum_j alpha_ij, d_i = sum_j gamma_ij
        ca = [mp.fsum(alpha[i, j] for j in range(s)) for i in range(s)]
        dg = [mp.fsum(G[i, j] for j in range(s)) for i in range(s)]
        cdev = max(abs(ca[i] - tab["c"][i]) for i in range(s))
        ddev = max(abs(dg[i] - tab["d"][i]) for i in range(s))
        P("  max|c_i - sum_j alpha_ij| = %s ;  max|d_i - sum_j gamma_ij| = %s" % (e(cdev), e(ddev)))
        R["c_consistency"] = float(cdev)
        R["d_consistency"] = float(ddev)
        # stiff accuracy / R(inf)
        B = alpha + G
        Binv = mp.inverse(B)
        Rinf = 1 - mp.fsum(cl["b"][i] * Binv[i, j] for i in range(s) for j in range(s))
        Rinf_hat = 1 - mp.fsum(cl["bhat"][i] * Binv[i, j] for i in range(s) for j in range(s))
        stiffacc = max(abs(cl["b"][j] - B[s - 1, j]) for j in range(s))
        P("  R(inf) main = %s ; R(inf) embedded = %s ; max_j|b_j - (alpha+Gamma)_{s,j}| (stiffly accurate if 0) = %s"
          % (e(Rinf), e(Rinf_hat), e(stiffacc)))
        R["R_inf"] = float(Rinf)
        R["R_inf_embedded"] = float(Rinf_hat)
        R["stiffly_accurate_dev"] = float(stiffacc)
        # A-stability sample on imaginary axis
        mx = mp.mpf(0)
        for k in range(-40, 41):
            yv = mp.mpf(10) ** (mp.mpf(k) / 8)
            for sg in (1, -1):
                z = mp.mpc(0, sg * yv)
                M = mp.eye(s) - z * B
                v = mp.lu_solve(M, mp.matrix([1] * s))
                Rz = 1 + z * mp.fsum(cl["b"][i] * v[i] for i in range(s))
                mx = max(mx, abs(Rz))
        P("  max |R(iy)| over y in [1e-5,1e5] = %s  (<=1 expected for A-stability)" % mp.nstr(mx, 17))
        rdiff = mp.mpf(0)
        for z in (mp.mpf(-1), mp.mpf(-10), mp.mpc(-2, 3), mp.mpf("-0.1")):
            M = mp.eye(s) - z * B
            v = mp.lu_solve(M, mp.matrix([1] * s))
            rdiff = max(rdiff, abs(z * mp.fsum((cl["b"][i] - cl["bhat"][i]) * v[i] for i in range(s))))
        P("  max |R(z) - Rhat(z)| at z in {-0.1,-1,-10,-2+3i} = %s%s" % (e(rdiff),
          "  -> main and embedded stability functions coincide: the error estimate vanishes on y'=lambda*y"
          if rdiff < 1e-13 else ""))
        R["R_minus_Rhat"] = float(rdiff)
        R["max_abs_R_imag_axis"] = float(mx)
        if name.startswith("Rodas") and name != "Rodas3":
            rowdiff = max(abs(tab["A"][s - 1, j] - tab["A"][s - 2, j] - (1 if j == s - 2 else 0)) for j in range(s))
            P("  structure: A[s,:] == A[s-1,:] + e_{s-1}: max dev %s  (so u_{n+1} = stage-s argument + k_s and"
              " the embedded solution is the stage-s argument)" % e(rowdiff))
        # order conditions
        P("  Hairer-Wanner II Table IV.7.1 (main method):")
        for tag, txt, r in hw_table71(alpha, G, cl["b"]):
            P("     %s %-52s residual %s" % (tag, txt, e(r)))
        ach, summ = report_conditions("main method", alpha, G, cl["b"], p)
        R["order_conditions_main"] = {"achieved": ach, "max_residual_by_order": summ}
        ach2, summ2 = report_conditions("embedded method (u_{n+1} - err)", alpha, G, cl["bhat"], phat)
        R["order_conditions_embedded"] = {"achieved": ach2, "max_residual_by_order": summ2}

        # numerical
        P("  numerical (transformed form exactly as perform_step!):")

        def st(pb, t, y, h, tab=tab, name=name):
            y1, err, ks, ulast = step_transformed(tab, pb, t, y, h)
            if tab["H"] is not None:
                K = rodas_dense_K(tab, ks)
                return dict(y1=y1, err=err, dense=lambda th: rodas_dense(th, y, y1, K),
                            dense_d=lambda th: rodas_dense_deriv(th, h, y, y1, K))
            f0 = pb.f(t, y)
            f1 = pb.f(t + h, y1)
            return dict(y1=y1, err=err, dense=lambda th: hermite(th, h, y, y1, f0, f1))
        R["numerical"] = local_order_test(st)

        if tab["H"] is not None:
            # derivative formula == d/dtheta of the interpolant / dt
            pb = NonAut()
            h = mp.mpf("0.05")
            y0 = pb.exact(T0)
            y1, err, ks, ulast = step_transformed(tab, pb, T0, y0, h)
            K = rodas_dense_K(tab, ks)
            dmax = mp.mpf(0)
            for th in (mp.mpf("0.1"), mp.mpf("0.5"), mp.mpf("0.83")):
                num = mp.matrix([mp.diff(lambda x, i=i: rodas_dense(x, y0, y1, K)[i], th) for i in range(2)]) / h
                dmax = max(dmax, nrm(num - rodas_dense_deriv(th, h, y0, y1, K)))
            P("  derivative formula vs d/dtheta(interpolant)/dt: max dev %s" % e(dmax))
            R["deriv_formula_consistency"] = float(dmax)
            lastcol = max(abs(tab["H"][j, s - 1]) for j in range(tab["H"].rows))
            P("  max|H[:, s]| = %s" % e(lastcol))
            if lastcol != 0:
                P("  -- dense output with H[:, s] dropped (what _ode_addsteps! computes: 'Last stage doesn't affect ks'):")

                def st2(pb, t, y, h, tab=tab):
                    y1, err, ks, ulast = step_transformed(tab, pb, t, y, h)
                    K = rodas_dense_K(tab, ks, drop_last=True)
                    return dict(y1=y1, err=err, dense=lambda th: rodas_dense(th, y, y1, K))
                R["numerical_addsteps_drop_last"] = local_order_test(st2, probs=[NonAut()])
        if name in ("Rodas5", "Rodas5P"):
            P("  -- with c and d swapped (RodasTableau(A, C, gamma, d, c, H) as in commit 0054db2):")

            def st3(pb, t, y, h, tab=tab):
                y1, err, ks, ulast = step_transformed(tab, pb, t, y, h, swap_cd=True)
                return dict(y1=y1, err=err)
            R["numerical_cd_swapped"] = local_order_test(st3, probs=[NonAut()])
        P("")

    # ROS3P exact-coefficient cross-check
    P("=" * 100)
    P("ROS3P: closed forms vs the Float64 values (gamma = 1/2 + sqrt(3)/6)")
    ex = rc.ros3p_exact()
    dbl = rc.ros3p_double()
    for key in ("A", "C"):
        for i in range(3):
            for j in range(3):
                if dbl[key][i][j] != 0:
                    P("  %s[%d,%d] double %-24s exact %s  diff %s" % (key, i + 1, j + 1, rc.fmt17(dbl[key][i][j]),
                      mp.nstr(ex[key][i][j], 25), e(mp.mpf(dbl[key][i][j]) - ex[key][i][j])))
    for i in range(3):
        P("  b[%d] double %-24s exact %s  diff %s" % (i + 1, rc.fmt17(dbl["b"][i]), mp.nstr(ex["b"][i], 25),
                                                   e(mp.mpf(dbl["b"][i]) - ex["b"][i])))
    for i in range(3):
        P("  d[%d] double %-24s exact %s  diff %s" % (i + 1, rc.fmt17(dbl["d"][i]), mp.nstr(ex["d"][i], 25),
                                                   e(mp.mpf(dbl["d"][i]) - ex["d"][i])))
    # embedded weights bhat (double literals) - identify closed forms
    bh = rc.ROS3P_DOUBLE_LITERALS
    bhx = [mp.mpf(3) / 2 + mp.sqrt(3) / 6 * 0 + (mp.sqrt(3) - 1) / 2 * 0, 1, 1 - 1 / mp.sqrt(3)]
    for k, key in enumerate(("btilde_hat1", "btilde_hat2", "btilde_hat3")):
        v = mp.mpf(rc.lit_double(bh[key]))
        P("  bhat[%d] literal %s -> double %s ; mpmath.identify: %s" % (k + 1, bh[key], rc.fmt17(float(v)),
          mp.identify(v, ["sqrt(3)"], tol=mp.mpf("1e-15"))))
    tabm = rc.to_mp(dbl)
    clx = rc.classical(tabm)
    P("  embedded transformed weights bhat = b - btilde (source literals 2.113248654051871, 1.0, 0.4226497308103742)")
    P("  classical ROS3P (alpha, Gamma, b, bhat):")
    for i in range(3):
        P("    alpha[%d,:] = %s   Gamma[%d,:] = %s" % (i + 1, [mp.nstr(clx["alpha"][i, j], 17) for j in range(3)],
                                                     i + 1, [mp.nstr(clx["Gamma"][i, j], 17) for j in range(3)]))
    P("    b = %s   bhat = %s" % ([mp.nstr(x, 17) for x in clx["b"]], [mp.nstr(x, 17) for x in clx["bhat"]]))

    with open("verify_results.json", "w") as fh:
        json.dump(OUT, fh, indent=1, default=float)


if __name__ == "__main__":
    main()
