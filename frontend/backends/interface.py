"""The thin interface: every primitive an engine module must provide, with its contract.

This file is the one place that states what a backend does. ``frontend.ops`` builds the
public op namespace from these primitives; nothing above ``frontend/backends`` calls an
engine any other way. ``tests/backends/test_interface.py`` checks that every backend
module defines every name listed here.

Conventions shared by all primitives (the ops layer guarantees them before calling):

* Tensor arguments are native tensors of the engine (``convert_to_tensor`` output).
* Binary elementwise primitives receive operands of one common dtype whose shapes
  broadcast under NumPy rules; the ops layer promotes dtypes (``frontend/ops/dtypes.py``)
  and checks broadcasting first, so backends never promote or guess.
* A ``dtype`` argument is a standard name: ``bool``, ``uint8``, ``int8``, ``int16``,
  ``int32``, ``int64``, ``float16``, ``bfloat16``, ``float32``, ``float64``.
* ``axis`` is an int, a tuple of ints or ``None`` (all axes); negative values count from
  the end. ``shape`` is a tuple of Python ints.
* Float-only math (``exp``, ``sin``, ...) receives floating input; integer inputs are
  cast by the ops layer first.
* Results follow NumPy semantics unless the contract says otherwise, keep the input
  dtype unless the contract says otherwise, and live on the current device.
* A ``seed`` argument is an int32 tensor of shape ``(2,)``; the same seed gives the same
  numbers on the same backend, also inside compiled functions.
"""

from collections import namedtuple

Primitive = namedtuple("Primitive", ["name", "family", "contract"])

