"""Merging layers: values against NumPy, broadcasting, shape checks, masks, configs, functional forms."""

import functools

import numpy as np
import pytest

from frontend import layers, ops
from frontend.core.tensor_attributes import get_mask, set_mask

RNG = np.random.default_rng(0)
A, B, C = (RNG.normal(size=(2, 4, 3)).astype("float32") for _ in range(3))
MASK_A = np.array([[1, 1, 0, 0], [1, 0, 1, 0]], bool)
MASK_B = np.array([[0, 1, 1, 0], [1, 1, 0, 0]], bool)
MASK_C = np.array([[1, 1, 1, 0], [0, 0, 1, 1]], bool)

REFERENCES = {
    "Add": lambda xs: sum(xs),
    "Subtract": lambda xs: xs[0] - xs[1],
    "Multiply": lambda xs: functools.reduce(np.multiply, xs),
    "Average": lambda xs: sum(xs) / len(xs),
    "Maximum": lambda xs: functools.reduce(np.maximum, xs),
    "Minimum": lambda xs: functools.reduce(np.minimum, xs),
}


def numpy(x):
    return ops.convert_to_numpy(x)


def inputs_for(name):
    return [A, B] if name == "Subtract" else [A, B, C]


def masked(arrays, masks):
    """Tensors carrying the given masks (None leaves a tensor unmasked)."""
    tensors = [ops.convert_to_tensor(x) for x in arrays]
    for t, m in zip(tensors, masks):
        if m is not None:
            set_mask(t, ops.convert_to_tensor(m))
    return tensors


@pytest.mark.parametrize("name", sorted(REFERENCES))
def test_elementwise_values_and_shapes(name):
    layer = getattr(layers, name)()
    xs = inputs_for(name)
    np.testing.assert_allclose(numpy(layer(xs)), REFERENCES[name](xs), rtol=1e-6, atol=1e-6)
    symbolic = layer([layers.Input((4, 3)) for _ in xs])
    assert symbolic.shape == (None, 4, 3)
    functional = getattr(layers, name.lower())
    np.testing.assert_allclose(numpy(functional(xs)), REFERENCES[name](xs), rtol=1e-6, atol=1e-6)
    assert type(layer).from_config(layer.get_config()).get_config() == layer.get_config()
    assert layer.weights == []


@pytest.mark.parametrize("name", ["Add", "Maximum"])
def test_broadcasting_and_rank_lifting(name):
    layer = getattr(layers, name)()
    other = RNG.normal(size=(2, 1, 3)).astype("float32")
    np.testing.assert_allclose(numpy(layer([A, other])), REFERENCES[name]([A, other]), rtol=1e-6)
    vector = RNG.normal(size=(2, 3)).astype("float32")
    expected = REFERENCES[name]([A, vector[:, None, :]])
    np.testing.assert_allclose(numpy(getattr(layers, name)()([A, vector])), expected, rtol=1e-6)
    assert getattr(layers, name)()([layers.Input((4, 3)), layers.Input((3,))]).shape == (None, 4, 3)
    assert getattr(layers, name)()([layers.Input((None, 3)), layers.Input((1, 3))]).shape == (None, None, 3)


def test_shape_errors():
    with pytest.raises(ValueError, match=r"'add_it'.*incompatible shapes.*\(4, 3\).*\(4, 5\)"):
        layers.Add(name="add_it")([layers.Input((4, 3)), layers.Input((4, 5))])
    with pytest.raises(ValueError, match="different batch sizes"):
        layers.Add()([A, A[:1]])
    with pytest.raises(ValueError, match="list of tensors"):
        layers.Add()(A)
    with pytest.raises(ValueError, match=r"Subtract\) takes 2 inputs, received 3"):
        layers.Subtract()([A, B, C])


