"""Import time of ``import frontend`` per backend, against importing the engine alone.

Run: python benchmarks/import_time.py [repeats]
Each figure is the best of ``repeats`` fresh interpreter starts (seconds).
"""

import os
import subprocess
import sys
import time

ENGINES = {"torch": "torch", "jax": "jax", "tensorflow": "tensorflow"}


def best_time(code, backend, repeats):
    env = dict(os.environ, FRONTEND_BACKEND=backend, TF_CPP_MIN_LOG_LEVEL="2")
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    baseline = best_time("pass", "jax", repeats)
    print(f"bare interpreter: {baseline:.2f} s")
    print("| backend | import engine | import frontend | frontend overhead |")
    print("|---|---|---|---|")
    for backend, engine in ENGINES.items():
        engine_time = best_time(f"import {engine}", backend, repeats)
        frontend_time = best_time("import frontend", backend, repeats)
        print(f"| {backend} | {engine_time:.2f} s | {frontend_time:.2f} s | {frontend_time - engine_time:+.2f} s |")


if __name__ == "__main__":
    main()
