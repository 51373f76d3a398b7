"""Neural-network ops (``ops.nn``): activations, softmax, convolutions, pooling, normalization, losses."""

import math

from frontend import config
from frontend.backends import active as B
from frontend.ops import dtypes
from frontend.ops.axes import normalize_axis
from frontend.ops.errors import OpError, op
from frontend.ops.tensors import tensor


def _float(x):
    x = tensor(x)
    return tensor(x, dtypes.float_result(B.dtype_name(x)))


def _const(value, like):
    return B.full((), value, B.dtype_name(like))


def _zero(like):
    return B.zeros((), B.dtype_name(like))


# ---------------------------------------------------------------- activations


@op("relu")
def relu(x):
    return B.relu(_float(x))


@op("relu6")
def relu6(x):
    x = _float(x)
    return B.minimum(B.maximum(x, _zero(x)), _const(6.0, x))


@op("sigmoid")
def sigmoid(x):
    return B.sigmoid(_float(x))


@op("softplus")
def softplus(x):
    """log(1 + exp(x)), stable for large |x|."""
    x = _float(x)
    return B.add(B.maximum(x, _zero(x)), B.log1p(B.exp(B.negative(B.abs(x)))))


@op("softsign")
def softsign(x):
    x = _float(x)
    return B.divide(x, B.add(B.abs(x), _const(1.0, x)))


@op("silu")
def silu(x):
    x = _float(x)
    return B.multiply(x, B.sigmoid(x))


swish = silu


@op("log_sigmoid")
def log_sigmoid(x):
    x = _float(x)
    return B.negative(softplus(B.negative(x)))


@op("leaky_relu")
def leaky_relu(x, negative_slope=0.2):
    x = _float(x)
    return B.where(B.greater_equal(x, _zero(x)), x, B.multiply(x, _const(negative_slope, x)))


@op("hard_sigmoid")
def hard_sigmoid(x):
    """relu6(x + 3) / 6, as Keras 3 defines it."""
    x = _float(x)
    return B.divide(relu6(B.add(x, _const(3.0, x))), _const(6.0, x))


@op("hard_silu")
def hard_silu(x):
    x = _float(x)
    return B.multiply(x, hard_sigmoid(x))


hard_swish = hard_silu


@op("elu")
def elu(x, alpha=1.0):
    x = _float(x)
    return B.where(B.greater(x, _zero(x)), x, B.multiply(_const(alpha, x), B.expm1(x)))


@op("selu")
def selu(x):
    x = _float(x)
    alpha, scale = 1.6732632423543772, 1.0507009873554805
    return B.multiply(_const(scale, x), elu(x, alpha))


@op("celu")
def celu(x, alpha=1.0):
    x = _float(x)
    negative = B.multiply(_const(alpha, x), B.expm1(B.divide(x, _const(alpha, x))))
    return B.add(B.maximum(x, _zero(x)), B.minimum(negative, _zero(x)))


@op("gelu")
def gelu(x, approximate=True):
    """Gaussian error linear unit; ``approximate`` uses the tanh formula (Keras 3's default)."""
    x = _float(x)
    half = _const(0.5, x)
    if approximate:
        inner = B.multiply(_const(math.sqrt(2.0 / math.pi), x), B.add(x, B.multiply(_const(0.044715, x), B.power(x, _const(3.0, x)))))
        return B.multiply(B.multiply(half, x), B.add(_const(1.0, x), B.tanh(inner)))
    return B.multiply(B.multiply(half, x), B.add(_const(1.0, x), B.erf(B.divide(x, _const(math.sqrt(2.0), x)))))


@op("glu")
def glu(x, axis=-1):
    x = _float(x)
    axis = normalize_axis(axis, len(B.shape(x)), "glu")[0]
    if B.shape(x)[axis] % 2:
        raise OpError(f"ops.glu: axis {axis} of shape {B.shape(x)} must have even size")
    a, b = B.split(x, 2, axis)
    return B.multiply(a, B.sigmoid(b))


