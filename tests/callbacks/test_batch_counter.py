"""BatchCounter: every N finished batches, across skipped reports and epochs."""

from frontend.callbacks.batch_counter import BatchCounter


def test_counts_every_batch_even_when_reported_every_few_and_across_epochs():
    counter = BatchCounter(3)
    # Epoch of 5 batches reported every 2 (steps_per_execution=2), then a new epoch.
    assert [counter.due(batch) for batch in (1, 3, 4, 1, 3, 4)] == [False, True, False, True, False, True]


def test_state_round_trip_and_restart():
    counter, fresh, copy = BatchCounter(4), BatchCounter(4), BatchCounter(4)
    counter.due(1)  # two batches counted
    copy.set_state(counter.get_state())
    assert [copy.due(0), copy.due(0)] == [False, True]  # two one-batch epochs complete the four
    assert [fresh.due(0), fresh.due(0)] == [False, False]
    copy.restart(batches_done=2)  # resumed mid-epoch: batches 0 and 1 already ran
    assert [copy.due(batch) for batch in (2, 3, 4, 5)] == [False, False, False, True]
    copy.set_state({"batches_since_save": 1, "last_batch": None})  # a state written before the counter existed
    assert copy.last_batch == -1 and copy.since_due == 1
