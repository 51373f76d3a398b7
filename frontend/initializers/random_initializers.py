"""Seeded initializers: normal, uniform, truncated normal, variance scaling and orthogonal.

Values are drawn on the host (see ``host_random``), so a seed means the same weights on
every engine. ``seed`` may be an int (every call gives the same values), ``None`` (each
call takes a fresh seed from the stream that ``set_random_seed`` resets) or a
``SeedGenerator`` (each call advances it).
"""

import math

import numpy as np

from frontend.initializers import host_random
from frontend.initializers.initializer import Initializer, host_to_tensor, standardize_dtype, standardize_shape
from frontend.random.seed_generator import SeedGenerator
from frontend.saving.serialization import deserialize_object, serialize_object

_SEED_OBJECTS = {"SeedGenerator": SeedGenerator}

# The stddev of a standard normal truncated to [-2, 2]; dividing by it restores the requested stddev.
TRUNCATION_STDDEV = 0.87962566103423978


def _real(value, name, argument):
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name}: {argument} must be a number, received {argument}={value!r}") from None


class RandomInitializer(Initializer):
    """Base of the seeded initializers: validates and serializes ``seed``."""

    def __init__(self, seed=None):
        if isinstance(seed, dict):
            seed = deserialize_object(seed, _SEED_OBJECTS, "seed")
        valid_int = isinstance(seed, (int, np.integer)) and not isinstance(seed, bool)
        if not (seed is None or valid_int or isinstance(seed, SeedGenerator)):
            raise ValueError(
                f"{type(self).__name__}: seed must be an int, a SeedGenerator or None, received seed={seed!r}"
            )
        self.seed = int(seed) if valid_int else seed

    def _draw(self, shape, dtype):
        """Standardized shape and dtype, plus the NumPy generator for this call."""
        name = type(self).__name__
        shape = standardize_shape(shape, name)
        dtype = standardize_dtype(dtype, name, float_only=True)
        return shape, dtype, host_random.generator(self.seed)

    def get_config(self):
        return {"seed": serialize_object(self.seed)}


class RandomNormal(RandomInitializer):
    """Draws from a normal distribution with ``mean`` and ``stddev``."""

    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        _real(mean, "RandomNormal", "mean")
        if _real(stddev, "RandomNormal", "stddev") < 0:
            raise ValueError(f"RandomNormal: stddev must be >= 0, received stddev={stddev!r}")
        self.mean = mean
        self.stddev = stddev
        super().__init__(seed=seed)

    def __call__(self, shape, dtype=None):
        shape, dtype, rng = self._draw(shape, dtype)
        return host_to_tensor(host_random.normal(rng, shape, float(self.mean), float(self.stddev)), dtype)

    def get_config(self):
        return {**super().get_config(), "mean": self.mean, "stddev": self.stddev}


class TruncatedNormal(RandomInitializer):
    """Like RandomNormal, but values more than two stddev from the mean are drawn again."""

    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        _real(mean, "TruncatedNormal", "mean")
        if _real(stddev, "TruncatedNormal", "stddev") < 0:
            raise ValueError(f"TruncatedNormal: stddev must be >= 0, received stddev={stddev!r}")
        self.mean = mean
        self.stddev = stddev
        super().__init__(seed=seed)

    def __call__(self, shape, dtype=None):
        shape, dtype, rng = self._draw(shape, dtype)
        return host_to_tensor(host_random.truncated_normal(rng, shape, float(self.mean), float(self.stddev)), dtype)

    def get_config(self):
        return {**super().get_config(), "mean": self.mean, "stddev": self.stddev}


class RandomUniform(RandomInitializer):
    """Draws uniformly from ``[minval, maxval)``."""

    def __init__(self, minval=-0.05, maxval=0.05, seed=None):
        if _real(minval, "RandomUniform", "minval") > _real(maxval, "RandomUniform", "maxval"):
            raise ValueError(f"RandomUniform: minval must be <= maxval, received minval={minval!r}, maxval={maxval!r}")
        self.minval = minval
        self.maxval = maxval
        super().__init__(seed=seed)

    def __call__(self, shape, dtype=None):
        shape, dtype, rng = self._draw(shape, dtype)
        return host_to_tensor(host_random.uniform(rng, shape, float(self.minval), float(self.maxval)), dtype)

    def get_config(self):
        return {**super().get_config(), "minval": self.minval, "maxval": self.maxval}


def compute_fans(shape, input_axes=None, output_axes=None):
    """``(fan_in, fan_out)`` of a weight shape.

    With both axis lists given, the fans are the products of those dims. Otherwise a
    vector has fan_in = fan_out = its length, a matrix is ``(in, out)``, and a conv
    kernel ``(*spatial, in, out)`` multiplies both by its receptive field, prod(spatial).
    """
    shape = tuple(shape)
    if input_axes is not None and output_axes is not None:
        return int(math.prod(shape[a] for a in input_axes)), int(math.prod(shape[a] for a in output_axes))
    if not shape:
        return 1, 1
    if len(shape) == 1:
        return int(shape[0]), int(shape[0])
    receptive_field = math.prod(shape[:-2])
    return int(shape[-2] * receptive_field), int(shape[-1] * receptive_field)


_MODES = ("fan_in", "fan_out", "fan_avg")
_DISTRIBUTIONS = ("truncated_normal", "untruncated_normal", "uniform")


