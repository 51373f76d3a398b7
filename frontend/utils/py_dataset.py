"""``PyDataset``: a dataset written in Python as indexed batches, optionally read by parallel workers."""

import itertools
import warnings

_DEFAULTS = {"workers": 1, "use_multiprocessing": False, "max_queue_size": 10}


class PyDataset:
    """Base class for datasets that return a whole batch per index.

    Subclasses implement ``__getitem__(index)`` (a batch: ``(x,)``, ``(x, y)``,
    ``(x, y, sample_weight)`` or a dict) and ``__len__`` (the number of batches), or
    override ``num_batches`` to return None for an infinite dataset. ``on_epoch_begin``
    and ``on_epoch_end`` are called around every epoch of ``fit``.

    Args:
        workers: batches read in parallel by ``fit``/``evaluate``/``predict``
            (1 reads them one by one in the training thread).
        use_multiprocessing: read with a process pool instead of a thread pool; the
            dataset must then be picklable.
        max_queue_size: how many batches the workers may read ahead.

    The arguments only configure how the training loop reads the dataset; iterating
    over a ``PyDataset`` directly reads the batches sequentially.
    """

    def __init__(self, workers=1, use_multiprocessing=False, max_queue_size=10):
        self._workers = workers
        self._use_multiprocessing = use_multiprocessing
        self._max_queue_size = max_queue_size

    def _setting(self, name):
        if not hasattr(self, "_" + name):
            warnings.warn(
                "Your `PyDataset` class should call `super().__init__(**kwargs)` in its constructor; "
                "`**kwargs` can include `workers`, `use_multiprocessing` and `max_queue_size`.",
                stacklevel=3,
            )
            for key, value in _DEFAULTS.items():
                setattr(self, "_" + key, getattr(self, "_" + key, value))
        return getattr(self, "_" + name)

    @property
    def workers(self):
        return self._setting("workers")

    @workers.setter
    def workers(self, value):
        self._workers = value

    @property
    def use_multiprocessing(self):
        return self._setting("use_multiprocessing")

    @use_multiprocessing.setter
    def use_multiprocessing(self, value):
        self._use_multiprocessing = value

    @property
    def max_queue_size(self):
        return self._setting("max_queue_size")

    @max_queue_size.setter
    def max_queue_size(self, value):
        self._max_queue_size = value

    def __getitem__(self, index):
        """The batch at position ``index``."""
        raise NotImplementedError

    @property
    def num_batches(self):
        """Number of batches, or None for an infinite dataset (defaults to ``len(self)``)."""
        if hasattr(self, "__len__"):
            return len(self)
        raise NotImplementedError(
            f"{type(self).__name__} must implement `__len__` or the `num_batches` property"
        )

    def __iter__(self):
        count = self.num_batches
        for index in itertools.count() if count is None else range(count):
            yield self[index]

    def on_epoch_begin(self):
        """Called at the beginning of every epoch."""

    def on_epoch_end(self):
        """Called at the end of every epoch."""


Sequence = PyDataset
