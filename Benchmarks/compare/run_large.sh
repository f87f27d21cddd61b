#!/usr/bin/env bash
# The large stiff suite: POLLU and the 2-D Brusselator (N = 32) with CVODE (dense, KLU, SPGMR)
# against `diffeq-bench --large`. See run_suite.sh and README.md.
exec bash "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/run_suite.sh" large "$@"
