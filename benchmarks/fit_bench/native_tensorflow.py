"""Hand-written TensorFlow training loops without Keras: tf.Variables, a ``tf.function``
step with ``GradientTape``, ``tf.nn`` ops, a hand-written Adam, and the LSTM cell
unrolled by a Python loop over the 32 time steps inside the ``tf.function``."""

import tensorflow as tf

from . import workload


def _variable(shape, fan_in):
    return tf.Variable(tf.random.normal(shape) / fan_in ** 0.5)


def _dense(fan_in, fan_out):
    return [_variable((fan_in, fan_out), fan_in), tf.Variable(tf.zeros(fan_out))]


def init_params(model):
    if model == "mlp":
        return _dense(784, 256) + _dense(256, 256) + _dense(256, 10)
    if model == "cnn":
        return ([_variable((3, 3, 1, 32), 9), tf.Variable(tf.zeros(32)),
                 _variable((3, 3, 32, 64), 288), tf.Variable(tf.zeros(64))]
                + _dense(64 * 5 * 5, 10))
    if model == "lstm":
        _, features = workload.INPUT_SHAPES["lstm"]
        units = workload.LSTM_UNITS
        return ([_variable((features, 4 * units), features), _variable((units, 4 * units), units),
                 tf.Variable(tf.zeros(4 * units))] + _dense(units, 10))
    raise ValueError(f"unknown model {model!r}")


def _conv_relu_pool(x, w, b):
    x = tf.nn.relu(tf.nn.conv2d(x, w, 1, "VALID") + b)
    return tf.nn.max_pool2d(x, 2, 2, "VALID")


def _lstm(x, kernel, recurrent, bias):
    h = c = tf.zeros((tf.shape(x)[0], workload.LSTM_UNITS))
    for x_t in tf.unstack(x, axis=1):  # unrolled: 32 cells in the traced graph
        i, f, g, o = tf.split(x_t @ kernel + h @ recurrent + bias, 4, axis=-1)
        c = tf.sigmoid(f) * c + tf.sigmoid(i) * tf.tanh(g)
        h = tf.sigmoid(o) * tf.tanh(c)
    return h


def forward(model, params, x):
    if model == "mlp":
        for i in (0, 2):
            x = tf.nn.relu(x @ params[i] + params[i + 1])
    elif model == "cnn":
        x = _conv_relu_pool(_conv_relu_pool(x, *params[0:2]), *params[2:4])
        x = tf.reshape(x, (tf.shape(x)[0], -1))
    else:
        x = _lstm(x, *params[0:3])
    w, b = params[-2:]
    return x @ w + b


def make_step(model, params):
    m = [tf.Variable(tf.zeros_like(p)) for p in params]
    v = [tf.Variable(tf.zeros_like(p)) for p in params]
    t = tf.Variable(0.0)

    @tf.function
    def step(x, y):
        with tf.GradientTape() as tape:
            logits = forward(model, params, x)
            loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(y, logits))
        grads = tape.gradient(loss, params)
        t.assign_add(1.0)
        lr = workload.LEARNING_RATE * tf.sqrt(1 - 0.999 ** t) / (1 - 0.9 ** t)
        for p, a, b, g in zip(params, m, v, grads):
            a.assign(0.9 * a + 0.1 * g)
            b.assign(0.999 * b + 0.001 * g * g)
            p.assign_sub(lr * a / (tf.sqrt(b) + 1e-7))
        return loss

    return step


def prepare(model, steps):
    """A timer (see ``workload.timer``) of the hand-written loop over ``steps`` batches."""
    x, y = workload.make_data(model, steps)
    step = make_step(model, init_params(model))

    def run(n):
        for xb, yb in workload.batches(x, y, n):
            loss = step(xb, yb)
        float(loss)

    return workload.timer(run, steps)
