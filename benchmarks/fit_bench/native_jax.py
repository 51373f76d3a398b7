"""Hand-written JAX training loops: parameters as a pytree, one ``jax.jit`` of the whole
step (forward, grad, a hand-written Adam over the pytree with ``jax.tree_util``) that
donates the parameter and optimizer buffers, the LSTM as a ``lax.scan`` over time."""

import functools

import jax
import jax.numpy as jnp
from jax import lax

from . import workload


def _dense(key, fan_in, fan_out):
    return {"w": jax.random.normal(key, (fan_in, fan_out)) / jnp.sqrt(fan_in),
            "b": jnp.zeros(fan_out)}


def init_params(model, key):
    keys = jax.random.split(key, 4)
    if model == "mlp":
        return [_dense(keys[0], 784, 256), _dense(keys[1], 256, 256), _dense(keys[2], 256, 10)]
    if model == "cnn":
        return {"conv1": {"w": jax.random.normal(keys[0], (3, 3, 1, 32)) / 3.0, "b": jnp.zeros(32)},
                "conv2": {"w": jax.random.normal(keys[1], (3, 3, 32, 64)) / jnp.sqrt(288.0),
                          "b": jnp.zeros(64)},
                "head": _dense(keys[2], 64 * 5 * 5, 10)}
    if model == "lstm":
        _, features = workload.INPUT_SHAPES["lstm"]
        units = workload.LSTM_UNITS
        return {"kernel": jax.random.normal(keys[0], (features, 4 * units)) / jnp.sqrt(features),
                "recurrent": jax.random.normal(keys[1], (units, 4 * units)) / jnp.sqrt(units),
                "bias": jnp.zeros(4 * units),
                "head": _dense(keys[2], units, 10)}
    raise ValueError(f"unknown model {model!r}")


def _conv_relu_pool(x, p):
    x = lax.conv_general_dilated(x, p["w"], (1, 1), "VALID",
                                 dimension_numbers=("NHWC", "HWIO", "NHWC"))
    x = jax.nn.relu(x + p["b"])
    return lax.reduce_window(x, -jnp.inf, lax.max, (1, 2, 2, 1), (1, 2, 2, 1), "VALID")


def _lstm(x, p):
    # x_t @ kernel inside the scan body: on XLA CPU this measured faster than one matmul
    # over all time steps before the scan (8.9 against 10.9 ms per step).
    def cell(carry, x_t):
        h, c = carry
        i, f, g, o = jnp.split(x_t @ p["kernel"] + h @ p["recurrent"] + p["bias"], 4, axis=-1)
        c = jax.nn.sigmoid(f) * c + jax.nn.sigmoid(i) * jnp.tanh(g)
        h = jax.nn.sigmoid(o) * jnp.tanh(c)
        return (h, c), None

    zeros = jnp.zeros((x.shape[0], workload.LSTM_UNITS), x.dtype)
    (h, _), _ = lax.scan(cell, (zeros, zeros), jnp.swapaxes(x, 0, 1))  # scan over time
    return h


def forward(model, params, x):
    if model == "mlp":
        for layer in params[:-1]:
            x = jax.nn.relu(x @ layer["w"] + layer["b"])
        head = params[-1]
    elif model == "cnn":
        x = _conv_relu_pool(_conv_relu_pool(x, params["conv1"]), params["conv2"])
        x = x.reshape(x.shape[0], -1)
        head = params["head"]
    else:
        x = _lstm(x, params)
        head = params["head"]
    return x @ head["w"] + head["b"]


def make_step(model):
    def loss_fn(params, x, y):
        logits = forward(model, params, x)
        return -jnp.mean(jnp.take_along_axis(jax.nn.log_softmax(logits), y[:, None], 1))

    @functools.partial(jax.jit, donate_argnums=(0, 1, 2))  # params, m, v updated in place
    def step(params, m, v, t, x, y):
        loss, grads = jax.value_and_grad(loss_fn)(params, x, y)
        tree_map = jax.tree_util.tree_map
        m = tree_map(lambda a, g: 0.9 * a + 0.1 * g, m, grads)
        v = tree_map(lambda a, g: 0.999 * a + 0.001 * g * g, v, grads)
        lr = workload.LEARNING_RATE * jnp.sqrt(1 - 0.999 ** t) / (1 - 0.9 ** t)
        params = tree_map(lambda p, a, b: p - lr * a / (jnp.sqrt(b) + 1e-7), params, m, v)
        return params, m, v, loss

    return step


def prepare(model, steps):
    """A timer (see ``workload.timer``) of the hand-written loop over ``steps`` batches."""
    x, y = workload.make_data(model, steps)
    params = init_params(model, jax.random.PRNGKey(0))
    zeros = lambda: jax.tree_util.tree_map(jnp.zeros_like, params)  # noqa: E731
    state = {"params": params, "m": zeros(), "v": zeros(), "t": 0}
    step = make_step(model)

    def run(n):
        params, m, v, t = state["params"], state["m"], state["v"], state["t"]
        for xb, yb in workload.batches(x, y, n):
            t += 1
            params, m, v, loss = step(params, m, v, float(t), xb, yb)
        loss.block_until_ready()
        state.update(params=params, m=m, v=v, t=t)

    return workload.timer(run, steps)
