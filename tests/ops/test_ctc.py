"""ops.ctc_loss (and ops.nn.ctc_loss) against a hand-summed path probability."""

import numpy as np

from frontend import ops

from .support import cover

cover("ctc_loss")


def test_ctc_loss_sums_every_alignment():
    # two frames, classes {0: blank, 1: "a"}; target "a" is emitted by paths a-, -a, aa
    probs = np.array([[[0.6, 0.4], [0.3, 0.7]]], "float32")
    expected = -np.log(0.4 * 0.3 + 0.6 * 0.7 + 0.4 * 0.7)
    for fn in (ops.ctc_loss, ops.nn.ctc_loss):
        loss = fn(np.array([[1]], "int32"), np.log(probs), np.array([1], "int32"), np.array([2], "int32"),
                  mask_index=0)
        np.testing.assert_allclose(ops.convert_to_numpy(loss), [expected], rtol=1e-5)
