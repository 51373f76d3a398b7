"""Every host-side random stream of a run, read and put back: what a training backup needs.

The streams are the ones ``set_random_seed`` seeds: Python's ``random``, NumPy's global RNG
(array shuffling in ``fit`` draws from it), the global ``SeedGenerator`` behind unseeded random
ops (None while no op has needed it), and the initializer seed stream. Layers' own seed
generators are Variables and travel with the weights. States are dicts of JSON values and
NumPy arrays.
"""

import random

import numpy as np

from frontend.random import initializer_seeds
from frontend.random.seed_generator import global_seed_generator


DATA_ORDER_STREAMS = ("python", "numpy")
"""The streams the data adapters shuffle with: NumPy's for arrays, Python's for a PyDataset."""


def get_random_state():
    """All the streams, as a dict."""
    version, internal, gauss_next = random.getstate()
    name, keys, position, has_gauss, cached_gaussian = np.random.get_state()
    generator = global_seed_generator(create=False)
    return {
        "python": {"version": version, "internal": np.asarray(internal, dtype=np.uint32), "gauss_next": gauss_next},
        "numpy": {"name": name, "keys": np.asarray(keys, dtype=np.uint32), "position": int(position),
                  "has_gauss": int(has_gauss), "cached_gaussian": float(cached_gaussian)},
        "seed_generator": None if generator is None else generator.state.numpy(),
        "initializers": initializer_seeds.initializer_seed_state(),
    }


def set_random_state(state):
    """Put back ``get_random_state()``'s dict; every part is checked (on scratch generators) before any is set.

    Raises ValueError, TypeError or KeyError for a malformed state.
    """
    python = state["python"]
    python_state = (python["version"], tuple(int(word) for word in _array(python["internal"], (625,))),
                    python["gauss_next"])
    random.Random().setstate(python_state)
    numpy = state["numpy"]
    numpy_state = (numpy["name"], _array(numpy["keys"], (624,)), int(numpy["position"]), int(numpy["has_gauss"]),
                   float(numpy["cached_gaussian"]))
    np.random.RandomState().set_state(numpy_state)
    seed = state["seed_generator"]
    seed = None if seed is None else _array(seed, (2,))
    np.random.PCG64().state = state["initializers"]
    if seed is not None:
        generator = global_seed_generator()  # making it draws from Python's RNG: before that is set
        generator.state.assign(seed.astype(np.int32))
    initializer_seeds.set_initializer_seed_state(state["initializers"])
    np.random.set_state(numpy_state)
    random.setstate(python_state)


def _array(value, shape):
    if not isinstance(value, np.ndarray) or value.shape != shape or value.dtype.kind not in "iu":
        raise ValueError(f"expected an integer array of shape {shape}, found {type(value).__name__} "
                         f"{getattr(value, 'shape', '')}")
    return value
