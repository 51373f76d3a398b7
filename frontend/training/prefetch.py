"""``Prefetcher``: converts the next batch in a background thread while the current step runs."""

import queue
import threading

_BATCH, _ERROR, _END = "batch", "error", "end"


class Prefetcher:
    """Iterates ``convert(batch)`` for every batch of ``batches``, computed ``buffer_size`` ahead.

    A background thread pulls host batches and converts them (for the trainer: NumPy leaves
    to engine tensors on the device), so the transfer of batch ``n + 1`` overlaps step ``n``.
    An exception raised by the source or by ``convert`` is re-raised by ``next()`` with its
    original traceback. ``close()`` (or leaving a ``with`` block) stops the thread and closes
    the source iterator.
    """

    def __init__(self, batches, convert, buffer_size=2):
        if buffer_size < 1:
            raise ValueError(f"Prefetcher: buffer_size must be at least 1, received {buffer_size}")
        self._queue = queue.Queue(maxsize=buffer_size)
        self._stop = threading.Event()
        self._finished = False
        self._thread = threading.Thread(
            target=self._produce, args=(iter(batches), convert), name="Prefetcher", daemon=True
        )
        self._thread.start()

    def _produce(self, source, convert):
        try:
            for batch in source:
                if not self._put((_BATCH, convert(batch))):
                    return
            self._put((_END, None))
        except BaseException as error:  # handed to the consumer, which re-raises it
            self._put((_ERROR, error))
        finally:
            close = getattr(source, "close", None)
            if close is not None:
                close()

    def _put(self, item):
        """Queue ``item`` unless ``close()`` was called; True when queued."""
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.05)
                return True
            except queue.Full:
                pass
        return False

    def __iter__(self):
        return self

    def __next__(self):
        if self._finished:
            raise StopIteration
        kind, value = self._queue.get()
        if kind is _BATCH:
            return value
        self._finished = True
        self._thread.join()
        if kind is _ERROR:
            raise value
        raise StopIteration

    def close(self):
        """Stop the background thread and drop the batches it converted ahead."""
        self._finished = True
        self._stop.set()
        self._thread.join()
        while not self._queue.empty():
            self._queue.get_nowait()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()
