#!/usr/bin/env bash
# The large stiff suite (CVODE) and the DAE suite (IDA) against the Swift benchmark, at matched
# error, as run.sh does for the small stiff suite. Usually called through run_large.sh or
# run_dae.sh:
#
#   bash Benchmarks/compare/install.sh && bash Benchmarks/compare/run_large.sh
#   bash Benchmarks/compare/install.sh && bash Benchmarks/compare/run_dae.sh
#   bash Benchmarks/compare/run_suite.sh large|dae
#
# large: cvode_large (POLLU: CVODE-Dense; BRUSS2D_N32: CVODE-KLU, CVODE-SPGMR,
#        CVODE-SPGMR-Jacobi) against `diffeq-bench --large --csv FILE`
# dae:   ida_dae (ROBERDAE5, ROBERDAE11, AKZO, PENDULUM: IDA) against
#        `diffeq-bench --dae --csv FILE`
#
# Environment:
#   DIFFEQ_BENCH  the Swift benchmark (default .build/release/diffeq-bench at the repository
#                 root; not built here). Used only when its --help lists the suite's flag; else
#                 the C side runs alone and an existing out/<suite>/swift.csv (if any) is compared
#   ROUNDS        (default 5) rounds, alternating C and Swift; each point keeps its minimum time
#   FILTER        passed to both sides as --filter (problem names)
#   QUICK=1       k = 4, 7, 3 timed runs, one round: a smoke test, not a measurement
# Outputs in Benchmarks/compare/out/<suite>/ (git-ignored): c.csv, swift.csv (merged),
# rounds/, compare.md, problems.txt (the C side's compiled-in constants), swift_binary.txt.
set -euo pipefail

SUITE="${1:-${SUITE:-}}"
case "$SUITE" in
  large) C_SRC=cvode_large.c; C_BIN_NAME=cvode_large; SWIFT_FLAG=--large ;;
  dae) C_SRC=ida_dae.c; C_BIN_NAME=ida_dae; SWIFT_FLAG=--dae ;;
  *) echo "usage: run_suite.sh large|dae" >&2; exit 2 ;;
esac

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PREFIX="$HERE/.deps/sundials"
OUT="$HERE/out/$SUITE"
BIN="$HERE/.deps/bin/$C_BIN_NAME"
SWIFT_BENCH="${DIFFEQ_BENCH:-$ROOT/.build/release/diffeq-bench}"
ROUNDS="${ROUNDS:-5}"
FILTER_FLAG=()
if [ -n "${FILTER:-}" ]; then FILTER_FLAG=(--filter "$FILTER"); fi
QUICK_FLAG=()
if [ "${QUICK:-0}" = 1 ]; then QUICK_FLAG=(--quick); ROUNDS=1; fi

for lib in cvode ida arkode sunlinsolklu; do
  if [ ! -f "$PREFIX/lib/libsundials_$lib.a" ]; then
    echo "no $PREFIX/lib/libsundials_$lib.a; run: bash Benchmarks/compare/install.sh" >&2
    exit 1
  fi
