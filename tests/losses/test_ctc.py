"""CTC: the forward algorithm against a brute-force sum over frame paths, gradients and errors."""

import numpy as np
import pytest

import frontend
from frontend import losses, ops

from .reference import ctc_brute_force, numpy

RNG = np.random.default_rng(11)
LOGITS = RNG.normal(size=(4, 5, 3)).astype("float32")
TARGET = np.array([[1, 2, 0], [1, 1, 0], [2, 0, 0], [2, 1, 2]], "int32")  # repeated label, blank padding
TARGET_LENGTH = np.array([2, 2, 1, 3])
OUTPUT_LENGTH = np.array([5, 4, 3, 5])


def brute(target=TARGET, target_length=TARGET_LENGTH, output_length=OUTPUT_LENGTH, blank=0):
    return np.array([
        ctc_brute_force(target[b, : target_length[b]], LOGITS[b, : output_length[b]].astype("float64"), blank)
        for b in range(len(target))
    ])


def test_ctc_loss_op_matches_brute_force():
    result = losses.ctc_loss(TARGET, LOGITS, TARGET_LENGTH, OUTPUT_LENGTH)
    assert ops.shape(result) == (4,) and ops.dtype(result) == "float32"
    np.testing.assert_allclose(numpy(result), brute(), rtol=1e-5)


def test_other_blank_index_and_empty_labels():
    target = np.array([[0, 1, 2], [1, 1, 2], [0, 2, 2], [1, 0, 1]], "int32")
    lengths = np.array([2, 1, 0, 3])
    result = losses.ctc_loss(target, LOGITS, lengths, OUTPUT_LENGTH, mask_index=2)
    np.testing.assert_allclose(numpy(result), brute(target, lengths, blank=2), rtol=1e-5)


def test_impossible_alignment_is_infinite():
    # labels 1, 1, 2 need four frames (1, blank, 1, 2)
    result = numpy(losses.ctc_loss(np.array([[1, 1, 2]]), LOGITS[:1, :4], [3], [3]))
    assert np.isposinf(result).all()


def test_float64_logits_stay_float64():
    result = losses.ctc_loss(TARGET, LOGITS.astype("float64"), TARGET_LENGTH, OUTPUT_LENGTH)
    assert ops.dtype(result) == "float64"
    np.testing.assert_allclose(numpy(result), brute(), rtol=1e-10)


def test_gradient_matches_finite_differences():
    """Through the compiled step, as training runs it (eager on torch)."""
    logits = LOGITS[:2].astype("float64")

    def total(values):
        return ops.sum(losses.ctc_loss(TARGET[:2], values[0], TARGET_LENGTH[:2], OUTPUT_LENGTH[:2]))

    grad_fn = frontend.backend.compile(frontend.backend.value_and_grad(total))
    _, grads = grad_fn([ops.convert_to_tensor(logits)])
    forward = frontend.backend.compile(total)  # one trace for all the finite differences
    step, numeric = 1e-6, np.zeros_like(logits)
    for index in [(0, 0, 0), (0, 2, 1), (0, 4, 2), (1, 1, 1), (1, 3, 0), (1, 4, 2)]:  # the last frame of sample 1 is padding
        up, down = logits.copy(), logits.copy()
        up[index] += step
        down[index] -= step
        numeric[index] = (numpy(forward([ops.convert_to_tensor(up)])) - numpy(forward([ops.convert_to_tensor(down)]))) / (2 * step)
        assert numpy(grads[0])[index] == pytest.approx(numeric[index], abs=1e-6)
    assert numpy(grads[0])[1, 4].tolist() == [0.0, 0.0, 0.0]


def test_ctc_loss_class_counts_labels_up_to_the_zero_padding():
    expected = brute(output_length=np.full(4, 5))
    np.testing.assert_allclose(numpy(losses.ctc(TARGET.astype("float32"), LOGITS)), expected, rtol=1e-5)
    np.testing.assert_allclose(numpy(losses.CTC()(TARGET, LOGITS)), expected.mean(), rtol=1e-5)


def test_ctc_shape_errors():
    with pytest.raises(ValueError, match=r"ctc: y_true must be \(batch_size, max_length\) integer labels, received y_true.shape=\(4,\)"):
        losses.ctc(TARGET[:, 0], LOGITS)
    with pytest.raises(ValueError, match=r"ctc: y_pred must be \(batch_size, frames, num_classes\) logits, received y_pred.shape=\(4, 5\)"):
        losses.ctc(TARGET, LOGITS[:, :, 0])
    with pytest.raises(ValueError, match=r"ctc: y_true and y_pred must have the same batch size, received y_true.shape=\(3, 3\)"):
        losses.CTC()(TARGET[:3], LOGITS)
    with pytest.raises(ValueError, match=r"ops.ctc_loss: target_length of shape \(3,\) needs batch size 4"):
        losses.ctc_loss(TARGET, LOGITS, TARGET_LENGTH[:3], OUTPUT_LENGTH)