@op("hard_tanh")
def hard_tanh(x):
    x = _float(x)
    return B.minimum(B.maximum(x, _const(-1.0, x)), _const(1.0, x))


@op("tanh_shrink")
def tanh_shrink(x):
    x = _float(x)
    return B.subtract(x, B.tanh(x))


@op("soft_shrink")
def soft_shrink(x, threshold=0.5):
    x = _float(x)
    t = _const(threshold, x)
    shrunk = B.subtract(x, B.multiply(B.sign(x), t))
    return B.where(B.greater(B.abs(x), t), shrunk, _zero(x))


@op("hard_shrink")
def hard_shrink(x, threshold=0.5):
    x = _float(x)
    return B.where(B.greater(B.abs(x), _const(threshold, x)), x, _zero(x))


@op("squareplus")
def squareplus(x, b=4):
    x = _float(x)
    return B.divide(B.add(x, B.sqrt(B.add(B.square(x), _const(b, x)))), _const(2.0, x))


@op("sparse_plus")
def sparse_plus(x):
    x = _float(x)
    middle = B.divide(B.square(B.add(x, _const(1.0, x))), _const(4.0, x))
    result = B.where(B.less_equal(x, _const(-1.0, x)), _zero(x), middle)
    return B.where(B.greater_equal(x, _const(1.0, x)), x, result)


@op("threshold")
def threshold(x, threshold, default_value):
    x = _float(x)
    return B.where(B.greater(x, _const(threshold, x)), x, _const(default_value, x))


@op("softmax")
def softmax(x, axis=-1):
    x = _float(x)
    axes = normalize_axis(axis, len(B.shape(x)), "softmax")
    shifted = B.subtract(x, B.stop_gradient(B.max(x, axes, True)))
    exp = B.exp(shifted)
    return B.divide(exp, B.sum(exp, axes, True))


@op("log_softmax")
def log_softmax(x, axis=-1):
    x = _float(x)
    axes = normalize_axis(axis, len(B.shape(x)), "log_softmax")
    shifted = B.subtract(x, B.stop_gradient(B.max(x, axes, True)))
    return B.subtract(shifted, B.log(B.sum(B.exp(shifted), axes, True)))


# ---------------------------------------------------------------- encodings


@op("one_hot")
def one_hot(x, num_classes, axis=-1, dtype=None, sparse=False):
    """One-hot encode integer labels; negative or out-of-range labels give all zeros."""
    x = tensor(x, "int32")
    dtype = dtypes.standardize_dtype(dtype, "one_hot")
    ndim = len(B.shape(x)) + 1
    axis = normalize_axis(axis, ndim, "one_hot")[0]
    classes_shape = [1] * ndim
    classes_shape[axis] = num_classes
    classes = B.reshape(B.arange(0, num_classes, 1, "int32"), tuple(classes_shape))
    labels_shape = list(B.shape(x))
    labels_shape.insert(axis, 1)
    return B.cast(B.equal(B.reshape(x, tuple(labels_shape)), classes), dtype)


@op("multi_hot")
def multi_hot(inputs, num_classes, axis=-1, dtype=None, sparse=False):
    """1 for every class that appears in the last axis of ``inputs``."""
    encoded = one_hot(inputs, num_classes, axis=axis, dtype="bool")
    reduce_axis = -2 if axis == -1 else (axis + 1 if axis >= 0 else axis - 1)
    ndim = len(B.shape(encoded))
    reduce_axis = normalize_axis(reduce_axis, ndim, "multi_hot")[0] if ndim > 1 else 0
    return B.cast(B.any(encoded, reduce_axis, False), dtypes.standardize_dtype(dtype, "multi_hot"))


# ---------------------------------------------------------------- convolution and pooling


def _tuple(value, rank, name, what):
    values = (value,) * rank if isinstance(value, int) else tuple(value)
    if len(values) != rank or any(v < 1 for v in values):
        raise OpError(f"ops.{name}: {what} must be a positive int or {rank} of them, received {value!r}")
    return values


