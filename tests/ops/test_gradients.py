"""Gradients of differentiable ops against central finite differences, in float64.

Each row is ``fn(values) -> tensor``; the test reduces the output to a scalar with fixed
non-symmetric weights, takes ``frontend.backend.value_and_grad`` of it and compares with
central differences of the same scalar computed by the library itself (forward passes
only). Inputs stay away from kinks (relu at 0, ties in max, ...).
"""

import numpy as np
import pytest

import frontend
from frontend import ops

from .support import cover, sample, to_numpy, weights_like

STEP = 1e-6
cover("stop_gradient")


def _pos(shape, seed=0, low=0.5, high=2.0):
    return sample(shape, "float64", low, high, seed=seed)


def _sym(shape, seed=0, low=-1.5, high=1.5):
    x = sample(shape, "float64", low, high, seed=seed)
    return np.where(np.abs(x) < 0.1, x + 0.3, x)  # keep clear of 0 (abs, relu, sign changes)


def _spd():
    a = sample((3, 3), "float64", seed=99)
    return a @ a.T + 3 * np.eye(3)


class G:
    """One gradient row: the ops it covers, fn(list of tensors) -> tensor, float64 inputs."""

    def __init__(self, id, covers, fn, inputs, rtol=1e-5, atol=1e-6):
        cover(*covers)
        self.id, self.fn, self.inputs, self.rtol, self.atol = id, fn, inputs, rtol, atol

    def __repr__(self):
        return self.id


def _unary(name, domain=_sym, ns=ops, **kwargs):
    return G(name, [name], lambda v: getattr(ns, name)(v[0], **kwargs), [domain((2, 3), seed=len(name))])


