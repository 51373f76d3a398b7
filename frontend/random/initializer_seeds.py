"""The host-side seed stream behind unseeded initializers.

Initializers draw their values on the host with NumPy so that one seed gives the same
weights on every engine. An initializer built with ``seed=None`` takes a fresh seed from
this stream at each call; ``frontend.utils.set_random_seed`` restarts the stream, which
makes unseeded models reproducible, and identical across engines, too.
"""

import numpy as np

_SEED_LIMIT = 2**63 - 1
_stream = {"generator": np.random.Generator(np.random.PCG64())}  # fresh OS entropy until reset


def next_initializer_seed():
    """The next seed of the stream, a non-negative Python int."""
    return int(_stream["generator"].integers(0, _SEED_LIMIT))


def reset_initializer_seeds(seed):
    """Restart the stream from ``seed`` (a non-negative int)."""
    _stream["generator"] = np.random.Generator(np.random.PCG64(seed))


def initializer_seed_state():
    """Where the stream stands (a JSON-able dict), so that a backup of a training run can put it back."""
    return _stream["generator"].bit_generator.state


def set_initializer_seed_state(state):
    """Continue the stream from ``initializer_seed_state()``'s dict; a malformed one raises before any change."""
    bit_generator = np.random.PCG64()
    bit_generator.state = state
    _stream["generator"] = np.random.Generator(bit_generator)
