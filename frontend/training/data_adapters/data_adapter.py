"""The interface every input kind is adapted to, and the per-epoch step accounting they share."""

import warnings

_END = object()


class DataAdapter:
    """Turns one kind of user data into epochs of batches for fit/evaluate/predict.

    A batch is a nested structure (``x``, ``(x,)``, ``(x, y)`` or
    ``(x, y, sample_weight)``) of NumPy arrays or tensors of the active engine; the
    trainer converts and places them. Subclasses implement ``_iterate`` (one pass over
    the data) and may report ``_pass_length``.

    ``steps`` (``steps_per_epoch``) works as in Keras: an epoch yields at most
    ``steps`` batches, the next epoch continues the same pass where this one stopped,
    and when a pass runs out of data mid-epoch the epoch ends early with a warning and
    the next epoch starts a new pass.
    """

    def __init__(self, steps=None):
        if steps is not None and (isinstance(steps, bool) or not isinstance(steps, int) or steps <= 0):
            raise ValueError(f"`steps_per_epoch` must be a positive int or None, received {steps!r}")
        self._steps = steps
        self._open_pass = None
        self._position = 0
        self._observed_batches = None

    def _iterate(self):
        """A generator over one pass of the data."""
        raise NotImplementedError

    def _pass_length(self):
        """Batches in one pass, or None when unknown or infinite."""
        return None

    def get_iterator(self):
        """An iterator over this epoch's batches (call once per epoch)."""
        if self._steps is None:
            self.close()
            return self._whole_pass()
        return self._limited_steps()

    def _whole_pass(self):
        count = 0
        self._open_pass = source = self._iterate()
        try:
            for batch in source:
                count += 1
                yield batch
        finally:
            source.close()
        self._observed_batches = count

    def _limited_steps(self):
        produced = 0
        while produced < self._steps:
            fresh = self._open_pass is None
            if fresh:
                self._open_pass, self._position = self._iterate(), 0
            batch = next(self._open_pass, _END)
            if batch is _END:
                self.close()
                if produced == 0 and not fresh:
                    continue  # the last epoch ended exactly where the pass did
                break
            self._position += 1
            if self._position == self._pass_length():
                self.close()
            produced += 1
            yield batch
            if self._open_pass is None:
                break
        if produced < self._steps:
            warnings.warn(
                f"Your input ran out of data: this epoch got {produced} of the {self._steps} batches "
                "asked for by `steps_per_epoch`. Make sure the data can produce `steps_per_epoch` "
                "batches per epoch (a finite dataset restarts at the next epoch).",
                stacklevel=2,
            )

    def close(self):
        """Stop the pass in progress (and any workers it runs); the next epoch starts a new one."""
        if self._open_pass is not None:
            self._open_pass.close()
            self._open_pass = None

    @property
    def num_batches(self):
        """Batches per epoch: ``steps_per_epoch`` when given, else the pass length, else the
        count seen in the last complete pass, else None."""
        if self._steps is not None:
            return self._steps
        known = self._pass_length()
        return known if known is not None else self._observed_batches

    @property
    def batch_size(self):
        """Samples per batch, or None when unknown."""
        return None

    @property
    def has_partial_batch(self):
        """Whether the last batch of a pass is smaller (None when unknown)."""
        return None

    @property
    def partial_batch_size(self):
        """Size of that smaller last batch, None when there is none or it is unknown."""
        return None

    def on_epoch_begin(self):
        """Hook called before each epoch."""

    def on_epoch_end(self):
        """Hook called after each epoch."""
