#!/bin/sh
# Set everything up, then run the main example on each backend.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
for backend in torch jax tensorflow; do
    echo "=== examples/quickstart.py on $backend"
    FRONTEND_BACKEND=$backend .venv/bin/python examples/quickstart.py
done
