#!/usr/bin/env python3
"""Builds tableaus.json from source_literals.py (+ verify_results.json written by verify.py)."""
import json
import os

import mpmath as mp

import rosenbrock_common as rc
from source_literals import RODAS, RODAS3, ROS3P_DOUBLE_LITERALS, SRC_REPO, SRC_FILE, SRC_COMMIT

mp.mp.dps = 50
F = rc.fmt17


def m25(x):
    return mp.nstr(x, 25)


def vec(v):
    return [F(x) for x in v]


def mat(M):
    return [[F(x) for x in r] for r in M]


def mpmat(M):
    return [[m25(M[i, j]) for j in range(M.cols)] for i in range(M.rows)]


VER = {}
if os.path.exists("verify_results.json"):
    VER = json.load(open("verify_results.json"))

SRC = {"repo": SRC_REPO, "path": SRC_FILE, "commit": SRC_COMMIT,
       "also_checked": ["lib/OrdinaryDiffEqRosenbrock/src/rosenbrock_perform_step.jl @ 1d7f56b77b48ca703d2459d54ff9b93a07a1ca2a",
                        "lib/OrdinaryDiffEqRosenbrock/src/rosenbrock_caches.jl @ 48b7b7624e5f158324aa03d8558665433d793916",
                        "lib/OrdinaryDiffEqRosenbrock/src/rosenbrock_interpolants.jl @ 18cf4c1772a0c0b1ef32bbc8dc94220a05c7ef80",
                        "lib/OrdinaryDiffEqRosenbrock/src/stiff_addsteps.jl @ 3e3f11aa4510c3dd0a361caac0e00c8d55d9c62e",
                        "lib/OrdinaryDiffEqDifferentiation/src/derivative_utils.jl @ a6aa2412577dba22fbea9d274543fd553172b15c"]}

PAPERS = {
    "Rosenbrock23": "L. F. Shampine, M. W. Reichelt, The MATLAB ODE Suite, SIAM J. Sci. Comput. 18(1):1-22, 1997 (ode23s)",
    "Rosenbrock32": "L. F. Shampine, M. W. Reichelt, The MATLAB ODE Suite, SIAM J. Sci. Comput. 18(1):1-22, 1997 (ode23s, 3rd-order formula used for the step)",
    "ROS3P": "J. Lang, J. Verwer, ROS3P - an accurate third-order Rosenbrock solver designed for parabolic problems, BIT 41(4):731-738, 2001",
    "Rodas3": "A. Sandu, J. G. Verwer, J. G. Blom, E. J. Spee, G. R. Carmichael, F. A. Potra, Benchmarking stiff ODE solvers for atmospheric chemistry problems II: Rosenbrock solvers, Atmos. Environ. 31(20):3459-3472, 1997 (OrdinaryDiffEq docstring cites part I, Atmos. Environ. 31(19):3151-3166)",
    "Rodas4": "E. Hairer, G. Wanner, Solving Ordinary Differential Equations II, 2nd ed., Springer 1996, Sect. VI.4 (RODAS, rodas.f METH=1)",
    "Rodas42": "E. Hairer, G. Wanner, Solving Ordinary Differential Equations II, 2nd ed., Springer 1996 (rodas.f METH=2 coefficient set)",
    "Rodas4P": "G. Steinebach, Order-reduction of ROW-methods for DAEs and method of lines applications, Preprint 1741, FB Mathematik, TH Darmstadt, 1995 (RODASP; rodas.f METH=3)",
    "Rodas4P2": "G. Steinebach, Improvement of Rosenbrock-Wanner method RODASP, in: Progress in Differential-Algebraic Equations II, Springer 2020, pp. 165-184",
    "Rodas5": "G. A. Di Marzo, RODAS5(4) - Methodes de Rosenbrock d'ordre 5(4) adaptees aux problemes differentiels-algebriques, MSc thesis, Univ. Geneva, 1993",
    "Rodas5P": "G. Steinebach, Construction of Rosenbrock-Wanner method Rodas5P and numerical benchmarks within the Julia Differential Equations package, BIT Numer. Math. 63, 27 (2023)",
}

ORDERS = {"ROS3P": (3, 2), "Rodas3": (3, 2), "Rodas4": (4, 3), "Rodas42": (4, 3), "Rodas4P": (4, 3),
          "Rodas4P2": (4, 3), "Rodas5": (5, 4), "Rodas5P": (5, 4)}


def measured(name, key="nonlinear non-autonomous 2x2"):
    r = VER.get(name, {})
    num = r.get("numerical", {}).get(key, {})
    return {k: num.get(k) for k in ("solution_order", "errest_order", "dense_order", "dense_deriv_order")
            if k in num}


