"""Seeds: int seeds replay, unseeded draws follow the stream that set_random_seed resets."""

import numpy as np
import pytest

from frontend import initializers, ops, random, utils

RANDOM_CLASSES = [
    initializers.RandomNormal,
    initializers.RandomUniform,
    initializers.TruncatedNormal,
    initializers.VarianceScaling,
    initializers.GlorotNormal,
    initializers.GlorotUniform,
    initializers.HeNormal,
    initializers.HeUniform,
    initializers.LecunNormal,
    initializers.LecunUniform,
    initializers.Orthogonal,
]


def values(initializer, shape=(6, 5)):
    return ops.convert_to_numpy(initializer(shape))


@pytest.mark.parametrize("cls", RANDOM_CLASSES, ids=lambda c: c.__name__)
def test_int_seed_gives_the_same_values_every_call(cls):
    initializer = cls(seed=11)
    first = values(initializer)
    np.testing.assert_array_equal(first, values(initializer))
    np.testing.assert_array_equal(first, values(cls(seed=11)))
    assert not np.array_equal(first, values(cls(seed=12)))


@pytest.mark.parametrize("cls", RANDOM_CLASSES, ids=lambda c: c.__name__)
def test_unseeded_draws_differ_but_replay_after_set_random_seed(cls):
    utils.set_random_seed(7)
    initializer = cls()
    first, second = values(initializer), values(initializer)
    assert not np.array_equal(first, second)
    utils.set_random_seed(7)
    again = cls()
    np.testing.assert_array_equal(values(again), first)
    np.testing.assert_array_equal(values(again), second)


def test_the_stream_is_shared_across_initializers():
    utils.set_random_seed(3)
    a, b = values(initializers.GlorotUniform()), values(initializers.HeNormal())
    utils.set_random_seed(3)
    np.testing.assert_array_equal(values(initializers.GlorotUniform()), a)
    np.testing.assert_array_equal(values(initializers.HeNormal()), b)
    utils.set_random_seed(4)
    assert not np.array_equal(values(initializers.GlorotUniform()), a)


def test_seed_generator_advances_and_replays():
    initializer = initializers.RandomNormal(seed=random.SeedGenerator(5))
    first, second = values(initializer), values(initializer)
    assert not np.array_equal(first, second)
    replay = initializers.RandomNormal(seed=random.SeedGenerator(5))
    np.testing.assert_array_equal(values(replay), first)
    np.testing.assert_array_equal(values(replay), second)


def test_values_come_from_numpy_pcg64_on_the_host():
    """The draw is pinned to NumPy's PCG64, which is what makes it engine-independent."""
    limit = np.sqrt(6.0 / (5 + 4))
    expected = np.random.Generator(np.random.PCG64(3)).uniform(-limit, limit, (5, 4)).astype(np.float32)
    np.testing.assert_array_equal(ops.convert_to_numpy(initializers.GlorotUniform(seed=3)((5, 4))), expected)
    normal = np.random.Generator(np.random.PCG64(9)).standard_normal((3, 2)) * 0.5 + 1.0
    np.testing.assert_array_equal(
        ops.convert_to_numpy(initializers.RandomNormal(1.0, 0.5, seed=9)((3, 2))), normal.astype(np.float32)
    )
