"""Control flow, gradients and compilation on TensorFlow."""

import threading

import numpy as np
import tensorflow as tf

# A scan of at most this many static steps is unrolled in graph mode: TensorFlow's while
# loop costs more per iteration on a CPU than the cells themselves (an LSTM(64) over 32
# steps trains 1.25x faster unrolled; its first trace takes 0.4 s longer). XLA compiles
# unrolled loops very slowly, so under jit_compile=True scans stay loops.
_UNROLL_STEPS = 64
_tracing = threading.local()


def cond(pred, true_fn, false_fn):
    if isinstance(pred, (bool, np.bool_)):
        return true_fn() if pred else false_fn()
    return tf.cond(pred, true_fn, false_fn)


def while_loop(cond, body, loop_vars, maximum_iterations):
    def step(*loop_vars):
        out = body(*loop_vars)
        return tuple(out) if isinstance(out, (tuple, list)) else (out,)
    return tuple(tf.while_loop(cond, step, tuple(loop_vars), maximum_iterations=maximum_iterations))


def _as_tensor(value):
    return value if value is None else tf.convert_to_tensor(value)


def scan(f, init, xs, length, reverse):
    init = tf.nest.map_structure(tf.convert_to_tensor, init)
    xs = None if xs is None else tf.nest.map_structure(tf.convert_to_tensor, xs)
    xs_flat = [] if xs is None else tf.nest.flatten(xs)
    n = length if xs is None else xs_flat[0].shape[0]
    n = tf.shape(xs_flat[0])[0] if n is None else n

    def x_at(i):
        return None if xs is None else tf.nest.pack_sequence_as(xs, [x[i] for x in xs_flat])

    if isinstance(n, int) and 0 < n <= _UNROLL_STEPS and not getattr(_tracing, "xla", False):
        return _unrolled_scan(f, init, x_at, n, reverse)

    # The structure, dtypes and shapes of y, from a trace of f that runs nothing.
    def spec(structure, drop_leading=False):
        return tf.nest.map_structure(lambda t: tf.TensorSpec(t.shape[1:] if drop_leading else t.shape, t.dtype), structure)

    trace = tf.function(lambda c, x: tf.nest.map_structure(_as_tensor, f(c, x)[1]), autograph=False)
    y_spec = trace.get_concrete_function(spec(init), None if xs is None else spec(xs, True)).structured_outputs
    y_leaves = tf.nest.flatten(y_spec)
    arrays = [tf.TensorArray(s.dtype, size=n, element_shape=s.shape) for s in y_leaves if s is not None]

    def step(i, carry, arrays):
        t = n - 1 - i if reverse else i
        carry, y = f(carry, x_at(t))
        carry = tf.nest.pack_sequence_as(init, tf.nest.flatten(carry))
        ys = [y for y in tf.nest.flatten(y) if y is not None]
        return i + 1, carry, [a.write(t, y) for a, y in zip(arrays, ys)]

    # maximum_iterations lets XLA size the gradient's accumulators.
    _, carry, arrays = tf.while_loop(lambda i, *_: i < n, step, (tf.constant(0), init, arrays), maximum_iterations=n)
    stacked = iter(a.stack() for a in arrays)
    return carry, tf.nest.pack_sequence_as(y_spec, [None if s is None else next(stacked) for s in y_leaves])


def _unrolled_scan(f, init, x_at, n, reverse):
    carry, ys = init, []
    for i in range(n - 1, -1, -1) if reverse else range(n):
        carry, y = f(carry, x_at(i))
        carry = tf.nest.pack_sequence_as(init, tf.nest.flatten(carry))
        ys.append(y)
    if reverse:
        ys.reverse()
    return carry, tf.nest.map_structure(lambda *steps: None if steps[0] is None else tf.stack(steps), *ys)


def vectorized_map(fn, elements):
    return tf.vectorized_map(fn, elements)


def stop_gradient(x):
    return tf.stop_gradient(x)


def value_and_grad(fn, has_aux):
    def run(values, *args):
        with tf.GradientTape() as tape:
            tape.watch(values)
            out = fn(values, *args)
        scalar = out[0] if has_aux else out
        grads = tape.gradient(scalar, values, unconnected_gradients=tf.UnconnectedGradients.ZERO)
        # gathers (embeddings) give IndexedSlices; the contract promises dense tensors
        return out, [tf.convert_to_tensor(g) if isinstance(g, tf.IndexedSlices) else g for g in grads]
    return run


def compiled_steps_are_pure():
    return False


def converts_batches_inline():
    return False


def _tracing_for_xla(function):
    """Calls ``function`` with the flag set that tells ``scan`` it is being traced for XLA."""

    def run(*args, **kwargs):
        outer, _tracing.xla = getattr(_tracing, "xla", False), True
        try:
            return function(*args, **kwargs)
        finally:
            _tracing.xla = outer

    return run


def compile(fn, jit, donate_state=False):
    # autograph rewrites Python control flow; frontend code uses ops.cond/scan instead, and
    # autograph's source transformation of the whole layer stack costs seconds per trace
    if jit is True:
        return _tracing_for_xla(tf.function(fn, jit_compile=True, autograph=False))
    if jit == "auto":
        return tf.function(fn, autograph=False)
    if jit is False:
        return fn
    raise ValueError(f"compile: jit must be True, False or 'auto', received {jit!r}")