_SPEC = {
    "tensors": {
        "convert_to_tensor": "(x, dtype=None) -> tensor. x is a NumPy array, NumPy scalar or native tensor, or a Python bool/int/float given with a dtype (converted without a NumPy array in between, so a tracer such as torch.compile can follow it; exact, e.g. a float64 scalar is not rounded to float32 first); dtype None keeps x's dtype. Placed on the current device.",
        "convert_to_numpy": "(x) -> numpy.ndarray with the same dtype (bfloat16 as ml_dtypes.bfloat16). Copies to host.",
        "is_tensor": "(x) -> bool: True for a native tensor of this engine.",
        "dtype_name": "(x) -> str: the standard dtype name of tensor x.",
        "shape": "(x) -> tuple of Python ints (None where the size is unknown while tracing).",
        "cast": "(x, dtype) -> tensor: elementwise conversion; float to int truncates toward zero.",
        "zeros": "(shape, dtype) -> tensor of zeros.",
        "ones": "(shape, dtype) -> tensor of ones.",
        "full": "(shape, fill_value, dtype) -> tensor filled with the Python scalar fill_value.",
        "arange": "(start, stop, step, dtype) -> 1-D tensor like numpy.arange; all Python numbers.",
    },
    "device": {
        "device_scope": "(name) -> context manager: tensors and variables created inside live on device `name` ('cpu', 'gpu', 'gpu:0', ...). Raises ValueError on an unknown name.",
        "current_device": "() -> str: the device new tensors go to, as 'cpu:0' or 'gpu:0'.",
    },
    "variables": {
        "variable_create": "(value, trainable) -> storage: native storage (torch Parameter, JAX array, tf.Variable) initialised from tensor value on the current device.",
        "variable_value": "(storage) -> tensor: the current value; on torch the Parameter itself so autograd sees it.",
        "variable_assign": "(storage, value) -> storage: write value (same shape and dtype) into the storage; returns the storage to keep (a new array on JAX).",
    },
    "shape inference": {
        "abstract_eval": "(fn, specs) -> list of (shape, dtype name): call fn(*placeholders) where specs is a list of (shape of ints, dtype name) and fn returns a list of tensors; no real computation runs (JAX eval_shape, torch meta tensors, a TF graph).",
        "eager_scope": "() -> context manager: inside abstract_eval, code run here (creating a variable, computing its initial value) runs for real.",
    },
    "unary": {
        name: "(x) -> tensor, elementwise like numpy." for name in (
            "abs", "negative", "sign", "sqrt", "exp", "expm1", "log", "log1p", "sin", "cos", "tan",
            "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "arcsinh", "arccosh", "arctanh",
            "floor", "ceil", "trunc", "erf", "erfinv", "sigmoid", "isnan", "isinf", "isfinite",
            "logical_not", "bitwise_invert", "reciprocal", "rsqrt", "square",
        )
    },
    "binary": {
        name: "(x1, x2) -> tensor, elementwise like numpy; same dtype in, broadcasting." for name in (
            "add", "subtract", "multiply", "divide", "floor_divide", "mod", "power", "maximum",
            "minimum", "arctan2", "equal", "not_equal", "less", "less_equal", "greater",
            "greater_equal", "logical_and", "logical_or", "logical_xor", "bitwise_and",
            "bitwise_or", "bitwise_xor", "left_shift", "right_shift",
        )
    },
    "selection": {
        "where": "(condition, x1, x2) -> tensor: condition is bool; x1, x2 share a dtype; all broadcast.",
        "round": "(x) -> tensor: round half to even, like numpy.round with decimals=0.",
    },
    "reductions": {
        "sum": "(x, axis, keepdims) -> tensor of x's dtype (the ops layer widens small ints first).",
        "prod": "(x, axis, keepdims) -> tensor of x's dtype.",
        "max": "(x, axis, keepdims) -> tensor; raises on an empty reduction.",
        "min": "(x, axis, keepdims) -> tensor; raises on an empty reduction.",
        "mean": "(x, axis, keepdims) -> tensor; x is floating.",
        "any": "(x, axis, keepdims) -> bool tensor; x is bool.",
        "all": "(x, axis, keepdims) -> bool tensor; x is bool.",
        "argmax": "(x, axis, keepdims) -> int32 tensor; axis is an int or None (flattened); first occurrence wins.",
        "argmin": "(x, axis, keepdims) -> int32 tensor; axis is an int or None (flattened); first occurrence wins.",
        "cumsum": "(x, axis) -> tensor; axis int, or None for the flattened input.",
        "cumprod": "(x, axis) -> tensor; axis int, or None for the flattened input.",
        "sort": "(x, axis) -> tensor sorted ascending along int axis.",
        "argsort": "(x, axis) -> int32 tensor of stable ascending-order indices along int axis.",
        "top_k": "(x, k, sorted) -> (values, int32 indices) of the k largest along the last axis.",
    },
    "shape_work": {
        "reshape": "(x, shape) -> tensor; shape may hold one -1.",
        "transpose": "(x, axes) -> tensor; axes is a full permutation tuple.",
        "concatenate": "(xs, axis) -> tensor; xs is a list of tensors of one dtype.",
        "stack": "(xs, axis) -> tensor; xs is a list of same-shape tensors of one dtype.",
        "split": "(x, indices_or_sections, axis) -> list of tensors, like numpy.split (sections must divide evenly).",
        "tile": "(x, repeats) -> tensor; repeats is a tuple of ints with len >= x.ndim.",
        "repeat": "(x, repeats, axis) -> tensor like numpy.repeat; repeats is an int or a 1-D int tensor; axis None flattens.",
        "pad": "(x, pad_width, mode, constant_value) -> tensor; pad_width is a tuple of (before, after) per axis; mode is constant, reflect, symmetric or edge.",
        "broadcast_to": "(x, shape) -> tensor.",
        "flip": "(x, axis) -> tensor reversed along axis (tuple of ints).",
        "roll": "(x, shift, axis) -> tensor like numpy.roll with int shift and int-or-None axis.",
        "tril": "(x, k) -> tensor: lower triangle of the last two axes, above diagonal k zeroed.",
        "triu": "(x, k) -> tensor: upper triangle of the last two axes, below diagonal k zeroed.",
        "diagonal": "(x, offset, axis1, axis2) -> tensor like numpy.diagonal.",
    },
    "indexing": {
        "getitem": "(x, key) -> tensor: x[key] with NumPy basic indexing (ints, slices, None, Ellipsis) and 1-D int or bool tensors.",
        "take": "(x, indices, axis) -> tensor like numpy.take; indices an int tensor, negative indices wrap; axis None flattens.",
        "take_along_axis": "(x, indices, axis) -> tensor like numpy.take_along_axis (axis int).",
        "slice": "(x, start_indices, shape) -> tensor: x[start:start+shape] on every axis; start_indices a tuple of ints.",
        "slice_update": "(x, start_indices, updates) -> new tensor with updates written at start_indices.",
        "scatter_update": "(x, indices, updates) -> new tensor: x with x[tuple(indices[i])] = updates[i]; indices is int (N, k).",
        "scatter_add": "(shape, indices, values, dtype) -> tensor of zeros(shape) with values added at indices (N, k); duplicates accumulate.",
        "segment_sum": "(data, segment_ids, num_segments) -> tensor of shape (num_segments,) + data.shape[1:]; segment_ids int (N,).",
        "segment_max": "(data, segment_ids, num_segments) -> tensor; empty segments hold -inf (floats) or the dtype's minimum (ints).",
    },
    "linalg": {
        "matmul": "(x1, x2) -> tensor like numpy.matmul (same dtype in; int8 and int inputs allowed).",
        "einsum": "(subscripts, *operands) -> tensor like numpy.einsum (operands share a dtype).",
        "tensordot": "(x1, x2, axes) -> tensor like numpy.tensordot (axes int or pair of sequences).",
        "inv": "(x) -> tensor: inverse of square matrices over the last two axes.",
        "solve": "(a, b) -> tensor: x with a @ x = b (b has the same rank as a).",
        "solve_triangular": "(a, b, lower) -> tensor: x with a @ x = b for triangular a.",
        "cholesky": "(x) -> lower-triangular L with L @ L^T = x.",
        "qr": "(x, mode) -> (q, r); mode 'reduced' or 'complete'.",
        "svd": "(x, full_matrices, compute_uv) -> (u, s, vh), or s alone when compute_uv is False.",
        "eigh": "(x) -> (eigenvalues ascending, eigenvectors as columns) of symmetric matrices.",
        "det": "(x) -> tensor of determinants over the last two axes.",
        "dense": "(x, kernel, bias) -> tensor: x @ kernel, plus bias (broadcast over the last axis) unless bias is None; x (..., in) of rank >= 1, kernel (in, out), bias (out,), one floating dtype. One engine op where the engine has one (torch addmm), so a Dense layer records one node to differentiate.",
    },
    "nn": {
        "conv": "(x, kernel, strides, padding, data_format, dilation_rate) -> tensor. x (batch, *spatial, C) or channels_first; kernel (*window, C // groups, filters); groups = C // kernel.shape[-2]; padding 'valid' or 'same' (TensorFlow's rule: extra padding at the end); strides and dilation_rate tuples with one int per spatial axis.",
        "depthwise_conv": "(x, kernel, strides, padding, data_format, dilation_rate) -> tensor; kernel (*window, C, multiplier); output channels C * multiplier, channel c*multiplier+m from input c.",
        "conv_transpose": "(x, kernel, strides, padding, output_padding, data_format, dilation_rate) -> tensor; kernel (*window, filters, C); output size (in-1)*stride + dilated_window - padding_total + output_padding, where 'valid' and 'same' follow TensorFlow's conv2d_transpose; output_padding is a tuple or None.",
        "max_pool": "(x, pool_size, strides, padding, data_format) -> tensor; 'same' pads with -inf (TensorFlow's rule).",
        "average_pool": "(x, pool_size, strides, padding, data_format) -> tensor; 'same' averages only the elements inside the input.",
        "relu": "(x) -> tensor: max(x, 0) elementwise for floating x; its derivative is 0 at x == 0 (as torch.relu, jax.nn.relu, tf.nn.relu). One engine op, so training graphs stay small.",
        "sparse_softmax_cross_entropy": "(logits, labels) -> tensor of labels' shape: -log(softmax(logits)[label]) along the last axis of floating logits (batch..., classes); labels int32 of shape (batch...) holding valid class indices (the ops layer checks nothing per element). One fused engine op where the engine has one.",
    },
    "random": {
        "random_uniform": "(shape, minval, maxval, dtype, seed) -> floats in [minval, maxval).",
        "random_normal": "(shape, mean, stddev, dtype, seed) -> normal floats.",
        "random_truncated_normal": "(shape, mean, stddev, dtype, seed) -> normal floats redrawn (or equivalently constrained) to lie within two stddev of mean.",
        "random_randint": "(shape, minval, maxval, dtype, seed) -> ints in [minval, maxval).",
        "random_categorical": "(logits, num_samples, dtype, seed) -> int tensor (batch, num_samples) of class indices drawn from softmax(logits) per row of the 2-D logits.",
        "random_gamma": "(shape, alpha, dtype, seed) -> gamma(alpha, 1) floats.",
    },
    "control_flow": {
        "cond": "(pred, true_fn, false_fn) -> the result of the chosen zero-argument function; pred a scalar bool tensor or Python bool; both branches return the same structure.",
        "while_loop": "(cond, body, loop_vars, maximum_iterations) -> final loop_vars (a tuple); cond(*vars) -> bool, body(*vars) -> tuple of the same structure, shapes and dtypes.",
        "scan": "(f, init, xs, length, reverse) -> (final_carry, stacked_ys); f(carry, x) -> (carry, y); xs a tensor (or None with length); carry and y are tensors or nested lists/tuples/dicts of tensors.",
        "vectorized_map": "(fn, elements) -> fn applied to each slice of elements along axis 0, stacked.",
        "stop_gradient": "(x) -> tensor: x with no gradient flowing back.",
    },
    "multi_tensor": {
        "foreach_unary": "(name, xs, inplace=False) -> list of tensors: the unary primitive `name` (sqrt, abs, sign, negative, reciprocal, exp, log or square) of every tensor in the list xs, in one engine call where the engine has one (torch _foreach kernels). Records no gradient. With inplace True the engine may write the results into the tensors of xs and return those (torch does; the others return new tensors): the caller gives xs up.",
        "foreach_binary": "(name, xs, ys, inplace=False) -> list of tensors: the binary primitive `name` (add, subtract, multiply, divide, maximum, minimum or power) of xs[i] and ys[i] when ys is a list of tensors shaped like xs, else of xs[i] and the scalar ys (a Python float or a 0-d tensor of their dtype). xs share one dtype; results keep it. Records no gradient. inplace as for foreach_unary.",
        "foreach_lerp": "(xs, ys, weight, inplace=False) -> list of tensors: xs[i] + (ys[i] - xs[i]) * weight (the moving-average step), weight a Python float or a 0-d tensor of the lists' dtype. Records no gradient. inplace as for foreach_unary.",
        "foreach_addcdiv": "(xs, ys, zs, value, inplace=False) -> list of tensors: xs[i] + ys[i] * value / zs[i], value a Python float or a 0-d tensor of the lists' dtype. Records no gradient. inplace as for foreach_unary.",
        "foreach_assign": "(storages, values) -> list of storages: variable_assign for every pair, in one engine call where the engine has one; returns the storages to keep. A value that is its storage itself (an update made in place) is left as it is.",
    },
    "recurrent": {
        "lstm": "(inputs, initial_h, initial_c, kernel, recurrent_kernel, bias, go_backwards) -> (outputs, h, c), or None where the engine has no fused kernel (the layer then runs its generic time loop). One LSTM layer with Keras's weights and gate order i, f, c, o, tanh and sigmoid: inputs (batch, time, in); kernel (in, 4 units), recurrent_kernel (units, 4 units), bias (4 units,); outputs (batch, time, units) in processing order (reversed time with go_backwards). Differentiable.",
        "gru": "(inputs, initial_h, kernel, recurrent_kernel, bias, go_backwards) -> (outputs, h), or None where the engine has no fused kernel. One GRU layer in Keras's reset_after=True layout, gate order z, r, h, tanh and sigmoid: kernel (in, 3 units), recurrent_kernel (units, 3 units), bias (2, 3 units) (input bias, recurrent bias); outputs as for lstm. Differentiable.",
    },
    "autodiff": {
        "value_and_grad": "(fn, has_aux) -> g; g(values, *args) returns (fn(values, *args), grads) where values is a list of float tensors and grads the list of d(output)/d(values); with has_aux fn returns (scalar, aux) and g returns ((scalar, aux), grads).",
        "compiled_steps_are_pure": "() -> bool: True when a compiled function may not assign variables, so a training step must take and return its state (JAX); False when it may (torch, TensorFlow).",
        "converts_batches_inline": "() -> bool: True when the trainer should convert in-memory NumPy batches bound for the CPU in the calling thread, False when one batch ahead in a background thread. True where converting is one cheap copy and a converting thread would only take a core from the engine's own threads in the middle of a step (torch and JAX, measured: the JAX MLP went from 0.82x to 1.02x of its native loop); False where converting costs more and overlaps the step well (TensorFlow).",
        "compile": "(fn, jit, donate_state=False) -> callable computing fn. jit True compiles (jax.jit, tf.function(jit_compile=True)); 'auto' compiles where the engine does it cheaply (jax.jit, tf.function, eager on torch); False runs eagerly. fn must be a pure function of its tensor arguments. With donate_state the engine may reuse the memory of fn's first argument (a list of tensors) for its results, so the caller must not read those tensors after the call (JAX donates them; the others ignore the flag).",
    },
}

PRIMITIVES = tuple(
    Primitive(name, family, contract)
    for family, entries in _SPEC.items()
    for name, contract in entries.items()
)
PRIMITIVE_NAMES = tuple(p.name for p in PRIMITIVES)


def missing_primitives(module):
    """Names of the primitives that a backend module does not define."""
    return [name for name in PRIMITIVE_NAMES if not callable(getattr(module, name, None))]
