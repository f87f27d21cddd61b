#!/usr/bin/env bash
# Builds cvode_stiff.c against the optimised static SUNDIALS from install.sh, runs it and the
# Swift stiff suite over the same problems and tolerance ladder, then compares them.
#
#   bash Benchmarks/compare/install.sh && bash Benchmarks/compare/run.sh
#
# Environment:
#   DIFFEQ_BENCH      the Swift benchmark (default .build/release/diffeq-bench at the
#                     repository root; it is not built here)
#   ROUNDS            (default 5) rounds of both benchmarks, alternating C and Swift; every point
#                     keeps its minimum time over the rounds (the same statistic as within a
#                     round), which damps the noise of a shared machine
#   CVODE_EXTRA_KMAX  (default 12; 0 turns it off) CVODE's ladder continued past k = 9, in a
#                     separate file, for a supplementary comparison (out/compare_extra.md) at
#                     the error levels CVODE does not reach with k <= 9; the main comparison
#                     (out/compare.md) uses k = 4..9 on both sides
#   QUICK=1           k = 4, 7, 3 timed runs, one round: a smoke test, not a measurement
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PREFIX="$HERE/.deps/sundials"
OUT="$HERE/out"
BIN="$HERE/.deps/bin/cvode_stiff"
SWIFT_BENCH="${DIFFEQ_BENCH:-$ROOT/.build/release/diffeq-bench}"
PROBLEMS="HIRES,ROBER,OREGO,VDPOL"
ROUNDS="${ROUNDS:-5}"
EXTRA_KMAX="${CVODE_EXTRA_KMAX:-12}"
QUICK_FLAG=()
if [ "${QUICK:-0}" = 1 ]; then QUICK_FLAG=(--quick); ROUNDS=1; EXTRA_KMAX=0; fi

if [ ! -f "$PREFIX/lib/libsundials_cvode.a" ]; then
  echo "no optimised SUNDIALS in $PREFIX; run: bash Benchmarks/compare/install.sh" >&2
  exit 1
fi
mkdir -p "$OUT/rounds" "$(dirname "$BIN")"
rm -f "$OUT"/rounds/*.csv "$OUT"/rounds/*.log "$OUT/cvode_extra.csv" "$OUT/compare_extra.md"

# Same compiler flags as the SUNDIALS build; static libraries only (no -O0 Debian .so).
echo "[run] building $BIN"
gcc -O2 -march=native -Wall -Wextra -I"$PREFIX/include" "$HERE/cvode_stiff.c" -o "$BIN" \
  "$PREFIX/lib/libsundials_cvode.a" "$PREFIX/lib/libsundials_sunlinsoldense.a" \
  "$PREFIX/lib/libsundials_sunmatrixdense.a" "$PREFIX/lib/libsundials_nvecserial.a" \
  "$PREFIX/lib/libsundials_generic.a" -lm
"$BIN" --dump > "$OUT/cvode_problems.txt"

HAVE_SWIFT=0
if [ -x "$SWIFT_BENCH" ]; then HAVE_SWIFT=1; else
  echo "[run] $SWIFT_BENCH not found (another build makes it: swift build -c release);"
  echo "      comparing against an existing out/swift.csv if there is one"
fi

swift_id() { if [ "$HAVE_SWIFT" = 1 ]; then sha256sum "$SWIFT_BENCH" | cut -c1-16; fi; }
SWIFT_ID_BEFORE="$(swift_id)"

for r in $(seq 1 "$ROUNDS"); do
  echo "[run] round $r/$ROUNDS: CVODE (k = 4..9)"
  "$BIN" --filter "$PROBLEMS" "${QUICK_FLAG[@]}" > "$OUT/rounds/cvode.$r.csv" \
    2> "$OUT/rounds/cvode.$r.log"
  if [ "$EXTRA_KMAX" -ge 10 ]; then
    echo "[run] round $r/$ROUNDS: CVODE (k = 10..$EXTRA_KMAX)"
    "$BIN" --filter "$PROBLEMS" --kmin 10 --kmax "$EXTRA_KMAX" \
      > "$OUT/rounds/cvode_extra.$r.csv" 2> "$OUT/rounds/cvode_extra.$r.log"
  fi
  if [ "$HAVE_SWIFT" = 1 ]; then
    echo "[run] round $r/$ROUNDS: $SWIFT_BENCH --stiff --filter $PROBLEMS ${QUICK_FLAG[*]}"
    "$SWIFT_BENCH" --stiff --filter "$PROBLEMS" "${QUICK_FLAG[@]}" \
      --csv "$OUT/rounds/swift.$r.csv" > "$OUT/rounds/swift.$r.log"
  fi
done

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

# CVODE's statistics and return flags (round 1; they are the same every round).
cat "$OUT/rounds/cvode.1.log"
[ "$EXTRA_KMAX" -ge 10 ] && cat "$OUT/rounds/cvode_extra.1.log"

python3 "$HERE/compare.py" merge "$OUT/cvode.csv" "$OUT"/rounds/cvode.[0-9]*.csv
if [ "$EXTRA_KMAX" -ge 10 ]; then
  python3 "$HERE/compare.py" merge "$OUT/cvode_extra.csv" "$OUT"/rounds/cvode_extra.[0-9]*.csv
fi
if [ "$HAVE_SWIFT" = 1 ]; then
  python3 "$HERE/compare.py" merge "$OUT/swift.csv" "$OUT"/rounds/swift.[0-9]*.csv
fi

python3 "$HERE/compare.py" --cvode "$OUT/cvode.csv" --swift "$OUT/swift.csv" \
  --problems-dump "$OUT/cvode_problems.txt" --markdown "$OUT/compare.md" \
  --title "Main comparison: both ladders k = 4..9 (minimum time over $ROUNDS rounds)"
if [ -f "$OUT/cvode_extra.csv" ]; then
  python3 "$HERE/compare.py" --cvode "$OUT/cvode.csv" --cvode "$OUT/cvode_extra.csv" \
    --swift "$OUT/swift.csv" --markdown "$OUT/compare_extra.md" \
    --title "Supplementary: CVODE's ladder continued to k = $EXTRA_KMAX (Swift k = 4..9)"
fi
