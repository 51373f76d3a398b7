"""A small fixed problem shared by the optimizer tests: a (2, 3) kernel, a (3,) bias, fixed gradients."""

import numpy as np

from frontend import Variable

KERNEL = np.array([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]], "float32")
BIAS = np.array([0.1, -0.2, 0.3], "float32")
GRADIENTS = [  # one (kernel, bias) pair per step; mixed signs and sizes, one zero entry
    (np.array([[0.3, -0.6, 1.2], [0.0, 0.2, -0.4]], "float32"), np.array([0.5, -0.1, 0.05], "float32")),
    (np.array([[-0.2, 0.4, 0.9], [0.7, -0.3, 0.1]], "float32"), np.array([0.2, 0.3, -0.6], "float32")),
    (np.array([[0.1, -0.8, 0.5], [-0.5, 0.6, 0.2]], "float32"), np.array([-0.4, 0.1, 0.25], "float32")),
]


def make_variables():
    """Fresh kernel and bias Variables with layer-style paths."""
    kernel, bias = Variable(KERNEL, name="kernel"), Variable(BIAS, name="bias")
    kernel.path, bias.path = "dense/kernel", "dense/bias"
    return kernel, bias


def run(optimizer, steps=3, variables=None):
    """Apply the first ``steps`` gradient pairs; returns the (kernel, bias) arrays after each step."""
    variables = variables or make_variables()
    history = []
    for kernel_grad, bias_grad in GRADIENTS[:steps]:
        optimizer.apply([kernel_grad, bias_grad], variables)
        history.append(tuple(np.array(v.numpy()) for v in variables))
    return history


def assert_history_close(got, expected, rtol=1e-5, atol=1e-6):
    assert len(got) == len(expected)
    for step, (got_pair, want_pair) in enumerate(zip(got, expected)):
        for got_value, want_value in zip(got_pair, want_pair):
            np.testing.assert_allclose(got_value, want_value, rtol=rtol, atol=atol, err_msg=f"step {step + 1}")
