"""tensor_file: safetensors bytes round-trip, and every lie a header can tell is caught before allocation."""

import json
import struct

import numpy as np
import pytest
import safetensors.numpy

from frontend.saving import tensor_file
from frontend.saving.errors import SavedFileError
from frontend.saving.tensor_file import tensors_from_bytes, tensors_to_bytes

SOURCE = "w.safetensors"


def _file(header, data=b"", length=None):
    """Hand-made safetensors bytes: ``header`` is a dict (JSON-encoded) or raw bytes."""
    raw = header if isinstance(header, bytes) else json.dumps(header).encode()
    return struct.pack("<Q", len(raw) if length is None else length) + raw + data


def _entry(dtype="F32", shape=(2,), offsets=(0, 8)):
    return {"dtype": dtype, "shape": list(shape), "data_offsets": list(offsets)}


def _rejected(data, fragment, **kwargs):
    with pytest.raises(SavedFileError) as caught:
        tensors_from_bytes(data, SOURCE, **kwargs)
    message = str(caught.value)
    assert message.startswith(f"{SOURCE}: "), message
    assert fragment in message, message
    return message


# ---------------------------------------------------------------- round trips


def test_round_trip_of_every_dtype_shape_and_layout():
    tensors = {
        "layers/dense/vars/0": np.arange(12, dtype=np.float32).reshape(3, 4),
        "f16": np.array([1.5, -2.0], np.float16),
        "f64": np.array([np.pi]),
        "i8": np.array([-128, 127], np.int8),
        "i16": np.array([-3], np.int16),
        "i32": np.array([[1, 2]], np.int32),
        "i64": np.array([2**40], np.int64),
        "u8": np.array([255], np.uint8),
        "u16": np.array([65535], np.uint16),
        "u32": np.array([2**32 - 1], np.uint32),
        "u64": np.array([2**64 - 1], np.uint64),
        "bool": np.array([True, False, True]),
        "scalar": np.float32(7.0),
        "empty": np.zeros((0, 5), np.float32),
        "strided": np.arange(10.0)[::3],
        "fortran": np.asfortranarray(np.arange(6, dtype=np.int32).reshape(2, 3)),
        "big_endian": np.arange(4, dtype=">f4"),
    }
    loaded, metadata = tensors_from_bytes(tensors_to_bytes(tensors, {"format": "frontend.weights"}), SOURCE)
    assert metadata == {"format": "frontend.weights"}
    assert set(loaded) == set(tensors)
    for name, value in tensors.items():
        value = np.asarray(value)
        assert loaded[name].shape == value.shape, name
        assert loaded[name].dtype == value.dtype.newbyteorder("="), name
        np.testing.assert_array_equal(loaded[name], value)
        assert loaded[name].flags.writeable and loaded[name].flags.owndata, name


def test_bfloat16_round_trips():
    ml_dtypes = pytest.importorskip("ml_dtypes")
    value = np.array([[1.0, -2.5], [3.0e38, 1e-3]], dtype=ml_dtypes.bfloat16)
    data = tensors_to_bytes({"w": value})
    assert b'"BF16"' in data
    loaded, metadata = tensors_from_bytes(data, SOURCE)
    assert loaded["w"].dtype == ml_dtypes.bfloat16 and metadata == {}
    np.testing.assert_array_equal(loaded["w"].view(np.uint16), value.view(np.uint16))


def test_bytes_are_standard_safetensors():
    tensors = {"a": np.arange(6, dtype=np.float32).reshape(2, 3), "b": np.array([1, 2], np.int64)}
    ours = tensors_to_bytes(tensors)
    theirs = safetensors.numpy.load(ours)
    for name in tensors:
        np.testing.assert_array_equal(theirs[name], tensors[name])
    loaded, _ = tensors_from_bytes(safetensors.numpy.save(tensors, {"k": "v"}), SOURCE)
    np.testing.assert_array_equal(loaded["a"], tensors["a"])


