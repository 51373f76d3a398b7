"""frontend.random: seeds, SeedGenerator, set_random_seed, and the distributions' shapes and statistics."""

import numpy as np
import pytest

import frontend
from frontend import ops, random


def to_np(x):
    return ops.convert_to_numpy(x)


@pytest.mark.parametrize(
    "draw",
    [
        lambda seed: random.normal((64,), seed=seed),
        lambda seed: random.uniform((64,), seed=seed),
        lambda seed: random.truncated_normal((64,), seed=seed),
        lambda seed: random.randint((64,), 0, 100, seed=seed),
        lambda seed: random.categorical(np.zeros((2, 5), "float32"), 16, seed=seed),
        lambda seed: random.gamma((64,), 2.0, seed=seed),
        lambda seed: random.shuffle(np.arange(64), seed=seed),
        lambda seed: random.dropout(np.ones(64, "float32"), 0.5, seed=seed),
    ],
)
def test_int_seed_is_reproducible_and_seed_matters(draw):
    first, again, other = to_np(draw(7)), to_np(draw(7)), to_np(draw(8))
    np.testing.assert_array_equal(first, again)
    assert not np.array_equal(first, other)


def test_seed_generator_advances_and_replays():
    a, b = random.SeedGenerator(3), random.SeedGenerator(3)
    first, second = to_np(random.normal((8,), seed=a)), to_np(random.normal((8,), seed=a))
    assert not np.array_equal(first, second)
    np.testing.assert_array_equal(first, to_np(random.normal((8,), seed=b)))
    assert random.SeedGenerator(3).get_config() == {"seed": 3}


def test_set_random_seed_makes_unseeded_draws_reproducible():
    frontend.utils.set_random_seed(123)
    first = to_np(random.uniform((16,)))
    python_value = np.random.rand()
    frontend.utils.set_random_seed(123)
    np.testing.assert_array_equal(first, to_np(random.uniform((16,))))
    assert np.random.rand() == python_value
    with pytest.raises(ValueError, match="set_random_seed"):
        frontend.utils.set_random_seed(-1)


def test_distribution_statistics():
    normal = to_np(random.normal((20000,), mean=2.0, stddev=3.0, seed=1))
    assert abs(normal.mean() - 2.0) < 0.1 and abs(normal.std() - 3.0) < 0.1
    uniform = to_np(random.uniform((20000,), minval=-1.0, maxval=3.0, seed=1))
    assert uniform.min() >= -1.0 and uniform.max() < 3.0 and abs(uniform.mean() - 1.0) < 0.05
    truncated = to_np(random.truncated_normal((20000,), stddev=2.0, seed=1))
    assert np.abs(truncated).max() <= 4.0 + 1e-5 and truncated.std() > 1.5
    integers = to_np(random.randint((20000,), 3, 7, seed=1))
    assert integers.dtype == np.int32 and set(np.unique(integers)) == {3, 4, 5, 6}
    gamma = to_np(random.gamma((20000,), 3.0, seed=1))
    assert abs(gamma.mean() - 3.0) < 0.1
    beta = to_np(random.beta((20000,), 2.0, 2.0, seed=1))
    assert abs(beta.mean() - 0.5) < 0.02
    binomial = to_np(random.binomial((20000,), 10, 0.3, seed=1))
    assert abs(binomial.mean() - 3.0) < 0.1


def test_categorical_follows_softmax():
    logits = np.log(np.array([[0.1, 0.2, 0.7]], "float32"))
    samples = to_np(random.categorical(logits, 20000, seed=2))
    assert samples.shape == (1, 20000)
    np.testing.assert_allclose(np.bincount(samples[0], minlength=3) / 20000, [0.1, 0.2, 0.7], atol=0.02)


def test_dropout_zeroes_and_rescales():
    out = to_np(random.dropout(np.ones((200, 50), "float32"), 0.3, seed=4))
    kept = out[out != 0]
    np.testing.assert_allclose(kept, 1 / 0.7, rtol=1e-6)
    assert abs((out == 0).mean() - 0.3) < 0.03
    masked = to_np(random.dropout(np.ones((4, 6), "float32"), 0.5, noise_shape=(4, 1), seed=4))
    assert all(len(set(row)) == 1 for row in masked)


def test_shuffle_is_a_permutation_along_axis():
    x = np.arange(20).reshape(10, 2)
    out = to_np(random.shuffle(x, seed=5))
    assert sorted(out[:, 0].tolist()) == list(range(0, 20, 2))
    np.testing.assert_array_equal(out[:, 1], out[:, 0] + 1)


def test_dtypes_and_bad_arguments():
    assert ops.dtype(random.normal((2,), dtype="float16", seed=1)) == "float16"
    assert ops.dtype(random.uniform((2,), dtype="bfloat16", seed=1)) == "bfloat16"
    with pytest.raises(ValueError, match="random.normal"):
        random.normal((2,), dtype="int32", seed=1)
    with pytest.raises(ValueError, match="random.randint"):
        random.randint((2,), 5, 5, seed=1)
    with pytest.raises(ValueError, match="seed"):
        random.normal((2,), seed="abc")
    with pytest.raises(ValueError, match="rate"):
        random.dropout(np.ones(3), 1.5, seed=1)


def test_seed_generator_inside_compiled_function():
    generator = random.SeedGenerator(11)
    state = generator.state

    def draw(state_value):
        with frontend.StatelessScope([(state, state_value)]) as scope:
            sample = random.normal((4,), seed=generator)
        return sample, scope.get_current_value(state)

    compiled = frontend.backend.compile(draw)
    first, new_state = compiled(state.value)
    second, _ = compiled(new_state)
    assert not np.array_equal(to_np(first), to_np(second))
    np.testing.assert_array_equal(to_np(new_state), [11, 1])
    np.testing.assert_array_equal(state.numpy(), [11, 0])
