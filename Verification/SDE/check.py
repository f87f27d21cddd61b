#!/usr/bin/env python3
"""
Numerical check of the StochasticDiffEq.jl SRK formulas collected in FORMULAS.md.

What it does (numpy only, deterministic seed):
  1. loads coefficients.json (the data the Swift port should use);
  2. evaluates Roessler's order conditions (checkSRIOrder / checkSRAOrder, transcribed
     from StochasticDiffEq src/tableaus.jl) for every SRI / SRA tableau;
  3. checks that the hand-unrolled steps (SRIW1, FourStageSRI=SOSRI, SRA1,
     ThreeStageSRA=SRA3/SOSRA) agree with the generic tableau-driven SRI/SRA steps;
  4. measures strong order (E|u_N - u(T)| at T=1) on one Brownian path per sample,
     refined by halving dt (same path at every level, I_(1,0) coarsened exactly):
        GBM  du = 1.01 u dt + 0.87 u dW, u0 = 1/2            (SRIW1, SOSRI, SRIW2,
             SOSRI2, RKMilCommute, LambaEM)
        additive du = (b/sqrt(1+t) - u/(2(1+t))) dt + a b/sqrt(1+t) dW, u0 = 1,
             a = 0.1, b = 0.05                                (SRA1, SRA2, SRA3, SOSRA,
             SOSRA2, SRIW1)
  5. shows on a nonlinear scalar problem (reference = fine SRIW1 on the same path) that
     the chi2 = (dW + dZ/sqrt3)/2 term needs dZ that is consistent with the path's
     I_(1,0) for order 1.5 (exact coarsening vs. summing dZ like a Brownian motion);
  6. reports the scaling of the embedded error pieces E1, E2 and a sample EEst.

Run:  python3 check.py > check.txt
"""
import json
import math
import os
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
SQRT3 = math.sqrt(3.0)


# --------------------------------------------------------------------------- data
def load_coeffs():
    with open(os.path.join(HERE, "coefficients.json")) as fh:
        d = json.load(fh)

    def arr(x):
        if isinstance(x, list) and x and isinstance(x[0], list):
            return np.array([[e["value"] for e in row] for row in x])
        return np.array([e["value"] for e in x])

    tabs = {}
    for fam in ("SRI", "SRA"):
        for name, t in d[fam].items():
            keys = ["c0", "c1", "alpha", "beta1", "beta2", "A0", "B0"]
            if fam == "SRI":
                keys += ["beta3", "beta4", "A1", "B1"]
            tabs[name] = {k: arr(t[k]) for k in keys}
            tabs[name]["family"] = fam
            # sanity: hex literal == value
            for k in keys:
                flat = t[k] if not isinstance(t[k][0], list) else [e for r in t[k] for e in r]
                for e in flat:
                    assert float.fromhex(e["hex"]) == e["value"], (name, k, e)
    return d, tabs


# ------------------------------------------------------------ order conditions
def check_sri_order(T):
    """Transcription of checkSRIOrder (tableaus.jl); returns list of residuals."""
    c0, c1, A0, A1, B0, B1 = T["c0"], T["c1"], T["A0"], T["A1"], T["B0"], T["B1"]
    a, b1, b2, b3, b4 = T["alpha"], T["beta1"], T["beta2"], T["beta3"], T["beta4"]
    e = np.ones_like(a)
    r = [None] * 25
    r[0] = a @ e - 1
    r[1] = b1 @ e - 1
    r[2] = b2 @ e
    r[3] = b3 @ e
    r[4] = b4 @ e
    r[5] = (b1 @ B1).sum()
    r[6] = (b2 @ B1).sum() - 1
    r[7] = (b3 @ B1).sum()
    r[8] = (b4 @ B1).sum()
    r[9] = (a @ A0).sum() - 0.5
    r[10] = (a @ B0).sum() - 1
    r[11] = a @ (B0 @ e) ** 2 - 1.5
    r[12] = (b1 @ A1).sum() - 1
    r[13] = (b2 @ A1).sum()
    r[14] = (b3 @ A1).sum() + 1
    r[15] = (b4 @ A1).sum()
    r[16] = b1 @ (B1 @ e) ** 2 - 1
    r[17] = b2 @ (B1 @ e) ** 2
    r[18] = b3 @ (B1 @ e) ** 2 + 1
    r[19] = b4 @ (B1 @ e) ** 2 - 2
    r[20] = b1 @ B1 @ (B1 @ e)
    r[21] = b2 @ B1 @ (B1 @ e)
    r[22] = b3 @ B1 @ (B1 @ e)
    r[23] = b4 @ B1 @ (B1 @ e) - 1
    r[24] = 0.5 * b1 @ (A1 @ (B0 @ e)) + (1 / 3) * b3 @ (A1 @ (B0 @ e))
    return r


def check_sra_order(T):
    """Transcription of checkSRAOrder (tableaus.jl)."""
    c1, A0, B0 = T["c1"], T["A0"], T["B0"]
    a, b1, b2 = T["alpha"], T["beta1"], T["beta2"]
    e = np.ones_like(a)
    return [a @ e - 1, b1 @ e - 1, b2 @ e, a @ (B0 @ e) - 1, a @ (A0 @ e) - 0.5,
            a @ (B0 @ e) ** 2 - 1.5, b1 @ c1 - 1, b2 @ c1 + 1]


