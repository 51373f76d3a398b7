#!/bin/sh
# Set everything up, then run the whole test suite once per backend; fails if any run fails.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
# pytest -n 2 shares the cores between two workers: engine threads that spin while they
# wait (OpenMP's default) would take them from each other.
export OMP_WAIT_POLICY=PASSIVE
status=0
for backend in torch jax tensorflow; do
    echo "=== tests on $backend"
    FRONTEND_BACKEND=$backend .venv/bin/python -m pytest -q -n 2 "$@" || status=1
done
exit $status
