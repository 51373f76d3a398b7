"""Throughput of ``model.fit`` against a hand-written training loop in the same engine.

Run: python benchmarks/fit_vs_native.py [steps]
For each backend (a subprocess each) an MLP 784-256-256-10 with Adam and sparse
categorical crossentropy trains on random data, batch 128, ``steps`` steps after a
warm-up epoch; the native loop is what a user would write by hand in that engine
(torch.optim.Adam with foreach; jax.jit of a hand-written Adam step; tf.function with
GradientTape and a hand-written Adam). Prints steps per second and the ratio
frontend / native (1.0 = as fast as the hand-written loop).
"""

import os
import subprocess
import sys

COMMON = r"""
import time, numpy as np
STEPS = int(__STEPS__)
BATCH = 128
rng = np.random.default_rng(0)
X = rng.standard_normal((BATCH * STEPS, 784)).astype("float32")
Y = rng.integers(0, 10, BATCH * STEPS).astype("int32")
def frontend_fit():
    import frontend as keras
    layers = keras.layers
    model = keras.Sequential([keras.Input((784,)), layers.Dense(256, activation="relu"),
                              layers.Dense(256, activation="relu"), layers.Dense(10)])
    model.compile(optimizer=keras.optimizers.Adam(1e-3),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    model.fit(X[:BATCH * 4], Y[:BATCH * 4], batch_size=BATCH, epochs=1, verbose=0, shuffle=False)
    start = time.perf_counter()
    model.fit(X, Y, batch_size=BATCH, epochs=1, verbose=0, shuffle=False)
    return STEPS / (time.perf_counter() - start)
"""

NATIVE = {
    "torch": r"""
def native():
    import torch
    model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 256),
                                torch.nn.ReLU(), torch.nn.Linear(256, 10))
    opt = torch.optim.Adam(model.parameters(), 1e-3, foreach=True)
    lossf = torch.nn.CrossEntropyLoss()
    def run(n):
        for i in range(n):
            x = torch.from_numpy(X[i * BATCH:(i + 1) * BATCH]); y = torch.from_numpy(Y[i * BATCH:(i + 1) * BATCH]).long()
            opt.zero_grad(set_to_none=True)
            loss = lossf(model(x), y)
            loss.backward()
            opt.step()
        return loss.item()
    run(4)
    start = time.perf_counter(); run(STEPS)
    return STEPS / (time.perf_counter() - start)
""",
    "jax": r"""
def native():
    import jax, jax.numpy as jnp
    key = jax.random.PRNGKey(0)
    sizes = [(784, 256), (256, 256), (256, 10)]
    params = []
    for a, b in sizes:
        key, sub = jax.random.split(key)
        params += [jax.random.normal(sub, (a, b)) * 0.05, jnp.zeros(b)]
    m = [jnp.zeros_like(p) for p in params]; v = [jnp.zeros_like(p) for p in params]
    def loss_fn(params, x, y):
        h = x
        for i in range(0, 6, 2):
            h = h @ params[i] + params[i + 1]
            if i < 4: h = jax.nn.relu(h)
        return -jnp.mean(jnp.take_along_axis(jax.nn.log_softmax(h), y[:, None], 1))
    @jax.jit
    def step(params, m, v, t, x, y):
        loss, grads = jax.value_and_grad(loss_fn)(params, x, y)
        m = [0.9 * a + 0.1 * g for a, g in zip(m, grads)]
        v = [0.999 * a + 0.001 * g * g for a, g in zip(v, grads)]
        lr = 1e-3 * jnp.sqrt(1 - 0.999 ** t) / (1 - 0.9 ** t)
        params = [p - lr * a / (jnp.sqrt(b) + 1e-7) for p, a, b in zip(params, m, v)]
        return params, m, v, loss
    def run(n, params, m, v):
        for i in range(n):
            params, m, v, loss = step(params, m, v, i + 1.0, X[i * BATCH:(i + 1) * BATCH], Y[i * BATCH:(i + 1) * BATCH])
        loss.block_until_ready()
        return params, m, v
    params, m, v = run(4, params, m, v)
    start = time.perf_counter(); run(STEPS, params, m, v)
    return STEPS / (time.perf_counter() - start)
""",
    "tensorflow": r"""
def native():
    import tensorflow as tf
    init = tf.random.normal
    params = [tf.Variable(init((784, 256)) * 0.05), tf.Variable(tf.zeros(256)), tf.Variable(init((256, 256)) * 0.05),
              tf.Variable(tf.zeros(256)), tf.Variable(init((256, 10)) * 0.05), tf.Variable(tf.zeros(10))]
    m = [tf.Variable(tf.zeros_like(p)) for p in params]; v = [tf.Variable(tf.zeros_like(p)) for p in params]
    t = tf.Variable(0.0)
    @tf.function
    def step(x, y):
        with tf.GradientTape() as tape:
            h = x
            for i in range(0, 6, 2):
                h = h @ params[i] + params[i + 1]
                if i < 4: h = tf.nn.relu(h)
            loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(y, h))
        grads = tape.gradient(loss, params)
        t.assign_add(1.0)
        lr = 1e-3 * tf.sqrt(1 - 0.999 ** t) / (1 - 0.9 ** t)
        for p, a, b, g in zip(params, m, v, grads):
            a.assign(0.9 * a + 0.1 * g); b.assign(0.999 * b + 0.001 * g * g)
            p.assign_sub(lr * a / (tf.sqrt(b) + 1e-7))
        return loss
    def run(n):
        for i in range(n):
            loss = step(X[i * BATCH:(i + 1) * BATCH], Y[i * BATCH:(i + 1) * BATCH])
        return float(loss)
    run(4)
    start = time.perf_counter(); run(STEPS)
    return STEPS / (time.perf_counter() - start)
""",
}


def main():
    steps = sys.argv[1] if len(sys.argv) > 1 else "200"
    print("| backend | hand-written loop (steps/s) | model.fit (steps/s) | fit / native |")
    print("|---|---|---|---|")
    for backend, native in NATIVE.items():
        code = COMMON.replace("__STEPS__", steps) + native + "\nprint(native(), frontend_fit())\n"
        env = dict(os.environ, FRONTEND_BACKEND=backend, TF_CPP_MIN_LOG_LEVEL="3")
        result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
        if result.returncode != 0:
            print(f"| {backend} | failed: {result.stderr.strip().splitlines()[-1]} | | |")
            continue
        native_rate, fit_rate = map(float, result.stdout.split()[-2:])
        print(f"| {backend} | {native_rate:.0f} | {fit_rate:.0f} | {fit_rate / native_rate:.2f} |")


if __name__ == "__main__":
    main()
