"""Per-call overhead of ``layer(x)`` in eager mode over running its computation directly.

Run: python benchmarks/layer_call_overhead.py [calls]
For each backend (a subprocess each), best of 7 rounds of ``calls`` calls, in microseconds:
  pass-through  a layer whose call returns its input: ``layer(x)`` minus ``layer.call(x)``
                is the pure cost of the Layer machinery (build check, input conversion,
                input spec, training and mask plumbing, graph-mode check);
  Dense(16)     ``layer.call(x)`` (the raw frontend.ops computation) and ``layer(x)`` on an
                (8, 16) float32 input.
The machine's load matters: compare figures from one run only.
"""

import os
import subprocess
import sys

_MEASURE = r"""
import time, numpy as np
from frontend import layers, ops
class PassThrough(layers.Layer):
    def __init__(self):
        super().__init__()
        self.supports_masking = True
    def call(self, x):
        return x
x = ops.convert_to_tensor(np.ones((8, 16), "float32"))
def best(fn, calls):
    fn(x)
    times = []
    for _ in range(7):
        start = time.perf_counter()
        for _ in range(calls):
            fn(x)
        times.append((time.perf_counter() - start) / calls)
    return min(times) * 1e6
calls = int(CALLS)
passthrough, dense = PassThrough(), layers.Dense(16)
dense(x)
print(best(passthrough.call, calls), best(passthrough, calls), best(dense.call, calls // 10), best(dense, calls // 10))
"""


def main():
    calls = sys.argv[1] if len(sys.argv) > 1 else "20000"
    print("| backend | layer machinery (us/call) | Dense raw ops (us/call) | Dense layer(x) (us/call) |")
    print("|---|---|---|---|")
    for backend in ("torch", "jax", "tensorflow"):
        env = dict(os.environ, FRONTEND_BACKEND=backend, TF_CPP_MIN_LOG_LEVEL="2")
        result = subprocess.run([sys.executable, "-c", _MEASURE.replace("CALLS", calls)], env=env,
                                check=True, capture_output=True, text=True)
        noop_call, noop_layer, raw, full = map(float, result.stdout.split()[-4:])
        print(f"| {backend} | {noop_layer - noop_call:.1f} | {raw:.1f} | {full:.1f} |")


if __name__ == "__main__":
    main()