def test_empty_file_round_trips_and_memoryview_input_is_accepted():
    assert tensors_from_bytes(memoryview(tensors_to_bytes({})), SOURCE) == ({}, {})


def test_bool_bytes_other_than_0_and_1_are_normalised():
    loaded, _ = tensors_from_bytes(_file({"b": _entry("BOOL", (3,), (0, 3))}, b"\x00\x02\xff"), SOURCE)
    assert loaded["b"].tolist() == [False, True, True]
    assert loaded["b"].view(np.uint8).tolist() == [0, 1, 1]


@pytest.mark.parametrize("value", [np.array([1 + 2j]), np.array(["text"]), np.array([object()], dtype=object)])
def test_writing_refuses_dtypes_the_format_does_not_hold(value):
    with pytest.raises(TypeError, match="dtype"):
        tensors_to_bytes({"x": value})


def test_writing_refuses_bad_names_and_metadata():
    with pytest.raises(ValueError, match="__metadata__"):
        tensors_to_bytes({"__metadata__": np.zeros(1)})
    with pytest.raises(TypeError, match="metadata"):
        tensors_to_bytes({}, {"version": 1})


# ---------------------------------------------------------------- the hostile corpus

_VALID = tensors_to_bytes({"a": np.arange(4, dtype=np.float32), "b": np.ones((2, 3), np.int64)}, {"k": "v"})
_F32 = np.arange(2, dtype=np.float32).tobytes()

CORPUS = {
    "empty file": (b"", "truncated"),
    "shorter than the length field": (b"\x10\x00\x00", "truncated"),
    "header length larger than the file": (_file({}, length=1000), "more than the"),
    "header length 2**63": (_file({}, length=2**63), "over the limit"),
    "header length 2**64 - 1": (_file({}, length=2**64 - 1), "over the limit"),
    "not JSON": (_file(b"{this is not json"), "not valid JSON"),
    "JSON array": (_file(b"[1, 2, 3]"), "starting with '{'"),
    "JSON string": (_file(b'"hello"'), "starting with '{'"),
    "leading whitespace": (_file(b' {"a": 1}'), "starting with '{'"),
    "header not UTF-8": (_file(b'{"\xff\xfe": 1}'), "UTF-8"),
    "deeply nested JSON": (_file(b'{"a":' + b"[" * 100_000 + b"]" * 100_000 + b"}"), "nested too deeply"),
    "duplicate tensor name": (_file(b'{"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}, '
                                    b'"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}', _F32),
                              "the key 'a' appears twice"),
    "NaN in header": (_file(b'{"a": {"dtype": "F32", "shape": [NaN], "data_offsets": [0, 8]}}', _F32), "number"),
    "float shape": (_file(b'{"a": {"dtype": "F32", "shape": [2.0], "data_offsets": [0, 8]}}', _F32), "number"),
    "integer of 5000 digits": (_file(b'{"a": {"dtype": "F32", "shape": [' + b"9" * 5000 + b'], '
                                     b'"data_offsets": [0, 8]}}', _F32), "not valid JSON"),
    "dtype object": (_file({"a": _entry("object")}, _F32), "dtype 'object'"),
    "dtype pickle": (_file({"a": _entry("pickle")}, _F32), "dtype 'pickle'"),
    "dtype numpy O": (_file({"a": _entry("O")}, _F32), "dtype 'O'"),
    "dtype complex": (_file({"a": _entry("C64", (1,))}, _F32), "dtype 'C64'"),
    "dtype float8": (_file({"a": _entry("F8_E4M3", (8,))}, _F32), "dtype 'F8_E4M3'"),
    "dtype not a string": (_file({"a": _entry(["F32"])}, _F32), "dtype"),
    "negative dimension": (_file({"a": _entry(shape=(-2,))}, _F32), "non-negative"),
    "boolean dimension": (_file({"a": _entry(shape=(True, 2))}, _F32), "non-negative"),
    "dimension beyond int64": (_file({"a": _entry(shape=(2**63,))}, _F32), "non-negative int64"),
    "dimensions of 4000 digits": (_file({"a": _entry(shape=(10**4000, 10**4000))}, _F32), "non-negative int64"),
    "shape not a list": (_file({"a": {"dtype": "F32", "shape": "2", "data_offsets": [0, 8]}}, _F32), "shape"),
    "rank 1000": (_file({"a": _entry(shape=[1] * 998 + [2, 1])}, _F32), "at most 64"),
    "10**12 elements in 8 bytes": (_file({"a": _entry(shape=(10**6, 10**6))}, _F32), "needs 4000000000000 bytes"),
    "10**12 elements claiming the span": (_file({"a": _entry(shape=(10**12,), offsets=(0, 4 * 10**12))}, _F32),
                                          "outside"),
    "shape product overflowing int64": (_file({"a": _entry(shape=(2**40, 2**40, 2**40))}, _F32), "needs"),
    "offsets past the end": (_file({"a": _entry(offsets=(8, 16))}, _F32), "outside"),
    "negative offset": (_file({"a": _entry(offsets=(-8, 0))}, _F32), "outside"),
    "reversed offsets": (_file({"a": _entry(offsets=(8, 0))}, _F32), "outside"),
    "three offsets": (_file({"a": _entry(offsets=(0, 4, 8))}, _F32), "data_offsets must be two"),
    "offsets as strings": (_file({"a": _entry(offsets=("0", "8"))}, _F32), "data_offsets must be two"),
    "overlapping tensors": (_file({"a": _entry(shape=(2,), offsets=(0, 8)), "b": _entry(shape=(1,), offsets=(4, 8))},
                                  _F32), "overlaps"),
    "same bytes twice": (_file({"a": _entry(), "b": _entry()}, _F32), "overlaps"),
    "gap between tensors": (_file({"a": _entry(shape=(1,), offsets=(4, 8))}, _F32), "gap"),
    "trailing bytes": (_file({"a": _entry(shape=(1,), offsets=(0, 4))}, _F32), "trailing"),
    "missing key": (_file({"a": {"dtype": "F32", "shape": [2]}}, _F32), "exactly"),
    "extra key": (_file({"a": {**_entry(), "loader": "os.system"}}, _F32), "exactly"),
    "entry not an object": (_file({"a": [1, 2]}, _F32), "exactly"),
    "metadata not str to str": (_file({"__metadata__": {"k": 1}}), "__metadata__"),
    "metadata a list": (_file({"__metadata__": ["k"]}), "__metadata__"),
}


