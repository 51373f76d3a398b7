"""NumPy references for the losses, written from the formulas (float64), and shared inputs."""

import itertools

import numpy as np

from frontend import ops

EPS = 1e-7
RNG = np.random.default_rng(7)
B, C = 4, 3  # one batch shape for most tests keeps JAX compiles few

REG_TRUE = RNG.normal(size=(B, C)).astype("float32")
REG_PRED = RNG.normal(size=(B, C)).astype("float32")
POS_TRUE = RNG.uniform(0.0, 3.0, size=(B, C)).astype("float32")
POS_PRED = RNG.uniform(0.1, 3.0, size=(B, C)).astype("float32")
PROBS = RNG.dirichlet(np.ones(C), size=B).astype("float32")
LOGITS = (2 * RNG.normal(size=(B, C))).astype("float32")
LABELS = np.array([0, 2, 1, 2], "int32")
ONE_HOT = np.eye(C, dtype="float32")[LABELS]
BINARY = np.array([[1, 0, 1], [0, 0, 1], [1, 1, 0], [0, 1, 0]], "float32")
SIGMOIDS = RNG.uniform(0.05, 0.95, size=(B, C)).astype("float32")
WEIGHTS = np.array([1.0, 0.5, 0.0, 2.0], "float32")


def numpy(x):
    return np.asarray(ops.convert_to_numpy(x), dtype="float64")


def mse(t, p):
    return ((t - p) ** 2).mean(-1)


def mae(t, p):
    return np.abs(t - p).mean(-1)


def mape(t, p):
    return 100 * (np.abs(t - p) / np.maximum(np.abs(t), EPS)).mean(-1)


def msle(t, p):
    return ((np.log(np.maximum(p, EPS) + 1) - np.log(np.maximum(t, EPS) + 1)) ** 2).mean(-1)


def huber(t, p, delta=1.0):
    e = np.abs(p - t)
    return np.where(e <= delta, 0.5 * e**2, delta * e - 0.5 * delta**2).mean(-1)


def log_cosh(t, p):
    return np.log(np.cosh(p - t)).mean(-1)


def cosine(t, p, axis=-1):
    unit = lambda x: x / np.maximum(np.linalg.norm(x, axis=axis, keepdims=True), EPS)
    return -(unit(t) * unit(p)).sum(axis)


def kld(t, p):
    t, p = np.clip(t, EPS, 1), np.clip(p, EPS, 1)
    return (t * np.log(t / p)).sum(-1)


def poisson(t, p):
    return (p - t * np.log(p + EPS)).mean(-1)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def softmax(x, axis=-1):
    e = np.exp(x - x.max(axis, keepdims=True))
    return e / e.sum(axis, keepdims=True)


def bce_elements(t, p, from_logits=False):
    p = sigmoid(p) if from_logits else p
    p = np.clip(p, EPS, 1 - EPS)
    return -(t * np.log(p) + (1 - t) * np.log(1 - p))


def bce(t, p, from_logits=False, label_smoothing=0.0, axis=-1):
    t = t * (1 - label_smoothing) + 0.5 * label_smoothing
    return bce_elements(t, p, from_logits).mean(axis)


def binary_focal(t, p, gamma=2.0, alpha=0.25, balance=False, from_logits=False, label_smoothing=0.0):
    t = t * (1 - label_smoothing) + 0.5 * label_smoothing
    p = sigmoid(p) if from_logits else p
    p_t = t * p + (1 - t) * (1 - p)
    value = (1 - p_t) ** gamma * bce_elements(t, p)
    if balance:
        value = value * (t * alpha + (1 - t) * (1 - alpha))
    return value.mean(-1)


def cce(t, p, from_logits=False, label_smoothing=0.0, axis=-1):
    t = t * (1 - label_smoothing) + label_smoothing / t.shape[axis]
    q = softmax(p, axis) if from_logits else np.clip(p / p.sum(axis, keepdims=True), EPS, 1 - EPS)
    return -(t * np.log(q)).sum(axis)


def categorical_focal(t, p, alpha=0.25, gamma=2.0, from_logits=False, label_smoothing=0.0):
    t = t * (1 - label_smoothing) + label_smoothing / t.shape[-1]
    q = softmax(p) if from_logits else p
    q = np.clip(q / q.sum(-1, keepdims=True), EPS, 1 - EPS)
    return (alpha * (1 - q) ** gamma * -t * np.log(q)).sum(-1)


def sparse_cce(labels, p, from_logits=False):
    return cce(np.eye(p.shape[-1])[labels], p, from_logits)


def hinge(t, p, squared=False):
    if np.isin(t, (0, 1)).all():
        t = 2 * t - 1
    margin = np.maximum(1 - t * p, 0)
    return (margin**2 if squared else margin).mean(-1)


def categorical_hinge(t, p):
    return np.maximum(((1 - t) * p).max(-1) - (t * p).sum(-1) + 1, 0)


def dice(t, p, axis=None):
    return 1 - 2 * (t * p).sum(axis) / (t.sum(axis) + p.sum(axis) + EPS)


def tversky(t, p, alpha, beta, axis=None):
    tp = (t * p).sum(axis)
    return 1 - tp / (tp + alpha * (t * (1 - p)).sum(axis) + beta * ((1 - t) * p).sum(axis) + EPS)


def ctc_brute_force(labels, logits, blank=0):
    """-log of the summed probability of every frame path that collapses to ``labels``."""
    log_probs = logits - np.log(np.exp(logits).sum(-1, keepdims=True))
    total = -np.inf
    for path in itertools.product(range(logits.shape[-1]), repeat=len(logits)):
        collapsed = [k for i, k in enumerate(path) if k != blank and (i == 0 or path[i - 1] != k)]
        if collapsed == list(labels):
            total = np.logaddexp(total, sum(log_probs[t, k] for t, k in enumerate(path)))
    return -total
