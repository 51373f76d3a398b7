"""Devices: tensors go to the engine's default accelerator; a scope picks another."""

import numpy as np
import pytest

import frontend
from frontend import ops


def test_current_device_is_named():
    assert frontend.backend.current_device().split(":")[0] in ("cpu", "gpu", "tpu")


def test_cpu_scope_places_tensors_and_variables():
    with frontend.backend.device("cpu"):
        assert frontend.backend.current_device() == "cpu:0"
        x = ops.ones((2, 2))
        v = frontend.Variable(np.zeros(2, "float32"))
        np.testing.assert_array_equal(ops.convert_to_numpy(ops.add(x, 1)), np.full((2, 2), 2))
        np.testing.assert_array_equal(v.numpy(), [0, 0])


def test_unknown_device_raises():
    with pytest.raises(ValueError, match="bogus"):
        with frontend.backend.device("bogus:7"):
            pass
