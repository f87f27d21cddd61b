#!/usr/bin/env python3
"""Generate coefficients.json: literal transcription of the StochasticDiffEq.jl
tableaus/caches (see FORMULAS.md for sources and commits).

Rationals are kept exact (Fraction) and also emitted as float + C99 hex float.
Float literals are copied verbatim from the Julia source; Python's float() parses
decimal literals with correct rounding exactly as Julia does, so values are
bit-identical to what StochasticDiffEq uses.
"""
import json
from fractions import Fraction as Fr

def F(x):
    return Fr(x)

def enc(x):
    """Encode one coefficient."""
    if isinstance(x, Fr):
        v = float(x)
        exact = str(x)
    else:
        v = float(x)
        exact = None
    d = {"value": v, "hex": v.hex()}
    if exact is not None:
        d["exact"] = exact
    return d

def vec(xs):
    return [enc(x) for x in xs]

def mat(rows):
    return [[enc(x) for x in r] for r in rows]

Z = Fr(0)

SRC_SA = "SciML/StochasticDiffEq.jl"
SRC_MONO = "SciML/OrdinaryDiffEq.jl (monorepo, current home of StochasticDiffEq)"

# ---------------------------------------------------------------- SRI family
SRIW1 = dict(
    c0=[Z, Fr(3, 4), Z, Z],
    c1=[Z, Fr(1, 4), Fr(1), Fr(1, 4)],
    A0=[[Z]*4, [Fr(3, 4), Z, Z, Z], [Z]*4, [Z]*4],
    A1=[[Z]*4, [Fr(1, 4), Z, Z, Z], [Fr(1), Z, Z, Z], [Z, Z, Fr(1, 4), Z]],
    B0=[[Z]*4, [Fr(3, 2), Z, Z, Z], [Z]*4, [Z]*4],
    B1=[[Z]*4, [Fr(1, 2), Z, Z, Z], [Fr(-1), Z, Z, Z], [Fr(-5), Fr(3), Fr(1, 2), Z]],
    alpha=[Fr(1, 3), Fr(2, 3), Z, Z],
    beta1=[Fr(-1), Fr(4, 3), Fr(2, 3), Z],
    beta2=[Fr(-1), Fr(4, 3), Fr(-1, 3), Z],   # source: -[1;-4//3;1//3;0]
    beta3=[Fr(2), Fr(-4, 3), Fr(-2, 3), Z],
    beta4=[Fr(-2), Fr(5, 3), Fr(-2, 3), Fr(1)],
)

SRIW2 = dict(
    c0=[Z, Fr(1), Fr(1, 2), Z],
    c1=[Z, Fr(1, 4), Fr(1), Fr(1, 4)],
    A0=[[Z]*4, [Fr(1), Z, Z, Z], [Fr(1, 4), Fr(1, 4), Z, Z], [Z]*4],
    A1=[[Z]*4, [Fr(1, 4), Z, Z, Z], [Fr(1), Z, Z, Z], [Z, Z, Fr(1, 4), Z]],
    B0=[[Z]*4, [Z]*4, [Fr(1), Fr(1, 2), Z, Z], [Z]*4],
    B1=[[Z]*4, [Fr(-1, 2), Z, Z, Z], [Fr(1), Z, Z, Z], [Fr(2), Fr(-1), Fr(1, 2), Z]],
    alpha=[Fr(1, 6), Fr(1, 6), Fr(2, 3), Z],
    beta1=[Fr(-1), Fr(4, 3), Fr(2, 3), Z],
    beta2=[Fr(1), Fr(-4, 3), Fr(1, 3), Z],
    beta3=[Fr(2), Fr(-4, 3), Fr(-2, 3), Z],
    beta4=[Fr(-2), Fr(5, 3), Fr(-2, 3), Fr(1)],
)

