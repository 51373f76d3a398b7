"""Einsum equations for multi-head attention over arbitrary attention axes.

Projected tensors have the layout ``(batch, <other axes>, <attention axes>, heads, depth)``;
every axis that is neither an attention axis nor ``depth`` (the heads included) acts as a
batch axis of the attention product.
"""

import string

_LETTERS = string.ascii_lowercase


def projection_equation(free_dims, bound_dims, output_dims):
    """(equation, bias axes, output rank) of a projection keeping ``free_dims`` leading input axes,
    contracting the next ``bound_dims`` with the kernel, and adding ``output_dims`` new axes."""
    free = _LETTERS[:free_dims]
    bound = _LETTERS[free_dims:free_dims + bound_dims]
    new = _LETTERS[free_dims + bound_dims:free_dims + bound_dims + output_dims]
    return f"{free}{bound},{bound}{new}->{free}{new}", new, free_dims + output_dims


def attention_equations(rank, attention_axes):
    """(scores equation ``key,query->scores``, combine equation ``scores,value->output``, scores rank)
    for projected tensors of ``rank`` attending over ``attention_axes``."""
    query = _LETTERS[:rank]
    spare = iter(_LETTERS[rank:])
    key = "".join(next(spare) if i in attention_axes else query[i] for i in range(rank))
    batch = "".join(query[i] for i in range(rank - 1) if i not in attention_axes)
    scores = batch + "".join(query[i] for i in attention_axes) + "".join(key[i] for i in attention_axes)
    return f"{key},{query}->{scores}", f"{scores},{key}->{query}", len(scores)


def scores_shape(query_shape, key_shape, attention_axes):
    """The attention scores' shape for projected query and key shapes."""
    rank = len(query_shape)
    batch = [query_shape[i] for i in range(rank - 1) if i not in attention_axes]
    return tuple(batch + [query_shape[i] for i in attention_axes] + [key_shape[i] for i in attention_axes])
