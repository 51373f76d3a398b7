"""``TerminateOnNaN``: stop training at the first batch whose loss is NaN or infinite."""

import math

from frontend.callbacks.callback import Callback
from frontend.callbacks.log_values import to_python


class TerminateOnNaN(Callback):
    """Checks the ``loss`` log after every training batch.

    Reading the loss waits for the device each batch; only the loss is read.

    Args:
        raise_error: raise ``RuntimeError`` at once instead of setting ``model.stop_training``
            (which lets training end normally, ``on_train_end`` hooks included).
    """

    accepts_tensor_logs = True

    def __init__(self, raise_error=False):
        super().__init__()
        self.raise_error = raise_error

    def on_batch_end(self, batch, logs=None):
        loss = (logs or {}).get("loss")
        if loss is None:
            return
        loss = to_python(loss)
        if math.isfinite(loss):
            return
        if self.raise_error:
            raise RuntimeError(f"NaN or Inf loss encountered at batch {batch}. Loss value: {loss}. "
                               "Terminating training immediately.")
        print(f"Batch {batch}: Invalid loss, terminating training", flush=True)
        self.model.stop_training = True
