"""
Shared helpers: build the OrdinaryDiffEq ("transformed" W-form) tableaus from the
source literals, both as the IEEE doubles Julia uses and as mpmath numbers, and
convert them to the classical Rosenbrock form (alpha_ij, gamma_ij, b_i).
"""
import math
from fractions import Fraction
import mpmath as mp

from source_literals import RODAS, RODAS3, ROS3P_DOUBLE_LITERALS

mp.mp.dps = 50


# ----------------------------------------------------------------------------- literals
def lit_double(s):
    """Value Julia assigns to the literal when T = Float64."""
    s = s.strip()
    if "//" in s:
        p, q = s.split("//")
        return float(Fraction(int(p), int(q)))
    return float(s)


def fmt17(x):
    """>= 17 significant digits, round-trips the double exactly."""
    if x == 0:
        return "0.0"
    return "%.17g" % x


def mpf_of_double(x):
    return mp.mpf(x)  # exact conversion of the binary double


def parse_matrix(txt):
    return [row.split() for row in txt.strip().splitlines()]


def parse_vector(txt):
    return txt.split()


# ----------------------------------------------------------------------------- ROS3P in Float64
def ros3p_double():
    """Exactly the Float64 arithmetic of ROS3PTableau(T=Float64) (no @muladd there)."""
    L = ROS3P_DOUBLE_LITERALS
    gamma = 1 / 2 + math.sqrt(3) / 6
    igamma = 1 / gamma
    a21 = igamma
    a31 = igamma
    a32 = 0.0
    C21 = -(igamma ** 2)
    tmp = -igamma * (2.0 - (1 / 2) * igamma)
    C31 = -igamma * (1.0 - tmp)
    C32 = tmp
    tmp2 = igamma * ((2 / 3) - (1 / 6) * igamma)
    b1 = igamma * (1.0 + tmp2)
    b2 = tmp2
    b3 = (1 / 3) * igamma
    bh = [lit_double(L["btilde_hat1"]), lit_double(L["btilde_hat2"]), lit_double(L["btilde_hat3"])]
    btilde = [b1 - bh[0], b2 - bh[1], b3 - bh[2]]
    return dict(
        gamma=gamma,
        A=[[0.0, 0, 0], [a21, 0, 0], [a31, a32, 0]],
        C=[[0.0, 0, 0], [C21, 0, 0], [C31, C32, 0]],
        b=[b1, b2, b3], btilde=btilde,
        c=[0.0, 1.0, 1.0],
        d=[lit_double(L["d1"]), lit_double(L["d2"]), lit_double(L["d3"])],
        H=None,
    )


def ros3p_exact():
    """Same formulas in 50-digit arithmetic with the exact gamma = 1/2 + sqrt(3)/6."""
    g = mp.mpf(1) / 2 + mp.sqrt(3) / 6
    ig = 1 / g
    tmp = -ig * (2 - ig / 2)
    C31 = -ig * (1 - tmp)
    tmp2 = ig * (mp.mpf(2) / 3 - ig / 6)
    b = [ig * (1 + tmp2), tmp2, ig / 3]
    return dict(gamma=g, A=[[0, 0, 0], [ig, 0, 0], [ig, 0, 0]],
                C=[[0, 0, 0], [-ig ** 2, 0, 0], [C31, tmp, 0]], b=b,
                c=[0, 1, 1], d=[g, g - 1, -(mp.mpf(1) / 2 + mp.sqrt(3) / 3)])


# ----------------------------------------------------------------------------- Rodas3 in Float64
def rodas3_double():
    R = {k: lit_double(v) for k, v in RODAS3.items()}
    return dict(
        gamma=R["gamma"],
        A=[[0.0, 0, 0, 0], [R["a21"], 0, 0, 0], [R["a31"], R["a32"], 0, 0], [R["a41"], R["a42"], R["a43"], 0]],
        C=[[0.0, 0, 0, 0], [R["C21"], 0, 0, 0], [R["C31"], R["C32"], 0, 0], [R["C41"], R["C42"], R["C43"], 0]],
        b=[R["b1"], R["b2"], R["b3"], R["b4"]],
        btilde=[R["btilde1"], R["btilde2"], R["btilde3"], R["btilde4"]],
        c=[0.0, R["c2"], R["c3"], 1.0],   # stage 4 is evaluated at t + dt in perform_step
        d=[R["d1"], R["d2"], R["d3"], R["d4"]],
        H=None,
    )


