"""NumPy (float64) restatements of Keras 3's update rules, one function per optimizer.

Each rule is ``rule(w, g, state, t, lr, **hyper) -> w``: it updates the per-variable
``state`` dict in place (slots start as zeros unless the rule sets them) and returns the
new weight; ``t`` is the 1-based update count. ``shared`` holds per-step state common
to all variables (Nadam's momentum product).
"""

import numpy as np


def sgd(w, g, s, t, lr, momentum=0.0, nesterov=False):
    if momentum == 0:
        return w - lr * g
    s["m"] = momentum * s.get("m", 0.0) - lr * g
    return w + (momentum * s["m"] - lr * g if nesterov else s["m"])


def adam(w, g, s, t, lr, beta_1=0.9, beta_2=0.999, epsilon=1e-7, amsgrad=False, weight_decay=None):
    if weight_decay is not None:
        w = w - w * weight_decay * lr
    s["m"] = s.get("m", 0.0) + (g - s.get("m", 0.0)) * (1 - beta_1)
    s["v"] = s.get("v", 0.0) + (g * g - s.get("v", 0.0)) * (1 - beta_2)
    v = s["v"]
    if amsgrad:
        s["v_hat"] = np.maximum(s.get("v_hat", 0.0), v)
        v = s["v_hat"]
    alpha = lr * np.sqrt(1 - beta_2**t) / (1 - beta_1**t)
    return w - alpha * s["m"] / (np.sqrt(v) + epsilon)


def adamax(w, g, s, t, lr, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    s["m"] = s.get("m", 0.0) + (g - s.get("m", 0.0)) * (1 - beta_1)
    s["u"] = np.maximum(beta_2 * s.get("u", 0.0), np.abs(g))
    return w - lr * s["m"] / ((1 - beta_1**t) * (s["u"] + epsilon))


def nadam(w, g, s, t, lr, shared, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    u_t = beta_1 * (1 - 0.5 * 0.96**t)
    u_next = beta_1 * (1 - 0.5 * 0.96 ** (t + 1))
    u_product = shared["u_product"]  # already multiplied by u_t for this step
    s["m"] = s.get("m", 0.0) + (g - s.get("m", 0.0)) * (1 - beta_1)
    s["v"] = s.get("v", 0.0) + (g * g - s.get("v", 0.0)) * (1 - beta_2)
    m_hat = u_next * s["m"] / (1 - u_product * u_next) + (1 - u_t) * g / (1 - u_product)
    v_hat = s["v"] / (1 - beta_2**t)
    return w - lr * m_hat / (np.sqrt(v_hat) + epsilon)


def rmsprop(w, g, s, t, lr, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False):
    s["vel"] = rho * s.get("vel", 0.0) + (1 - rho) * g * g
    if centered:
        s["avg"] = rho * s.get("avg", 0.0) + (1 - rho) * g
        denominator = s["vel"] - s["avg"] ** 2 + epsilon
    else:
        denominator = s["vel"] + epsilon
    increment = lr * g / np.sqrt(denominator)
    if momentum > 0:
        s["mom"] = momentum * s.get("mom", 0.0) + increment
        return w - s["mom"]
    return w - increment


def adagrad(w, g, s, t, lr, initial_accumulator_value=0.1, epsilon=1e-7):
    s["acc"] = s.get("acc", initial_accumulator_value) + g * g
    return w - lr * g / np.sqrt(s["acc"] + epsilon)


def adadelta(w, g, s, t, lr, rho=0.95, epsilon=1e-7):
    s["eg"] = rho * s.get("eg", 0.0) + (1 - rho) * g * g
    delta = -np.sqrt(s.get("ed", 0.0) + epsilon) * g / np.sqrt(s["eg"] + epsilon)
    s["ed"] = rho * s.get("ed", 0.0) + (1 - rho) * delta**2
    return w + lr * delta


def adafactor(w, g, s, t, lr, beta_2_decay=-0.8, epsilon_1=1e-30, epsilon_2=1e-3, clip_threshold=1.0,
              relative_step=True):
    if relative_step:
        lr = min(lr, 1 / np.sqrt(t))
    rho = min(lr, 1 / np.sqrt(t))
    alpha = max(epsilon_2, np.sqrt(np.mean(w**2))) * rho
    squared = g * g + epsilon_1
    beta = 1 - t**beta_2_decay
    if w.ndim >= 2:
        s["r"] = beta * s.get("r", 0.0) + (1 - beta) * squared.mean(axis=-1)
        s["c"] = beta * s.get("c", 0.0) + (1 - beta) * squared.mean(axis=-2)
        s["v"] = (s["r"] / s["r"].mean(axis=-1, keepdims=True))[..., None] * s["c"][..., None, :]
    else:
        s["v"] = beta * s.get("v", 0.0) + (1 - beta) * squared
    update = g / np.sqrt(s["v"])
    update = update / max(1.0, np.sqrt(np.mean(update**2)) / clip_threshold)
    return w - alpha * update


def ftrl(w, g, s, t, lr, learning_rate_power=-0.5, initial_accumulator_value=0.1, l1_regularization_strength=0.0,
         l2_regularization_strength=0.0, l2_shrinkage_regularization_strength=0.0, beta=0.0):
    p = -learning_rate_power
    accumulator = s.get("acc", initial_accumulator_value)
    l2 = l2_regularization_strength + beta / (2 * lr)
    shrunk = g + 2 * l2_shrinkage_regularization_strength * w
    new_accumulator = accumulator + g * g
    s["lin"] = s.get("lin", 0.0) + shrunk - (new_accumulator**p - accumulator**p) / lr * w
    quadratic = new_accumulator**p / lr + 2 * l2
    l1 = l1_regularization_strength
    s["acc"] = new_accumulator
    return (np.clip(s["lin"], -l1, l1) - s["lin"]) / quadratic


def lion(w, g, s, t, lr, beta_1=0.9, beta_2=0.99):
    m = s.get("m", 0.0)
    w = w - lr * np.sign(beta_1 * m + (1 - beta_1) * g)
    s["m"] = beta_2 * m + (1 - beta_2) * g
    return w


def lamb(w, g, s, t, lr, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    s["m"] = s.get("m", 0.0) + (g - s.get("m", 0.0)) * (1 - beta_1)
    s["v"] = s.get("v", 0.0) + (g * g - s.get("v", 0.0)) * (1 - beta_2)
    update = (s["m"] / (1 - beta_1**t)) / (np.sqrt(s["v"] / (1 - beta_2**t)) + epsilon)
    w_norm, u_norm = np.linalg.norm(w), np.linalg.norm(update)
    ratio = w_norm / u_norm if w_norm > 0 and u_norm > 0 else 1.0
    return w - ratio * lr * update
