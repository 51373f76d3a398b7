"""Initializer values: distributions, fans, orthogonality, constants and argument errors."""

import math

import numpy as np
import pytest

from frontend import config, initializers, ops
from frontend.initializers.random_initializers import TRUNCATION_STDDEV


def values(initializer, shape, dtype=None):
    return ops.convert_to_numpy(initializer(shape, dtype))


def test_random_normal_statistics():
    draw = values(initializers.RandomNormal(mean=1.0, stddev=2.0, seed=1), (300, 300))
    assert draw.dtype == np.float32 and draw.shape == (300, 300)
    assert abs(draw.mean() - 1.0) < 0.02 and abs(draw.std() - 2.0) < 0.02


def test_random_uniform_range_and_mean():
    draw = values(initializers.RandomUniform(minval=-1.0, maxval=3.0, seed=2), (300, 300))
    assert draw.min() >= -1.0 and draw.max() < 3.0
    assert abs(draw.mean() - 1.0) < 0.02 and abs(draw.std() - 4.0 / math.sqrt(12.0)) < 0.02


def test_truncated_normal_respects_two_stddev_bound():
    draw = values(initializers.TruncatedNormal(mean=0.5, stddev=2.0, seed=3), (300, 300))
    assert draw.min() >= 0.5 - 4.0 and draw.max() <= 0.5 + 4.0
    assert abs(draw.mean() - 0.5) < 0.02
    assert abs(draw.std() - 2.0 * TRUNCATION_STDDEV) < 0.02  # the std of N(0, 1) cut at +-2 is 0.8796


def test_compute_fans():
    assert initializers.compute_fans(()) == (1, 1)
    assert initializers.compute_fans((7,)) == (7, 7)
    assert initializers.compute_fans((3, 5)) == (3, 5)
    assert initializers.compute_fans((3, 3, 16, 32)) == (9 * 16, 9 * 32)
    assert initializers.compute_fans((2, 3, 4, 5, 6)) == (24 * 5, 24 * 6)
    assert initializers.compute_fans((4, 6, 10), input_axes=[0], output_axes=[1, 2]) == (4, 60)


SHAPE = (3, 3, 40, 60)  # fan_in 360, fan_out 540
FANS = {"fan_in": 360.0, "fan_out": 540.0, "fan_avg": 450.0}


@pytest.mark.parametrize("mode", sorted(FANS))
@pytest.mark.parametrize("distribution", ["truncated_normal", "untruncated_normal", "uniform"])
def test_variance_scaling_std_matches_scale_over_fan(mode, distribution):
    scale = 2.0
    draw = values(initializers.VarianceScaling(scale, mode, distribution, seed=4), SHAPE)
    expected = math.sqrt(scale / FANS[mode])
    assert abs(draw.std() / expected - 1.0) < 0.02
    assert abs(draw.mean()) < 0.03 * expected
    if distribution == "uniform":
        assert np.abs(draw).max() <= math.sqrt(3.0) * expected
    if distribution == "truncated_normal":
        assert np.abs(draw).max() <= 2.0 * expected / TRUNCATION_STDDEV * (1 + 1e-6)


def test_variance_scaling_uses_the_given_fan_axes():
    initializer = initializers.VarianceScaling(1.0, "fan_in", "uniform", seed=5, input_axes=[1], output_axes=[0])
    draw = values(initializer, (2000, 10))
    assert np.abs(draw).max() <= math.sqrt(3.0 / 10.0) and np.abs(draw).max() > 0.9 * math.sqrt(3.0 / 10.0)


def test_variance_scaling_accepts_normal_as_truncated_normal():
    assert initializers.VarianceScaling(distribution="Normal").distribution == "truncated_normal"


