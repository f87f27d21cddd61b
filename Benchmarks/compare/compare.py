#!/usr/bin/env python3
"""Compare CVODE (cvode_stiff.c) with the Swift stiff suite (diffeq-bench --stiff) at matched
error, as /work/shared/BENCHMARKING.md asks.

For every problem and solver (CVODE-BDF; each Swift method) the work-precision curve is the
polyline through the measured points (error = 10^-scd, minimum wall time) of the tolerance
ladder in tolerance order, in log-log coordinates. At each error level (1e-5 ... 1e-9) the time
is interpolated linearly in (log10 error, log10 time) on the first segment, from the loose end,
whose two end points bracket the level (the loosest tolerance that reaches it), and only there:
a level outside [smallest error, largest error] of a curve is "out of range" for that solver
(no extrapolation). Points whose solve did not succeed are left out.

The report gives, per problem and level, CVODE's time, the fastest Swift method at that level
and its time, and the ratio best-Swift / CVODE (< 1: Swift faster).

Standard library only.

    compare.py merge OUT.csv IN1.csv IN2.csv ...
        joins repeated rounds of one benchmark: every row keeps its minimum time_s over the
        rounds (the same statistic as within a round); the rounds must agree on everything
        else but time (the solvers are deterministic), or the merge fails.

    compare.py --cvode out/cvode.csv [--cvode more.csv] --swift out/swift.csv
               [--markdown out/compare.md] [--title TEXT]
               [--problems-dump out/cvode_problems.txt] [--problems-json PATH] [--repo ROOT]

    compare.py --suite large|dae --cvode out/large/c.csv --swift out/large/swift.csv ...
        the large stiff suite (cvode_large.c: POLLU, BRUSS2D_N32) or the DAE suite (ida_dae.c:
        ROBERDAE5, ROBERDAE11, AKZO, PENDULUM): every Swift method is compared with every C
        configuration of the same kind, and each ratio names its pair (FBDF/CVODE-KLU,
        FBDF(GMRES)/CVODE-SPGMR, DFBDF/IDA): Krylov methods (a name with GMRES, Krylov or
        SPGMR) with Krylov peers, the others (direct linear algebra: dense, banded, sparse LU)
        with the direct peers. Without a Swift CSV the C side's ladder alone is reported.
"""

import argparse
import csv
import json
import math
import os
import re
import sys

PROBLEMS = ["HIRES", "ROBER", "OREGO", "VDPOL"]
IDS = {"HIRES": "hires", "ROBER": "rober", "OREGO": "orego", "VDPOL": "vdpol"}
SWIFT_FILES = {"hires": "Hires.swift", "rober": "Rober.swift", "orego": "Orego.swift",
               "vdpol": "VanDerPol.swift"}
LEVELS = [5, 6, 7, 8, 9]  # error 10^-level
CVODE = "CVODE-BDF"

# The large and DAE suites: problem names (as in the CSVs of both sides), problems.json ids of
# those that have one, error levels.
SUITES = {
    "large": {"problems": ["POLLU", "BRUSS2D_N32"], "levels": [2, 3, 4, 5, 6, 7],
              "swift_files": {"pollu": "Pollu.swift"}},
    "dae": {"problems": ["ROBERDAE5", "ROBERDAE11", "AKZO", "PENDULUM"],
            "levels": [3, 4, 5, 6, 7, 8],
            "swift_files": {"rober": "Rober.swift", "chemakzo": "ChemicalAkzoNobel.swift",
                            "PENDULUM": "PendulumDAE.swift"}},
}


def is_krylov(name):
    """Krylov (matrix-free) linear solver, by name: FBDF(GMRES), CVODE-SPGMR, ..."""
    n = name.upper()
    return any(w in n for w in ("GMRES", "KRYLOV", "SPGMR", "SPFGMR", "SPBCGS", "SPTFQMR"))
HERE = os.path.dirname(os.path.abspath(__file__))


