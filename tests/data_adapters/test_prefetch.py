"""Prefetcher: order, conversion one batch ahead, error propagation, closing."""

import threading
import time
import traceback

import pytest

from frontend.training.prefetch import Prefetcher


def test_yields_converted_batches_in_order():
    with Prefetcher(iter(range(20)), lambda b: b * 10) as batches:
        assert list(batches) == [10 * i for i in range(20)]
        with pytest.raises(StopIteration):
            next(batches)


def test_conversion_runs_ahead_in_another_thread_but_bounded():
    produced, threads = [], set()

    def source():
        for i in range(10):
            produced.append(i)
            yield i

    def convert(batch):
        threads.add(threading.get_ident())
        return batch

    prefetcher = Prefetcher(source(), convert, buffer_size=2)
    assert next(prefetcher) == 0
    time.sleep(0.2)
    assert 1 < len(produced) <= 4  # the consumed batch, two queued, one waiting to be queued
    assert threading.get_ident() not in threads
    prefetcher.close()


def failing_source():
    yield 1
    raise RuntimeError("source broke")


def test_source_errors_are_re_raised_with_their_traceback():
    prefetcher = Prefetcher(failing_source(), lambda b: b)
    assert next(prefetcher) == 1
    with pytest.raises(RuntimeError, match="source broke") as caught:
        next(prefetcher)
    names = [frame.name for frame in traceback.extract_tb(caught.value.__traceback__)]
    assert "failing_source" in names
    with pytest.raises(StopIteration):
        next(prefetcher)


def test_convert_errors_are_re_raised():
    def convert(batch):
        if batch == 2:
            raise ValueError("cannot convert 2")
        return batch

    prefetcher = Prefetcher(iter(range(5)), convert)
    assert [next(prefetcher), next(prefetcher)] == [0, 1]
    with pytest.raises(ValueError, match="cannot convert 2"):
        next(prefetcher)


def test_close_stops_the_thread_and_closes_the_source():
    closed = []

    def endless():
        try:
            i = 0
            while True:
                yield i
                i += 1
        finally:
            closed.append(True)

    prefetcher = Prefetcher(endless(), lambda b: b)
    assert next(prefetcher) == 0
    prefetcher.close()
    assert not prefetcher._thread.is_alive()
    assert closed == [True]
    with pytest.raises(StopIteration):
        next(prefetcher)


def test_buffer_size_must_be_positive():
    with pytest.raises(ValueError, match="buffer_size must be at least 1, received 0"):
        Prefetcher(iter([]), lambda b: b, buffer_size=0)
