"""Learning-rate schedules against their formulas, on Python and tensor steps; errors; configs."""

import math

import numpy as np
import pytest

from frontend import ops
from frontend.optimizers import schedules

STEPS = [0, 1, 3, 5, 10, 17]


def values(schedule, steps=STEPS):
    """The schedule at every step, once with Python ints and once with one int64 tensor of steps."""
    from_ints = [float(schedule(s)) for s in steps]
    from_tensor = ops.convert_to_numpy(schedule(ops.convert_to_tensor(np.array(steps, "int64"))))
    np.testing.assert_allclose(from_tensor, from_ints, rtol=1e-6)
    return np.array(from_ints)


def cosine(fraction):
    return 0.5 * (1 + math.cos(math.pi * fraction))


@pytest.mark.parametrize("staircase", [False, True])
def test_exponential_decay(staircase):
    schedule = schedules.ExponentialDecay(0.1, decay_steps=4, decay_rate=0.5, staircase=staircase)
    expected = [0.1 * 0.5 ** (math.floor(s / 4) if staircase else s / 4) for s in STEPS]
    np.testing.assert_allclose(values(schedule), expected, rtol=1e-6)


@pytest.mark.parametrize("staircase", [False, True])
def test_inverse_time_decay(staircase):
    schedule = schedules.InverseTimeDecay(0.1, decay_steps=4, decay_rate=0.5, staircase=staircase)
    expected = [0.1 / (1 + 0.5 * (math.floor(s / 4) if staircase else s / 4)) for s in STEPS]
    np.testing.assert_allclose(values(schedule), expected, rtol=1e-6)


def test_polynomial_decay_stops_or_cycles():
    schedule = schedules.PolynomialDecay(0.1, decay_steps=4, end_learning_rate=0.01, power=2.0)
    expected = [(0.1 - 0.01) * (1 - min(s, 4) / 4) ** 2 + 0.01 for s in STEPS]
    np.testing.assert_allclose(values(schedule), expected, rtol=1e-6)
    cycling = schedules.PolynomialDecay(0.1, decay_steps=4, end_learning_rate=0.01, power=2.0, cycle=True)
    spans = [4 * max(1, math.ceil(s / 4)) for s in STEPS]
    expected = [(0.1 - 0.01) * (1 - s / span) ** 2 + 0.01 for s, span in zip(STEPS, spans)]
    np.testing.assert_allclose(values(cycling), expected, rtol=1e-6)


def test_piecewise_constant_decay_includes_each_boundary_in_the_earlier_piece():
    schedule = schedules.PiecewiseConstantDecay(boundaries=[3, 10], values=[1.0, 0.5, 0.1])
    np.testing.assert_allclose(values(schedule), [1.0, 1.0, 1.0, 0.5, 0.5, 0.1])
    with pytest.raises(ValueError, match="The length of boundaries should be 1 less than the length of values"):
        schedules.PiecewiseConstantDecay([1, 2], [1.0, 2.0])


def test_cosine_decay_with_and_without_warmup():
    schedule = schedules.CosineDecay(0.1, decay_steps=10, alpha=0.1)
    expected = [0.1 * ((1 - 0.1) * cosine(min(s, 10) / 10) + 0.1) for s in STEPS]
    np.testing.assert_allclose(values(schedule), expected, rtol=1e-6)
    warm = schedules.CosineDecay(0.0, decay_steps=10, warmup_target=0.2, warmup_steps=5)
    expected = [0.2 * s / 5 if s < 5 else 0.2 * cosine(min(s - 5, 10) / 10) for s in STEPS]
    np.testing.assert_allclose(values(warm), expected, rtol=1e-6, atol=1e-9)


def sgdr(step, first, t_mul, m_mul, alpha):
    """Walk the restart periods one by one."""
    start, period, peak = 0.0, float(first), 1.0
    while step >= start + period:
        start, period, peak = start + period, period * t_mul, peak * m_mul
    return (1 - alpha) * peak * cosine((step - start) / period) + alpha


@pytest.mark.parametrize("t_mul, m_mul", [(2.0, 1.0), (1.0, 0.5)])
def test_cosine_decay_restarts(t_mul, m_mul):
    schedule = schedules.CosineDecayRestarts(0.1, first_decay_steps=3, t_mul=t_mul, m_mul=m_mul, alpha=0.05)
    expected = [0.1 * sgdr(s, 3, t_mul, m_mul, 0.05) for s in STEPS]
    np.testing.assert_allclose(values(schedule), expected, rtol=1e-5)


@pytest.mark.parametrize("make", [
    lambda: schedules.ExponentialDecay(0.1, 0, 0.5),
    lambda: schedules.InverseTimeDecay(0.1, -1, 0.5),
    lambda: schedules.PolynomialDecay(0.1, 0),
    lambda: schedules.CosineDecay(0.1, 0),
])
def test_decay_steps_must_be_positive(make):
    with pytest.raises(ValueError, match="decay_steps` must be > 0"):
        make()


def test_restarts_need_positive_first_decay_steps():
    with pytest.raises(ValueError, match="`first_decay_steps` must be > 0"):
        schedules.CosineDecayRestarts(0.1, 0)


ALL = [
    schedules.ExponentialDecay(0.1, 4, 0.5, staircase=True),
    schedules.InverseTimeDecay(0.1, 4, 0.5),
    schedules.PolynomialDecay(0.1, 4, 0.01, 2.0, cycle=True),
    schedules.PiecewiseConstantDecay([3, 10], [1.0, 0.5, 0.1]),
    schedules.CosineDecay(0.0, 10, 0.1, warmup_target=0.2, warmup_steps=5),
    schedules.CosineDecayRestarts(0.1, 3, 2.0, 0.5, 0.05),
]


@pytest.mark.parametrize("schedule", ALL, ids=lambda s: type(s).__name__)
def test_config_round_trip_in_keras_layout(schedule):
    config = schedules.serialize(schedule)
    assert config["module"] == "keras.optimizers.schedules" and config["class_name"] == type(schedule).__name__
    assert config["registered_name"] is None
    rebuilt = schedules.deserialize(config)
    assert type(rebuilt) is type(schedule) and rebuilt.get_config() == schedule.get_config()
    np.testing.assert_allclose(values(rebuilt, [0, 7]), values(schedule, [0, 7]))


def test_custom_schedule_via_custom_objects():
    class Halving(schedules.LearningRateSchedule):
        def __call__(self, step):
            return ops.power(0.5, ops.cast(step, "float32"))

        def get_config(self):
            return {}

    rebuilt = schedules.deserialize(schedules.serialize(Halving()), custom_objects={"Halving": Halving})
    assert float(rebuilt(2)) == 0.25
    with pytest.raises(NotImplementedError, match="must override `get_config"):
        schedules.LearningRateSchedule().get_config()
