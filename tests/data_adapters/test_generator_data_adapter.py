"""GeneratorDataAdapter: tuple batches from generators and iterators."""

import warnings

import numpy as np
import pytest

from frontend.training.data_adapters import GeneratorDataAdapter, get_data_adapter


def batches(count, parts):
    for i in range(count):
        x = np.full((2, 3), i, "float32")
        yield (x, np.full((2,), i), np.full((2,), 0.5 * i))[:parts]


@pytest.mark.parametrize("parts", [1, 2, 3])
def test_generator_batches_pass_through_in_order(parts):
    adapter = get_data_adapter(batches(3, parts))
    assert isinstance(adapter, GeneratorDataAdapter)
    assert adapter.num_batches is None and adapter.batch_size is None
    seen = list(adapter.get_iterator())
    assert [len(b) for b in seen] == [parts] * 3
    assert [b[0][0, 0] for b in seen] == [0.0, 1.0, 2.0]
    if parts == 3:
        np.testing.assert_array_equal(seen[2][2], [1.0, 1.0])
    assert adapter.num_batches == 3  # learned from the complete pass


def test_plain_iterator_is_accepted():
    adapter = get_data_adapter(iter([(np.zeros((1, 2)), np.ones(1))] * 2))
    assert len(list(adapter.get_iterator())) == 2


def test_steps_read_the_generator_across_epochs():
    adapter = get_data_adapter(batches(5, 2), steps_per_epoch=2)
    assert adapter.num_batches == 2
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        seen = [[int(b[1][0]) for b in adapter.get_iterator()] for _ in range(3)]
    assert seen == [[0, 1], [2, 3], [4]]
    assert len(caught) == 1 and "ran out of data" in str(caught[0].message)


def test_generator_errors():
    with pytest.raises(ValueError, match="at least one batch"):
        get_data_adapter(batches(0, 2))
    with pytest.raises(ValueError, match="must yield a tuple.*Received a ndarray"):
        get_data_adapter(iter([np.zeros(2)]))
    with pytest.raises(ValueError, match="`y` should not be passed"):
        get_data_adapter(batches(1, 1), y=np.zeros(2))
    with pytest.raises(ValueError, match="`class_weight` is not supported for generator"):
        get_data_adapter(batches(1, 2), class_weight={0: 1.0})
    with pytest.warns(UserWarning, match="shuffle=True"):
        get_data_adapter(batches(1, 2), shuffle=True)
