#!/bin/sh
# Set everything up, then run the whole test suite once per backend; fails if any run fails.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
status=0
for backend in torch jax tensorflow; do
    echo "=== tests on $backend"
    FRONTEND_BACKEND=$backend .venv/bin/python -m pytest -q -n 2 "$@" || status=1
done
exit $status
