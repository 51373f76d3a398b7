"""Argument checks and output-size arithmetic shared by convolution and pooling layers.

Sizes follow Keras 3: ``same`` (and ``causal``) give ``ceil(size / stride)`` positions,
``valid`` gives ``floor((size - span) / stride) + 1`` where ``span`` is the dilated window.
Unknown sizes (``None``) stay unknown.
"""


def normalize_tuple(owner, value, rank, name, allow_zero=False):
    """``value`` (an int or ``rank`` ints) as a tuple of ``rank`` ints; ValueError naming ``owner`` otherwise."""
    message = f"{owner}: `{name}` must be an int or a tuple of {rank} ints. Received {name}={value!r}"
    if isinstance(value, int) and not isinstance(value, bool):
        values = (value,) * rank
    else:
        try:
            values = tuple(int(v) for v in value)
        except (TypeError, ValueError):
            raise ValueError(message) from None
        if len(values) != rank:
            raise ValueError(message)
    lowest = 0 if allow_zero else 1
    if any(v < lowest for v in values):
        raise ValueError(f"{message}: every value must be >= {lowest}")
    return values


def normalize_padding(owner, value, allow_causal=False):
    """Lower-cased ``padding``, checked against 'valid', 'same' (and 'causal' when allowed)."""
    allowed = ("valid", "same", "causal") if allow_causal else ("valid", "same")
    padding = value.lower() if isinstance(value, str) else value
    if padding not in allowed:
        raise ValueError(f"{owner}: `padding` must be one of {allowed}. Received padding={value!r}")
    return padding


def split_shape(input_shape, data_format):
    """(batch, spatial sizes, channels) of a channels_last or channels_first shape."""
    input_shape = tuple(input_shape)
    if data_format == "channels_last":
        return input_shape[0], input_shape[1:-1], input_shape[-1]
    return input_shape[0], input_shape[2:], input_shape[1]


def join_shape(batch, spatial, channels, data_format):
    """The inverse of ``split_shape``."""
    if data_format == "channels_last":
        return (batch, *spatial, channels)
    return (batch, channels, *spatial)


def conv_output_length(size, window, stride, dilation, padding):
    """Positions a (dilated, strided) window visits along one axis."""
    if size is None:
        return None
    if padding in ("same", "causal"):
        return (size - 1) // stride + 1
    return (size - (window - 1) * dilation - 1) // stride + 1


def transpose_output_length(size, window, stride, dilation, padding, output_padding=None):
    """Length of a transposed convolution's output along one axis."""
    if size is None:
        return None
    span = (window - 1) * dilation + 1
    if output_padding is None:
        return size * stride if padding == "same" else (size - 1) * stride + max(span, stride)
    if padding == "same":
        return (size - 1) * stride + span % 2 + output_padding
    return (size - 1) * stride + span + output_padding


def output_shape(layer, input_shape, channels, lengths):
    """``input_shape`` with spatial sizes mapped by ``lengths(sizes)`` and ``channels`` channels.

    Raises ValueError naming ``layer`` when a spatial size would be zero or negative.
    """
    batch, spatial, _ = split_shape(input_shape, layer.data_format)
    sizes = tuple(lengths(spatial))
    if any(size is not None and size < 1 for size in sizes):
        raise ValueError(
            f"Layer '{layer.name}': an input of shape {tuple(input_shape)} would give an output of spatial "
            f"size {sizes}, zero or negative; use a larger input, a smaller window or padding='same'"
        )
    return join_shape(batch, sizes, channels, layer.data_format)