# SOSRI == constructSRIOpt1 (tableaus.jl) == SOSRIConstantCache (rossler_caches.jl).
# c0/c1 are the literals of SOSRIConstantCache (what SOSRI() actually uses);
# constructSRIOpt1 computes them as row sums A0*e, A1*e instead.
SOSRI = dict(
    c0=[0.0, -0.04199224421316468, 0.7898405466170333, 3.7504010171562823],
    c1=[0.0, 0.26204282091330466, 0.05879875232001766, 0.758661169101175],
    A0=[[0.0, 0.0, 0.0, 0.0],
        [-0.04199224421316468, 0.0, 0.0, 0.0],
        [2.842612915017106, -2.0527723684000727, 0.0, 0.0],
        [4.338237071435815, -2.8895936137439793, 2.3017575594644466, 0.0]],
    A1=[[0.0, 0.0, 0.0, 0.0],
        [0.26204282091330466, 0.0, 0.0, 0.0],
        [0.20903646383505375, -0.1502377115150361, 0.0, 0.0],
        [0.05836595312746999, 0.6149440396332373, 0.08535117634046772, 0.0]],
    B0=[[0.0, 0.0, 0.0, 0.0],
        [-0.21641093549612528, 0.0, 0.0, 0.0],
        [1.5336352863679572, 0.26066223492647056, 0.0, 0.0],
        [-1.0536037558179159, 1.7015284721089472, -0.20725685784180017, 0.0]],
    B1=[[0.0, 0.0, 0.0, 0.0],
        [-0.5119011827621657, 0.0, 0.0, 0.0],
        [2.67767339866713, -4.9395031322250995, 0.0, 0.0],
        [0.15580956238299215, 3.2361551006624674, -1.4223118283355949, 0.0]],
    alpha=[1.140099274172029, -0.6401334255743456, 0.4736296532772559, 0.026404498125060714],
    beta1=[-1.8453464565104432, 2.688764531100726, -0.2523866501071323, 0.40896857551684956],
    beta2=[0.4969658141589478, -0.5771202869753592, -0.12919702470322217, 0.2093514975196336],
    beta3=[2.8453464565104425, -2.688764531100725, 0.2523866501071322, -0.40896857551684945],
    beta4=[0.11522663875443433, -0.57877086147738, 0.2857851028163886, 0.17775911990655704],
)

SOSRI2 = dict(
    c0=[0.0, 0.13804532298278663, 0.9999999999999992, 0.9999999999999994],
    c1=[0.0, 0.45605532163856893, 0.999999999999996, 0.9999999999999962],
    A0=[[0.0, 0.0, 0.0, 0.0],
        [0.13804532298278663, 0.0, 0.0, 0.0],
        [0.5818361298250374, 0.4181638701749618, 0.0, 0.0],
        [0.4670018408674211, 0.8046204792187386, -0.27162232008616016, 0.0]],
    A1=[[0.0, 0.0, 0.0, 0.0],
        [0.45605532163856893, 0.0, 0.0, 0.0],
        [0.7555807846451692, 0.24441921535482677, 0.0, 0.0],
        [0.6981181143266059, 0.3453277086024727, -0.04344582292908241, 0.0]],
    B0=[[0.0, 0.0, 0.0, 0.0],
        [0.08852381537667678, 0.0, 0.0, 0.0],
        [1.0317752458971061, 0.4563552922077882, 0.0, 0.0],
        [1.73078280444124, -0.46089678470929774, -0.9637509618944188, 0.0]],
    B1=[[0.0, 0.0, 0.0, 0.0],
        [0.6753186815412179, 0.0, 0.0, 0.0],
        [-0.07452812525785148, -0.49783736486149366, 0.0, 0.0],
        [-0.5591906709928903, 0.022696571806569924, -0.8984927888368557, 0.0]],
    alpha=[-0.15036858140642623, 0.7545275856696072, 0.686995463807979, -0.2911544680711602],
    beta1=[-0.45315689727309133, 0.8330937231303951, 0.3792843195533544, 0.24077885458934192],
    beta2=[-0.4994383733810986, 0.9181786186154077, -0.25613778661003145, -0.16260245862427797],
    beta3=[1.4531568972730915, -0.8330937231303933, -0.3792843195533583, -0.24077885458934023],
    beta4=[-0.4976090683622265, 0.9148155835648892, -1.4102107084476505, 0.9930041932449877],
)

