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
HERE = os.path.dirname(os.path.abspath(__file__))


def read_points(path, solver_column):
    """(problem, solver) -> list of point dicts; and the list of points left out."""
    curves, dropped = {}, []
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            problem = row["problem"]
            if problem not in PROBLEMS:
                continue
            solver = row[solver_column]
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


def check_problems(dump_path, json_path, repo):
    """Checks the C program's y0, tend and references against problems.json and the Swift
    models' literals; returns report lines (raises SystemExit on a mismatch)."""
    lines = []
    spec = {p["id"]: p for p in json.load(open(json_path))["problems"]}
    bad = False
    swift_dir = os.path.join(repo, "Sources", "DiffEqProblemLibrary")
    for line in open(dump_path):
        f = line.split()
        pid, n, tend = f[0], int(f[1]), float(f[2])
        y0 = [float(x) for x in f[3:3 + n]]
        ref = [float(x) for x in f[3 + n:3 + 2 * n]]
        p = spec[pid]
        ok = (tend == float(p["tend"]) and y0 == [float(x) for x in p["y0"]]
              and ref == [float(x) for x in p["reference"]["y"]]
              and ref == [float(s.replace("d", "e").replace("D", "e"))
                          for s in p["reference"]["y_str"]]
              and float(p["reference"]["t"]) == tend)
        msg = "%s: C y0/tend/reference %s problems.json" % (pid, "==" if ok else "!=")
        bad |= not ok
        path = os.path.join(swift_dir, SWIFT_FILES[pid])
        if os.path.exists(path):
            src = open(path).read()

            def array(name):
                m = re.search(name + r": \[Double\] = \[(.*?)\]", src, re.S)
                return [float(x) for x in m.group(1).replace("\n", " ").split(",") if x.strip()]

            t = float(re.search(r"tEnd: Double = ([0-9.eE+-]+)", src).group(1))
            sok = array("initialValue") == y0 and array("reference") == ref and t == tend
            msg += "; %s Swift %s" % ("==" if sok else "!=", SWIFT_FILES[pid])
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
    args = ap.parse_args()

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
    dropped = cv_dropped + sw_dropped
    if dropped:
        md.append("")
        md.append("Left out (the solve did not succeed):")
        md.append("")
        for problem, solver, p in dropped:
            md.append("- %s %s k=%d: %s (scd %.2f)" % (problem, solver, p["k"], p["retcode"],
                                                       p["scd"]))
    text = "\n".join(md) + "\n"
    print(text)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