# ------------------------------------------------------------------ the steps
# All steps: scalar-per-path state u (numpy arrays over paths), diagonal noise.
# f(u,t), g(u,t) vectorised.  Return (u_new, E1, E2) where E1, E2 are the signed
# error pieces fed to calculate_residuals(E1, E2, uprev, u, abstol, reltol, delta).

def chis(dt, dW, dZ):
    sqdt = math.sqrt(dt)
    chi1 = (dW ** 2 - dt) / (2 * sqdt)            # I_(1,1)/sqrt(h)
    chi2 = (dW + dZ / SQRT3) / 2                  # I_(1,0)/h
    chi3 = (dW ** 3 - 3 * dW * dt) / (6 * dt)     # I_(1,1,1)/h
    return chi1, chi2, chi3


def sri_generic(T, f, g, t, u, dt, dW, dZ, error_terms=4):
    """perform_step!(SRIConstantCache): tableau-driven SRI step (Roessler 2010)."""
    c0, c1, A0, A1, B0, B1 = T["c0"], T["c1"], T["A0"], T["A1"], T["B0"], T["B1"]
    al, b1, b2, b3, b4 = T["alpha"], T["beta1"], T["beta2"], T["beta3"], T["beta4"]
    s = len(al)
    sqdt = math.sqrt(dt)
    chi1, chi2, chi3 = chis(dt, dW, dZ)
    H0, H1, F, G = [], [], [], []
    for i in range(s):
        a0 = sum(A0[i, j] * F[j] for j in range(i)) if i else 0.0
        a1 = sum(A1[i, j] * F[j] for j in range(i)) if i else 0.0
        bb0 = sum(B0[i, j] * G[j] for j in range(i)) if i else 0.0
        bb1 = sum(B1[i, j] * G[j] for j in range(i)) if i else 0.0
        H0.append(u + dt * a0 + chi2 * bb0)
        H1.append(u + dt * a1 + sqdt * bb1)
        F.append(f(H0[i], t + c0[i] * dt))
        G.append(g(H1[i], t + c1[i] * dt))
    atemp = sum(al[i] * F[i] for i in range(s))
    btemp = sum((b1[i] * dW + b2[i] * chi1) * G[i] for i in range(s))
    E2 = sum((b3[i] * chi2 + b4[i] * chi3) * G[i] for i in range(s))
    E1 = dt * sum(F[i] for i in range(min(error_terms, s)))
    return u + dt * atemp + btemp + E2, E1, E2


def sriw1_step(f, g, t, u, dt, dW, dZ):
    """perform_step!(SRIW1ConstantCache), literally."""
    sqdt = math.sqrt(dt)
    chi1, chi2, chi3 = chis(dt, dW, dZ)
    fH01 = dt * f(u, t)
    g1 = g(u, t)
    fH01o4 = fH01 / 4
    dto4 = dt / 4
    g1o2 = g1 / 2
    H0 = u + 3 * (fH01o4 + chi2 * g1o2)
    H11 = u + fH01o4 + sqdt * g1o2
    H12 = u + fH01 - sqdt * g1
    g2 = g(H11, t + dto4)
    g3 = g(H12, t + dt)
    H13 = u + fH01o4 + sqdt * (-5 * g1 + 3 * g2 + g3 / 2)
    g4 = g(H13, t + dto4)
    fH02 = dt * f(H0, t + 3 * dto4)
    g2o3 = g2 / 3
    Fg2o3 = 4 * g2o3
    g3o3 = g3 / 3
    Tg3o3 = 2 * g3o3
    mg1 = -g1
    E2 = chi2 * (2 * g1 - Fg2o3 - Tg3o3) + chi3 * (2 * mg1 + 5 * g2o3 - Tg3o3 + g4)
    unew = u + (fH01 + 2 * fH02) / 3 + dW * (mg1 + Fg2o3 + Tg3o3) + chi1 * (mg1 + Fg2o3 - g3o3) + E2
    E1 = fH01 + fH02
    return unew, E1, E2


def fourstage_sri_step(T, f, g, t, u, dt, dW, dZ):
    """perform_step!(FourStageSRIConstantCache) (SOSRI/SOSRI2/SRIW2), literally."""
    A0, A1, B0, B1 = T["A0"], T["A1"], T["B0"], T["B1"]
    c0, c1 = T["c0"], T["c1"]
    al, b1, b2, b3, b4 = T["alpha"], T["beta1"], T["beta2"], T["beta3"], T["beta4"]
    sqdt = math.sqrt(dt)
    chi1, chi2, chi3 = chis(dt, dW, dZ)
    k1 = f(u, t)
    g1 = g(u, t + c1[0] * dt)
    H01 = u + dt * A0[1, 0] * k1 + B0[1, 0] * chi2 * g1
    H11 = u + dt * A1[1, 0] * k1 + sqdt * B1[1, 0] * g1
    k2 = f(H01, t + c0[1] * dt)
    g2 = g(H11, t + c1[1] * dt)
    H02 = u + dt * (A0[2, 0] * k1 + A0[2, 1] * k2) + chi2 * (B0[2, 0] * g1 + B0[2, 1] * g2)
    H12 = u + dt * (A1[2, 0] * k1 + A1[2, 1] * k2) + sqdt * (B1[2, 0] * g1 + B1[2, 1] * g2)
    k3 = f(H02, t + c0[2] * dt)
    g3 = g(H12, t + c1[2] * dt)
    H03 = u + dt * (A0[3, 0] * k1 + A0[3, 1] * k2 + A0[3, 2] * k3) + chi2 * (B0[3, 0] * g1 + B0[3, 1] * g2 + B0[3, 2] * g3)
    H13 = u + dt * (A1[3, 0] * k1 + A1[3, 1] * k2 + A1[3, 2] * k3) + sqdt * (B1[3, 0] * g1 + B1[3, 1] * g2 + B1[3, 2] * g3)
    k4 = f(H03, t + c0[3] * dt)
    g4 = g(H13, t + c1[3] * dt)
    E2 = chi2 * (b3[0] * g1 + b3[1] * g2 + b3[2] * g3 + b3[3] * g4) + chi3 * (b4[0] * g1 + b4[1] * g2 + b4[2] * g3 + b4[3] * g4)
    unew = (u + dt * (al[0] * k1 + al[1] * k2 + al[2] * k3 + al[3] * k4) + E2
            + dW * (b1[0] * g1 + b1[1] * g2 + b1[2] * g3 + b1[3] * g4)
            + chi1 * (b2[0] * g1 + b2[1] * g2 + b2[2] * g3 + b2[3] * g4))
    E1 = dt * (k1 + k2 + k3 + k4)
    return unew, E1, E2


