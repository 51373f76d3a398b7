"""get_data_adapter: which adapter each input kind gets, and errors for the rest."""

import numpy as np
import pytest

from frontend.training.data_adapters import ArrayDataAdapter, get_data_adapter


def test_data_adapter_passes_through():
    adapter = ArrayDataAdapter(np.zeros((2, 1)))
    assert get_data_adapter(adapter) is adapter


def test_unsupported_types_are_named():
    with pytest.raises(ValueError, match="Unrecognized data type.*x of type str"):
        get_data_adapter("images/")
    with pytest.raises(ValueError, match=r"x\[1\] of type set"):
        get_data_adapter([np.zeros((2, 1)), {1, 2}])
    with pytest.raises(ValueError, match=r"y\['out'\] of type int"):
        get_data_adapter(np.zeros((2, 1)), {"out": 3})
    with pytest.raises(ValueError, match="`x` is None"):
        get_data_adapter(None)
