"""Quickstart (placeholder until model.fit lands): fit a linear model with frontend ops.

The same script runs on PyTorch, JAX or TensorFlow; pick one with
FRONTEND_BACKEND=torch|jax|tensorflow. It draws data, fits y = x @ w + b by gradient
descent with ``frontend.backend.compute_gradients``, and checks the recovered weights.
"""

import os

import numpy as np

import frontend
from frontend import ops

STEPS = int(os.environ.get("FRONTEND_EXAMPLE_STEPS", "200"))


def main():
    frontend.utils.set_random_seed(0)
    true_w = np.array([[2.0], [-3.0], [0.5]], dtype="float32")
    x = frontend.random.normal((256, 3), seed=1)
    y = ops.add(ops.matmul(x, true_w), 1.0)

    w = frontend.Variable(np.zeros((3, 1), "float32"), name="w")
    b = frontend.Variable(np.zeros((1,), "float32"), name="b")

    def loss_fn():
        return ops.mean(ops.square(ops.subtract(ops.add(ops.matmul(x, w), b), y)))

    print(f"backend: {frontend.backend.backend()} on {frontend.backend.current_device()}")
    for step in range(STEPS):
        loss, (grad_w, grad_b) = frontend.backend.compute_gradients(loss_fn, [w, b])
        w.assign_sub(ops.multiply(grad_w, 0.1))
        b.assign_sub(ops.multiply(grad_b, 0.1))
        if step % 50 == 0 or step == STEPS - 1:
            print(f"step {step:4d}  loss {float(ops.convert_to_numpy(loss)):.6f}")
    print("learned w:", np.round(w.numpy().ravel(), 3), "b:", np.round(b.numpy(), 3))


if __name__ == "__main__":
    main()
