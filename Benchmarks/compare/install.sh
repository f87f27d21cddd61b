#!/usr/bin/env bash
# Builds an optimised, static SUNDIALS 6.4.1 (Debian bookworm's own source package) into
# Benchmarks/compare/.deps/sundials, as /work/shared/BENCHMARKING.md asks: Debian's binary
# libsundials-dev is compiled at -O0 and would flatter us by about 3x.
#
# Idempotent: re-running skips every step that is already done. Needs root (apt-get).
# With KLU (SuiteSparse from Debian's libsuitesparse-dev) for CVODE's sparse direct solver
# (SUNLinSol_KLU, the large suite's CVODE-KLU), and with IDA (the DAE suite's peer).
#
# Environment: JOBS (default 1; builds under `nice -n 19`), FORCE=1 rebuilds SUNDIALS.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DEPS="$HERE/.deps"
PREFIX="$DEPS/sundials"
SRC_PARENT="$DEPS/src"
BUILD="$DEPS/build-sundials"
JOBS="${JOBS:-1}"
VERSION_WANTED="6.4.1"
C_FLAGS_RELEASE="-O2 -march=native"
STAMP="$PREFIX/.built-with"
MULTIARCH="$(gcc -print-multiarch 2>/dev/null || true)"
[ -n "$MULTIARCH" ] || MULTIARCH="$(uname -m)-linux-gnu"
KLU_INCLUDE_DIR=/usr/include/suitesparse
KLU_LIBRARY_DIR="/usr/lib/$MULTIARCH"
# The stamp names everything that changes the build; a different text rebuilds once.
STAMP_TEXT="sundials $VERSION_WANTED Release C_FLAGS_RELEASE=$C_FLAGS_RELEASE static KLU=$KLU_LIBRARY_DIR CVODE+IDA host=$(uname -m)"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

log() { printf '[install] %s\n' "$*"; }

# 1. Build tools and SuiteSparse (KLU). (compare.py uses only the Python standard library.)
need=()
for pkg in cmake build-essential dpkg-dev python3 libsuitesparse-dev; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if [ "${#need[@]}" -gt 0 ]; then
  log "apt-get install ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
else
  log "build tools present"
fi

# 2. A deb-src stanza for bookworm, so that `apt-get source` finds Debian's sundials.
SRC_LIST=/etc/apt/sources.list.d/bookworm-src.sources
# (Skipped when this file exists or a one-line `deb-src … bookworm …` entry is present.)
if [ ! -f "$SRC_LIST" ] \
  && ! grep -rqsE '^deb-src .* bookworm( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  log "adding $SRC_LIST"
  $SUDO tee "$SRC_LIST" >/dev/null <<'SOURCES'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
  $SUDO apt-get update -qq
else
  log "a deb-src stanza is present"
fi

if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$STAMP_TEXT" ] && [ "${FORCE:-0}" != 1 ] \
  && [ -f "$PREFIX/lib/libsundials_cvode.a" ] && [ -f "$PREFIX/lib/libsundials_ida.a" ] \
  && [ -f "$PREFIX/lib/libsundials_sunlinsolklu.a" ]; then
  log "SUNDIALS already built: $(cat "$STAMP") in $PREFIX"
  exit 0
fi

# 3. Debian's source package (upstream tarball + Debian patches), unpacked with dpkg-source.
mkdir -p "$SRC_PARENT"
cd "$SRC_PARENT"
if ! ls sundials_"$VERSION_WANTED"*.dsc >/dev/null 2>&1; then
  log "apt-get source --download-only sundials"
  # As root, apt warns that it cannot drop privileges to _apt for the download; harmless.
  apt-get source --download-only sundials
fi
DSC="$(ls sundials_"$VERSION_WANTED"*.dsc | sort | tail -n 1)"
if [ -z "$DSC" ]; then
  echo "Debian's sundials source is not $VERSION_WANTED; see $SRC_PARENT" >&2
  exit 1
fi
SRC="$SRC_PARENT/sundials-$VERSION_WANTED"
if [ ! -f "$SRC/CMakeLists.txt" ]; then
  log "dpkg-source -x $DSC"
  rm -rf "$SRC"
  dpkg-source -x "$DSC" "$SRC"
fi

# 4. CMake Release, -O2 -march=native, static libraries only, no examples; CVODE and IDA (and
#    the other packages, which cost little); KLU from Debian's SuiteSparse (its static libklu.a
#    etc. are what the drivers link; Debian builds SuiteSparse with its usual -O2).
log "configuring in $BUILD"
rm -rf "$BUILD"
mkdir -p "$BUILD"
cmake -S "$SRC" -B "$BUILD" \
  -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_C_FLAGS_RELEASE="$C_FLAGS_RELEASE" \
  -DCMAKE_INSTALL_PREFIX="$PREFIX" \
  -DCMAKE_INSTALL_LIBDIR=lib \
  -DBUILD_SHARED_LIBS=OFF \
  -DBUILD_STATIC_LIBS=ON \
  -DEXAMPLES_ENABLE_C=OFF \
  -DEXAMPLES_ENABLE_CXX=OFF \
  -DEXAMPLES_INSTALL=OFF \
  -DBUILD_FORTRAN_MODULE_INTERFACE=OFF \
  -DBUILD_CVODE=ON -DBUILD_IDA=ON \
  -DENABLE_MPI=OFF -DENABLE_OPENMP=OFF -DENABLE_PTHREAD=OFF \
  -DENABLE_KLU=ON -DKLU_INCLUDE_DIR="$KLU_INCLUDE_DIR" -DKLU_LIBRARY_DIR="$KLU_LIBRARY_DIR" \
  -DSUNDIALS_INDEX_SIZE=64 -DSUNDIALS_PRECISION=double

log "building with nice -n 19 make -j$JOBS (several minutes on one core)"
nice -n 19 make -C "$BUILD" -j"$JOBS"
nice -n 19 make -C "$BUILD" install
for lib in cvode ida sunlinsolklu sunmatrixsparse sunlinsolband sunlinsolspgmr; do
  [ -f "$PREFIX/lib/libsundials_$lib.a" ] || { echo "missing $PREFIX/lib/libsundials_$lib.a" >&2; exit 1; }
done
echo "$STAMP_TEXT" > "$STAMP"
log "installed: $(ls "$PREFIX"/lib/*.a | wc -l) static libraries in $PREFIX/lib"
