"""Nested structures (lists, tuples, dicts, None leaves) flattened and rebuilt.

Layers and models take and return nests of tensors; the functional graph, symbolic
shape inference and ``fit`` all need to walk them the same way. Dicts are walked in
sorted-key order so a structure flattens identically wherever it is built.
"""


def is_nested(x):
    return isinstance(x, (list, tuple, dict))


def flatten(structure):
    """The leaves of ``structure`` in order (a non-nested value is one leaf)."""
    leaves = []
    _flatten_into(structure, leaves)
    return leaves


def _flatten_into(x, leaves):
    if isinstance(x, dict):
        for key in sorted(x):
            _flatten_into(x[key], leaves)
    elif isinstance(x, (list, tuple)):
        for item in x:
            _flatten_into(item, leaves)
    else:
        leaves.append(x)


def pack_sequence_as(structure, leaves):
    """Rebuild ``structure`` with its leaves replaced, in order, by ``leaves``."""
    leaves = list(leaves)
    result, used = _pack(structure, leaves, 0)
    if used != len(leaves):
        raise ValueError(f"tree.pack_sequence_as: structure has {used} leaves, received {len(leaves)}")
    return result


def _pack(structure, leaves, start):
    if isinstance(structure, dict):
        packed = {}
        for key in sorted(structure):
            packed[key], start = _pack(structure[key], leaves, start)
        return type(structure)((key, packed[key]) for key in structure), start
    if isinstance(structure, (list, tuple)):
        items = []
        for item in structure:
            value, start = _pack(item, leaves, start)
            items.append(value)
        if isinstance(structure, tuple) and hasattr(structure, "_fields"):
            return type(structure)(*items), start
        return type(structure)(items), start
    if start >= len(leaves):
        raise ValueError("tree.pack_sequence_as: not enough leaves for the structure")
    return leaves[start], start + 1


def map_structure(function, *structures):
    """Apply ``function`` leaf by leaf over structures of the same shape."""
    flats = [flatten(s) for s in structures]
    if any(len(f) != len(flats[0]) for f in flats):
        raise ValueError("tree.map_structure: the structures have different numbers of leaves")
    return pack_sequence_as(structures[0], [function(*leaves) for leaves in zip(*flats)])