def sra_generic(T, f, g, t, u, dt, dW, dZ):
    """perform_step!(SRAConstantCache): tableau-driven SRA step (additive noise)."""
    c0, c1, A0, B0 = T["c0"], T["c1"], T["A0"], T["B0"]
    al, b1, b2 = T["alpha"], T["beta1"], T["beta2"]
    s = len(al)
    chi2 = (dW + dZ / SQRT3) / 2
    H0 = []
    for i in range(s):
        a0 = sum(A0[i, j] * f(H0[j], t + c0[j] * dt) for j in range(i)) if i else 0.0
        bb0 = sum(B0[i, j] * g(H0[j], t + c1[j] * dt) for j in range(i)) if i else 0.0
        H0.append(u + a0 * dt + bb0 * chi2)
    F = [f(H0[i], t + c0[i] * dt) for i in range(s)]
    G = [g(H0[i], t + c1[i] * dt) for i in range(s)]
    atemp = sum(al[i] * F[i] for i in range(s))
    btemp = sum(b1[i] * dW * G[i] for i in range(s))
    E2 = sum(b2[i] * chi2 * G[i] for i in range(s))
    E1 = dt * sum(F)
    return u + dt * atemp + btemp + E2, E1, E2


def sra1_step(f, g, t, u, dt, dW, dZ):
    """perform_step!(SRA1ConstantCache), literally (only valid for additive noise)."""
    gpdt = g(u, t + dt)
    chi2 = (dW + dZ / SQRT3) / 2
    k1 = dt * f(u, t)
    k2 = dt * f(u + 3 * k1 / 4 + 3 * chi2 * gpdt / 2, t + 3 * dt / 4)
    E2 = chi2 * (g(u, t) - gpdt)
    unew = u + k1 / 3 + 2 * k2 / 3 + E2 + dW * gpdt
    return unew, k1 + k2, E2


def threestage_sra_step(T, f, g, t, u, dt, dW, dZ):
    """perform_step!(ThreeStageSRAConstantCache) (SRA3/SOSRA/SOSRA2), literally."""
    A0, B0, c0, c1 = T["A0"], T["B0"], T["c0"], T["c1"]
    al, b1, b2 = T["alpha"], T["beta1"], T["beta2"]
    chi2 = 0.5 * (dW + dZ / SQRT3)
    g1 = g(u, t + c1[0] * dt)
    k1 = f(u, t)
    H01 = u + dt * A0[1, 0] * k1 + B0[1, 0] * chi2 * g1
    g2 = g(H01, t + c1[1] * dt)
    k2 = f(H01, t + c0[1] * dt)
    H02 = u + dt * (A0[2, 0] * k1 + A0[2, 1] * k2) + chi2 * (B0[2, 0] * g1 + B0[2, 1] * g2)
    g3 = g(H02, t + c1[2] * dt)
    k3 = f(H02, t + c0[2] * dt)
    E1s = dt * (al[0] * k1 + al[1] * k2 + al[2] * k3)
    E2 = chi2 * (b2[0] * g1 + b2[1] * g2 + b2[2] * g3)
    unew = u + E1s + E2 + dW * (b1[0] * g1 + b1[1] * g2 + b1[2] * g3)
    return unew, dt * (k1 + k2 + k3), E2


def lambaem_oop_step(f, g, t, u, dt, dW, dZ, split=True):
    """perform_step!(LambaEMConstantCache) (out-of-place), literally (diagonal noise)."""
    sqdt = math.sqrt(dt)
    du1 = f(u, t)
    K = u + dt * du1
    L = g(u, t + dt) if split else g(K, t + dt)
    noise = L * dW
    unew = K + noise
    du2 = f(K, t + dt)
    Ed = dt * (du2 - du1) / 2
    utilde = K + noise * sqdt              # current source; older versions: K + L*sqdt
    ggprime = (g(utilde, t) - L) / sqdt
    En = ggprime * (dW ** 2 - dt) / 2
    return unew, Ed, En


