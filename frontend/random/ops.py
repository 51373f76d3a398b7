"""Random draws (``frontend.random``), each driven by an explicit or generated seed."""

from frontend.backends import active as B
from frontend.ops import dtypes
from frontend.ops.errors import OpError, op
from frontend.ops.tensors import tensor
from frontend.random.seed_generator import draw_seed


def _shape(shape):
    return (shape,) if isinstance(shape, int) else tuple(int(d) for d in shape)


def _float_dtype(dtype, name):
    dtype = dtypes.standardize_dtype(dtype, f"random.{name}")
    if not dtypes.is_float(dtype):
        raise OpError(f"random.{name}: dtype must be a float type, received {dtype!r}")
    return dtype


@op("random.normal")
def normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    return B.random_normal(_shape(shape), mean, stddev, _float_dtype(dtype, "normal"), draw_seed(seed))


@op("random.uniform")
def uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):
    dtype = dtypes.standardize_dtype(dtype, "random.uniform")
    if dtypes.is_int(dtype):
        return randint(shape, minval, maxval, dtype, seed)
    return B.random_uniform(_shape(shape), minval, maxval, dtype, draw_seed(seed))


@op("random.truncated_normal")
def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    """Normal values redrawn to lie within two standard deviations of the mean."""
    return B.random_truncated_normal(_shape(shape), mean, stddev, _float_dtype(dtype, "truncated_normal"), draw_seed(seed))


@op("random.randint")
def randint(shape, minval, maxval, dtype="int32", seed=None):
    dtype = dtypes.standardize_dtype(dtype, "random.randint")
    if not dtypes.is_int(dtype):
        raise OpError(f"random.randint: dtype must be an integer type, received {dtype!r}")
    if maxval <= minval:
        raise OpError(f"random.randint: needs minval < maxval, received {minval} and {maxval}")
    return B.random_randint(_shape(shape), int(minval), int(maxval), dtype, draw_seed(seed))


@op("random.categorical")
def categorical(logits, num_samples, dtype="int32", seed=None):
    """``num_samples`` class indices per row of the 2-D ``logits``."""
    logits = tensor(logits)
    logits = tensor(logits, dtypes.float_result(B.dtype_name(logits)))
    if len(B.shape(logits)) != 2:
        raise OpError(f"random.categorical: logits must be 2-D (batch, classes), received shape {B.shape(logits)}")
    return B.random_categorical(logits, int(num_samples), dtypes.standardize_dtype(dtype, "random.categorical"), draw_seed(seed))


@op("random.gamma")
def gamma(shape, alpha, dtype=None, seed=None):
    return B.random_gamma(_shape(shape), float(alpha), _float_dtype(dtype, "gamma"), draw_seed(seed))


@op("random.beta")
def beta(shape, alpha, beta, dtype=None, seed=None):
    """Beta(alpha, beta) from two gamma draws."""
    dtype = _float_dtype(dtype, "beta")
    seed = draw_seed(seed)
    first = B.random_gamma(_shape(shape), float(alpha), dtype, seed)
    second = B.random_gamma(_shape(shape), float(beta), dtype, B.add(seed, tensor([1, 0], "int32")))
    return B.divide(first, B.add(first, second))


@op("random.binomial")
def binomial(shape, counts, probabilities, dtype=None, seed=None):
    """Binomial counts as sums of Bernoulli draws (fine for the small counts of typical use)."""
    dtype = _float_dtype(dtype, "binomial")
    shape = _shape(shape)
    counts = int(counts)
    draws = B.random_uniform((counts,) + shape, 0.0, 1.0, dtype, draw_seed(seed))
    hits = B.less(draws, tensor(probabilities, dtype))
    return B.sum(B.cast(hits, dtype), 0, False)


@op("random.dropout")
def dropout(inputs, rate, noise_shape=None, seed=None):
    """Zero each element with probability ``rate`` and scale the rest by 1 / (1 - rate)."""
    x = tensor(inputs)
    x = tensor(x, dtypes.float_result(B.dtype_name(x)))
    if not 0.0 <= rate < 1.0:
        raise OpError(f"random.dropout: rate must be in [0, 1), received {rate}")
    dtype = B.dtype_name(x)
    shape = B.shape(x) if noise_shape is None else tuple(d if d is not None else s for d, s in zip(noise_shape, B.shape(x)))
    keep = B.greater_equal(B.random_uniform(shape, 0.0, 1.0, dtype, draw_seed(seed)), B.full((), rate, dtype))
    scaled = B.divide(x, B.full((), 1.0 - rate, dtype))
    return B.where(keep, scaled, B.zeros((), dtype))


@op("random.shuffle")
def shuffle(x, axis=0, seed=None):
    """A random permutation of ``x`` along ``axis``."""
    x = tensor(x)
    size = B.shape(x)[axis]
    keys = B.random_uniform((size,), 0.0, 1.0, "float32", draw_seed(seed))
    return B.take(x, B.argsort(keys, 0), axis)