def read_points(path, solver_column):
    """(problem, solver) -> list of point dicts; and the list of points left out."""
    curves, dropped = {}, []
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            problem = row["problem"]
            if problem not in PROBLEMS:
                continue
            solver = row.get(solver_column) or row.get("solver") or row.get("method")
            point = {
                "k": int(row["k"]),
                "abstol": float(row["abstol"]),
                "reltol": float(row["reltol"]),
                "scd": float(row["scd"]) if row["scd"] else float("nan"),
                "final_error": float(row["final_error"]) if row["final_error"] else float("nan"),
                "nf": int(row["nf"]),
                "time": float(row["time_s"]),
                "retcode": row.get("retcode", "success") or "success",
            }
            ok = (point["retcode"].lower() == "success" and math.isfinite(point["scd"])
                  and point["time"] > 0)
            if ok:
                curves.setdefault((problem, solver), []).append(point)
            else:
                dropped.append((problem, solver, point))
    return curves, dropped


def interpolate(points, level):
    """Time at scd = level along the curve, or None when out of its measured range.

    The curve is the polyline through the measured points in tolerance order (k = 4, 5, ...),
    as a work-precision diagram draws it, in (scd, log10 time). Where it is not monotone in
    scd it may cross the level more than once; the first crossing from the loose end is used:
    the loosest tolerance at which that solver reaches the level."""
    pts = sorted(points, key=lambda p: p["k"])
    if not pts or not min(p["scd"] for p in pts) <= level <= max(p["scd"] for p in pts):
        return None
    if len(pts) == 1:
        return pts[0]["time"]
    for a, b in zip(pts, pts[1:]):
        lo, hi = sorted((a["scd"], b["scd"]))
        if lo <= level <= hi:
            ta, tb = math.log10(a["time"]), math.log10(b["time"])
            if hi == lo:
                return 10 ** min(ta, tb)
            w = (level - a["scd"]) / (b["scd"] - a["scd"])
            return 10 ** (ta + w * (tb - ta))
    return None


def ms(t):
    return "%.3f" % (t * 1e3)


def literal(x, names=None):
    """A number, or a product of numbers and named constants evaluated left to right in
    doubles (as Swift and C do): problems.json's "Ks*y1*y4 = 115.83*0.444*0.007 = 0.35999964"
    and ChemicalAkzoNobel.swift's `ks * 0.444 * 0.007`."""
    if not isinstance(x, str):
        return float(x)
    x = x.strip()
    if "=" in x:
        x = x.split("=")[1]
    value = None
    for factor in x.split("*"):
        f = factor.strip()
        f = (names or {}).get(f, f)
        value = float(f) if value is None else value * float(f)
    return value


def check_problems(dump_path, json_path, repo, swift_files=None):
    """Checks the C program's y0, tend and references against problems.json and the Swift
    models' literals; returns report lines (raises SystemExit on a mismatch). A dumped problem
    without a problems.json entry (PENDULUM, whose reference the C side reads from
    reference/*.txt) is checked against the Swift file alone."""
    lines = []
    spec = {p["id"]: p for p in json.load(open(json_path))["problems"]}
    bad = False
    swift_dir = os.path.join(repo, "Sources", "DiffEqProblemLibrary")
    for line in open(dump_path):
        f = line.split()
        pid, n, tend = f[0], int(f[1]), float(f[2])
        y0 = [float(x) for x in f[3:3 + n]]
        ref = [float(x) for x in f[3 + n:3 + 2 * n]]
        if pid in spec:
            p = spec[pid]
            ok = (tend == float(p["tend"]) and y0 == [literal(x) for x in p["y0"]]
                  and ref == [float(x) for x in p["reference"]["y"]]
                  and ref == [float(s.replace("d", "e").replace("D", "e"))
                              for s in p["reference"]["y_str"]]
                  and float(p["reference"]["t"]) == tend)
            msg = "%s: C y0/tend/reference %s problems.json" % (pid, "==" if ok else "!=")
            bad |= not ok
        else:
            msg = "%s: not in problems.json" % pid
        swift_file = (swift_files or SWIFT_FILES)[pid]
        path = os.path.join(swift_dir, swift_file)
        if os.path.exists(path):
            src = open(path).read()

            def array(name):
                m = re.search(name + r": \[Double\] = \[(.*?)\]", src, re.S)
                return [literal(x, {"ks": "115.83"})
                        for x in m.group(1).replace("\n", " ").split(",") if x.strip()]

            t = float(re.search(r"tEnd: Double = ([0-9.eE+-]+)", src).group(1))
            sok = array("initialValue") == y0 and array("reference") == ref and t == tend
            msg += "; %s Swift %s" % ("==" if sok else "!=", swift_file)
            bad |= not sok
        lines.append(msg)
    if bad:
        print("\n".join(lines))
        sys.exit("problem constants differ between C, problems.json and Swift")
    return lines