def classical_block(tabd):
    cl = rc.classical(rc.to_mp(tabd))
    return {"note": "classical Hairer-Wanner form K_i = h f(t+alpha_i h, y+sum_j alpha_ij K_j) + gamma_i h^2 f_t "
                    "+ h J sum_{j<=i} gamma_ij K_j, y1 = y + sum b_i K_i; computed (50 digits) from the double "
                    "coefficients via Gamma^-1 = diag(1/gamma) - C, alpha = A Gamma, b = m Gamma",
            "alpha": mpmat(cl["alpha"]), "Gamma": mpmat(cl["Gamma"]),
            "b": [m25(x) for x in cl["b"]], "bhat": [m25(x) for x in cl["bhat"]]}


out = []

# ------------------------------------------------------------------ Rosenbrock23/32
dd = rc.ros23_double()
d_m, e_m = mp.mpf(dd["d"]), mp.mpf(dd["c32"])
for name, order, emb in (("Rosenbrock23", 2, 3), ("Rosenbrock32", 3, 2)):
    which = name[-2:]
    cl = rc.ros23_classical(d_m, e_m, which)
    G = cl["Gamma"]
    Ginv = mp.inverse(G)
    A_eq = cl["alpha"] * Ginv
    C_eq = mp.matrix(3, 3)
    for i in range(3):
        for j in range(3):
            C_eq[i, j] = ((1 / d_m) if i == j else 0) - Ginv[i, j]
            if j >= i:
                C_eq[i, j] = 0
    b_eq = mp.matrix([cl["b"]]) * Ginv
    btil_eq = mp.matrix([[mp.mpf(1) / 6, mp.mpf(-2) / 6, mp.mpf(1) / 6]]) * Ginv
    ent = {
        "name": name,
        "ordinarydiffeq_alg_order": order,
        "order": order,
        "embedded_order": emb,
        "alg_adaptive_order": emb,
        "stages": 3 if name == "Rosenbrock32" else "2 (+1 stage, only when adaptive, for the error estimate)",
        "is_W_method_in_OrdinaryDiffEq": True,
        "interpolant": {"kind": "Shampine-Reichelt quadratic: u(theta) = y0 + dt*(c1(theta) k1 + c2(theta) k2)",
                        "order": 2,
                        "reproduces_u_np1_at_theta1": name == "Rosenbrock23",
                        "note": None if name == "Rosenbrock23" else
                        "interpolant ends at y0 + dt*k2 (2nd-order value), not at the 3rd-order u_{n+1}"},
        "coefficients": {
            "d": {"value": F(dd["d"]), "expression": "1/(2+sqrt(2))", "exact_25": m25(1 / (2 + mp.sqrt(2))),
                  "julia": "convert(T, 1 / (2 + sqrt(2)))"},
            "c32 (e32)": {"value": F(dd["c32"]), "expression": "6+sqrt(2)", "exact_25": m25(6 + mp.sqrt(2)),
                          "julia": "convert(T, 6 + sqrt(2))"},
        },
        "step_formulas": "see FORMULAS.md section 2 (k_i are slopes here: u_{n+1} = u_n + dt*k2 (23) or u_n + dt/6 (k1+4k2+k3) (32))",
        "classical": {"note": "classical form with K_i = dt*k_i (derived in FORMULAS.md)",
                      "alpha": mpmat(cl["alpha"]), "Gamma": mpmat(G), "b": [m25(x) for x in cl["b"]],
                      "time_derivative_coeffs_required_gamma_i": [m25(d_m), "0", m25(-d_m)],
                      "time_derivative_coeffs_as_implemented": [m25(d_m), "0", m25(1 - 2 * d_m)],
                      "discrepancy": "OrdinaryDiffEq adds dt*dT (not dt*d*dT) in the k3 right-hand side; "
                                     "this is gamma_3 = 1-2d instead of -d. Measured: Rosenbrock32 drops to "
                                     "order 1 and the Rosenbrock23 error estimate to O(dt^2) on non-autonomous "
                                     "problems; with dt*d*dT (Shampine-Reichelt) orders are 3 and O(dt^3)."},
        "equivalent_transformed_form": {
            "note": "same method written in the OrdinaryDiffEq W-form (U = Gamma K); uses the consistent "
                    "time-derivative coefficients d = [d, 0, -d]; NOT how OrdinaryDiffEq codes it",
            "gamma": m25(d_m), "A": mpmat(A_eq), "C": mpmat(C_eq), "c": ["0", "0.5", "1"],
            "d": [m25(d_m), "0", m25(-d_m)],
            "b": [m25(b_eq[0, j]) for j in range(3)],
            "btilde (error = sum btilde_i U_i)": [m25(btil_eq[0, j]) for j in range(3)]},
        "source": dict(SRC, function="%sTableau; perform_step!(…%sCache…); rosenbrock_interpolants.jl" % (name, name)),
        "paper": PAPERS[name],
        "verification": {k: VER.get(name, {}).get(k) for k in ("order_conditions",) if VER.get(name)},
    }
    if VER.get(name):
        ent["verification"]["measured_nonautonomous_as_implemented"] = VER[name]["numerical_ode"]["nonlinear non-autonomous 2x2"]
        ent["verification"]["measured_nonautonomous_paper_variant"] = VER[name]["numerical_paper"]["nonlinear non-autonomous 2x2"]
        ent["verification"]["measured_autonomised_as_implemented"] = VER[name]["numerical_ode"]["autonomised 3x3"]
    out.append(ent)