@pytest.mark.parametrize("case", sorted(CORPUS))
def test_hostile_or_corrupt_file_is_refused(case):
    data, fragment = CORPUS[case]
    _rejected(data, fragment)


@pytest.mark.parametrize("cut", [1, 7, 8, 9, 30, len(_VALID) - 1 - 16 - 24, len(_VALID) - 17, len(_VALID) - 1])
def test_truncated_at_any_point_is_refused(cut):
    _rejected(_VALID[:cut], "")


def test_size_limit_is_applied_before_decoding():
    _rejected(_VALID, "over the limit of 10", max_bytes=10)
    assert tensors_from_bytes(_VALID, SOURCE, max_bytes=64)[0]["a"].shape == (4,)


def test_header_with_too_many_tensors_is_refused_before_parsing(monkeypatch):
    monkeypatch.setattr(tensor_file, "MAX_TENSORS", 3)
    header = {f"t{i}": _entry("U8", (0,), (0, 0)) for i in range(5)}
    _rejected(_file(header), "more than 3 tensors")


def test_zero_sized_tensors_anywhere_are_accepted():
    header = {"z0": _entry("U8", (0,), (0, 0)), "a": _entry(), "z1": _entry("I64", (3, 0), (8, 8))}
    loaded, _ = tensors_from_bytes(_file(header, _F32), SOURCE)
    assert loaded["z1"].shape == (3, 0) and loaded["a"].tolist() == [0.0, 1.0]