def lambaem_iip_step(f, g, t, u, dt, dW, dZ, split=True):
    """perform_step!(LambaEMCache) (in-place), diagonal-noise branch.  Returns
    (u, tmp) where tmp is the *already combined* error numerator (see FORMULAS.md)."""
    sqdt = math.sqrt(dt)
    du1 = f(u, t)
    K = u + dt * du1
    L = g(K, t + dt) if split else g(u, t + dt)
    unew = K + L * dW
    gtmp = g(K + sqdt * L, t)
    tmp = (gtmp - L) / (2 * sqdt) * (dW ** 2 - dt)
    du2 = f(K, t + dt)
    return unew, tmp, du1, du2


def rkmilcommute_step(f, g, t, u, dt, dW, dZ, ito=True):
    """perform_step!(RKMilCommuteConstantCache), diagonal/scalar-noise branch."""
    sqdt = math.sqrt(dt)
    J = 0.5 * dW * dW
    if ito:
        J = J - 0.5 * dt
    du1 = f(u, t)
    L = g(u, t)
    K = u + dt * du1
    tmp = (K if ito else u) + sqdt * L
    Dg = (g(tmp, t) - L) / sqdt
    unew = K + L * dW + Dg * J
    En_scalar_per_path = np.abs(dW) ** 3 * np.abs(Dg) ** 2 / 6   # internalnorm of scalar = abs
    du2 = f(K, t + dt)
    return unew, du1, du2, En_scalar_per_path


# ------------------------------------------------------------- residual / EEst
def calculate_residuals(E1, E2, u0, u1, abstol, reltol, delta):
    """DiffEqBase.calculate_residuals(E1,E2,u0,u1,alpha,rho,delta,norm,t) (elementwise)."""
    return (delta * E1 + E2) / (abstol + np.maximum(np.abs(u0), np.abs(u1)) * reltol)


def internalnorm(x):
    """ODE_DEFAULT_NORM: RMS over components (scalar -> abs)."""
    x = np.asarray(x)
    return math.sqrt(float(np.mean(np.abs(x) ** 2)))


# ------------------------------------------------------------- Brownian paths
def fine_increments(rng, P, Nf, T=1.0):
    """Exact samples of (dW, I10) on a uniform grid of Nf steps, P paths.
    I10 = int_t^{t+h} (W(s)-W(t)) ds = h/2 (dW + dZ/sqrt3), dZ ~ N(0,h) indep."""
    h = T / Nf
    dW = rng.standard_normal((Nf, P)) * math.sqrt(h)
    dZ = rng.standard_normal((Nf, P)) * math.sqrt(h)
    I10 = h / 2 * (dW + dZ / SQRT3)
    return h, dW, dZ, I10


def coarsen(h, dW, dZ, I10, mode="exact"):
    """Pair up consecutive steps.  mode='exact': the coarse I10 is the true one of the same
    path, I10 = I10_a + I10_b + h dW_a, and dZ := sqrt3 (2 I10/H - dW).
    mode='brownian': dZ_coarse = dZ_a + dZ_b (Z treated as an independent Brownian motion)."""
    dWa, dWb = dW[0::2], dW[1::2]
    H = 2 * h
    dWc = dWa + dWb
    I10c = I10[0::2] + I10[1::2] + h * dWa
    if mode == "exact":
        dZc = SQRT3 * (2 * I10c / H - dWc)
    else:
        dZc = dZ[0::2] + dZ[1::2]
        I10c = H / 2 * (dWc + dZc / SQRT3)
    return H, dWc, dZc, I10c


def levels(h, dW, dZ, I10, nlev, mode="exact"):
    out = [(h, dW, dZ)]
    for _ in range(nlev - 1):
        h, dW, dZ, I10 = coarsen(h, dW, dZ, I10, mode)
        out.append((h, dW, dZ))
    return out  # finest first


def integrate(step, f, g, u0, h, dW, dZ, t0=0.0):
    u = np.full(dW.shape[1], u0, dtype=float)
    t = t0
    for n in range(dW.shape[0]):
        u = step(f, g, t, u, h, dW[n], dZ[n])[0]
        t = t0 + (n + 1) * h
    return u


def fit_order(dts, errs):
    x, y = np.log(np.array(dts)), np.log(np.array(errs))
    A = np.vstack([x, np.ones_like(x)]).T
    slope = np.linalg.lstsq(A, y, rcond=None)[0][0]
    return slope


def report_convergence(title, methods, f, g, u0, exact_final, lev, W_T):
    print(f"\n### {title}")
    dts = [h for (h, _, _) in lev][::-1]  # coarse -> fine
    print("dt:        " + "  ".join(f"{dt:10.3e}" for dt in dts))
    results = {}
    for name, step in methods:
        errs, sems = [], []
        for (h, dW, dZ) in lev[::-1]:
            uN = integrate(step, f, g, u0, h, dW, dZ)
            e = np.abs(uN - exact_final)
            errs.append(float(np.mean(e)))
            sems.append(float(np.std(e) / math.sqrt(len(e))))
        p = fit_order(dts, errs)
        pairs = [math.log2(errs[i] / errs[i + 1]) for i in range(len(errs) - 1)]
        results[name] = (p, errs)
        print(f"{name:<22s}" + "  ".join(f"{e:10.3e}" for e in errs))
        print(f"{'':<22s}pairwise log2 ratios: " + " ".join(f"{q:5.2f}" for q in pairs))
        print(f"{'':<22s}least-squares strong order = {p:.3f}")
    return results


# ------------------------------------------------------------- RSwM stacks
DISC = 1e-15


