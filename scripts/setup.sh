#!/bin/sh
# Create .venv (once) and install frontend with all three engines (CPU builds) and test tools.
set -eu
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install --quiet -c constraints.txt -e ".[test]" torch jax tensorflow-cpu