# ----------------------------------------------------------------------------- Rodas4/5 family
def rodas_double(name):
    L = RODAS[name]
    A = [[lit_double(x) for x in r] for r in parse_matrix(L["A"])]
    Cs = [[lit_double(x) for x in r] for r in parse_matrix(L["C"])]
    s = len(A)
    C = [row + [0.0] * (s - len(row)) for row in Cs]  # pad s x (s-1) -> s x s
    c = [lit_double(x) for x in parse_vector(L["c"])]
    d = [lit_double(x) for x in parse_vector(L["d"])]
    H = [[lit_double(x) for x in r] for r in parse_matrix(L["H"])]
    b = A[s - 1][: s - 1] + [1.0]       # u_{n+1} = (last stage argument) + k_s
    btilde = [0.0] * (s - 1) + [1.0]    # error estimate = k_s
    return dict(gamma=lit_double(L["gamma"]), A=A, C=C, b=b, btilde=btilde, c=c, d=d, H=H,
                C_source_shape=(len(Cs), len(Cs[0])))


def rodas_literals(name):
    L = RODAS[name]
    return dict(gamma=L["gamma"], A=parse_matrix(L["A"]), C=parse_matrix(L["C"]),
                c=parse_vector(L["c"]), d=parse_vector(L["d"]), H=parse_matrix(L["H"]))


# ----------------------------------------------------------------------------- to mp / classical
def to_mp(tab):
    out = {}
    for k, v in tab.items():
        if k in ("A", "C", "H"):
            out[k] = None if v is None else mp.matrix([[mp.mpf(x) for x in r] for r in v])
        elif k in ("b", "btilde", "c", "d"):
            out[k] = [mp.mpf(x) for x in v]
        elif k == "gamma":
            out[k] = mp.mpf(v)
        else:
            out[k] = v
    return out


def classical(tabm):
    """
    Transformed (OrdinaryDiffEq) form:
        (I/(h*gamma) - J) k_i = f(t + c_i h, y + sum_j A_ij k_j) + sum_j (C_ij/h) k_j + h d_i f_t
        y1 = y + sum b_i k_i
    Classical form (Hairer-Wanner IV.7, (7.4)):
        K_i = h f(t + alpha_i h, y + sum_j alpha_ij K_j) + gamma_i h^2 f_t + h J sum_{j<=i} gamma_ij K_j
        y1 = y + sum bc_i K_i
    with k = Gamma K (k_i = sum_j gamma_ij K_j) and
        Gamma^{-1} = diag(1/gamma) - C,   alpha = A Gamma,   bc = b Gamma.
    Returns alpha, Gamma (incl. diagonal), bc, bhat (embedded, classical).
    """
    A, C, g = tabm["A"], tabm["C"], tabm["gamma"]
    s = A.rows
    Ginv = mp.matrix(s, s)
    for i in range(s):
        for j in range(s):
            Ginv[i, j] = (1 / g if i == j else 0) - (C[i, j] if j < i else 0)
    G = mp.inverse(Ginv)
    alpha = A * G
    b = mp.matrix([tabm["b"]])
    bhat_t = [tabm["b"][i] - tabm["btilde"][i] for i in range(s)]
    bc = b * G
    bhc = mp.matrix([bhat_t]) * G
    return dict(alpha=alpha, Gamma=G, b=[bc[0, j] for j in range(s)],
                bhat=[bhc[0, j] for j in range(s)], bhat_transformed=bhat_t)


# ----------------------------------------------------------------------------- Rosenbrock23/32
def ros23_double():
    return dict(d=1 / (2 + math.sqrt(2)), c32=6 + math.sqrt(2))


def ros23_classical(d, e32, variant_b):
    """Classical (K = h*k) form of Shampine-Reichelt ode23s, derived in FORMULAS.md."""
    alpha = mp.matrix([[0, 0, 0], [mp.mpf(1) / 2, 0, 0], [0, 1, 0]])
    G = mp.matrix([[d, 0, 0], [-d, d, 0], [d * (e32 - 2), -e32 * d, d]])
    if variant_b == "23":
        b = [mp.mpf(0), mp.mpf(1), mp.mpf(0)]
    else:
        b = [mp.mpf(1) / 6, mp.mpf(4) / 6, mp.mpf(1) / 6]
    return dict(alpha=alpha, Gamma=G, b=b)


METHOD_NAMES = ["Rosenbrock23", "Rosenbrock32", "ROS3P", "Rodas3", "Rodas4", "Rodas42",
                "Rodas4P", "Rodas4P2", "Rodas5", "Rodas5P"]


def get_double_tableau(name):
    if name == "ROS3P":
        return ros3p_double()
    if name == "Rodas3":
        return rodas3_double()
    return rodas_double(name)