# ------------------------------------------------------------------ ROS3P
t = rc.ros3p_double()
ex = rc.ros3p_exact()
L = ROS3P_DOUBLE_LITERALS
out.append({
    "name": "ROS3P", "ordinarydiffeq_alg_order": 3, "order": 3, "embedded_order": 2, "stages": 3,
    "interpolant": {"kind": "default cubic Hermite (k[1]=f(t_n,u_n), k[2]=f(t_{n+1},u_{n+1}))", "order": 3},
    "form": "transformed (OrdinaryDiffEq): (I/(dt*gamma) - J) k_i = f(t+c_i dt, u + sum A_ij k_j) + sum C_ij/dt k_j + dt d_i df/dt; u1 = u + sum b_i k_i; err = sum btilde_i k_i",
    "gamma": {"value": F(t["gamma"]), "expression": "1/2 + sqrt(3)/6", "exact_25": m25(ex["gamma"])},
    "A": mat(t["A"]), "C": mat(t["C"]), "b": vec(t["b"]), "btilde": vec(t["btilde"]),
    "bhat (= b - btilde, embedded weights)": {"source_literals": [L["btilde_hat1"], L["btilde_hat2"], L["btilde_hat3"]],
                                               "exact": ["5 - 5*sqrt(3)/3", "1", "1 - sqrt(3)/3"]},
    "c": vec(t["c"]), "d": vec(t["d"]), "d_source_literals": [L["d1"], L["d2"], L["d3"]],
    "d_exact": ["1/2 + sqrt(3)/6 (= gamma)", "-1/2 + sqrt(3)/6 (= gamma - 1)", "-(1/2 + sqrt(3)/3)"],
    "H": None,
    "exact_expressions_from_source": {
        "igamma": "1/gamma (= 3 - sqrt(3))", "A21=A31": "igamma", "A32": "0", "C21": "-igamma^2",
        "C32": "tmp = -igamma*(2 - igamma/2)", "C31": "-igamma*(1 - tmp)",
        "b2": "tmp2 = igamma*(2/3 - igamma/6)", "b1": "igamma*(1 + tmp2)", "b3": "igamma/3",
        "btilde_i": "b_i - bhat_i"},
    "exact_25": {"A21": m25(ex["A"][1][0]), "C21": m25(ex["C"][1][0]), "C31": m25(ex["C"][2][0]),
                 "C32": m25(ex["C"][2][1]), "b": [m25(x) for x in ex["b"]]},
    "note": "C in OrdinaryDiffEq is stored for j<i only; stage 1 at t, stages 2 and 3 at t+dt (c2=c3=1). "
            "Stability functions of main and embedded method coincide, so err == 0 for y'=lambda*y.",
    "classical": classical_block(t),
    "source": dict(SRC, function="ROS3PTableau; perform_step!(…Rosenbrock33Cache…)"),
    "paper": PAPERS["ROS3P"],
    "verification": {"order_conditions_main": VER.get("ROS3P", {}).get("order_conditions_main"),
                     "order_conditions_embedded": VER.get("ROS3P", {}).get("order_conditions_embedded"),
                     "measured_nonautonomous": measured("ROS3P"),
                     "c_consistency": VER.get("ROS3P", {}).get("c_consistency"),
                     "d_consistency": VER.get("ROS3P", {}).get("d_consistency"),
                     "R_inf": VER.get("ROS3P", {}).get("R_inf")},
})