ROWS = [
    # unary float math
    *[_unary(n) for n in ("exp", "expm1", "sin", "cos", "arctan", "sinh", "cosh", "tanh", "arcsinh", "erf",
                          "sigmoid", "exp2", "deg2rad", "rad2deg", "abs", "square", "negative", "cbrt")],
    *[_unary(n, _pos) for n in ("sqrt", "log", "log1p", "log2", "log10", "reciprocal", "rsqrt")],
    _unary("tan", lambda s, seed: _sym(s, seed, -1.2, 1.2)),
    *[_unary(n, lambda s, seed: _sym(s, seed, -0.8, 0.8)) for n in ("arcsin", "arccos", "arctanh", "erfinv")],
    _unary("arccosh", lambda s, seed: _pos(s, seed, 1.2, 3.0)),
    # binary arithmetic, with broadcasting
    *[G(n, [n], lambda v, n=n: getattr(ops, n)(v[0], v[1]), [_sym((2, 3), 1), _sym((3,), 2)])
      for n in ("add", "subtract", "multiply", "maximum", "minimum", "arctan2", "logaddexp", "hypot")],
    G("divide", ["divide"], lambda v: ops.divide(v[0], v[1]), [_sym((2, 3), 3), _pos((3,), 4)]),
    G("true_divide", ["true_divide"], lambda v: ops.true_divide(v[0], v[1]), [_sym((2, 3), 3), _pos((2, 1), 4)]),
    G("power", ["power"], lambda v: ops.power(v[0], v[1]), [_pos((2, 3), 5), _sym((2, 3), 6)]),
    G("where", ["where"], lambda v: ops.where(np.array([True, False, True]), v[0], v[1]), [_sym((2, 3), 7), _sym((3,), 8)]),
    G("clip", ["clip"], lambda v: ops.clip(v[0], -1.0, 1.0), [_sym((2, 3), 9) * 1.7]),
    # reductions
    *[G(f"{n}-{axis}", [n], lambda v, n=n, axis=axis: getattr(ops, n)(v[0], axis=axis), [_sym((2, 3, 2), 10)])
      for n in ("sum", "mean", "max", "min", "logsumexp", "var", "std", "prod")
      for axis in (None, 1, (0, 2))],
    G("sum-keepdims", ["sum"], lambda v: ops.sum(v[0], axis=-1, keepdims=True), [_sym((2, 3), 11)]),
    G("cumsum", ["cumsum"], lambda v: ops.cumsum(v[0], axis=1), [_sym((2, 3), 12)]),
    G("cumprod", ["cumprod"], lambda v: ops.cumprod(v[0], axis=0), [_sym((2, 3), 13)]),
    G("average", ["average"], lambda v: ops.average(v[0], axis=1, weights=np.array([1.0, 2.0, 3.0])), [_sym((2, 3), 14)]),
    # products
    G("matmul", ["matmul"], lambda v: ops.matmul(v[0], v[1]), [_sym((2, 3), 15), _sym((3, 2), 16)]),
    G("matmul-batch", ["matmul"], lambda v: ops.matmul(v[0], v[1]), [_sym((2, 2, 3), 17), _sym((3, 2), 18)]),
    G("dense", ["nn.dense", "dense"], lambda v: ops.nn.dense(v[0], v[1], v[2]), [_sym((4, 3), 19), _sym((3, 2), 20), _sym((2,), 21)]),
    G("dense-3d", ["nn.dense"], lambda v: ops.nn.dense(v[0], v[1], v[2]), [_sym((2, 4, 3), 22), _sym((3, 2), 23), _sym((2,), 24)]),
    G("dense-no-bias", ["nn.dense"], lambda v: ops.nn.dense(v[0], v[1]), [_sym((4, 3), 25), _sym((3, 2), 26)]),
    G("einsum", ["einsum"], lambda v: ops.einsum("bij,jk->bki", v[0], v[1]), [_sym((2, 2, 3), 19), _sym((3, 2), 20)]),
    G("dot", ["dot"], lambda v: ops.dot(v[0], v[1]), [_sym((3,), 21), _sym((3, 2), 22)]),
    G("tensordot", ["tensordot"], lambda v: ops.tensordot(v[0], v[1], 1), [_sym((2, 3), 23), _sym((3, 2), 24)]),
    G("outer", ["outer"], lambda v: ops.outer(v[0], v[1]), [_sym((3,), 25), _sym((2,), 26)]),
    # shape work and indexing
    G("reshape-transpose", ["reshape", "transpose"], lambda v: ops.transpose(ops.reshape(v[0], (3, 2))), [_sym((2, 3), 27)]),
    G("concatenate", ["concatenate"], lambda v: ops.concatenate([v[0], v[1]], axis=-1), [_sym((2, 3), 28), _sym((2, 1), 29)]),
    G("stack", ["stack"], lambda v: ops.stack([v[0], ops.square(v[0])], axis=1), [_sym((2, 3), 30)]),
    G("take", ["take"], lambda v: ops.take(v[0], np.array([2, 0, 2]), axis=1), [_sym((2, 3), 31)]),
    G("getitem", ["getitem"], lambda v: ops.getitem(v[0], (slice(None), slice(1, 3))), [_sym((2, 3), 32)]),
    G("pad", ["pad"], lambda v: ops.pad(v[0], ((1, 0), (0, 2))), [_sym((2, 3), 33)]),
    G("tile-repeat", ["tile", "repeat"], lambda v: ops.repeat(ops.tile(v[0], (1, 2)), 2, axis=0), [_sym((2, 3), 34)]),
    # activations and softmax
    *[G(n, [n], lambda v, n=n: getattr(ops.nn, n)(v[0]), [_sym((2, 3), 35 + i)])
      for i, n in enumerate(("relu", "relu6", "softplus", "softsign", "silu", "log_sigmoid", "leaky_relu", "elu",
                             "selu", "celu", "gelu", "hard_tanh", "tanh_shrink", "squareplus", "hard_silu",
                             "hard_sigmoid", "soft_shrink", "hard_shrink"))],
    G("gelu-exact", ["gelu"], lambda v: ops.nn.gelu(v[0], approximate=False), [_sym((2, 3), 60)]),
    G("glu", ["glu"], lambda v: ops.nn.glu(v[0]), [_sym((2, 4), 61)]),
    G("softmax", ["softmax"], lambda v: ops.nn.softmax(v[0]), [_sym((2, 3), 62)]),
    G("softmax-axis", ["softmax"], lambda v: ops.nn.softmax(v[0], axis=0), [_sym((2, 3), 63)]),
    G("log_softmax", ["log_softmax"], lambda v: ops.nn.log_softmax(v[0]), [_sym((2, 3), 64)]),
    # convolution and pooling
    G("conv1d-same-s2", ["conv"], lambda v: ops.conv(v[0], v[1], 2, "same"), [_sym((1, 5, 2), 65), _sym((3, 2, 2), 66)]),
    G("conv2d-valid-cf", ["conv"], lambda v: ops.conv(v[0], v[1], 1, "valid", "channels_first"),
      [_sym((1, 2, 4, 3), 67), _sym((2, 2, 2, 2), 68)]),
    G("conv1d-causal-dilated", ["conv"], lambda v: ops.conv(v[0], v[1], 1, "causal", dilation_rate=2),
      [_sym((1, 5, 1), 69), _sym((2, 1, 2), 70)]),
    G("depthwise_conv", ["depthwise_conv"], lambda v: ops.depthwise_conv(v[0], v[1], 1, "same"),
      [_sym((1, 3, 3, 2), 71), _sym((2, 2, 2, 1), 72)]),
    G("separable_conv", ["separable_conv"], lambda v: ops.separable_conv(v[0], v[1], v[2]),
      [_sym((1, 3, 3, 2), 73), _sym((2, 2, 2, 1), 74), _sym((1, 1, 2, 2), 75)]),
    G("conv_transpose", ["conv_transpose"], lambda v: ops.conv_transpose(v[0], v[1], 2, "same"),
      [_sym((1, 3, 2), 76), _sym((3, 2, 2), 77)]),
    G("conv_transpose-2d", ["conv_transpose"], lambda v: ops.conv_transpose(v[0], v[1], 2, "valid"),
      [_sym((1, 2, 2, 1), 78), _sym((2, 2, 2, 1), 79)]),
    G("max_pool", ["max_pool"], lambda v: ops.max_pool(v[0], 2, 1, "same"), [_sym((1, 3, 3, 1), 80)]),
    G("average_pool", ["average_pool"], lambda v: ops.average_pool(v[0], 2, 1, "same"), [_sym((1, 3, 3, 1), 81)]),
    G("average_pool-1d", ["average_pool"], lambda v: ops.average_pool(v[0], 2), [_sym((1, 4, 2), 82)]),
    # normalization
    G("norm", ["linalg.norm"], lambda v: ops.linalg.norm(v[0]), [_sym((2, 3), 83)]),
    G("norm-axis-1", ["linalg.norm"], lambda v: ops.linalg.norm(v[0], ord=1, axis=1), [_sym((2, 3), 84)]),
    G("norm-fro", ["linalg.norm"], lambda v: ops.linalg.norm(v[0], ord="fro", axis=(0, 1)), [_sym((2, 3), 85)]),
    G("normalize", ["normalize"], lambda v: ops.nn.normalize(v[0]), [_sym((2, 3), 86)]),
    G("moments", ["moments"], lambda v: ops.add(*ops.nn.moments(v[0], (0,))), [_sym((3, 2), 87)]),
    G("batch_normalization", ["batch_normalization"],
      lambda v: ops.nn.batch_normalization(v[0], v[1], v[2], -1, offset=v[3], scale=v[4]),
      [_sym((2, 3), 88), _sym((3,), 89), _pos((3,), 90), _sym((3,), 91), _sym((3,), 92)]),
    G("layer_normalization", ["layer_normalization"], lambda v: ops.nn.layer_normalization(v[0], v[1], v[2]),
      [_sym((2, 3), 93), _sym((3,), 94), _sym((3,), 95)], rtol=1e-4, atol=1e-5),
    G("rms_normalization", ["rms_normalization"], lambda v: ops.nn.rms_normalization(v[0], v[1]),
      [_sym((2, 3), 96), _sym((3,), 97)]),
    # losses
    G("categorical_crossentropy", ["categorical_crossentropy"],
      lambda v: ops.nn.categorical_crossentropy(np.eye(3)[[0, 2]], v[0]), [_pos((2, 3), 98, 0.2, 0.8)]),
    G("categorical_crossentropy-logits", ["categorical_crossentropy"],
      lambda v: ops.nn.categorical_crossentropy(np.eye(3)[[1, 2]], v[0], from_logits=True), [_sym((2, 3), 99)]),
    G("sparse_categorical_crossentropy", ["sparse_categorical_crossentropy"],
      lambda v: ops.nn.sparse_categorical_crossentropy(np.array([2, 0]), v[0], from_logits=True), [_sym((2, 3), 100)]),
    G("binary_crossentropy", ["binary_crossentropy"],
      lambda v: ops.nn.binary_crossentropy(np.array([[0.0, 1.0, 0.3]]), v[0]), [_pos((1, 3), 101, 0.2, 0.8)]),
    G("binary_crossentropy-logits", ["binary_crossentropy"],
      lambda v: ops.nn.binary_crossentropy(np.array([[0.0, 1.0, 0.3]]), v[0], from_logits=True), [_sym((1, 3), 102)]),
    G("dot_product_attention", ["dot_product_attention"], lambda v: ops.nn.dot_product_attention(v[0], v[1], v[2]),
      [_sym((1, 2, 1, 2), 103), _sym((1, 2, 1, 2), 104), _sym((1, 2, 1, 2), 105)]),
    # linear algebra and images
    G("inv", ["linalg.inv"], lambda v: ops.linalg.inv(v[0]), [_spd()]),
    G("det", ["linalg.det"], lambda v: ops.linalg.det(v[0]), [_spd()]),
    G("solve", ["linalg.solve"], lambda v: ops.linalg.solve(v[0], v[1]), [_spd(), _sym((3, 2), 106)]),
    G("resize", ["image.resize"], lambda v: ops.image.resize(v[0], (3, 5)), [_sym((1, 2, 3, 1), 107)]),
]


