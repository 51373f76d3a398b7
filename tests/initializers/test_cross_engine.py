"""Same seed, same model, every engine: initializer bits agree across torch, jax and tensorflow."""

import os
import subprocess
import sys

import pytest

from frontend import backend

SCRIPT = """
import hashlib
from frontend import initializers, ops, random, utils
digest = hashlib.sha256()
seeded = [
    (initializers.GlorotUniform(seed=3), (5, 4)),
    (initializers.HeNormal(seed=3), (3, 3, 2, 4)),
    (initializers.Orthogonal(seed=3), (6, 4)),
    (initializers.TruncatedNormal(seed=3), (50,)),
    (initializers.VarianceScaling(2.0, "fan_out", "untruncated_normal", seed=3), (7, 3)),
    (initializers.RandomUniform(seed=random.SeedGenerator(3)), (4,)),
]
for initializer, shape in seeded:
    digest.update(ops.convert_to_numpy(initializer(shape)).tobytes())
digest.update(ops.convert_to_numpy(initializers.LecunUniform(seed=3)((8,), "float16")).tobytes())
utils.set_random_seed(7)
unseeded = initializers.GlorotNormal()
for _ in range(2):
    digest.update(ops.convert_to_numpy(unseeded((4, 4))).tobytes())
print(digest.hexdigest())
"""


@pytest.mark.skipif(backend.backend() != "torch", reason="spawns all three engines; runs once, in the torch session")
def test_initializers_are_bit_identical_on_every_engine():
    runs = {}
    for name in ("torch", "jax", "tensorflow"):
        env = dict(os.environ, FRONTEND_BACKEND=name, TF_CPP_MIN_LOG_LEVEL="3")
        runs[name] = subprocess.Popen(
            [sys.executable, "-c", SCRIPT], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
    digests = {}
    for name, process in runs.items():
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, f"{name} failed:\n{err[-3000:]}"
        digests[name] = out.strip().splitlines()[-1]
    assert len(set(digests.values())) == 1, digests