def _spatial(name, x, kernel, data_format):
    x = _float(x)
    rank = len(B.shape(x)) - 2
    if rank not in (1, 2, 3):
        raise OpError(f"ops.{name}: inputs must be 3-D, 4-D or 5-D (batch, spatial..., channels), received shape {B.shape(x)}")
    kernel = tensor(kernel, B.dtype_name(x))
    if len(B.shape(kernel)) != rank + 2:
        raise OpError(f"ops.{name}: kernel of shape {B.shape(kernel)} needs rank {rank + 2} for inputs of shape {B.shape(x)}")
    return x, kernel, rank, config.standardize_data_format(data_format)


def _channels(x, data_format):
    return B.shape(x)[-1] if data_format == "channels_last" else B.shape(x)[1]


def _causal_pad(x, kernel_size, dilation, data_format):
    """Left-pad the single spatial axis so the convolution sees no future steps."""
    amount = (kernel_size - 1) * dilation
    widths = ((0, 0), (amount, 0), (0, 0)) if data_format == "channels_last" else ((0, 0), (0, 0), (amount, 0))
    return B.pad(x, widths, "constant", 0)


def _padding(name, padding, rank):
    allowed = ("valid", "same", "causal") if rank == 1 else ("valid", "same")
    if padding not in allowed:
        raise OpError(f"ops.{name}: padding must be one of {allowed}, received {padding!r}")
    return padding


