"""Metrics inside a compiled step: state in, state out, through the stateless forms.

This is how the trainer runs them (jax.jit under a StatelessScope, tf.function, torch.compile):
the compiled results must equal an eager run of the same updates.
"""

import numpy as np
import pytest

from frontend import backend, metrics, ops
from frontend.ops.symbolic import SymbolicTensor, compute_output_spec
from tests.metrics.helpers import f32, value

RNG = np.random.default_rng(11)
BATCHES = [(RNG.integers(0, 3, 6).astype("int32"), f32(RNG.random((6, 3))), f32(RNG.random(6))) for _ in range(2)]

# torch.compile breaks the graph wherever the ops layer turns a Python number into a tensor,
# and each piece costs seconds on CPU; two metrics without such breaks keep the test quick.
COUNT = 2 if backend.backend() == "torch" else 5


def make_metrics():
    return [
        metrics.Mean(),
        metrics.SparseCategoricalAccuracy(),
        metrics.AUC(num_thresholds=50),
        metrics.Precision(thresholds=[0.3, 0.6]),
        metrics.MeanIoU(num_classes=3),
    ][:COUNT]


def arguments(labels, scores, weights):
    """(args, kwargs) of each metric's update; the binary ones see 'label is 0' against score 0."""
    is_first, first_score = ops.cast(ops.equal(labels, 0), "float32"), scores[:, 0]
    weighted = {"sample_weight": weights}
    return [
        ((ops.max(scores, axis=-1),), weighted),
        ((labels, scores), weighted),
        ((is_first, first_score), weighted),
        ((is_first, first_score), weighted),
        ((labels, ops.argmax(scores, axis=-1)), {}),
    ]


def test_compiled_stateless_updates_match_eager_updates():
    eager = make_metrics()
    for batch in BATCHES:
        for metric, (args, kwargs) in zip(eager, arguments(*[ops.convert_to_tensor(x) for x in batch])):
            metric.update_state(*args, **kwargs)
    expected = [value(m.result()) for m in eager]

    compiled_metrics = make_metrics()

    def step(states, labels, scores, weights):
        """Pure: every metric's state values in, new state values and results out."""
        calls = arguments(labels, scores, weights)
        states = [m.stateless_update_state(s, *a, **k) for m, s, (a, k) in zip(compiled_metrics, states, calls)]
        return states, [m.stateless_result(s) for m, s in zip(compiled_metrics, states)]

    compiled = backend.compile(step, jit=True)
    states = [m.stateless_reset_state() for m in compiled_metrics]
    for batch in BATCHES:
        states, results = compiled(states, *[ops.convert_to_tensor(x) for x in batch])
    for got, want in zip(results, expected):
        assert value(got) == pytest.approx(want, rel=1e-5, abs=1e-6)
    assert all(np.all(value(m.result()) == 0) for m in compiled_metrics)  # the variables were never written


def test_shape_dependent_state_is_built_by_an_abstract_run_without_writes():
    """What a trainer does before compiling: run the updates on placeholders to create every variable."""
    lazy = [metrics.AUC(multi_label=True), metrics.F1Score(average="macro"), metrics.R2Score()]
    y_true, y_pred = SymbolicTensor((None, 3), "float32"), SymbolicTensor((None, 3), "float32")

    def update_all(y_true, y_pred):
        for metric in lazy:
            metric.update_state(y_true, y_pred)
        return [metric.result() for metric in lazy]

    results = compute_output_spec(update_all, y_true, y_pred)
    assert [r.shape for r in results] == [(), (), ()]
    assert [[v.shape for v in m.variables] for m in lazy] == [
        [(200, 3)] * 4, [(3,)] * 4, [(), (3,), (3,), (3,), (3,)]
    ]
    assert all(np.all(value(v) == 0) for m in lazy for v in m.variables)
