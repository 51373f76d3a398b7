"""Tensors to safetensors bytes and back, checking every claim of the header before trusting it.

A safetensors file is an 8-byte little-endian header length, a JSON header naming each
tensor's dtype, shape and byte span, then the raw bytes. A hostile file can lie in every one
of those fields, so ``tensors_from_bytes`` validates the whole header against the bytes that
are really present (and against a size limit) before anything is allocated, and only then
lets the ``safetensors`` library decode it. Every problem is a ``SavedFileError``.
"""

import json
import math
import struct

import numpy as np
from safetensors import SafetensorError, TensorSpec, deserialize, serialize

from frontend.saving.errors import SavedFileError

try:
    import ml_dtypes
except ImportError:  # bfloat16 tensors then cannot exist in numpy, so none need mapping
    ml_dtypes = None

DEFAULT_MAX_TENSOR_BYTES = 2**34
"""16 GiB of tensor data: more than any model this library trains, far less than a lying header claims."""

MAX_HEADER_BYTES = 100_000_000
"""The safetensors format's own limit on the JSON header."""

MAX_TENSORS = 1_000_000
MAX_RANK = 64

_NUMPY_DTYPES = {
    "BOOL": np.dtype(np.bool_),
    "U8": np.dtype("<u1"),
    "I8": np.dtype("<i1"),
    "U16": np.dtype("<u2"),
    "I16": np.dtype("<i2"),
    "F16": np.dtype("<f2"),
    "U32": np.dtype("<u4"),
    "I32": np.dtype("<i4"),
    "F32": np.dtype("<f4"),
    "U64": np.dtype("<u8"),
    "I64": np.dtype("<i8"),
    "F64": np.dtype("<f8"),
}
if ml_dtypes is not None:
    _NUMPY_DTYPES["BF16"] = np.dtype(ml_dtypes.bfloat16)
_ITEMSIZES = {"BF16": 2, **{code: dtype.itemsize for code, dtype in _NUMPY_DTYPES.items()}}
_CODES = {dtype: code for code, dtype in _NUMPY_DTYPES.items()}
_ENTRY_KEYS = {"dtype", "shape", "data_offsets"}


def tensors_to_bytes(tensors, metadata=None):
    """Encode ``{name: array}`` (and optional ``{str: str}`` metadata) as safetensors bytes."""
    if metadata is not None and not all(isinstance(k, str) and isinstance(v, str) for k, v in metadata.items()):
        raise TypeError(f"safetensors metadata must map str to str, got {metadata!r}")
    arrays, specs = [], {}
    for name, value in tensors.items():
        if not isinstance(name, str) or name == "__metadata__":
            raise ValueError(f"Tensor names must be strings other than '__metadata__', got {name!r}")
        array = np.asarray(value)
        code = _CODES.get(array.dtype.newbyteorder("<"))
        if code is None:
            raise TypeError(f"Tensor {name!r} has dtype {array.dtype}, which safetensors files here cannot hold; "
                            f"supported: {', '.join(str(d) for d in _CODES)}")
        array = array.astype(_NUMPY_DTYPES[code], order="C", copy=False)  # little-endian, dense
        arrays.append(array)  # safetensors reads through the pointer: keep the array alive
        specs[name] = TensorSpec(dtype=array.dtype.name, shape=array.shape,
                                 data_ptr=array.ctypes.data, data_len=array.nbytes)
    return bytes(serialize(specs, metadata=metadata))


def _parse_json(text, source):
    """The header as Python objects; duplicate keys, floats, NaN and deep nesting are refused."""

    def refuse_float(token):
        raise ValueError(f"unexpected number {token} (only integers belong in a header)")

    def pairs(items):
        result = dict(items)
        if len(result) != len(items):
            seen = set()
            twice = next(key for key, _ in items if key in seen or seen.add(key))
            raise ValueError(f"the key {twice[:200]!r} appears twice")
        return result

    try:
        return json.loads(text, object_pairs_hook=pairs, parse_float=refuse_float, parse_constant=refuse_float)
    except RecursionError:
        raise SavedFileError(f"{source}: header JSON is nested too deeply (a safetensors header has 3 levels)") from None
    except ValueError as error:
        raise SavedFileError(f"{source}: header is not valid JSON: {error}") from None


def _is_int(value):
    return type(value) is int


def _brief(value):
    """A value as it appears in an error message, cut short: hostile headers can be huge."""
    text = repr(value)
    return text if len(text) <= 200 else text[:200] + "..."