# ------------------------------------------------------------------ Rodas3
t = rc.rodas3_double()
out.append({
    "name": "Rodas3", "ordinarydiffeq_alg_order": 3, "order": 3, "embedded_order": 2, "stages": 4,
    "interpolant": {"kind": "default cubic Hermite (k[1]=f(t_n,u_n), k[2]=f(t_{n+1},u_{n+1}))", "order": 3},
    "form": "transformed (OrdinaryDiffEq), see ROS3P",
    "gamma": {"value": F(t["gamma"]), "exact": "1/2"},
    "A": mat(t["A"]), "C": mat(t["C"]), "b": vec(t["b"]), "btilde": vec(t["btilde"]),
    "c": vec(t["c"]), "d": vec(t["d"]), "H": None,
    "exact": {"A": "a31=2, a41=2, a43=1, others 0", "C": "C21=4, C31=1, C32=-1, C41=1, C42=-1, C43=-8/3",
              "b": "[2,0,1,1]", "btilde": "[0,0,0,1]", "c": "[0,0,1,1] (c4 defined but not stored; stage 4 uses t+dt)",
              "d": "[1/2, 3/2, 0, 0]"},
    "note": "stage 2 reuses f(t_n,u_n) (a21 = c2 = 0). Stiffly accurate: u_{n+1} = stage-4 argument + k4.",
    "classical": classical_block(t),
    "source": dict(SRC, function="Rodas3Tableau; perform_step!(…Rosenbrock34Cache…)"),
    "paper": PAPERS["Rodas3"],
    "verification": {"order_conditions_main": VER.get("Rodas3", {}).get("order_conditions_main"),
                     "order_conditions_embedded": VER.get("Rodas3", {}).get("order_conditions_embedded"),
                     "measured_nonautonomous": measured("Rodas3"),
                     "R_inf": VER.get("Rodas3", {}).get("R_inf")},
})

# ------------------------------------------------------------------ Rodas family
for name in ("Rodas4", "Rodas42", "Rodas4P", "Rodas4P2", "Rodas5", "Rodas5P"):
    t = rc.rodas_double(name)
    Lt = rc.rodas_literals(name)
    p, ph = ORDERS[name]
    s = len(t["A"])
    V = VER.get(name, {})
    ent = {
        "name": name, "ordinarydiffeq_alg_order": p, "order": p, "embedded_order": ph, "stages": s,
        "interpolant": {"kind": "Rodas/Steinebach: u(theta) = (1-theta) u_n + theta (u_{n+1} + (1-theta)(K1 + theta K2%s)), K_j = sum_i H[j,i] k_i"
                        % (" + theta^2 K3" if s == 8 else ""),
                        "H_rows (interp_order)": len(t["H"]), "order": 4 if s == 8 else 3},
        "form": "transformed (OrdinaryDiffEq): (I/(dt*gamma) - J) k_i = f(t+c_i dt, u + sum_{j<i} A_ij k_j) + sum_{j<i} C_ij/dt k_j + dt d_i df/dt; u_{n+1} = u_n + sum_{j<s} A_sj k_j + k_s; err = k_s",
        "gamma": {"value": F(t["gamma"]), "source_literal": Lt["gamma"]},
        "A": mat(t["A"]), "A_source_literal": Lt["A"],
        "C": mat(t["C"]), "C_source_literal (s x (s-1) in source; padded with zero column in C above)": Lt["C"],
        "b": vec(t["b"]), "b_note": "not stored in the 1d7f56b RodasTableau; implied: b = [A[s,1:s-1]..., 1] (newer refactor stores exactly this)",
        "btilde": vec(t["btilde"]), "btilde_note": "error estimate = k_s (newer refactor stores btilde = e_s)",
        "c": vec(t["c"]), "c_source_literal": Lt["c"],
        "d": vec(t["d"]), "d_source_literal": Lt["d"],
        "H": mat(t["H"]), "H_source_literal": Lt["H"],
        "classical": classical_block(t),
        "source": dict(SRC, function="%sTableau -> RodasTableau(A, C, gamma, c, d, H); perform_step!(…RosenbrockCache / RosenbrockCombinedConstantCache…)" % name),
        "paper": PAPERS[name],
        "verification": {"order_conditions_main": V.get("order_conditions_main"),
                         "order_conditions_embedded": V.get("order_conditions_embedded"),
                         "measured_nonautonomous": measured(name),
                         "c_consistency_max_abs": V.get("c_consistency"),
                         "d_consistency_max_abs": V.get("d_consistency"),
                         "R_inf": V.get("R_inf"), "stiffly_accurate_dev": V.get("stiffly_accurate_dev")},
    }
    if name == "Rodas5":
        ent["note"] = ("d[1] is written `gamma` (0.19) in the source; d[2], d[3], d[5] literals carry more digits "
                       "than a double (parsed as Float64). Older indexed commit 0054db2 constructs "
                       "RodasTableau(A, C, gamma, d, c, H) (c and d swapped) for Rodas5/Rodas5P; 1d7f56b and the "
                       "later refactor pass (c, d). H[:,8] != 0 but stiff_addsteps.jl skips the last stage.")
    if name == "Rodas5P":
        ent["note"] = "Same tableau also used by Rodas5Pr and Rodas5Pe (Rodas5Pe uses an extra embedded combination). H[:,8] != 0 but stiff_addsteps.jl skips the last stage."
    out.append(ent)

with open("tableaus.json", "w") as fh:
    json.dump(out, fh, indent=1)
print("wrote tableaus.json with", len(out), "methods")