@op("conv")
def conv(inputs, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
    """N-D convolution; kernel (*window, in_channels // groups, filters)."""
    x, kernel, rank, data_format = _spatial("conv", inputs, kernel, data_format)
    strides = _tuple(strides, rank, "conv", "strides")
    dilation = _tuple(dilation_rate, rank, "conv", "dilation_rate")
    padding = _padding("conv", padding.lower(), rank)
    channels, per_group = _channels(x, data_format), B.shape(kernel)[-2]
    if channels % per_group or B.shape(kernel)[-1] % (channels // per_group):
        raise OpError(
            f"ops.conv: inputs have {channels} channels but the kernel of shape {B.shape(kernel)} expects "
            f"a multiple of {per_group} that also divides its {B.shape(kernel)[-1]} filters"
        )
    if padding == "causal":
        x, padding = _causal_pad(x, B.shape(kernel)[0], dilation[0], data_format), "valid"
    return B.conv(x, kernel, strides, padding, data_format, dilation)


@op("depthwise_conv")
def depthwise_conv(inputs, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
    """Per-channel convolution; kernel (*window, in_channels, multiplier)."""
    x, kernel, rank, data_format = _spatial("depthwise_conv", inputs, kernel, data_format)
    strides = _tuple(strides, rank, "depthwise_conv", "strides")
    dilation = _tuple(dilation_rate, rank, "depthwise_conv", "dilation_rate")
    padding = _padding("depthwise_conv", padding.lower(), rank)
    if _channels(x, data_format) != B.shape(kernel)[-2]:
        raise OpError(
            f"ops.depthwise_conv: inputs have {_channels(x, data_format)} channels, kernel of shape "
            f"{B.shape(kernel)} expects {B.shape(kernel)[-2]}"
        )
    if padding == "causal":
        x, padding = _causal_pad(x, B.shape(kernel)[0], dilation[0], data_format), "valid"
    return B.depthwise_conv(x, kernel, strides, padding, data_format, dilation)


@op("separable_conv")
def separable_conv(inputs, depthwise_kernel, pointwise_kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
    """A depthwise convolution followed by a 1x1 convolution."""
    depthwise = depthwise_conv(inputs, depthwise_kernel, strides, padding, data_format, dilation_rate)
    return conv(depthwise, pointwise_kernel, 1, "valid", data_format, 1)


@op("conv_transpose")
def conv_transpose(inputs, kernel, strides=1, padding="valid", output_padding=None, data_format=None, dilation_rate=1):
    """Transposed convolution; kernel (*window, filters, in_channels)."""
    x, kernel, rank, data_format = _spatial("conv_transpose", inputs, kernel, data_format)
    strides = _tuple(strides, rank, "conv_transpose", "strides")
    dilation = _tuple(dilation_rate, rank, "conv_transpose", "dilation_rate")
    padding = _padding("conv_transpose", padding.lower(), max(rank, 2))
    if output_padding is not None:
        output_padding = (output_padding,) * rank if isinstance(output_padding, int) else tuple(output_padding)
    if _channels(x, data_format) != B.shape(kernel)[-1]:
        raise OpError(
            f"ops.conv_transpose: inputs have {_channels(x, data_format)} channels, kernel of shape "
            f"{B.shape(kernel)} expects {B.shape(kernel)[-1]}"
        )
    return B.conv_transpose(x, kernel, strides, padding, output_padding, data_format, dilation)


def _pool(name, primitive):
    @op(name)
    def function(inputs, pool_size, strides=None, padding="valid", data_format=None):
        x = _float(inputs)
        rank = len(B.shape(x)) - 2
        if rank not in (1, 2, 3):
            raise OpError(f"ops.{name}: inputs must be 3-D, 4-D or 5-D, received shape {B.shape(x)}")
        pool_size = _tuple(pool_size, rank, name, "pool_size")
        strides = pool_size if strides is None else _tuple(strides, rank, name, "strides")
        padding = _padding(name, padding.lower(), 2)
        return primitive(x, pool_size, strides, padding, config.standardize_data_format(data_format))

    function.__name__ = name
    return function


max_pool = _pool("max_pool", B.max_pool)
average_pool = _pool("average_pool", B.average_pool)


# ---------------------------------------------------------------- normalization


@op("moments")
def moments(x, axes, keepdims=False, synchronized=False):
    """(mean, variance) over ``axes``; float16 inputs are accumulated in float32."""
    x = _float(x)
    dtype = B.dtype_name(x)
    compute = "float32" if dtype in ("float16", "bfloat16") else dtype
    x = B.cast(x, compute)
    axes = normalize_axis(axes, len(B.shape(x)), "moments")
    mean = B.mean(x, axes, True)
    variance = B.mean(B.square(B.subtract(x, B.stop_gradient(mean))), axes, True)
    if not keepdims:
        kept = tuple(d for i, d in enumerate(B.shape(x)) if i not in axes)
        mean, variance = B.reshape(mean, kept), B.reshape(variance, kept)
    return B.cast(mean, dtype), B.cast(variance, dtype)


@op("batch_normalization")
def batch_normalization(x, mean, variance, axis, offset=None, scale=None, epsilon=1e-3):
    """(x - mean) / sqrt(variance + epsilon) * scale + offset; the 1-D statistics run along ``axis``."""
    x = _float(x)
    dtype = B.dtype_name(x)
    axis = normalize_axis(axis, len(B.shape(x)), "batch_normalization")[0]
    shape = [1] * len(B.shape(x))
    shape[axis] = B.shape(x)[axis]

    def along_axis(value):
        return B.reshape(tensor(value, dtype), tuple(shape))

    inverse = B.rsqrt(B.add(along_axis(variance), B.full((), epsilon, dtype)))
    if scale is not None:
        inverse = B.multiply(inverse, along_axis(scale))
    result = B.multiply(B.subtract(x, along_axis(mean)), inverse)
    return result if offset is None else B.add(result, along_axis(offset))


@op("normalize")
def normalize(x, axis=-1, order=2, epsilon=None):
    """x divided by its ``order``-norm along ``axis``."""
    from frontend.ops.linalg import norm

    x = _float(x)
    eps = config.epsilon() if epsilon is None else epsilon
    if order == 2:  # the Euclidean norm over all of ``axis`` (Frobenius over several axes), as Keras
        from frontend.ops.reductions import sum as reduce_sum

        inverse = B.rsqrt(reduce_sum(B.square(x), axis=axis, keepdims=True))
        return B.multiply(x, B.minimum(inverse, B.full((), 1.0 / eps, B.dtype_name(x))))
    magnitude = norm(x, ord=order, axis=axis, keepdims=True)
    return B.divide(x, B.maximum(magnitude, B.full((), eps, B.dtype_name(x))))


@op("rms_normalization")
def rms_normalization(x, scale=1, axis=-1, epsilon=None):
    x = _float(x)
    eps = config.epsilon() if epsilon is None else epsilon
    axes = normalize_axis(axis, len(B.shape(x)), "rms_normalization")
    inverse = B.rsqrt(B.add(B.mean(B.square(x), axes, True), B.full((), eps, B.dtype_name(x))))
    return B.multiply(B.multiply(x, inverse), tensor(scale, B.dtype_name(x)))


@op("layer_normalization")
def layer_normalization(x, gamma=None, beta=None, axis=-1, epsilon=None):
    x = _float(x)
    eps = config.epsilon() if epsilon is None else epsilon
    axes = normalize_axis(axis, len(B.shape(x)), "layer_normalization")
    mean, variance = moments(x, axes, keepdims=True)
    result = B.multiply(B.subtract(x, mean), B.rsqrt(B.add(variance, B.full((), eps, B.dtype_name(x)))))
    if gamma is not None:
        result = B.multiply(result, tensor(gamma, B.dtype_name(x)))
    return result if beta is None else B.add(result, tensor(beta, B.dtype_name(x)))


# ---------------------------------------------------------------- affine maps


@op("dense")
def dense(x, kernel, bias=None):
    """``x @ kernel + bias`` over the last axis of ``x``: the affine map of a ``Dense`` layer.

    ``kernel`` is ``(in, out)`` (Keras's layout), ``bias`` is ``(out,)`` or None. Floating
    inputs of one dtype run as one engine op where the engine has one (torch ``addmm``),
    which is lighter to record and differentiate; anything else is ``matmul`` then ``add``,
    with their promotion rules.
    """
    from frontend.ops.elementwise import add
    from frontend.ops.products import matmul

    x, kernel = tensor(x), tensor(kernel)
    bias = None if bias is None else tensor(bias)
    dtype, x_shape, kernel_shape = B.dtype_name(x), B.shape(x), B.shape(kernel)
    if (dtypes.is_float(dtype) and B.dtype_name(kernel) == dtype and len(kernel_shape) == 2 and x_shape
            and x_shape[-1] == kernel_shape[0]
            and (bias is None or (B.dtype_name(bias) == dtype and B.shape(bias) == kernel_shape[1:]))):
        return B.dense(x, kernel, bias)
    y = matmul(x, kernel)
    return y if bias is None else add(y, bias)


# ---------------------------------------------------------------- losses


def _probabilities(output, from_logits, axis, name):
    output = _float(output)
    if from_logits:
        return log_softmax(output, axis=axis)
    eps = B.full((), config.epsilon(), B.dtype_name(output))
    total = B.sum(output, normalize_axis(axis, len(B.shape(output)), name), True)
    clipped = B.minimum(B.maximum(B.divide(output, total), eps), B.subtract(B.ones((), B.dtype_name(output)), eps))
    return B.log(clipped)


@op("categorical_crossentropy")
def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    output = _float(output)
    target = tensor(target, B.dtype_name(output))
    if B.shape(target) != B.shape(output):
        raise OpError(f"ops.categorical_crossentropy: target shape {B.shape(target)} differs from output shape {B.shape(output)}")
    log_probs = _probabilities(output, from_logits, axis, "categorical_crossentropy")
    axes = normalize_axis(axis, len(B.shape(output)), "categorical_crossentropy")
    return B.negative(B.sum(B.multiply(target, log_probs), axes, False))


@op("sparse_categorical_crossentropy")
def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1):
    output = _float(output)
    target = tensor(target, "int32")
    if len(B.shape(target)) == len(B.shape(output)) and B.shape(target)[-1] == 1:
        target = B.reshape(target, B.shape(target)[:-1])
    if B.shape(target) != B.shape(output)[:-1]:
        raise OpError(
            f"ops.sparse_categorical_crossentropy: target shape {B.shape(target)} must equal output shape "
            f"{B.shape(output)} without its last axis"
        )
    if from_logits:  # one fused engine op (log-softmax and the pick of each target's term)
        return B.sparse_softmax_cross_entropy(output, target)
    # pick -log p of each target class: a gather, lighter forward and backward than a one-hot product
    log_probs = _probabilities(output, from_logits, -1, "sparse_categorical_crossentropy")
    picked = B.take_along_axis(log_probs, B.reshape(target, B.shape(target) + (1,)), -1)
    return B.negative(B.reshape(picked, B.shape(target)))


@op("binary_crossentropy")
def binary_crossentropy(target, output, from_logits=False):
    output = _float(output)
    target = tensor(target, B.dtype_name(output))
    if B.shape(target) != B.shape(output):
        raise OpError(f"ops.binary_crossentropy: target shape {B.shape(target)} differs from output shape {B.shape(output)}")
    one = B.ones((), B.dtype_name(output))
    if from_logits:
        # max(x, 0) - x * t + log(1 + exp(-|x|)): stable for any logit.
        return B.add(B.subtract(B.maximum(output, _zero(output)), B.multiply(output, target)), B.log1p(B.exp(B.negative(B.abs(output)))))
    eps = B.full((), config.epsilon(), B.dtype_name(output))
    p = B.minimum(B.maximum(output, eps), B.subtract(one, eps))
    return B.negative(B.add(B.multiply(target, B.log(p)), B.multiply(B.subtract(one, target), B.log(B.subtract(one, p)))))


# ---------------------------------------------------------------- attention and metrics


@op("dot_product_attention")
def dot_product_attention(query, key, value, bias=None, mask=None, scale=None, is_causal=False, **kwargs):
    """softmax(q k^T * scale + bias, masked) v for (batch, length, heads, depth) tensors."""
    query, key, value = _float(query), _float(key), _float(value)
    dtype = B.dtype_name(query)
    depth = B.shape(query)[-1]
    scale = 1.0 / math.sqrt(depth) if scale is None else scale
    logits = B.einsum("bqhd,bkhd->bhqk", query, tensor(key, dtype))
    logits = B.multiply(logits, B.full((), scale, dtype))
    if bias is not None:
        logits = B.add(logits, tensor(bias, dtype))
    lowest = B.full((), dtypes.FLOAT_MAX[dtype] * -0.7, dtype)
    if mask is not None:
        logits = B.where(tensor(mask, "bool"), logits, lowest)
    if is_causal:
        q_len, k_len = B.shape(query)[1], B.shape(key)[1]
        rows = B.reshape(B.arange(0, q_len, 1, "int32"), (q_len, 1))
        cols = B.reshape(B.arange(0, k_len, 1, "int32"), (1, k_len))
        logits = B.where(B.less_equal(cols, rows), logits, lowest)
    weights = softmax(logits, axis=-1)
    return B.einsum("bhqk,bkhd->bqhd", weights, tensor(value, dtype))


@op("psnr")
def psnr(x1, x2, max_val):
    """Peak signal-to-noise ratio in dB: 20 log10(max_val) - 10 log10(mse)."""
    a, b = _float(x1), _float(x2)
    b = tensor(b, B.dtype_name(a))
    mse = B.mean(B.square(B.subtract(a, b)), None, False)
    ten = B.full((), 10.0, B.dtype_name(a))
    log10 = B.log(ten)
    return B.subtract(
        B.multiply(B.full((), 20.0, B.dtype_name(a)), B.divide(B.log(B.full((), float(max_val), B.dtype_name(a))), log10)),
        B.multiply(ten, B.divide(B.log(mse), log10)),
    )
from frontend.ops.ctc import ctc_loss  # noqa: E402,F401  (an nn op written in its own module)