PRESETS = [
    (initializers.GlorotNormal, 1.0, "fan_avg", "truncated_normal"),
    (initializers.GlorotUniform, 1.0, "fan_avg", "uniform"),
    (initializers.HeNormal, 2.0, "fan_in", "truncated_normal"),
    (initializers.HeUniform, 2.0, "fan_in", "uniform"),
    (initializers.LecunNormal, 1.0, "fan_in", "truncated_normal"),
    (initializers.LecunUniform, 1.0, "fan_in", "uniform"),
]


@pytest.mark.parametrize("cls, scale, mode, distribution", PRESETS, ids=[p[0].__name__ for p in PRESETS])
def test_presets_are_variance_scaling(cls, scale, mode, distribution):
    preset = cls(seed=6)
    assert (preset.scale, preset.mode, preset.distribution) == (scale, mode, distribution)
    same = initializers.VarianceScaling(scale, mode, distribution, seed=6)
    np.testing.assert_array_equal(values(preset, (30, 20)), values(same, (30, 20)))
    draw = values(preset, SHAPE)
    assert abs(draw.std() / math.sqrt(scale / FANS[mode]) - 1.0) < 0.02


@pytest.mark.parametrize("shape", [(6, 4), (4, 6), (5, 5), (2, 3, 5), (3, 3, 4, 8)])
def test_orthogonal_gives_orthonormal_rows_or_columns(shape):
    draw = values(initializers.Orthogonal(seed=7), shape).astype(np.float64)
    matrix = draw.reshape(-1, shape[-1])
    rows, cols = matrix.shape
    gram = matrix.T @ matrix if rows >= cols else matrix @ matrix.T
    np.testing.assert_allclose(gram, np.eye(min(rows, cols)), atol=1e-5)


def test_orthogonal_gain_scales_the_matrix():
    base = values(initializers.Orthogonal(seed=8), (5, 3))
    np.testing.assert_allclose(values(initializers.Orthogonal(gain=2.5, seed=8), (5, 3)), 2.5 * base, rtol=1e-6)


def test_constant_zeros_ones():
    np.testing.assert_array_equal(values(initializers.Constant(2.5), (2, 3)), np.full((2, 3), 2.5, np.float32))
    np.testing.assert_array_equal(values(initializers.Constant([1, 2, 3]), (2, 3)), [[1, 2, 3], [1, 2, 3]])
    ints = values(initializers.Constant(7), (4,), "int32")
    assert ints.dtype == np.int32 and ints.tolist() == [7, 7, 7, 7]
    zeros, ones = values(initializers.Zeros(), (3, 2)), values(initializers.Ones(), (2,), "int64")
    assert zeros.dtype == np.float32 and not zeros.any()
    assert ones.dtype == np.int64 and ones.tolist() == [1, 1]
    with pytest.raises(ValueError, match=r"Constant: value of shape \(3,\) does not broadcast to shape=\(2, 4\)"):
        initializers.Constant([1, 2, 3])((2, 4))


def test_identity_is_gain_times_eye():
    np.testing.assert_array_equal(values(initializers.Identity(), (3, 3)), np.eye(3))
    np.testing.assert_array_equal(values(initializers.Identity(gain=3.0), (2, 4)), 3.0 * np.eye(2, 4))
    with pytest.raises(ValueError, match=r"Identity: .*2-D.*shape=\(2, 2, 2\)"):
        initializers.Identity()((2, 2, 2))


def _stft_reference(frame_length, bins, side):
    time = np.arange(frame_length).reshape(-1, 1, 1)
    frequency = np.arange(bins).reshape(1, 1, -1) / (2.0 * (bins - 1))
    angle = -2.0 * np.pi * time * frequency
    return np.cos(angle) if side == "real" else np.sin(angle)


@pytest.mark.parametrize("side", ["real", "imag"])
def test_stft_kernel_without_window(side):
    kernel = values(initializers.STFT(side=side, window=None, scaling=None), (16, 1, 9))
    np.testing.assert_allclose(kernel, _stft_reference(16, 9, side), atol=1e-6)


