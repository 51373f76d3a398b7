"""Sequence loss: CTC for unaligned label sequences (speech, handwriting)."""

from frontend import ops
from frontend.losses.wrapper import BuiltinLoss
from frontend.ops.ctc import ctc_loss


def ctc(y_true, y_pred):
    """Per-sample CTC loss of zero-padded labels ``y_true`` (batch, max_length) under logits
    ``y_pred`` (batch, frames, classes); class 0 is the blank, every frame counts."""
    if len(ops.shape(y_true)) != 2:
        raise ValueError(
            "ctc: y_true must be (batch_size, max_length) integer labels, "
            f"received y_true.shape={tuple(ops.shape(y_true))}"
        )
    if len(ops.shape(y_pred)) != 3:
        raise ValueError(
            "ctc: y_pred must be (batch_size, frames, num_classes) logits, "
            f"received y_pred.shape={tuple(ops.shape(y_pred))}"
        )
    batch, frames, _ = ops.shape(y_pred)
    if ops.shape(y_true)[0] != batch:
        raise ValueError(
            f"ctc: y_true and y_pred must have the same batch size, received y_true.shape="
            f"{tuple(ops.shape(y_true))} and y_pred.shape={tuple(ops.shape(y_pred))}"
        )
    labels = ops.cast(y_true, "int32")
    label_length = ops.sum(ops.cast(ops.not_equal(labels, 0), "int32"), axis=-1)
    frame_count = ops.full((batch,), frames, "int32")
    return ctc_loss(labels, y_pred, label_length, frame_count, mask_index=0)


class CTC(BuiltinLoss):
    """Connectionist temporal classification loss; see ``ctc``."""

    def __init__(self, reduction="sum_over_batch_size", name="ctc", dtype=None):
        super().__init__(ctc, name=name, reduction=reduction, dtype=dtype)
