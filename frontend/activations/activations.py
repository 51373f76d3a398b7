"""The activation functions of ``keras.activations``, as plain functions over ``frontend.ops``.

Each takes a tensor and returns one of the same shape; extra arguments have Keras 3's
names and defaults.
"""

from frontend import ops


def relu(x, negative_slope=0.0, max_value=None, threshold=0.0):
    """Rectified linear unit: ``x`` above ``threshold``, else 0; optionally capped and leaky.

    Below ``threshold`` the output is ``negative_slope * (x - threshold)``. ``max_value``
    clips the non-negative part to ``[0, max_value]`` (so with a negative threshold, inputs
    between the threshold and 0 give 0, as in Keras).
    """
    if negative_slope == 0 and max_value is None and threshold == 0:
        return ops.relu(x)
    x = ops.convert_to_tensor(x)
    if threshold == 0:
        output = ops.relu(x)
    else:
        output = ops.where(ops.greater(x, threshold), x, ops.zeros_like(x))
    if max_value is not None:
        output = ops.clip(output, 0.0, max_value)
    if negative_slope != 0:
        output = ops.subtract(output, ops.multiply(negative_slope, ops.relu(ops.subtract(threshold, x))))
    return output


def relu6(x):
    """``min(max(x, 0), 6)``."""
    return ops.relu6(x)


def leaky_relu(x, negative_slope=0.2):
    """``x`` for ``x >= 0``, ``negative_slope * x`` otherwise."""
    return ops.leaky_relu(x, negative_slope=negative_slope)


def elu(x, alpha=1.0):
    """Exponential linear unit: ``x`` for ``x > 0``, ``alpha * (exp(x) - 1)`` otherwise."""
    return ops.elu(x, alpha=alpha)


def selu(x):
    """Scaled ELU with the self-normalizing constants (Klambauer et al., 2017)."""
    return ops.selu(x)


def celu(x, alpha=1.0):
    """Continuously differentiable ELU: ``max(x, 0) + min(alpha * (exp(x / alpha) - 1), 0)``."""
    return ops.celu(x, alpha=alpha)


def gelu(x, approximate=False):
    """Gaussian error linear unit ``x * Phi(x)``; ``approximate`` uses the tanh formula."""
    return ops.gelu(x, approximate=approximate)


def glu(x, axis=-1):
    """Gated linear unit: split ``x`` in halves ``a, b`` along ``axis``, return ``a * sigmoid(b)``."""
    return ops.glu(x, axis=axis)


def sigmoid(x):
    """``1 / (1 + exp(-x))``."""
    return ops.sigmoid(x)


def hard_sigmoid(x):
    """Piecewise linear sigmoid: ``relu6(x + 3) / 6``."""
    return ops.hard_sigmoid(x)


def sparse_sigmoid(x):
    """0 for ``x <= -1``, 1 for ``x >= 1``, ``(x + 1) / 2`` between (Blondel et al., 2019)."""
    x = ops.convert_to_tensor(x)
    return ops.clip(ops.multiply(ops.add(x, 1.0), 0.5), 0.0, 1.0)


def log_sigmoid(x):
    """``log(sigmoid(x))``, computed stably."""
    return ops.log_sigmoid(x)


def silu(x):
    """Sigmoid linear unit (swish): ``x * sigmoid(x)``."""
    return ops.silu(x)


def hard_silu(x):
    """Hard swish: ``x * hard_sigmoid(x)``."""
    return ops.hard_silu(x)


def softplus(x):
    """``log(exp(x) + 1)``, computed stably."""
    return ops.softplus(x)


def softsign(x):
    """``x / (abs(x) + 1)``."""
    return ops.softsign(x)


def squareplus(x, b=4):
    """``(x + sqrt(x**2 + b)) / 2``, a smooth relu."""
    return ops.squareplus(x, b=b)


def sparse_plus(x):
    """0 for ``x <= -1``, ``x`` for ``x >= 1``, ``(x + 1)**2 / 4`` between."""
    return ops.sparse_plus(x)


def softmax(x, axis=-1):
    """``exp(x) / sum(exp(x))`` along ``axis``: a probability distribution per slice."""
    return ops.softmax(x, axis=axis)


def log_softmax(x, axis=-1):
    """``log(softmax(x))`` along ``axis``, computed stably."""
    return ops.log_softmax(x, axis=axis)


def sparsemax(x, axis=-1):
    """Euclidean projection of ``x`` onto the probability simplex along ``axis`` (Martins & Astudillo, 2016).

    Like softmax it returns a distribution, but small entries become exactly 0: the output
    is ``max(x - tau, 0)`` with ``tau`` chosen so each slice sums to 1.
    """
    x = ops.moveaxis(ops.convert_to_tensor(x), axis, -1)
    ranked = ops.flip(ops.sort(x, axis=-1), axis=-1)
    running = ops.cumsum(ranked, axis=-1)
    k = ops.arange(1, ops.shape(x)[-1] + 1, dtype=ops.dtype(ranked))
    in_support = ops.cast(ops.greater(ops.add(1.0, ops.multiply(k, ranked)), running), ops.dtype(ranked))
    support_size = ops.sum(in_support, axis=-1, keepdims=True)
    tau = ops.divide(ops.subtract(ops.sum(ops.multiply(ranked, in_support), axis=-1, keepdims=True), 1.0), support_size)
    return ops.moveaxis(ops.relu(ops.subtract(x, tau)), -1, axis)


def tanh(x):
    """Hyperbolic tangent."""
    return ops.tanh(x)


def tanh_shrink(x):
    """``x - tanh(x)``."""
    return ops.tanh_shrink(x)


def hard_tanh(x):
    """``clip(x, -1, 1)``."""
    return ops.hard_tanh(x)


def hard_shrink(x, threshold=0.5):
    """``x`` where ``abs(x) > threshold``, 0 elsewhere."""
    return ops.hard_shrink(x, threshold=threshold)


def soft_shrink(x, threshold=0.5):
    """``x`` moved ``threshold`` towards 0, and 0 where ``abs(x) <= threshold``."""
    return ops.soft_shrink(x, threshold=threshold)


def threshold(x, threshold, default_value):
    """``x`` where ``x > threshold``, ``default_value`` elsewhere."""
    return ops.threshold(x, threshold, default_value)


def exponential(x):
    """``exp(x)``."""
    return ops.exp(x)


def mish(x):
    """``x * tanh(softplus(x))`` (Misra, 2019)."""
    x = ops.convert_to_tensor(x)
    return ops.multiply(x, ops.tanh(ops.softplus(x)))


def linear(x):
    """The identity: returns ``x`` unchanged."""
    return x
