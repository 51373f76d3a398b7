"""Initializers whose values do not depend on a seed: constants, the identity, STFT kernels."""

import math

import numpy as np

from frontend import ops
from frontend.initializers.initializer import Initializer, host_to_tensor, standardize_dtype, standardize_shape


def _plain_value(value):
    """A JSON-ready form of a Constant's value: a Python number or a nested list."""
    if isinstance(value, (bool, int, float)):
        return value
    host = isinstance(value, (list, tuple, np.ndarray, np.generic))
    array = np.asarray(value) if host else ops.convert_to_numpy(value)
    return array.item() if array.ndim == 0 else array.tolist()


class Constant(Initializer):
    """Fills the weight with ``value`` (a scalar, or an array that broadcasts to the shape)."""

    def __init__(self, value=0.0):
        self.value = value

    def __call__(self, shape, dtype=None):
        shape = standardize_shape(shape, "Constant")
        dtype = standardize_dtype(dtype, "Constant")
        value = np.asarray(_plain_value(self.value))
        try:
            filled = np.broadcast_to(value, shape)
        except ValueError:
            raise ValueError(
                f"Constant: value of shape {value.shape} does not broadcast to shape={shape}"
            ) from None
        return host_to_tensor(filled, dtype)

    def get_config(self):
        return {"value": _plain_value(self.value)}

    @classmethod
    def from_config(cls, config):
        value = config.get("value", 0.0)
        if isinstance(value, dict) and value.get("class_name") in ("__numpy__", "__tensor__"):
            value = value["config"]["value"]  # how Keras 3 writes array values
        return cls(value)


class Zeros(Initializer):
    """All zeros."""

    def __call__(self, shape, dtype=None):
        return ops.zeros(standardize_shape(shape, "Zeros"), standardize_dtype(dtype, "Zeros"))


class Ones(Initializer):
    """All ones."""

    def __call__(self, shape, dtype=None):
        return ops.ones(standardize_shape(shape, "Ones"), standardize_dtype(dtype, "Ones"))


class Identity(Initializer):
    """``gain`` times the identity matrix (rectangular allowed); 2-D shapes only."""

    def __init__(self, gain=1.0):
        self.gain = gain

    def __call__(self, shape, dtype=None):
        shape = standardize_shape(shape, "Identity")
        if len(shape) != 2:
            raise ValueError(
                f"Identity: only 2-D shapes have an identity matrix, received shape={shape} of rank {len(shape)}"
            )
        return host_to_tensor(self.gain * np.eye(*shape), standardize_dtype(dtype, "Identity"))

    def get_config(self):
        return {"gain": self.gain}


# The common windows, as NumPy computes them (equal to scipy.signal.windows' symmetric forms).
_NUMPY_WINDOWS = {"hann": np.hanning, "hamming": np.hamming, "blackman": np.blackman, "bartlett": np.bartlett,
                  "boxcar": np.ones}


def _window(name, length, periodic):
    """The window ``name`` of ``length`` values; periodic windows drop the last point of length + 1.

    Names beyond the common ones come from ``scipy.signal.get_window``, so only they need SciPy.
    """
    if name in _NUMPY_WINDOWS:
        if length <= 1:
            return np.ones(length)
        return _NUMPY_WINDOWS[name](length + 1)[:-1] if periodic else _NUMPY_WINDOWS[name](length)
    try:
        from scipy import signal
    except ImportError:
        raise ImportError(
            f"STFT: window {name!r} needs SciPy (pip install scipy); without it use one of "
            f"{', '.join(_NUMPY_WINDOWS)} or pass the window values"
        ) from None
    try:
        return np.asarray(signal.get_window(name, length, fftbins=periodic), dtype="float64")
    except ValueError as error:
        raise ValueError(f"STFT: unknown window {name!r} ({error})") from None


class STFT(Initializer):
    """Conv kernels that compute the real or imaginary part of a short-time Fourier transform.

    The weight shape is ``(frame_length, channels, fft_length // 2 + 1)``. ``window`` is a
    name from ``scipy.signal.windows``, an array of ``frame_length`` values, or None;
    ``scaling`` normalises by the window's L2 (``"density"``) or L1 (``"spectrum"``) norm.
    """

    def __init__(self, side="real", window="hann", scaling="density", periodic=False):
        if side not in ("real", "imag"):
            raise ValueError(f"STFT: side must be 'real' or 'imag', received side={side!r}")
        if scaling not in (None, "density", "spectrum"):
            raise ValueError(f"STFT: scaling must be None, 'density' or 'spectrum', received scaling={scaling!r}")
        if isinstance(window, str):
            _window(window, 1, periodic)  # fail now on an unknown window name
        self.side = side
        self.window = window
        self.scaling = scaling
        self.periodic = periodic

    def __call__(self, shape, dtype=None):
        shape = standardize_shape(shape, "STFT")
        dtype = standardize_dtype(dtype, "STFT", float_only=True)
        if len(shape) != 3:
            raise ValueError(f"STFT: shape must be (frame_length, channels, bins), received shape={shape}")
        frame_length, _, bins = shape
        time = np.arange(frame_length, dtype="float64").reshape(frame_length, 1, 1)
        frequency = np.arange(bins, dtype="float64").reshape(1, 1, bins) / max(2 * (bins - 1), 1)
        angle = -2.0 * math.pi * time * frequency
        kernel = np.cos(angle) if self.side == "real" else np.sin(angle)
        if self.window is not None:
            window = self.window
            if isinstance(window, str):
                window = _window(window, frame_length, self.periodic)
            window = np.asarray(ops.convert_to_numpy(window), dtype="float64")
            if window.shape != (frame_length,):
                raise ValueError(f"STFT: window must have shape ({frame_length},), received {window.shape}")
            if self.scaling == "density":
                kernel = kernel / np.sqrt(np.sum(window**2))
            elif self.scaling == "spectrum":
                kernel = kernel / np.sum(np.abs(window))
            kernel = kernel * window.reshape(frame_length, 1, 1)
        return host_to_tensor(np.broadcast_to(kernel, shape), dtype)

    def get_config(self):
        window = self.window
        if window is not None and not isinstance(window, str):
            window = _plain_value(window)
        return {"side": self.side, "window": window, "periodic": self.periodic, "scaling": self.scaling}
