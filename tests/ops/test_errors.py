"""Bad input raises ValueError / TypeError whose message names the op and the offending shapes or dtypes."""

import numpy as np
import pytest

from frontend import ops

from .support import cover

F23 = np.zeros((2, 3), "float32")
F4 = np.zeros((4,), "float32")
I23 = np.zeros((2, 3), "int32")
IMG = np.zeros((1, 4, 4, 3), "float32")

# (id, op names covered, thunk, exception types, regex the message must contain)
ERRORS = [
    ("add-broadcast", ["add"], lambda: ops.add(F23, F4), ValueError, r"ops\.add.*\(2, 3\).*\(4,\).*broadcast"),
    ("multiply-broadcast-tensors", ["multiply"], lambda: ops.multiply(ops.convert_to_tensor(F23), ops.convert_to_tensor(F4)),
     ValueError, r"ops\.multiply.*\(2, 3\).*\(4,\)"),
    ("less-broadcast", ["less"], lambda: ops.less(F23, np.zeros((3, 2))), ValueError, r"ops\.less.*\(2, 3\).*\(3, 2\)"),
    ("sum-axis", ["sum"], lambda: ops.sum(F23, axis=2), ValueError, r"ops\.sum: axis 2 is out of range.*rank 2"),
    ("mean-negative-axis", ["mean"], lambda: ops.mean(F23, axis=-3), ValueError, r"ops\.mean: axis -3.*rank 2"),
    ("max-tuple-axis", ["max"], lambda: ops.max(F23, axis=(0, 5)), ValueError, r"ops\.max: axis 5.*rank 2"),
    ("repeated-axis", ["var"], lambda: ops.var(F23, axis=(1, -1)), ValueError, r"ops\.var: repeated axis"),
    ("argmax-tuple", ["argmax"], lambda: ops.argmax(F23, axis=(0, 1)), ValueError, r"ops\.argmax: axis must be an int"),
    ("softmax-axis", ["softmax"], lambda: ops.softmax(F23, axis=4), ValueError, r"ops\.softmax: axis 4.*rank 2"),
    ("expand_dims-axis", ["expand_dims"], lambda: ops.expand_dims(F23, 4), ValueError, r"ops\.expand_dims: axis 4"),
    ("squeeze-size", ["squeeze"], lambda: ops.squeeze(F23, 0), ValueError, r"ops\.squeeze.*size 2.*\(2, 3\)"),
    ("reshape", ["reshape"], lambda: ops.reshape(F23, (4, 2)), ValueError,
     r"ops\.reshape.*\(2, 3\).*6 elements.*\(4, 2\)"),
    ("reshape-minus-one", ["reshape"], lambda: ops.reshape(F23, (4, -1)), ValueError, r"ops\.reshape.*\(2, 3\).*\(4, -1\)"),
    ("transpose-axes", ["transpose"], lambda: ops.transpose(F23, (0, 0)), ValueError, r"ops\.transpose.*\(2, 3\)"),
    ("concatenate", ["concatenate"], lambda: ops.concatenate([F23, np.zeros((3, 3))], axis=1), ValueError,
     r"ops\.concatenate.*\(2, 3\).*\(3, 3\)"),
    ("stack", ["stack"], lambda: ops.stack([F23, F4]), ValueError, r"ops\.stack.*\(2, 3\).*\(4,\)"),
    ("split", ["split"], lambda: ops.split(F23, 2, axis=1), ValueError, r"ops\.split.*size 3.*2 equal parts"),
    ("broadcast_to", ["broadcast_to"], lambda: ops.broadcast_to(F23, (4, 3)), ValueError,
     r"ops\.broadcast_to.*\(2, 3\).*\(4, 3\)"),
    ("pad-mode", ["pad"], lambda: ops.pad(F23, 1, mode="wrap"), ValueError, r"ops\.pad: mode.*'wrap'"),
    ("pad-width", ["pad"], lambda: ops.pad(F23, ((1, 1), (1, 1), (1, 1))), ValueError, r"ops\.pad.*rank 2"),
    ("matmul", ["matmul"], lambda: ops.matmul(F23, np.zeros((4, 5), "float32")), ValueError,
     r"ops\.matmul: inner dimensions differ.*\(2, 3\).*\(4, 5\)"),
    ("matmul-scalar", ["matmul"], lambda: ops.matmul(2.0, F23), ValueError, r"ops\.matmul.*rank >= 1"),
    ("tensordot", ["tensordot"], lambda: ops.tensordot(F23, F23, 1), ValueError, r"ops\.tensordot.*\(2, 3\)"),
    ("cross", ["cross"], lambda: ops.cross(F4, F4), ValueError, r"ops\.cross.*length 3.*\(4,\)"),
    ("einsum", ["einsum"], lambda: ops.einsum("ij,jk->ik", F23, F23), ValueError, r"ops\.einsum.*\(2, 3\)"),
    ("conv-channels", ["conv"], lambda: ops.conv(np.zeros((1, 5, 3)), np.zeros((3, 2, 4))), ValueError,
     r"ops\.conv: inputs have 3 channels.*\(3, 2, 4\)"),
    ("conv-rank", ["conv"], lambda: ops.conv(np.zeros((1, 5, 5, 3)), np.zeros((3, 3, 4))), ValueError,
     r"ops\.conv: kernel of shape \(3, 3, 4\).*\(1, 5, 5, 3\)"),
    ("conv-causal-2d", ["conv"], lambda: ops.conv(np.zeros((1, 5, 5, 1)), np.zeros((3, 3, 1, 1)), padding="causal"),
     ValueError, r"ops\.conv: padding.*'causal'"),
    ("depthwise-channels", ["depthwise_conv"], lambda: ops.depthwise_conv(np.zeros((1, 5, 3)), np.zeros((3, 2, 1))),
     ValueError, r"ops\.depthwise_conv: inputs have 3 channels.*\(3, 2, 1\)"),
    ("conv_transpose-channels", ["conv_transpose"],
     lambda: ops.conv_transpose(np.zeros((1, 5, 3)), np.zeros((3, 2, 4))), ValueError,
     r"ops\.conv_transpose: inputs have 3 channels.*\(3, 2, 4\)"),
    ("max_pool-rank", ["max_pool"], lambda: ops.max_pool(F23, 2), ValueError, r"ops\.max_pool.*\(2, 3\)"),
    ("average_pool-size", ["average_pool"], lambda: ops.average_pool(np.zeros((1, 4, 1)), (2, 2)), ValueError,
     r"ops\.average_pool: pool_size"),
    ("glu-odd", ["glu"], lambda: ops.glu(F23), ValueError, r"ops\.glu.*\(2, 3\).*even"),
    ("crossentropy-shapes", ["categorical_crossentropy"],
     lambda: ops.categorical_crossentropy(F23, np.zeros((2, 4))), ValueError,
     r"ops\.categorical_crossentropy.*\(2, 3\).*\(2, 4\)"),
    ("sparse-crossentropy-shapes", ["sparse_categorical_crossentropy"],
     lambda: ops.sparse_categorical_crossentropy(np.zeros(3, "int32"), F23), ValueError,
     r"ops\.sparse_categorical_crossentropy.*\(3,\).*\(2, 3\)"),
    ("binary-crossentropy-shapes", ["binary_crossentropy"], lambda: ops.binary_crossentropy(F23, F4), ValueError,
     r"ops\.binary_crossentropy.*\(2, 3\).*\(4,\)"),
    ("top_k", ["top_k"], lambda: ops.top_k(F23, 4), ValueError, r"ops\.top_k: k=4.*size 3"),
    ("max-empty", ["max"], lambda: ops.max(np.zeros((0, 3))), ValueError, r"ops\.max.*empty.*\(0, 3\)"),
    ("take-float-indices", ["take"], lambda: ops.take(F23, np.array([0.5])), ValueError, r"ops\.take.*float"),
    ("take_along_axis-rank", ["take_along_axis"], lambda: ops.take_along_axis(F23, np.zeros(3, "int32"), 1), ValueError,
     r"ops\.take_along_axis.*\(3,\).*\(2, 3\)"),
    ("slice", ["slice"], lambda: ops.slice(F23, (1, 1), (2, 2)), ValueError, r"ops\.slice.*\(1, 1\).*\(2, 2\).*\(2, 3\)"),
    ("getitem-float", ["getitem"], lambda: ops.getitem(F23, np.array([0.5])), ValueError, r"ops\.getitem.*float64"),
    ("inv-square", ["linalg.inv"], lambda: ops.linalg.inv(F23), ValueError, r"ops\.linalg\.inv.*square.*\(2, 3\)"),
    ("solve-shapes", ["linalg.solve"], lambda: ops.linalg.solve(np.eye(3), np.zeros((2, 1))), ValueError,
     r"ops\.linalg\.solve.*\(3, 3\).*\(2, 1\)"),
    ("norm-ord", ["linalg.norm"], lambda: ops.linalg.norm(F23, ord="bad"), ValueError, r"ops\.linalg\.norm.*'bad'"),
    ("qr-mode", ["linalg.qr"], lambda: ops.linalg.qr(F23, mode="raw"), ValueError, r"ops\.linalg\.qr.*'raw'"),
    ("resize-interpolation", ["image.resize"], lambda: ops.image.resize(IMG, (2, 2), interpolation="cubic"), ValueError,
     r"ops\.image\.resize.*'cubic'"),
    ("resize-antialias", ["image.resize"], lambda: ops.image.resize(IMG, (2, 2), antialias=True), ValueError,
     r"ops\.image\.resize: antialias.*not supported"),
    ("resize-rank", ["image.resize"], lambda: ops.image.resize(F23, (2, 2)), ValueError, r"ops\.image\.resize.*\(2, 3\)"),
    ("crop-too-big", ["image.crop_images"], lambda: ops.image.crop_images(IMG, 2, 0, target_height=4, target_width=4),
     ValueError, r"ops\.image\.crop_images.*height 4"),
    ("pad-negative", ["image.pad_images"], lambda: ops.image.pad_images(IMG, 1, 1, target_height=3, target_width=6),
     ValueError, r"ops\.image\.pad_images.*non-negative"),
    ("grayscale-channels", ["image.rgb_to_grayscale"], lambda: ops.image.rgb_to_grayscale(np.zeros((2, 2, 4))), ValueError,
     r"ops\.image\.rgb_to_grayscale.*3 channels.*\(2, 2, 4\)"),
    ("zeros-negative", ["zeros"], lambda: ops.zeros((2, -1)), ValueError, r"ops\.zeros.*\(2, -1\)"),
    ("arange-step", ["arange"], lambda: ops.arange(0, 3, 0), ValueError, r"ops\.arange: step"),
    ("quantile-method", ["quantile"], lambda: ops.quantile(F23, 0.5, method="nearest"), ValueError,
     r"ops\.quantile.*'nearest'"),
    ("where-one-arg", ["where"], lambda: ops.where(F23 > 0), ValueError, r"ops\.where"),
    ("scan-nothing", ["scan"], lambda: ops.scan(lambda c, x: (c, x), 0.0), ValueError, r"ops\.scan"),
    ("switch-empty", ["switch"], lambda: ops.switch(0, []), ValueError, r"ops\.switch"),
    ("ragged-list", ["convert_to_tensor"], lambda: ops.convert_to_tensor([[1, 2], [3]]), ValueError,
     r"ops\.convert_to_tensor.*(ragged|inhomogeneous)"),
    # unsupported dtypes
    ("cast-uint32", ["cast"], lambda: ops.cast(F23, "uint32"), (ValueError, TypeError), r"ops\.cast.*unsupported dtype.*uint32"),
    ("cast-complex64", ["cast"], lambda: ops.cast(F23, "complex64"), (ValueError, TypeError),
     r"ops\.cast.*unsupported dtype.*complex64"),
    ("convert-complex-array", ["convert_to_tensor"], lambda: ops.convert_to_tensor(np.zeros(2, "complex64")),
     (ValueError, TypeError), r"ops\.convert_to_tensor.*unsupported dtype complex64.*\(2,\)"),
    ("convert-uint32-array", ["convert_to_tensor"], lambda: ops.convert_to_tensor(np.zeros(2, "uint32")),
     (ValueError, TypeError), r"ops\.convert_to_tensor.*unsupported dtype.*uint32"),
    ("convert-dtype-arg", ["convert_to_tensor"], lambda: ops.convert_to_tensor(F23, dtype="complex64"),
     (ValueError, TypeError), r"ops\.convert_to_tensor.*unsupported dtype.*complex64"),
    ("zeros-dtype", ["zeros"], lambda: ops.zeros((2,), dtype="uint16"), (ValueError, TypeError),
     r"ops\.zeros.*unsupported dtype.*uint16"),
    ("add-complex", ["add"], lambda: ops.add(F23, np.zeros(3, "complex64")), (ValueError, TypeError),
     r"ops\.add.*complex64"),
    # bitwise ops on floats
    *[(f"{name}-float", [name], lambda name=name: getattr(ops, name)(F23, I23), TypeError,
       rf"ops\.{name if 'shift' not in name else name.replace('bitwise_', '')}: needs integer or bool inputs, received dtype float32")
      for name in ("bitwise_and", "bitwise_or", "bitwise_xor", "left_shift", "right_shift", "bitwise_left_shift",
                   "bitwise_right_shift")],
    ("bitwise_invert-float", ["bitwise_invert"], lambda: ops.bitwise_invert(F23), TypeError,
     r"ops\.bitwise_invert.*float32"),
    ("bitwise_and-scalar-float", ["bitwise_and"], lambda: ops.bitwise_and(I23, 1.5), TypeError,
     r"ops\.bitwise_and.*float32"),
]
for _row in ERRORS:
    cover(*_row[1])


@pytest.mark.parametrize("thunk, exception, pattern", [pytest.param(*row[2:], id=row[0]) for row in ERRORS])
def test_error_names_op_and_input(thunk, exception, pattern):
    with pytest.raises(exception, match="(?s)" + pattern):
        thunk()


def test_op_errors_are_value_or_type_errors():
    from frontend.ops.errors import OpError, OpTypeError

    assert issubclass(OpError, ValueError) and issubclass(OpTypeError, TypeError)
    with pytest.raises(OpError):
        ops.add(F23, F4)
    with pytest.raises(OpTypeError):
        ops.bitwise_or(F23, F23)