def merge(out_path, in_paths):
    rows, header = {}, None
    for path in in_paths:
        with open(path, newline="") as f:
            reader = csv.DictReader(f)
            if header is None:
                header = reader.fieldnames
            elif reader.fieldnames != header:
                sys.exit("merge: %s has other columns" % path)
            for row in reader:
                solver = row.get("solver") or row.get("method")
                key = (row["problem"], solver, row["k"])
                if key not in rows:
                    rows[key] = row
                    continue
                old = rows[key]
                same = all(old[c] == row[c] for c in header if c != "time_s")
                if not same:
                    sys.exit("merge: %s differs between rounds apart from time: %s / %s"
                             % (key, old, row))
                if float(row["time_s"]) < float(old["time_s"]):
                    old["time_s"] = row["time_s"]
    with open(out_path, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        for row in rows.values():
            writer.writerow(row)
    print("merged %d rows from %d rounds into %s" % (len(rows), len(in_paths), out_path))


def write_report(md, dropped, heading, path):
    """Appends the runs left out under `heading`, prints the report and writes it to `path`."""
    if dropped:
        md.append("")
        md.append(heading)
        md.append("")
        for problem, solver, p in dropped:
            md.append("- %s %s k=%d: %s (scd %.2f)" % (problem, solver, p["k"], p["retcode"],
                                                       p["scd"]))
    text = "\n".join(md) + "\n"
    print(text)
    if path:
        with open(path, "w") as f:
            f.write(text)


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "merge":
        merge(sys.argv[2], sys.argv[3:])
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cvode", action="append",
                    help="CVODE CSV (repeat to join ladders); default out/cvode.csv")
    ap.add_argument("--swift", default=os.path.join(HERE, "out", "swift.csv"))
    ap.add_argument("--markdown", default=None)
    ap.add_argument("--title", default=None, help="a heading for the markdown")
    ap.add_argument("--problems-dump", default=None)
    ap.add_argument("--problems-json", default="/work/shared/reference/problems.json")
    ap.add_argument("--repo", default=os.path.abspath(os.path.join(HERE, "..", "..")))
    ap.add_argument("--suite", default="stiff", choices=["stiff"] + sorted(SUITES),
                    help="stiff (cvode_stiff.c, the default), large or dae")
    ap.add_argument("--levels", default=None,
                    help="error levels as exponents, e.g. 3,4,5,6 (large/dae suites)")
    args = ap.parse_args()
    if args.suite != "stiff":
        main_suite(args)
        return

    md = ["## " + args.title, ""] if args.title else []
    if args.problems_dump and os.path.exists(args.problems_dump) \
            and os.path.exists(args.problems_json):
        md.append("Problem constants: " + "; ".join(
            check_problems(args.problems_dump, args.problems_json, args.repo)) + ".")
        md.append("")

    cv, cv_dropped = {}, []
    for path in args.cvode or [os.path.join(HERE, "out", "cvode.csv")]:
        c, d = read_points(path, "solver")
        for key, pts in c.items():
            cv.setdefault(key, []).extend(pts)
        cv_dropped += d
    if not os.path.exists(args.swift):
        sys.exit("no %s: run diffeq-bench --stiff --csv first" % args.swift)
    sw, sw_dropped = read_points(args.swift, "method")
    swift_methods = sorted({s for (_, s) in sw})

    # The two sides must have run the same tolerance ladder.
    for problem in PROBLEMS:
        tol_c = {(p["k"], p["abstol"], p["reltol"]) for (q, s), ps in cv.items() if q == problem
                 for p in ps}
        tol_s = {(p["k"], p["abstol"], p["reltol"]) for (q, s), ps in sw.items() if q == problem
                 for p in ps}
        for k, a, r in tol_c:
            if any(k == k2 and (a, r) != (a2, r2) for k2, a2, r2 in tol_s):
                sys.exit("%s k=%d: CVODE and Swift used different tolerances" % (problem, k))

    summary = {}
    detail = []
    for problem in PROBLEMS:
        cpts = cv.get((problem, CVODE), [])
        if not cpts:
            continue
        detail.append("### %s" % problem)
        detail.append("")
        detail.append("| error | CVODE ms | best Swift | Swift ms | Swift / CVODE |")
        detail.append("|---|---|---|---|---|")
        for level in LEVELS:
            tc = interpolate(cpts, level)
            best = None
            for m in swift_methods:
                t = interpolate(sw.get((problem, m), []), level)
                if t is not None and (best is None or t < best[1]):
                    best = (m, t)
            c_txt = ms(tc) if tc is not None else "out of range"
            s_m = best[0] if best else "—"
            s_txt = ms(best[1]) if best else "out of range"
            if tc is not None and best:
                ratio = "%.2f" % (best[1] / tc)
            elif tc is None and best:
                ratio = "CVODE out of range"
            elif best is None and tc is not None:
                ratio = "Swift out of range"
            else:
                ratio = "out of range"
            summary[(problem, level)] = ratio
            detail.append("| 1e-%d | %s | %s | %s | %s |" % (level, c_txt, s_m, s_txt, ratio))
        rng = sorted(p["scd"] for p in cpts)
        detail.append("")
        detail.append("CVODE's measured scd range: %.2f … %.2f; Swift methods' ranges: %s." % (
            rng[0], rng[-1], ", ".join(
                "%s %.2f…%.2f" % (m, min(p["scd"] for p in sw[(problem, m)]),
                                   max(p["scd"] for p in sw[(problem, m)]))
                for m in swift_methods if (problem, m) in sw)))
        detail.append("")

    head = "| problem | " + " | ".join("1e-%d" % l for l in LEVELS) + " |"
    table = [head, "|---|" + "---|" * len(LEVELS)]
    for problem in PROBLEMS:
        if any((problem, l) in summary for l in LEVELS):
            table.append("| %s | " % problem + " | ".join(
                summary.get((problem, l), "") for l in LEVELS) + " |")

    md.append("Best Swift method / CVODE-BDF, wall time at matched error (error = 10^-scd; "
              "< 1 means Swift is faster):")
    md.append("")
    md += table
    md.append("")
    md += detail

    # The raw CVODE ladder, for reference.
    md.append("### CVODE-BDF ladder")
    md.append("")
    md.append("| problem | k | scd | final error | nf | time ms |")
    md.append("|---|---|---|---|---|---|")
    for problem in PROBLEMS:
        for p in sorted(cv.get((problem, CVODE), []), key=lambda p: p["k"]):
            md.append("| %s | %d | %.2f | %.2e | %d | %s |" % (
                problem, p["k"], p["scd"], p["final_error"], p["nf"], ms(p["time"])))
    write_report(md, cv_dropped + sw_dropped, "Left out (the solve did not succeed):",
                 args.markdown)


