#!/usr/bin/env bash
# The DAE suite: Robertson (DAE form, to 1e5 and 1e11), Chemical Akzo Nobel and the pendulum
# (index-1 form) with IDA against `diffeq-bench --dae`. See run_suite.sh and README.md.
exec bash "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/run_suite.sh" dae "$@"