class NoiseRSwM:
    """Scalar transcription of DiffEqNoiseProcess setup_next_step!/accept_step!/reject_step!
    for RSwM2 and RSwM3 (src/noise_interfaces/noise_process_interface.jl).
    fixed=True applies the two corrections described in FORMULAS.md section 6.3:
      (a) RSwM1/2 reject: bridge variance uses the full old step h (code passes dtnew);
      (b) RSwM3: S2 always tiles [0, dt] (also when the bridged piece ends on a stack
          boundary) and a rejection bridges only inside the straddling S2 piece,
          truncating S2 instead of leaving it stale."""

    def __init__(self, rng, dt, alg="RSwM3", fixed=False):
        self.rng, self.alg, self.fixed = rng, alg, fixed
        self.S1, self.S2 = [], []
        self.dt, self.dW = dt, 0.0
        self.setup()

    def bridge(self, Wh, q, h):           # WHITE_NOISE_BRIDGE with W0 = 0
        return q * Wh + math.sqrt((1 - q) * q * abs(h)) * self.rng.standard_normal()

    def setup(self):
        rs3 = self.alg == "RSwM3"
        if rs3:
            self.S2 = []
        dttmp, self.dW = 0.0, 0.0
        while self.S1:
            L1, L2 = self.S1.pop()
            qtmp = (self.dt - dttmp) / L1
            if qtmp > 1:
                dttmp += L1
                self.dW += L2
                if rs3 and L1 > DISC:
                    self.S2.append((L1, L2))
            else:
                dttmp += qtmp * L1
                dWt = self.bridge(L2, qtmp, L1)
                self.dW += dWt
                if (1 - qtmp) * L1 > DISC:
                    self.S1.append(((1 - qtmp) * L1, L2 - dWt))
                    if rs3 and qtmp * L1 > DISC and not self.fixed:
                        self.S2.append((qtmp * L1, dWt))
                if rs3 and self.fixed and qtmp * L1 > DISC:
                    self.S2.append((qtmp * L1, dWt))
                break
        dtleft = abs(self.dt - dttmp)
        if dtleft > DISC:
            dWt = math.sqrt(dtleft) * self.rng.standard_normal()
            self.dW += dWt
            if rs3:
                self.S2.append((dtleft, dWt))

    def accept(self, dtnew):
        self.dt = dtnew
        self.setup()

    def reject(self, dtnew):
        q = dtnew / self.dt
        if self.alg == "RSwM2":
            dWt = self.bridge(self.dW, q, self.dt if self.fixed else dtnew)
            cut = self.dt - dtnew
            if cut > DISC:
                self.S1.append((cut, self.dW - dWt))
            self.dW, self.dt = dWt, dtnew
            return
        if self.fixed:
            tend, popped = self.dt, []
            while self.S2:
                L1, L2 = self.S2.pop()
                tstart = tend - L1
                if tstart >= dtnew:
                    popped.append((L1, L2))
                    tend = tstart
                    continue
                fr = (dtnew - tstart) / L1
                X = self.bridge(L2, fr, L1)
                for pc in popped:
                    self.S1.append(pc)
                if L1 - (dtnew - tstart) > DISC:
                    self.S1.append((L1 - (dtnew - tstart), L2 - X))
                self.S2.append((dtnew - tstart, X))
                break
            self.dt, self.dW = dtnew, sum(p[1] for p in self.S2)
            return
        dttmp, dWtmp = 0.0, 0.0           # code-faithful RSwM3 rejection
        while self.S2:
            L1, L2 = self.S2.pop()
            if dttmp + L1 < (1 - q) * self.dt:
                dttmp += L1
                dWtmp += L2
                self.S1.append((L1, L2))
            else:
                self.S2.append((L1, L2))
                break
        dtK = self.dt - dttmp
        qK = q * self.dt / dtK
        dWtmp = self.dW - dWtmp
        dWt = self.bridge(dWtmp, qK, dtK)
        cut = abs((1 - qK) * dtK)
        if cut > DISC:
            self.S1.append((cut, dWtmp - dWt))
        self.dt, self.dW = dtnew, dWt


def rswm_stats(alg, fixed, prej, M, seed, T=1.0):
    """Drive the noise process with accept/reject decisions that are independent of the
    noise (so every accepted increment must be exactly N(0, dt) and independent)."""
    rng = np.random.default_rng(seed)
    zs, WT, nrej = [], np.empty(M), 0
    for m in range(M):
        t, Wsum = 0.0, 0.0
        W = NoiseRSwM(rng, 0.1 * rng.uniform(0.5, 2), alg, fixed)
        while True:
            if rng.random() < prej:
                W.reject(rng.uniform(0.2, 0.9) * W.dt)
                nrej += 1
                continue
            zs.append(W.dW / math.sqrt(W.dt))
            Wsum += W.dW
            t += W.dt
            if t >= T - 1e-12:
                break
            W.accept(min(rng.uniform(0.01, 0.2), T - t))
        WT[m] = Wsum
    zs = np.array(zs)
    return len(zs), nrej / len(zs), float(zs.var()), float(np.corrcoef(zs[:-1], zs[1:])[0, 1]), float(WT.var())