def test_output_mask_is_the_or_of_the_input_masks():
    for name in REFERENCES:
        xs = inputs_for(name)
        masks = [MASK_A, MASK_B, MASK_C][: len(xs)]
        y = getattr(layers, name)()(masked(xs, masks))
        np.testing.assert_array_equal(numpy(get_mask(y)), np.logical_or.reduce(masks))
        partly = getattr(layers, name)()(masked(xs, [MASK_A] + [None] * (len(xs) - 1)))
        assert get_mask(partly) is None


def _masked_extremum(function, xs, masks):
    """Hand-written fold: an entry masked out on one side takes the other side's value."""
    output, output_mask = xs[0].copy(), masks[0]
    for x, m in zip(xs[1:], masks[1:]):
        x = x.copy()
        if m is not None:
            x[~m] = output[~m]
        if output_mask is not None:
            output[~output_mask] = x[~output_mask]
        output_mask = None if m is None or output_mask is None else output_mask | m
        output = function(output, x)
    return output


@pytest.mark.parametrize("masks", [(MASK_A, MASK_B, MASK_C), (MASK_A, None, None), (None, MASK_B, None)])
@pytest.mark.parametrize("name", ["Maximum", "Minimum"])
def test_extrema_skip_masked_entries(name, masks):
    function = np.maximum if name == "Maximum" else np.minimum
    y = getattr(layers, name)()(masked([A, B, C], masks))
    np.testing.assert_allclose(numpy(y), _masked_extremum(function, [A, B, C], masks), rtol=1e-6)


@pytest.mark.parametrize("masks", [(MASK_A, MASK_B, MASK_C), (None, MASK_B, None)])
def test_multiply_treats_masked_entries_as_one(masks):
    factors = [np.where(m[..., None], x, 1.0) if m is not None else x for x, m in zip([A, B, C], masks)]
    expected = np.prod(factors, axis=0)
    if all(m is not None for m in masks):
        expected = np.where(np.logical_or.reduce(masks)[..., None], expected, 0.0)
    y = layers.Multiply()(masked([A, B, C], masks))
    np.testing.assert_allclose(numpy(y), expected, rtol=1e-6)


def test_add_ignores_masks_in_values():
    y = layers.Add()(masked([A, B], [MASK_A, MASK_B]))
    np.testing.assert_allclose(numpy(y), A + B, rtol=1e-6)


def test_explicit_mask_argument():
    y = layers.Maximum()([A, B], mask=[ops.convert_to_tensor(MASK_A), None])
    np.testing.assert_allclose(numpy(y), _masked_extremum(np.maximum, [A, B], [MASK_A, None]), rtol=1e-6)


# ----- Concatenate -----------------------------------------------------------------------


def test_concatenate():
    wide = RNG.normal(size=(2, 4, 5)).astype("float32")
    layer = layers.Concatenate()
    np.testing.assert_array_equal(numpy(layer([A, wide])), np.concatenate([A, wide], axis=-1))
    assert layer([layers.Input((4, 3)), layers.Input((4, 5))]).shape == (None, 4, 8)
    long = RNG.normal(size=(2, 2, 3)).astype("float32")
    np.testing.assert_array_equal(numpy(layers.concatenate([A, long], axis=1)), np.concatenate([A, long], axis=1))
    assert layers.Concatenate(axis=1)([layers.Input((None, 3)), layers.Input((2, 3))]).shape == (None, None, 3)
    config = layers.Concatenate(axis=1).get_config()
    assert config["axis"] == 1 and layers.Concatenate.from_config(config).axis == 1


def test_concatenate_shape_errors():
    with pytest.raises(ValueError, match=r"'join'.*except along axis -1.*\(None, 4, 3\).*\(None, 5, 3\)"):
        layers.Concatenate(name="join")([layers.Input((4, 3)), layers.Input((5, 3))])
    with pytest.raises(ValueError, match="same shape except"):
        layers.Concatenate()([layers.Input((4, 3)), layers.Input((3,))])


