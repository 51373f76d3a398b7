"""Masks ride on tensors: ``_keras_mask`` as an attribute, or in an id table where the
tensor type refuses attributes (JAX arrays and tracers). Table entries leave with the tensor.
"""

import weakref

_table = {}


def set_mask(tensor, mask):
    try:
        tensor._keras_mask = mask
    except AttributeError:
        key = id(tensor)
        if mask is None:
            _table.pop(key, None)
        elif key not in _table:
            _table[key] = mask
            weakref.finalize(tensor, _table.pop, key, None)
        else:
            _table[key] = mask


def get_mask(tensor):
    mask = getattr(tensor, "_keras_mask", None)
    if mask is None and _table:
        return _table.get(id(tensor))
    return mask