class VarianceScaling(RandomInitializer):
    """Draws with variance ``scale / n``, where n is fan_in, fan_out or their mean (``mode``).

    ``distribution``: ``"truncated_normal"`` (stddev corrected for the truncation; ``"normal"``
    is accepted as its old name), ``"untruncated_normal"`` or ``"uniform"`` on
    ``[-sqrt(3 * scale / n), sqrt(3 * scale / n)]``.
    """

    def __init__(
        self,
        scale=1.0,
        mode="fan_in",
        distribution="truncated_normal",
        seed=None,
        input_axes=None,
        output_axes=None,
    ):
        name = type(self).__name__
        if _real(scale, name, "scale") <= 0:
            raise ValueError(f"{name}: scale must be a positive number, received scale={scale!r}")
        if mode not in _MODES:
            raise ValueError(f"{name}: mode must be one of {', '.join(_MODES)}, received mode={mode!r}")
        if not isinstance(distribution, str) or distribution.lower() not in _DISTRIBUTIONS + ("normal",):
            raise ValueError(
                f"{name}: distribution must be one of {', '.join(_DISTRIBUTIONS)}, "
                f"received distribution={distribution!r}"
            )
        distribution = distribution.lower()
        self.scale = scale
        self.mode = mode
        self.distribution = "truncated_normal" if distribution == "normal" else distribution
        self.input_axes = input_axes
        self.output_axes = output_axes
        super().__init__(seed=seed)

    def __call__(self, shape, dtype=None):
        shape, dtype, rng = self._draw(shape, dtype)
        fan_in, fan_out = compute_fans(shape, self.input_axes, self.output_axes)
        fan = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2.0}[self.mode]
        variance = float(self.scale) / max(1.0, fan)
        if self.distribution == "truncated_normal":
            values = host_random.truncated_normal(rng, shape, 0.0, math.sqrt(variance) / TRUNCATION_STDDEV)
        elif self.distribution == "untruncated_normal":
            values = host_random.normal(rng, shape, 0.0, math.sqrt(variance))
        else:
            limit = math.sqrt(3.0 * variance)
            values = host_random.uniform(rng, shape, -limit, limit)
        return host_to_tensor(values, dtype)

    def get_config(self):
        return {
            **super().get_config(),
            "scale": self.scale,
            "mode": self.mode,
            "distribution": self.distribution,
            "input_axes": self.input_axes,
            "output_axes": self.output_axes,
        }


class _FixedVarianceScaling(VarianceScaling):
    """A VarianceScaling preset: only the seed and the fan axes are configurable."""

    SCALE, MODE, DISTRIBUTION = 1.0, "fan_in", "truncated_normal"

    def __init__(self, seed=None, input_axes=None, output_axes=None):
        super().__init__(self.SCALE, self.MODE, self.DISTRIBUTION, seed, input_axes, output_axes)

    def get_config(self):
        return {"seed": serialize_object(self.seed), "input_axes": self.input_axes, "output_axes": self.output_axes}


class GlorotNormal(_FixedVarianceScaling):
    """Truncated normal with stddev sqrt(2 / (fan_in + fan_out)) (Glorot & Bengio, 2010)."""

    SCALE, MODE, DISTRIBUTION = 1.0, "fan_avg", "truncated_normal"


class GlorotUniform(_FixedVarianceScaling):
    """Uniform on [-limit, limit] with limit = sqrt(6 / (fan_in + fan_out)) (Glorot & Bengio, 2010)."""

    SCALE, MODE, DISTRIBUTION = 1.0, "fan_avg", "uniform"


class HeNormal(_FixedVarianceScaling):
    """Truncated normal with stddev sqrt(2 / fan_in) (He et al., 2015)."""

    SCALE, MODE, DISTRIBUTION = 2.0, "fan_in", "truncated_normal"


class HeUniform(_FixedVarianceScaling):
    """Uniform on [-limit, limit] with limit = sqrt(6 / fan_in) (He et al., 2015)."""

    SCALE, MODE, DISTRIBUTION = 2.0, "fan_in", "uniform"


class LecunNormal(_FixedVarianceScaling):
    """Truncated normal with stddev sqrt(1 / fan_in) (LeCun et al.; pairs with selu)."""

    SCALE, MODE, DISTRIBUTION = 1.0, "fan_in", "truncated_normal"


class LecunUniform(_FixedVarianceScaling):
    """Uniform on [-limit, limit] with limit = sqrt(3 / fan_in)."""

    SCALE, MODE, DISTRIBUTION = 1.0, "fan_in", "uniform"


class Orthogonal(RandomInitializer):
    """An orthogonal matrix (times ``gain``) from the QR decomposition of a normal draw.

    The shape is read as a ``(prod(shape[:-1]), shape[-1])`` matrix; it gets orthonormal
    columns when it has at least as many rows as columns, orthonormal rows otherwise.
    """

    def __init__(self, gain=1.0, seed=None):
        _real(gain, "Orthogonal", "gain")
        self.gain = gain
        super().__init__(seed=seed)

    def __call__(self, shape, dtype=None):
        shape, dtype, rng = self._draw(shape, dtype)
        if len(shape) < 2:
            raise ValueError(f"Orthogonal: shape must have rank >= 2, received shape={shape} of rank {len(shape)}")
        rows, cols = math.prod(shape[:-1]), shape[-1]
        q, r = np.linalg.qr(rng.standard_normal((max(rows, cols), min(rows, cols))))
        q = q * np.sign(np.diag(r))  # makes the decomposition unique, so q is uniformly distributed
        if rows < cols:
            q = q.T
        return host_to_tensor(float(self.gain) * q.reshape(shape), dtype)

    def get_config(self):
        return {**super().get_config(), "gain": self.gain}