# ---------------------------------------------------------------- SRA family
SRA1 = dict(
    c0=[Z, Fr(3, 4)], c1=[Fr(1), Z],
    A0=[[Z, Z], [Fr(3, 4), Z]], B0=[[Z, Z], [Fr(3, 2), Z]],
    alpha=[Fr(1, 3), Fr(2, 3)], beta1=[Fr(1), Z], beta2=[Fr(-1), Fr(1)],
)
SRA2 = dict(
    c0=[Z, Fr(3, 4)], c1=[Fr(1, 3), Fr(1)],
    A0=[[Z, Z], [Fr(3, 4), Z]], B0=[[Z, Z], [Fr(3, 2), Z]],
    alpha=[Fr(1, 3), Fr(2, 3)], beta1=[Z, Fr(1)], beta2=[Fr(3, 2), Fr(-3, 2)],
)
SRA3 = dict(
    c0=[Z, Fr(1), Fr(1, 2)], c1=[Fr(1), Z, Z],
    A0=[[Z, Z, Z], [Fr(1), Z, Z], [Fr(1, 4), Fr(1, 4), Z]],
    B0=[[Z, Z, Z], [Z, Z, Z], [Fr(1), Fr(1, 2), Z]],
    alpha=[Fr(1, 6), Fr(1, 6), Fr(2, 3)], beta1=[Fr(1), Z, Z], beta2=[Fr(-1), Fr(1), Z],
)
SOSRA = dict(
    c0=[0.0, 0.6923962376159507, 1.0], c1=[0.0, 0.041248171110700504, 1.0],
    A0=[[0.0, 0.0, 0.0], [0.6923962376159507, 0.0, 0.0], [-3.1609142252828395, 4.1609142252828395, 0.0]],
    B0=[[0.0, 0.0, 0.0], [1.3371632704399763, 0.0, 0.0], [1.442371048468624, 1.8632741501139225, 0.0]],
    alpha=[0.2889874966892885, 0.6859880440839937, 0.025024459226717772],
    beta1=[-16.792534242221663, 17.514995785380226, 0.27753845684143835],
    beta2=[0.4237535769069274, 0.6010381474428539, -1.0247917243497813],
)
SOSRA2 = dict(
    c0=[0.0, 1.0, 1.0], c1=[0.0, 1.0, 1.0],
    A0=[[0.0, 0.0, 0.0], [1.0, 0.0, 0.0], [0.9511849235504364, 0.04881507644956362, 0.0]],
    B0=[[0.0, 0.0, 0.0], [0.7686101171003622, 0.0, 0.0], [0.43886792994934987, 0.7490415909204886, 0.0]],
    alpha=[0.4999999999999998, -0.9683897375354181, 1.4683897375354185],
    beta1=[0.0, 0.92438032145683, 0.07561967854316998],
    beta2=[1.0, -0.8169981105823436, -0.18300188941765633],
)

def pack(tab, vecs, mats):
    out = {}
    for k in vecs:
        out[k] = vec(tab[k])
    for k in mats:
        out[k] = mat(tab[k])
    return out

SRI_V = ["c0", "c1", "alpha", "beta1", "beta2", "beta3", "beta4"]
SRI_M = ["A0", "A1", "B0", "B1"]
SRA_V = ["c0", "c1", "alpha", "beta1", "beta2"]
SRA_M = ["A0", "B0"]

def ctrl(order):
    o = Fr(order)
    return {
        "alg_order": str(o),
        "beta1": enc(Fr(7, 10) / o), "beta2": enc(Fr(2, 5) / o),
    }