done
mkdir -p "$OUT/rounds" "$(dirname "$BIN")"
rm -f "$OUT"/rounds/*.csv "$OUT"/rounds/*.log

# The flags of the SUNDIALS build, plus -ffp-contract=off: the right-hand sides must do the
# Swift models' arithmetic, and Swift does not fuse multiply-adds (gcc would, with -march=native
# on an FMA machine). Static libraries only; KLU and its orderings from Debian's SuiteSparse.
MULTIARCH="$(gcc -print-multiarch 2>/dev/null || echo "$(uname -m)-linux-gnu")"
SS="/usr/lib/$MULTIARCH"
L="$PREFIX/lib"
echo "[run] building $BIN"
nice -n 10 gcc -O2 -march=native -ffp-contract=off -Wall -Wextra -I"$PREFIX/include" \
  -I/usr/include/suitesparse -DREF_DIR="\"$HERE/reference\"" "$HERE/$C_SRC" -o "$BIN" \
  "$L/libsundials_ida.a" "$L/libsundials_cvode.a" "$L/libsundials_arkode.a" \
  "$L/libsundials_sunlinsolklu.a" "$L/libsundials_sunlinsolspgmr.a" \
  "$L/libsundials_sunlinsoldense.a" "$L/libsundials_sunlinsolband.a" \
  "$L/libsundials_sunmatrixsparse.a" "$L/libsundials_sunmatrixdense.a" \
  "$L/libsundials_sunmatrixband.a" "$L/libsundials_sunnonlinsolnewton.a" \
  "$L/libsundials_nvecserial.a" "$L/libsundials_generic.a" \
  "$SS/libklu.a" "$SS/libamd.a" "$SS/libcolamd.a" "$SS/libbtf.a" "$SS/libsuitesparseconfig.a" -lm
"$BIN" --dump > "$OUT/problems.txt"
if [ "$SUITE" = large ]; then "$BIN" --info | tee "$OUT/info.txt"; fi

HAVE_SWIFT=0
if [ -x "$SWIFT_BENCH" ] && "$SWIFT_BENCH" --help 2>/dev/null | grep -q -- "$SWIFT_FLAG"; then
  HAVE_SWIFT=1
else
  echo "[run] $SWIFT_BENCH is missing or has no $SWIFT_FLAG suite yet: C side only;"
  echo "      comparing against an existing $OUT/swift.csv if there is one"
fi
swift_id() { if [ "$HAVE_SWIFT" = 1 ]; then sha256sum "$SWIFT_BENCH" | cut -c1-16; fi; }
SWIFT_ID_BEFORE="$(swift_id)"

START=$(date +%s)
for r in $(seq 1 "$ROUNDS"); do
  echo "[run] round $r/$ROUNDS: $C_BIN_NAME ${FILTER_FLAG[*]} ${QUICK_FLAG[*]}"
  "$BIN" "${FILTER_FLAG[@]}" "${QUICK_FLAG[@]}" > "$OUT/rounds/c.$r.csv" 2> "$OUT/rounds/c.$r.log"
  if [ "$HAVE_SWIFT" = 1 ]; then
    echo "[run] round $r/$ROUNDS: $SWIFT_BENCH $SWIFT_FLAG ${FILTER_FLAG[*]} ${QUICK_FLAG[*]}"
    "$SWIFT_BENCH" "$SWIFT_FLAG" "${FILTER_FLAG[@]}" "${QUICK_FLAG[@]}" \
      --csv "$OUT/rounds/swift.$r.csv" > "$OUT/rounds/swift.$r.log"
  fi
done
echo "[run] $ROUNDS rounds in $(( $(date +%s) - START )) s"

if [ "$HAVE_SWIFT" = 1 ]; then
  if [ "$(swift_id)" != "$SWIFT_ID_BEFORE" ]; then
    echo "[run] WARNING: $SWIFT_BENCH changed during the run (rebuilt?); the rounds mixed" \
      "two binaries: run again" | tee "$OUT/WARNING"
  else
    rm -f "$OUT/WARNING"
  fi
  echo "diffeq-bench sha256 ${SWIFT_ID_BEFORE}… $(date -u -r "$SWIFT_BENCH" '+built %Y-%m-%d %H:%M:%S UTC');" \
    "repository HEAD $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')" \
    > "$OUT/swift_binary.txt"
  cat "$OUT/swift_binary.txt"
fi

# The C side's statistics and return flags (round 1; the same every round).
cat "$OUT/rounds/c.1.log"

python3 "$HERE/compare.py" merge "$OUT/c.csv" "$OUT"/rounds/c.[0-9]*.csv
if [ "$HAVE_SWIFT" = 1 ]; then
  python3 "$HERE/compare.py" merge "$OUT/swift.csv" "$OUT"/rounds/swift.[0-9]*.csv
fi
python3 "$HERE/compare.py" --suite "$SUITE" --cvode "$OUT/c.csv" --swift "$OUT/swift.csv" \
  --problems-dump "$OUT/problems.txt" --markdown "$OUT/compare.md" \
  --title "$SUITE suite: both ladders k = 4..9 (minimum time over $ROUNDS rounds)"