@pytest.mark.parametrize("scaling", ["density", "spectrum"])
def test_stft_kernel_with_array_window(scaling):
    window = np.linspace(0.1, 1.0, 8)
    kernel = values(initializers.STFT(window=window, scaling=scaling), (8, 1, 5))
    norm = np.sqrt(np.sum(window**2)) if scaling == "density" else np.sum(window)
    np.testing.assert_allclose(kernel, _stft_reference(8, 5, "real") * window.reshape(-1, 1, 1) / norm, atol=1e-6)


@pytest.mark.parametrize("name", ["hann", "hamming", "blackman", "bartlett", "boxcar", "tukey"])
@pytest.mark.parametrize("periodic", [False, True])
def test_stft_named_windows_match_scipy(name, periodic):
    signal = pytest.importorskip("scipy.signal")
    window = signal.get_window(name, 8, fftbins=periodic)
    kernel = values(initializers.STFT(window=name, scaling=None, periodic=periodic), (8, 1, 5))
    np.testing.assert_allclose(kernel, _stft_reference(8, 5, "real") * window.reshape(-1, 1, 1), atol=1e-6)


def test_dtype_defaults_to_floatx_and_can_be_chosen():
    config.set_floatx("float16")
    assert values(initializers.GlorotUniform(seed=1), (3, 3)).dtype == np.float16
    assert values(initializers.Zeros(), (2,)).dtype == np.float16
    config.set_floatx("float32")
    assert values(initializers.RandomNormal(seed=1), (3,), "float64").dtype == np.float64
    assert ops.dtype(initializers.HeUniform(seed=1)((3,), "bfloat16")) == "bfloat16"


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda: initializers.RandomNormal(stddev=-1.0), r"RandomNormal: stddev must be >= 0, received stddev=-1.0"),
        (lambda: initializers.TruncatedNormal(stddev=-0.5), r"TruncatedNormal: stddev must be >= 0"),
        (lambda: initializers.RandomNormal(mean="a"), r"RandomNormal: mean must be a number, received mean='a'"),
        (lambda: initializers.RandomUniform(1.0, 0.0), r"RandomUniform: minval must be <= maxval"),
        (lambda: initializers.VarianceScaling(scale=0.0),
         r"VarianceScaling: scale must be a positive number, received scale=0.0"),
        (lambda: initializers.VarianceScaling(mode="fan_sum"),
         r"VarianceScaling: mode must be one of fan_in, fan_out, fan_avg, received mode='fan_sum'"),
        (lambda: initializers.VarianceScaling(distribution="cauchy"),
         r"VarianceScaling: distribution must be one of .*received distribution='cauchy'"),
        (lambda: initializers.GlorotUniform(seed="3"),
         r"GlorotUniform: seed must be an int, a SeedGenerator or None, received seed='3'"),
        (lambda: initializers.Orthogonal(seed=1.5), r"Orthogonal: seed must be an int"),
        (lambda: initializers.STFT(side="both"), r"STFT: side must be 'real' or 'imag'"),
        (lambda: initializers.STFT(scaling="l3"), r"STFT: scaling must be None, 'density' or 'spectrum'"),
        (lambda: initializers.STFT(window="no_such_window"), r"STFT: unknown window 'no_such_window'"),
    ],
)
def test_bad_arguments_are_refused_by_name(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_bad_call_arguments_are_refused_by_name():
    with pytest.raises(ValueError, match=r"Orthogonal: shape must have rank >= 2, received shape=\(5,\)"):
        initializers.Orthogonal(seed=1)((5,))
    with pytest.raises(ValueError, match=r"RandomNormal: needs a float dtype .*received dtype='int32'"):
        initializers.RandomNormal(seed=1)((2,), "int32")
    with pytest.raises(ValueError, match=r"GlorotUniform: shape must hold non-negative ints, received shape=\(2, -1\)"):
        initializers.GlorotUniform(seed=1)((2, -1))
    with pytest.raises(ValueError, match=r"STFT: shape must be \(frame_length, channels, bins\)"):
        initializers.STFT(window=None)((4, 4))