def test_concatenate_masks():
    # Along features: the mask of a step is the OR over inputs, an unmasked input keeps every step.
    y = layers.Concatenate()(masked([A, B], [MASK_A, MASK_B]))
    np.testing.assert_array_equal(numpy(get_mask(y)), MASK_A | MASK_B)
    y = layers.Concatenate()(masked([A, B], [MASK_A, None]))
    np.testing.assert_array_equal(numpy(get_mask(y)), np.ones((2, 4), bool))
    # Along time: the masks are joined.
    long = RNG.normal(size=(2, 2, 3)).astype("float32")
    y = layers.Concatenate(axis=1)(masked([A, long], [MASK_A, None]))
    np.testing.assert_array_equal(numpy(get_mask(y)), np.concatenate([MASK_A, np.ones((2, 2), bool)], axis=1))
    assert get_mask(layers.Concatenate()([A, B])) is None


# ----- Dot -------------------------------------------------------------------------------


def _l2(x, axis):
    return x / np.maximum(np.linalg.norm(x, axis=axis, keepdims=True), 1e-7)


@pytest.mark.parametrize(
    "shapes, axes, subscripts",
    [
        (((2, 5), (2, 5)), 1, "bi,bi->b"),
        (((2, 3, 5), (2, 4, 3)), (1, 2), "bij,bki->bjk"),
        (((2, 3, 5), (2, 4, 5)), -1, "bij,bkj->bik"),
        (((2, 5), (2, 5, 4)), (1, 1), "bi,bij->bj"),
        (((2, 3, 5, 2), (2, 5, 4, 2)), (2, 1), "bijk,bjlm->biklm"),
    ],
)
@pytest.mark.parametrize("normalize", [False, True])
def test_dot(shapes, axes, subscripts, normalize):
    x, y = (RNG.normal(size=s).astype("float32") for s in shapes)
    layer = layers.Dot(axes=axes, normalize=normalize)
    output = layer([x, y])
    if normalize:
        pair = (axes, axes) if isinstance(axes, int) else axes
        x, y = _l2(x, pair[0]), _l2(y, pair[1])
    expected = np.einsum(subscripts, x, y)
    if expected.ndim == 1:
        expected = expected[:, None]
    np.testing.assert_allclose(numpy(output), expected, rtol=1e-5, atol=1e-5)
    symbolic = layer([layers.Input(s[1:]) for s in shapes])
    assert symbolic.shape == (None,) + expected.shape[1:]


def test_dot_normalize_gives_cosine_similarity():
    x, y = A[:, 0], B[:, 0]
    cosine = np.sum(x * y, axis=1) / (np.linalg.norm(x, axis=1) * np.linalg.norm(y, axis=1))
    np.testing.assert_allclose(numpy(layers.dot([x, y], axes=1, normalize=True))[:, 0], cosine, rtol=1e-5)


def test_dot_errors_and_config():
    with pytest.raises(ValueError, match=r"'dotty'.*axis 2 of the first input has size 3 but axis 2 .* size 5"):
        layers.Dot(axes=-1, name="dotty")([layers.Input((4, 3)), layers.Input((4, 5))])
    with pytest.raises(ValueError, match="batch axis"):
        layers.Dot(axes=0)([A, B])
    with pytest.raises(ValueError, match="takes 2 inputs"):
        layers.Dot(axes=1)([A, B, C])
    with pytest.raises(TypeError, match="axes"):
        layers.Dot(axes="last")
    with pytest.raises(ValueError, match="pair of ints"):
        layers.Dot(axes=(1, 2, 3))
    layer = layers.Dot(axes=(1, 2), normalize=True)
    config = layer.get_config()
    assert config["axes"] == (1, 2) and config["normalize"] is True
    assert layers.Dot.from_config(config).get_config() == config


def test_dot_drops_masks():
    assert get_mask(layers.Dot(axes=-1)(masked([A, B], [MASK_A, MASK_B]))) is None