def _check_entry(name, entry, buffer_size, source):
    """Validate one tensor entry; return ``(start, end)`` of its bytes."""
    where = f"{source}: tensor {_brief(name)}"
    if not isinstance(entry, dict) or set(entry) != _ENTRY_KEYS:
        found = sorted(entry) if isinstance(entry, dict) else type(entry).__name__
        raise SavedFileError(f"{where}: expected an object with exactly {sorted(_ENTRY_KEYS)}, found {found}")
    dtype, shape, offsets = entry["dtype"], entry["shape"], entry["data_offsets"]
    if not isinstance(dtype, str) or dtype not in _ITEMSIZES:
        raise SavedFileError(f"{where}: dtype {_brief(dtype)} is not one of {', '.join(_ITEMSIZES)}")
    if dtype not in _NUMPY_DTYPES:
        raise SavedFileError(f"{where}: dtype BF16 needs the ml_dtypes package, which is not installed")
    if not isinstance(shape, list) or len(shape) > MAX_RANK or not all(_is_int(d) and 0 <= d < 2**63 for d in shape):
        raise SavedFileError(f"{where}: shape must be a list of at most {MAX_RANK} non-negative int64 values, "
                             f"found {_brief(shape)}")
    if not isinstance(offsets, list) or len(offsets) != 2 or not all(_is_int(o) for o in offsets):
        raise SavedFileError(f"{where}: data_offsets must be two integers [start, end], found {_brief(offsets)}")
    start, end = offsets
    if not 0 <= start <= end <= buffer_size:
        raise SavedFileError(f"{where}: data_offsets [{start}, {end}] lie outside the {buffer_size} bytes of "
                             f"tensor data in the file")
    needed = math.prod(shape) * _ITEMSIZES[dtype]
    if end - start != needed:
        raise SavedFileError(f"{where}: shape {shape} of {dtype} needs {needed} bytes but data_offsets "
                             f"[{start}, {end}] hold {end - start}")
    return start, end


def _read_header(data, source, max_bytes):
    """Validate the header against ``data``; return ``(entries, metadata)``."""
    if len(data) < 8:
        raise SavedFileError(f"{source}: truncated: {len(data)} bytes, but a safetensors file starts with an "
                             f"8-byte header length")
    (header_size,) = struct.unpack("<Q", data[:8])
    if header_size > MAX_HEADER_BYTES:
        raise SavedFileError(f"{source}: header length {header_size} is over the limit of {MAX_HEADER_BYTES} bytes "
                             f"(corrupt, or not a safetensors file)")
    if header_size > len(data) - 8:
        raise SavedFileError(f"{source}: header length {header_size} is more than the {len(data) - 8} bytes that "
                             f"follow it (truncated, or not a safetensors file)")
    buffer_size = len(data) - 8 - header_size
    if buffer_size > max_bytes:
        raise SavedFileError(f"{source}: {buffer_size} bytes of tensor data is over the limit of {max_bytes}")
    header = bytes(data[8:8 + header_size])
    if not header.startswith(b"{"):
        raise SavedFileError(f"{source}: header must be a JSON object starting with '{{', found {header[:20]!r}")
    if header.count(b"{") > MAX_TENSORS + 2:
        raise SavedFileError(f"{source}: header describes more than {MAX_TENSORS} tensors")
    try:
        text = header.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SavedFileError(f"{source}: header is not UTF-8 text: {error}") from None
    parsed = _parse_json(text, source)
    if not isinstance(parsed, dict):
        raise SavedFileError(f"{source}: header must be a JSON object, found {type(parsed).__name__}")
    metadata = parsed.pop("__metadata__", {})
    if not isinstance(metadata, dict) or not all(isinstance(v, str) for v in metadata.values()):
        raise SavedFileError(f"{source}: __metadata__ must map strings to strings, found {_brief(metadata)}")
    spans = sorted((_check_entry(name, entry, buffer_size, source), name) for name, entry in parsed.items())
    position = 0
    for (start, end), name in spans:
        if start != position:
            problem = "overlaps the tensor before it" if start < position else f"leaves a gap at byte {position}"
            raise SavedFileError(f"{source}: tensor {_brief(name)} at data_offsets [{start}, {end}] {problem}")
        position = end
    if position != buffer_size:
        raise SavedFileError(f"{source}: tensors cover {position} bytes but the file holds {buffer_size} bytes of "
                             f"tensor data (trailing bytes)")
    return parsed, metadata


def _to_array(dtype, shape, raw):
    """An owned, writable array over decoded bytes; booleans are normalised to 0/1."""
    if dtype == "BOOL":
        return np.frombuffer(raw, dtype=np.uint8).reshape(shape) != 0
    return np.frombuffer(raw, dtype=_NUMPY_DTYPES[dtype]).reshape(shape).copy()


def tensors_from_bytes(data, source, max_bytes=DEFAULT_MAX_TENSOR_BYTES):
    """Decode safetensors ``data`` into ``({name: array}, metadata)``; ``source`` names the file in errors.

    Raises ``SavedFileError`` for anything malformed, truncated, hostile or over ``max_bytes``.
    """
    if not isinstance(data, bytes):
        data = bytes(data)
    entries, metadata = _read_header(data, source, max_bytes)
    try:
        decoded = deserialize(data)
    except SafetensorError as error:  # the header passed our checks, so this is unexpected; still the file's fault
        raise SavedFileError(f"{source}: not a valid safetensors file: {error}") from None
    tensors = {}
    for name, view in decoded:
        entry = entries[name]
        tensors[name] = _to_array(entry["dtype"], entry["shape"], view["data"])
    return tensors, metadata