# ---------------------------------------------------------------------- main
def main():
    t_start = time.time()
    np.set_printoptions(linewidth=120)
    d, tabs = load_coeffs()
    print("StochasticDiffEq.jl SRK check  (numpy %s, python %s)" % (np.__version__, sys.version.split()[0]))
    print("coefficients.json hex literals round-trip: OK")

    # ---------------------------------------------------------------- 1. order conditions
    print("\n## 1. Roessler order conditions (checkSRIOrder / checkSRAOrder residuals)")
    for name, T in tabs.items():
        if T["family"] == "SRI":
            r = check_sri_order(T)
        else:
            r = check_sra_order(T)
        mx = max(abs(x) for x in r)
        bad = [i + 1 for i, x in enumerate(r) if abs(x) >= 1e-6]
        print(f"{name:<7s} {len(r):2d} conditions, max |residual| = {mx:.3e}, "
              f"failing (tol 1e-6): {bad if bad else 'none'}")
    # SOSRI c-vectors: cache literal vs row sums
    for name in ("SOSRI", "SOSRI2"):
        T = tabs[name]
        d0 = T["c0"] - T["A0"].sum(1)
        d1 = T["c1"] - T["A1"].sum(1)
        print(f"{name}: c0 - A0*e = {d0},  c1 - A1*e = {d1}")
    for name in ("SRA1", "SRA2", "SRA3", "SOSRA", "SOSRA2", "SRIW1", "SRIW2"):
        T = tabs[name]
        print(f"{name}: c0 - A0*e = {T['c0'] - T['A0'].sum(1)}")

    # ---------------------------------------------------------------- 2. unrolled vs generic
    print("\n## 2. Hand-unrolled steps vs tableau-driven generic steps (random inputs)")
    rng = np.random.default_rng(12345)
    P = 64
    u = 0.3 + rng.random(P)
    t, dt = 0.37, 0.01
    dW = rng.standard_normal(P) * math.sqrt(dt)
    dZ = rng.standard_normal(P) * math.sqrt(dt)
    fnl = lambda x, s: np.sin(x) + 0.3 * s * x
    gnl = lambda x, s: 0.4 * np.cos(x) + 0.2 * x * (1 + s)
    gadd = lambda x, s: 0.2 + 0.5 * s * s + 0 * x

    def cmp(label, a, b):
        err = [float(np.max(np.abs(x - y))) for x, y in zip(a, b)]
        print(f"{label:<58s} max|du|={err[0]:.2e}  max|dE1|={err[1]:.2e}  max|dE2|={err[2]:.2e}")

    cmp("SRIW1 unrolled vs SRI(SRIW1 tableau, error_terms=2)",
        sriw1_step(fnl, gnl, t, u, dt, dW, dZ), sri_generic(tabs["SRIW1"], fnl, gnl, t, u, dt, dW, dZ, 2))
    a = sriw1_step(fnl, gnl, t, u, dt, dW, dZ)
    b = sri_generic(tabs["SRIW1"], fnl, gnl, t, u, dt, dW, dZ, 4)
    print(f"{'  note: SRI(SRIW1) default error_terms=4 gives E1 differing by':<58s} "
          f"max|dE1|={float(np.max(np.abs(a[1] - b[1]))):.2e}  (= dt*2*f(u,t), stages 3,4 sit at uprev)")
    for name in ("SOSRI", "SOSRI2", "SRIW2"):
        cmp(f"{name} FourStageSRI vs SRI({name} tableau, error_terms=4)",
            fourstage_sri_step(tabs[name], fnl, gnl, t, u, dt, dW, dZ),
            sri_generic(tabs[name], fnl, gnl, t, u, dt, dW, dZ, 4))
    cmp("SRA1 unrolled vs SRA(SRA1 tableau)  [additive g(t)]",
        sra1_step(fnl, gadd, t, u, dt, dW, dZ), sra_generic(tabs["SRA1"], fnl, gadd, t, u, dt, dW, dZ))
    for name in ("SRA3", "SOSRA", "SOSRA2"):
        cmp(f"{name} ThreeStageSRA vs SRA({name} tableau)",
            threestage_sra_step(tabs[name], fnl, gadd, t, u, dt, dW, dZ),
            sra_generic(tabs[name], fnl, gadd, t, u, dt, dW, dZ))

    # ---------------------------------------------------------------- 3. convergence
    print("\n## 3. Strong convergence, fixed step, same Brownian path at every level")
    P = 2000
    kmin, kmax = 3, 10          # dt = 2^-3 ... 2^-10  (7 halvings, 8 levels)
    nlev = kmax - kmin + 1
    rng = np.random.default_rng(2024)
    h, dWf, dZf, I10f = fine_increments(rng, P, 2 ** kmax)
    lev = levels(h, dWf, dZf, I10f, nlev, "exact")
    W_T = dWf.sum(0)
    # sanity of the coarsening: coarsest level sums
    assert np.allclose(lev[-1][1].sum(0), W_T)
    print(f"paths = {P}, T = 1, dt = 2^-{kmin} ... 2^-{kmax}; error = mean_paths |u_N - u_exact(1)|")

    # GBM  (DiffEqProblemLibrary prob_sde_linear)
    fg = lambda x, s: 1.01 * x
    gg = lambda x, s: 0.87 * x
    u0 = 0.5
    exact_gbm = u0 * np.exp((1.01 - 0.87 ** 2 / 2) * 1.0 + 0.87 * W_T)
    methods = [
        ("SRIW1", sriw1_step),
        ("SOSRI", lambda f, g, t, u, dt, dW, dZ: fourstage_sri_step(tabs["SOSRI"], f, g, t, u, dt, dW, dZ)),
        ("SRIW2", lambda f, g, t, u, dt, dW, dZ: fourstage_sri_step(tabs["SRIW2"], f, g, t, u, dt, dW, dZ)),
        ("SOSRI2", lambda f, g, t, u, dt, dW, dZ: fourstage_sri_step(tabs["SOSRI2"], f, g, t, u, dt, dW, dZ)),
        ("RKMilCommute(Ito)", lambda f, g, t, u, dt, dW, dZ: (rkmilcommute_step(f, g, t, u, dt, dW, dZ)[0],)),
        ("LambaEM oop split", lambda f, g, t, u, dt, dW, dZ: lambaem_oop_step(f, g, t, u, dt, dW, dZ, True)),
        ("LambaEM iip split", lambda f, g, t, u, dt, dW, dZ: lambaem_iip_step(f, g, t, u, dt, dW, dZ, True)),
    ]
    res_gbm = report_convergence("GBM du = 1.01 u dt + 0.87 u dW, u0 = 1/2", methods, fg, gg, u0, exact_gbm, lev, W_T)

    # additive (DiffEqProblemLibrary prob_sde_additive)
    al_, be_ = 0.1, 0.05
    fa = lambda x, s: be_ / np.sqrt(1 + s) - x / (2 * (1 + s))
    ga = lambda x, s: al_ * be_ / np.sqrt(1 + s) + 0 * x
    u0a = 1.0
    exact_add = u0a / math.sqrt(2.0) + be_ * (1.0 + al_ * W_T) / math.sqrt(2.0)
    methods = [
        ("SRA1", sra1_step),
        ("SRA2", lambda f, g, t, u, dt, dW, dZ: sra_generic(tabs["SRA2"], f, g, t, u, dt, dW, dZ)),
        ("SRA3", lambda f, g, t, u, dt, dW, dZ: threestage_sra_step(tabs["SRA3"], f, g, t, u, dt, dW, dZ)),
        ("SOSRA", lambda f, g, t, u, dt, dW, dZ: threestage_sra_step(tabs["SOSRA"], f, g, t, u, dt, dW, dZ)),
        ("SOSRA2", lambda f, g, t, u, dt, dW, dZ: threestage_sra_step(tabs["SOSRA2"], f, g, t, u, dt, dW, dZ)),
        ("SRIW1 (on additive)", sriw1_step),
    ]
    res_add = report_convergence("additive du = (b/sqrt(1+t) - u/(2(1+t))) dt + a b/sqrt(1+t) dW, u0 = 1, a=0.1, b=0.05",
                                 methods, fa, ga, u0a, exact_add, lev, W_T)

    # ---------------------------------------------------------------- 4. I10 consistency
    print("\n## 4. Does the dZ / I_(1,0) handling matter?  (nonlinear problem, fine reference)")
    print("du = sin(u) dt + (0.5 cos(u) + 0.6) dW, u0 = 0.5; reference = SRIW1 at dt = 2^-14 on the same path.")
    print("For GBM and the additive test problem L^1 f == L^0 g, so the I_(1,0) terms cancel and those")
    print("problems cannot detect a wrong dZ; this one does not have that property.")
    fn = lambda x, s: np.sin(x)
    gn = lambda x, s: 0.5 * np.cos(x) + 0.6
    P2 = 1000
    kref = 14
    rng = np.random.default_rng(7)
    h, dWf, dZf, I10f = fine_increments(rng, P2, 2 ** kref)
    uref = integrate(sriw1_step, fn, gn, 0.5, h, dWf, dZf)
    # exact coarsening down to 2^-3
    lev_exact = levels(h, dWf, dZf, I10f, kref - 3 + 1, "exact")
    lev_brown = levels(h, dWf, dZf, I10f, kref - 3 + 1, "brownian")
    sel = lambda L: [L[kref - k] for k in range(3, 10)]  # dt = 2^-3..2^-9 (coarse->fine order later)
    for label, L in (("dZ coarsened exactly (consistent I10)", sel(lev_exact)),
                     ("dZ summed like a Brownian motion", sel(lev_brown))):
        errs, dts = [], []
        for (hh, dW, dZ) in L:
            uN = integrate(sriw1_step, fn, gn, 0.5, hh, dW, dZ)
            errs.append(float(np.mean(np.abs(uN - uref))))
            dts.append(hh)
        p = fit_order(dts, errs)
        print(f"SRIW1, {label:<40s} errs: " + " ".join(f"{e:.2e}" for e in errs) + f"   order = {p:.3f}")

    # ---------------------------------------------------------------- 5. error estimator
    print("\n## 5. Embedded error estimate pieces (first step from u0, mean over 20000 samples)")
    rng = np.random.default_rng(99)
    Pn = 20000
    print(f"{'dt':>10s} | {'SRIW1 E|E1|':>12s} {'E|E2|':>10s} {'E|u-u_exact|':>13s} | "
          f"{'SRA1 E|E1|':>11s} {'E|E2|':>10s} {'E|u-u_exact|':>13s}")
    rows = []
    for k in range(2, 9):
        dt = 2.0 ** -k
        dW = rng.standard_normal(Pn) * math.sqrt(dt)
        dZ = rng.standard_normal(Pn) * math.sqrt(dt)
        u1, E1, E2 = sriw1_step(fg, gg, 0.0, np.full(Pn, 0.5), dt, dW, dZ)
        ex = 0.5 * np.exp((1.01 - 0.87 ** 2 / 2) * dt + 0.87 * dW)
        v1, F1, F2 = sra1_step(fa, ga, 0.0, np.full(Pn, 1.0), dt, dW, dZ)
        exa = 1.0 / math.sqrt(1 + dt) + be_ * (dt + al_ * dW) / math.sqrt(1 + dt)
        rows.append((dt, np.mean(np.abs(E1)), np.mean(np.abs(E2)), np.mean(np.abs(u1 - ex)),
                     np.mean(np.abs(F1)), np.mean(np.abs(F2)), np.mean(np.abs(v1 - exa))))
        r = rows[-1]
        print(f"{r[0]:10.3e} | {r[1]:12.3e} {r[2]:10.3e} {r[3]:13.3e} | {r[4]:11.3e} {r[5]:10.3e} {r[6]:13.3e}")
    arr = np.array(rows)
    print("slopes vs dt:   SRIW1 E1 %.2f  E2 %.2f  local err %.2f | SRA1 E1 %.2f  E2 %.2f  local err %.2f" % tuple(
        fit_order(arr[:, 0], arr[:, j]) for j in range(1, 7)))
    print("(E1 = dt*sum f ~ dt.  SRIW1 E2 ~ dt^1.5: the O(sqrt dt) parts of the g-combinations cancel")
    print(" because beta3.(B1 e) = beta4.(B1 e) = 0 (order conditions 8, 9).  SRA1 E2 = chi2*(g(t)-g(t+dt)) ~ dt^1.5.")
    print(" Both exact solutions depend on W(dt) only, so the last columns are true one-step errors.)")

    # sample EEst for SRIW1 with solver defaults
    dt = 0.01
    dW = np.array([0.05])
    dZ = np.array([-0.07])
    uprev = np.array([0.5])
    u1, E1, E2 = sriw1_step(fg, gg, 0.0, uprev, dt, dW, dZ)
    res = calculate_residuals(E1, E2, uprev, u1, 1e-2, 1e-2, 1.0 / 6)
    print(f"\nSample SRIW1 step on GBM: uprev=0.5, dt=0.01, dW=0.05, dZ=-0.07 ->")
    print(f"  u = {u1[0]:.17g}, E1 = {E1[0]:.17g}, E2 = {E2[0]:.17g}")
    print(f"  EEst (abstol=reltol=1e-2, delta=1/6) = {internalnorm(res):.17g}")
    un, Ed, En = lambaem_oop_step(fg, gg, 0.0, uprev, dt, dW, dZ, True)
    print(f"Sample LambaEM(oop, split=true) same inputs: u = {un[0]:.17g}, Ed = {Ed[0]:.17g}, En = {En[0]:.17g},"
          f" EEst = {internalnorm(calculate_residuals(Ed, En, uprev, un, 1e-2, 1e-2, 1.0)):.17g}")
    ui, tmp, du1, du2 = lambaem_iip_step(fg, gg, 0.0, uprev, dt, dW, dZ, True)
    tmp = tmp + internalnorm(1.0 * dt * (du2 - du1) / 2)
    resi = tmp / (1e-2 + np.maximum(np.abs(uprev), np.abs(ui)) * 1e-2)
    print(f"Sample LambaEM(iip, split=true) same inputs: u = {ui[0]:.17g}, EEst = {internalnorm(resi):.17g}")
    ur, du1, du2, En = rkmilcommute_step(fg, gg, 0.0, uprev, dt, dW, dZ)
    tmpr = internalnorm(1.0 * dt * (du2 - du1) / 2) + En
    resr = tmpr / (1e-2 + np.maximum(np.abs(uprev), np.abs(ur)) * 1e-2)
    print(f"Sample RKMilCommute(Ito) same inputs:        u = {ur[0]:.17g}, EEst = {internalnorm(resr):.17g}")

    # ---------------------------------------------------------------- 6. RSwM
    print("\n## 6. Rejection sampling with memory: statistics of accepted increments")
    print("Accept/reject decisions are random and independent of the noise, so accepted increments")
    print("must be iid N(0,dt): Var(dW/sqrt(dt)) = 1, lag-1 corr = 0, Var(W(1)) = 1.")
    print("'code' = transcription of DiffEqNoiseProcess; 'fixed' = corrections of FORMULAS.md 6.3.")
    print(f"{'alg':<7s}{'variant':<7s}{'P(rej)':>7s}{'#incr':>9s}{'rej/acc':>9s}{'Var(z)':>9s}{'+-2SE':>8s}{'corr':>8s}{'Var(W1)':>9s}")
    for alg, prej in (("RSwM2", 0.6), ("RSwM3", 0.8), ("RSwM3", 0.3)):
        for fixed in (False, True):
            n, rr, vz, cz, vw = rswm_stats(alg, fixed, prej, 8000, 11)
            print(f"{alg:<7s}{('fixed' if fixed else 'code'):<7s}{prej:7.1f}{n:9d}{rr:9.2f}{vz:9.4f}"
                  f"{2 * math.sqrt(2.0 / n):8.4f}{cz:8.4f}{vw:9.4f}")

    # ---------------------------------------------------------------- summary
    print("\n## Summary of measured strong orders (least squares over all levels)")
    for k, (p, _) in res_gbm.items():
        print(f"  GBM       {k:<22s} {p:.3f}")
    for k, (p, _) in res_add.items():
        print(f"  additive  {k:<22s} {p:.3f}")
    print(f"\nruntime {time.time() - t_start:.1f} s")


if __name__ == "__main__":
    main()