doc = {
    "_about": ("Coefficients of StochasticDiffEq.jl stochastic Runge-Kutta methods. "
               "Each coefficient: value (IEEE double), hex (C99/Swift hex-float literal, bit-exact), "
               "exact (rational, where the Julia source writes a rational). Matrices are row-major, "
               "row i = stage i (strictly lower triangular): H_i uses A[i][j] for j<i. "
               "See FORMULAS.md for the step formulas."),
    "conventions": {
        "chi1": "(dW^2 - dt) / (2*sqrt(dt))            # = I_(1,1)/sqrt(h)",
        "chi2": "(dW + dZ/sqrt(3)) / 2                 # = I_(1,0)/h ; dZ ~ N(0,dt) independent of dW",
        "chi3": "(dW^3 - 3*dt*dW) / (6*dt)             # = I_(1,1,1)/h",
        "residual": "(delta*E1 + E2) / (abstol + max(|uprev|,|u|)*reltol)  (elementwise, signed E1,E2)",
        "EEst": "internalnorm(residual) = sqrt(mean(residual.^2)) for vectors, abs for scalars",
    },
    "sources": {
        "standalone_repo": SRC_SA,
        "monorepo": SRC_MONO,
        "files": {
            "tableaus (SA)": "src/tableaus.jl @ 6a53d04999aa05aac9ed465bd30ce8276a951b4e",
            "tableaus (mono)": "lib/StochasticDiffEqHighOrder/src/tableaus.jl @ 07d93a606d3144cde11e67082bd729bcedfc244a",
            "rossler_caches (SA)": "src/caches/rossler_caches.jl @ 01398cc8244e76793aaf9d054535ba93b7687b07",
            "rossler_caches (mono)": "lib/StochasticDiffEqHighOrder/src/caches/rossler_caches.jl @ 1773ee0d337a644074f2eb9d975d561cd6178b79",
            "sra_caches (SA)": "src/caches/sra_caches.jl @ 01398cc8244e76793aaf9d054535ba93b7687b07",
            "sra_caches (mono)": "lib/StochasticDiffEqHighOrder/src/caches/sra_caches.jl @ bb4da86889beb7fff3470ddeca3a6259a5fd9518",
            "sri perform_step (SA)": "src/perform_step/sri.jl @ 0750cc47e6cc7fe5b1d8aa6793d9eca578130613",
            "sri perform_step (mono)": "lib/StochasticDiffEqHighOrder/src/perform_step/sri.jl @ c5b3705d5f0e24ca0859a23dc47dcad509311224",
            "sra perform_step (SA)": "src/perform_step/sra.jl @ 01398cc8244e76793aaf9d054535ba93b7687b07",
            "sra perform_step (mono)": "lib/StochasticDiffEqHighOrder/src/perform_step/sra.jl @ 09fab7343df1135dfd6b28adfcdf118b1f017faf",
        },
    },
    "SRI": {
        "SRIW1": {
            "name_in_paper": "Roessler (2010) SRI-type scheme, weak order 2 (believed to be SRI2W1; table number not verified here)",
            "stages": 4, "strong_order": "3/2", "alg_order_used_by_controller": "3/2",
            "delta_default": enc(Fr(1, 6)),
            "E1": "dt*(f(t,H0_1) + f(t+3dt/4,H0_2))   # specialised SRIW1 perform_step (only stages 1,2)",
            "implementation": "hand-unrolled perform_step!(SRIW1ConstantCache/SRIW1Cache)",
            **pack(SRIW1, SRI_V, SRI_M),
        },
        "SOSRI": {
            "name_in_source": "constructSRIOpt1() / SOSRIConstantCache (\"Opti6-12-11-10-01-47\")",
            "stages": 4, "strong_order": "3/2", "alg_order_used_by_controller": "3/2",
            "delta_default": enc(Fr(1)),
            "E1": "dt*(k1+k2+k3+k4)   # FourStageSRI perform_step (all 4 stages)",
            "implementation": "FourStageSRIConstantCache / FourStageSRICache",
            "note_c": ("c0/c1 are SOSRIConstantCache literals; constructSRIOpt1 computes c0=A0*e, c1=A1*e "
                       "(identical in IEEE double, see check.txt section 1)"),
            **pack(SOSRI, SRI_V, SRI_M),
        },
        "SRIW2": {
            "name_in_paper": "Roessler (2010) SRI-type scheme with weak order 3 (naming not verified here)",
            "stages": 4, "strong_order": "3/2", "delta_default": enc(Fr(1)),
            "E1": "dt*(k1+k2+k3+k4)", "implementation": "FourStageSRI (SRIW2ConstantCache)",
            **pack(SRIW2, SRI_V, SRI_M),
        },
        "SOSRI2": {
            "name_in_source": "constructSRIOpt2() / SOSRI2ConstantCache",
            "stages": 4, "strong_order": "3/2", "delta_default": enc(Fr(1)),
            "E1": "dt*(k1+k2+k3+k4)", "implementation": "FourStageSRI (SOSRI2ConstantCache)",
            **pack(SOSRI2, SRI_V, SRI_M),
        },
    },
    "SRA": {
        "SRA1": {
            "name_in_paper": "SRA1 of Roessler (2010): 2-stage additive-noise scheme, weak order 2",
            "stages": 2, "strong_order": "3/2 (Roessler); controller uses alg_order=2",
            "delta_default": enc(Fr(1)),
            "E1": "dt*(f(t,u_n) + f(t+3dt/4,H0_2))",
            "implementation": "hand-unrolled perform_step!(SRA1ConstantCache/SRA1Cache)",
            **pack(SRA1, SRA_V, SRA_M),
        },
        "SRA2": {"stages": 2, "delta_default": enc(Fr(1)), "E1": "dt*(k1+k2)",
                 "implementation": "SRA2ConstantCache", **pack(SRA2, SRA_V, SRA_M)},
        "SRA3": {
            "name_in_paper": "SRA3 of Roessler (2010): 3-stage additive-noise scheme, weak order 3",
            "stages": 3, "strong_order": "3/2 (Roessler); controller uses alg_order=2",
            "delta_default": enc(Fr(1)), "E1": "dt*(k1+k2+k3)",
            "implementation": "ThreeStageSRAConstantCache (SRA3ConstantCache)",
            **pack(SRA3, SRA_V, SRA_M),
        },
        "SOSRA": {
            "name_in_source": "constructSOSRA() / SOSRAConstantCache",
            "stages": 3, "strong_order": "3/2; controller uses alg_order=2",
            "delta_default": enc(Fr(1)), "E1": "dt*(k1+k2+k3)",
            "implementation": "ThreeStageSRAConstantCache (SOSRAConstantCache)",
            **pack(SOSRA, SRA_V, SRA_M),
        },
        "SOSRA2": {"stages": 3, "delta_default": enc(Fr(1)), "E1": "dt*(k1+k2+k3)",
                   "implementation": "ThreeStageSRAConstantCache (SOSRA2ConstantCache)",
                   **pack(SOSRA2, SRA_V, SRA_M)},
    },
    "LambaEM": {
        "alg_order": "1/2", "delta_default": enc(Fr(1)), "split_default": True,
        "note": "no tableau; see FORMULAS.md section 3",
    },
    "RKMilCommute": {
        "alg_order": "1", "delta_default": enc(Fr(1)),
        "interpretation_default": "Ito", "ii_approx_default": "IICommutative (J = dW dW^T / 2, Ito: minus dt/2 on the diagonal)",
    },
    "controller_defaults": {
        "type": "PI controller (OrdinaryDiffEq-style), SDE variant in StochasticDiffEq src/integrators/stepsize_controllers.jl",
        "qmax": enc(Fr(9, 8)), "qmin": enc(Fr(1, 5)), "gamma": enc(Fr(9, 10)),
        "qoldinit": enc(Fr(1, 10**4)), "qsteady_min": enc(Fr(1)), "qsteady_max": enc(Fr(1)),
        "failfactor": enc(Fr(2)),
        "abstol_default": enc(Fr(1, 100)), "reltol_default": enc(Fr(1, 100)),
        "beta1_formula": "7/(10*alg_order)", "beta2_formula": "2/(5*alg_order)",
        "per_method": {
            "SRIW1": ctrl(Fr(3, 2)), "SOSRI": ctrl(Fr(3, 2)), "SRIW2": ctrl(Fr(3, 2)), "SOSRI2": ctrl(Fr(3, 2)),
            "SRA1": ctrl(2), "SRA2": ctrl(2), "SRA3": ctrl(2), "SOSRA": ctrl(2), "SOSRA2": ctrl(2),
            "LambaEM": ctrl(Fr(1, 2)), "RKMilCommute": ctrl(1),
        },
        "delta_default": {"SRIW1": "1/6", "all_other_methods": "1"},
        "maxiters_adaptive": 1000000,
        "dtmax_default": "tspan[end]-tspan[1]",
    },
    "rejection_sampling_defaults": {
        "adaptive_algs": "RSWM(adaptivealg=:RSwM3, discard_length=1e-15)",
        "fixed_step_algs": "RSWM(adaptivealg=:RSwM1)",
        "bridge": "Brownian bridge: given increment Wh over length h, value at fraction q: q*Wh + sqrt((1-q)*q*h)*N(0,1)",
        "dZ": "Z is a second, independent Wiener process, bridged/stacked exactly like W",
    },
}

if __name__ == "__main__":
    import os
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "coefficients.json"), "w") as fh:
        json.dump(doc, fh, indent=1)
    print("wrote coefficients.json")