def _scalar(fn, values):
    out = fn(values)
    return ops.sum(ops.multiply(out, weights_like(ops.shape(out))))


def _check_gradient(row, compiled):
    grad_fn = frontend.backend.value_and_grad(lambda values: _scalar(row.fn, values))
    if compiled:  # one trace per row is far cheaper on JAX than compiling every eager primitive
        grad_fn = frontend.backend.compile(grad_fn)

    def forward(arrays):  # the finite differences reuse the (compiled) function, keeping its value only
        return float(to_numpy(grad_fn([ops.convert_to_tensor(a) for a in arrays])[0]))

    value, grads = grad_fn([ops.convert_to_tensor(x) for x in row.inputs])
    assert ops.dtype(value) == "float64"
    assert len(grads) == len(row.inputs)
    for i, x in enumerate(row.inputs):
        numeric = np.zeros_like(x)
        for index in np.ndindex(x.shape):
            values = [np.array(v) for v in row.inputs]
            values[i][index] += STEP
            up = forward(values)
            values[i][index] -= 2 * STEP
            numeric[index] = (up - forward(values)) / (2 * STEP)
        assert ops.dtype(grads[i]) == "float64", f"gradient {i} has dtype {ops.dtype(grads[i])}"
        np.testing.assert_allclose(to_numpy(grads[i]), numeric, rtol=row.rtol, atol=row.atol,
                                   err_msg=f"{row.id}: gradient of input {i}")


@pytest.mark.parametrize("row", ROWS, ids=repr)
def test_gradient_matches_finite_differences(row):
    _check_gradient(row, compiled=True)


EAGER = ["exp", "multiply", "sum-(0, 2)", "max-1", "matmul", "softmax", "relu", "conv1d-same-s2", "max_pool",
         "layer_normalization", "categorical_crossentropy-logits", "norm"]


@pytest.mark.parametrize("row", [r for r in ROWS if r.id in EAGER], ids=repr)
def test_gradient_eager(row):
    _check_gradient(row, compiled=False)


@pytest.mark.parametrize("compiled", [False, True])
def test_stop_gradient_blocks_gradient(compiled):
    x = ops.convert_to_tensor(np.array([1.0, 2.0]))
    grad_fn = frontend.backend.value_and_grad(
        lambda v: ops.sum(ops.add(ops.multiply(v[0], 3.0), ops.square(ops.stop_gradient(v[0])))))
    _, grads = (frontend.backend.compile(grad_fn) if compiled else grad_fn)([x])
    np.testing.assert_allclose(to_numpy(grads[0]), [3.0, 3.0])