def main_suite(args):
    """The large and DAE suites: every Swift method against every C peer of its kind."""
    suite = SUITES[args.suite]
    problems = suite["problems"]
    levels = [int(x) for x in args.levels.split(",")] if args.levels else suite["levels"]
    md = ["## " + args.title, ""] if args.title else []
    if args.problems_dump and os.path.exists(args.problems_dump) \
            and os.path.exists(args.problems_json):
        md.append("Problem constants: " + "; ".join(check_problems(
            args.problems_dump, args.problems_json, args.repo, suite["swift_files"])) + ".")
        md.append("")

    global PROBLEMS
    PROBLEMS = problems  # read_points keeps these problems only
    cv, dropped = {}, []
    for path in args.cvode or []:
        c, d = read_points(path, "solver")
        for key, pts in c.items():
            cv.setdefault(key, []).extend(pts)
        dropped += d
    sw = {}
    if os.path.exists(args.swift):
        sw, d = read_points(args.swift, "method")
        dropped += d
    else:
        md.append("No Swift CSV (%s): the C side alone." % args.swift)
        md.append("")
    for problem in problems:
        tol_c = {(p["k"], p["abstol"], p["reltol"]) for (q, _), ps in cv.items() if q == problem
                 for p in ps}
        tol_s = {(p["k"], p["abstol"], p["reltol"]) for (q, _), ps in sw.items() if q == problem
                 for p in ps}
        for k, a, r in tol_c:
            if any(k == k2 and (a, r) != (a2, r2) for k2, a2, r2 in tol_s):
                sys.exit("%s k=%d: C and Swift used different tolerances" % (problem, k))

    def ratio_text(ts, tc):
        if ts is not None and tc is not None:
            return "%.2f" % (ts / tc)
        if ts is None and tc is None:
            return "both out of range"
        return "C out of range" if tc is None else "Swift out of range"

    head = "| problem | Swift / peer | " + " | ".join("1e-%d" % l for l in levels) + " |"
    rule = "|---|---|" + "---|" * len(levels)
    summary, detail = [head, rule], []
    for problem in problems:
        peers = sorted(s for (q, s) in cv if q == problem)
        methods = sorted(s for (q, s) in sw if q == problem)
        if not peers and not methods:
            continue
        for m in methods:
            for peer in peers:
                if is_krylov(m) != is_krylov(peer):
                    continue
                cells = [ratio_text(interpolate(sw[(problem, m)], l),
                                    interpolate(cv[(problem, peer)], l)) for l in levels]
                summary.append("| %s | %s/%s | %s |" % (problem, m, peer, " | ".join(cells)))
        detail.append("### %s: time at matched error, ms" % problem)
        detail.append("")
        cols = peers + methods
        detail.append("| error | " + " | ".join(cols) + " |")
        detail.append("|---|" + "---|" * len(cols))
        for l in levels:
            row = []
            for c in cols:
                pts = cv.get((problem, c)) if c in peers else sw.get((problem, c))
                t = interpolate(pts or [], l)
                row.append(ms(t) if t is not None else "—")
            detail.append("| 1e-%d | %s |" % (l, " | ".join(row)))
        detail.append("")
        detail.append("Measured scd ranges: " + ", ".join(
            "%s %.2f…%.2f" % (c, min(p["scd"] for p in pts), max(p["scd"] for p in pts))
            for c in cols for pts in [cv.get((problem, c)) or sw.get((problem, c)) or []]
            if pts) + ".")
        detail.append("")

    if len(summary) > 2:
        md.append("Swift method / C peer of the same kind (Krylov with Krylov, direct with "
                  "direct), wall time at matched error (error = 10^-scd; < 1: Swift faster):")
        md.append("")
        md += summary
        md.append("")
    md += detail

    md.append("### C ladders")
    md.append("")
    md.append("| problem | solver | k | scd | final error | nf | nsteps | njacs | time ms |")
    md.append("|---|---|---|---|---|---|---|---|---|")
    raw = {}
    for path in args.cvode or []:
        with open(path, newline="") as f:
            for row in csv.DictReader(f):
                raw[(row["problem"], row["solver"], int(row["k"]))] = row
    for problem in problems:
        for key in sorted(k for k in raw if k[0] == problem):
            row = raw[key]
            scd = "%.2f" % float(row["scd"]) if row["scd"] else "—"
            fe = "%.2e" % float(row["final_error"]) if row["final_error"] else "—"
            flag = "" if row["retcode"] == "Success" else " (%s)" % row["retcode"]
            md.append("| %s | %s | %s | %s%s | %s | %s | %s | %s | %s |" % (
                problem, key[1], key[2], scd, flag, fe, row["nf"], row["nsteps"], row["njacs"],
                ms(float(row["time_s"]))))
    write_report(md, dropped,
                 "Left out of the curves (the solve did not succeed, or no reference):",
                 args.markdown)


if __name__ == "__main__":
    main()
