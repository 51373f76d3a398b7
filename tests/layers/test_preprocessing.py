"""Preprocessing layers: numbers against NumPy references, Keras's vocabulary rules, configs."""

import math

import numpy as np
import pytest

from frontend import layers, ops
from frontend.layers.preprocessing.farmhash import fingerprint64


def to_np(x):
    return x if isinstance(x, np.ndarray) else ops.convert_to_numpy(x)


def roundtrip(layer):
    config = layer.get_config()
    clone = type(layer).from_config(config)
    assert clone.get_config() == config
    return clone


IMAGES = np.random.default_rng(0).uniform(0, 255, size=(2, 6, 6, 3)).astype("float32")


# ----------------------------------------------------------------------------- Normalization


@pytest.mark.parametrize("axis, reduce", [(-1, (0, 1)), (None, (0, 1, 2)), ((1, 2), (0,))])
def test_normalization_adapt_matches_numpy(axis, reduce):
    data = np.random.default_rng(1).normal(3.0, 2.0, size=(8, 4, 3)).astype("float32")
    layer = layers.Normalization(axis=axis)
    layer.adapt(data)
    mean, variance = data.mean(axis=reduce), data.var(axis=reduce)
    assert [w.name for w in layer.weights] == ["mean", "variance", "count"]
    assert layer.trainable_weights == [] and len(layer.non_trainable_weights) == 3
    np.testing.assert_allclose(layer.get_weights()[0], mean, rtol=1e-5)
    np.testing.assert_allclose(layer.get_weights()[1], variance, rtol=1e-5)
    expected = (data - np.expand_dims(mean, reduce)) / np.sqrt(np.expand_dims(variance, reduce))
    np.testing.assert_allclose(to_np(layer(data)), expected, rtol=1e-4, atol=1e-5)


def test_normalization_adapt_from_batches_and_invert():
    data = np.random.default_rng(2).normal(size=(12, 3)).astype("float32")
    layer = layers.Normalization()
    layer.adapt(iter([(data[:5], None), (data[5:], None)]))
    np.testing.assert_allclose(layer.get_weights()[1], data.var(axis=0), rtol=1e-5)
    inverse = layers.Normalization(invert=True)
    inverse.adapt([data[:7], data[7:]])
    np.testing.assert_allclose(to_np(inverse(layer(data))), data, atol=1e-5)


def test_normalization_given_statistics_and_errors():
    layer = layers.Normalization(mean=[1.0, 2.0], variance=[4.0, 16.0])
    out = to_np(layer(np.array([[3.0, 6.0]], "float32")))
    np.testing.assert_allclose(out, [[1.0, 1.0]])
    assert layer.weights == []
    assert layers.Input((5, 2)).shape == layer(layers.Input((5, 2))).shape
    with pytest.raises(ValueError, match="both mean and variance"):
        layers.Normalization(mean=1.0)
    with pytest.raises(ValueError, match="axis"):
        layers.Normalization(axis=3)(np.zeros((2, 3), "float32"))
    clone = roundtrip(layers.Normalization(axis=(1, 2), mean=2.0, variance=9.0))
    np.testing.assert_allclose(to_np(clone(np.full((1, 2, 2), 5.0, "float32"))), np.ones((1, 2, 2)))


# ----------------------------------------------------------------------------- Rescaling, resizing, cropping


def test_rescaling_numbers_and_config():
    np.testing.assert_allclose(to_np(layers.Rescaling(1 / 127.5, offset=-1)(IMAGES)), IMAGES / 127.5 - 1, atol=1e-6)
    layer = layers.Rescaling(np.array([1.0, 2.0, 3.0]), offset=0.5)
    np.testing.assert_allclose(to_np(layer(IMAGES)), IMAGES * [1, 2, 3] + 0.5, rtol=1e-6)
    assert layer.get_config()["scale"]["class_name"] == "__numpy__"
    np.testing.assert_array_equal(layers.Rescaling.from_config(layer.get_config()).scale, [1.0, 2.0, 3.0])
    assert to_np(layers.Rescaling(0.5)(np.array([4], "uint8"))).dtype == np.float32


def test_resizing_matches_image_resize_and_keeps_int_dtype():
    layer = layers.Resizing(4, 9)
    np.testing.assert_allclose(to_np(layer(IMAGES)), to_np(ops.image.resize(IMAGES, (4, 9))), rtol=1e-6)
    assert layer(layers.Input((6, 6, 3))).shape == (None, 4, 9, 3)
    out = layers.Resizing(3, 3, interpolation="nearest")(IMAGES.astype("uint8"))
    assert to_np(out).dtype == np.uint8
    np.testing.assert_array_equal(to_np(out), IMAGES.astype("uint8")[:, 1::2, 1::2])
    roundtrip(layer)
    with pytest.raises(ValueError, match="interpolation"):
        layers.Resizing(2, 2, interpolation="bicubic")


def test_resizing_crop_to_aspect_ratio_channels_first():
    images = np.transpose(IMAGES, (0, 3, 1, 2))
    layer = layers.Resizing(2, 4, crop_to_aspect_ratio=True, data_format="channels_first")
    expected = ops.image.resize(images[:, :, 1:4, :], (2, 4), data_format="channels_first")
    np.testing.assert_allclose(to_np(layer(images)), to_np(expected), rtol=1e-6)


def test_center_crop():
    layer = layers.CenterCrop(3, 4)
    np.testing.assert_array_equal(to_np(layer(IMAGES)), IMAGES[:, 1:4, 1:5])
    np.testing.assert_array_equal(to_np(layer(IMAGES[0])), IMAGES[0, 1:4, 1:5])
    assert layer(layers.Input((6, 6, 3))).shape == (None, 3, 4, 3)
    assert to_np(layers.CenterCrop(8, 4)(IMAGES)).shape == (2, 8, 4, 3)
    roundtrip(layer)
    with pytest.raises(ValueError, match="center_crop.*rank"):
        layer(np.zeros((6, 6), "float32"))


# ----------------------------------------------------------------------------- random image layers


def test_random_flip_seeded_and_identity_in_inference():
    x = IMAGES[:, :, :, :1]
    first, second = layers.RandomFlip("horizontal", seed=3), layers.RandomFlip("horizontal", seed=3)
    out = to_np(first(x, training=True))
    np.testing.assert_array_equal(out, to_np(second(x, training=True)))
    for image, result in zip(x, out):
        assert np.array_equal(result, image) or np.array_equal(result, image[:, ::-1])
    np.testing.assert_array_equal(to_np(first(x, training=False)), x)
    both = to_np(layers.RandomFlip(seed=5)(x, training=True))
    for image, result in zip(x, both):
        assert np.array_equal(result, image) or np.array_equal(result, image[::-1, ::-1])
    assert first.weights == [] and len(first.variables) == 1
    assert roundtrip(first).mode == "horizontal"


def test_random_flip_flips_over_many_draws():
    layer = layers.RandomFlip("vertical", seed=1)
    x = np.arange(2 * 3 * 1 * 1, dtype="float32").reshape(2, 3, 1, 1)
    seen = {tuple(to_np(layer(x, training=True))[0, :, 0, 0]) for _ in range(12)}
    assert seen == {(0.0, 1.0, 2.0), (2.0, 1.0, 0.0)}


def numpy_affine(image, forward, mode, fill=0.0, interpolation="bilinear"):
    """Reference: out[y, x] samples image at forward(y, x) -> (row, col), loop by loop."""
    height, width, _ = image.shape

    def fix(i, size):
        if mode == "reflect":
            i %= 2 * size
            return i if i < size else 2 * size - 1 - i
        if mode == "wrap":
            return i % size
        return min(max(i, 0), size - 1)

    def pixel(r, c):
        if mode == "constant" and not (0 <= r < height and 0 <= c < width):
            return np.full(image.shape[-1], fill)
        return image[fix(r, height), fix(c, width)]

    out = np.zeros_like(image, dtype="float64")
    for y in range(height):
        for x in range(width):
            r, c = forward(y, x)
            if interpolation == "nearest":
                out[y, x] = pixel(int(math.floor(r + 0.5)), int(math.floor(c + 0.5)))
                continue
            r0, c0 = math.floor(r), math.floor(c)
            dr, dc = r - r0, c - c0
            out[y, x] = ((1 - dr) * ((1 - dc) * pixel(r0, c0) + dc * pixel(r0, c0 + 1))
                         + dr * ((1 - dc) * pixel(r0 + 1, c0) + dc * pixel(r0 + 1, c0 + 1)))
    return out


def test_random_rotation_quarter_turn_is_rot90():
    x = IMAGES[0, :, :, :1]
    out = to_np(layers.RandomRotation((0.25, 0.25), interpolation="nearest")(x))
    np.testing.assert_array_equal(out, np.rot90(x))
    assert to_np(layers.RandomRotation(0.4)(x, training=False)).tolist() == x.tolist()


@pytest.mark.parametrize("mode", ["reflect", "wrap", "constant", "nearest"])
def test_random_rotation_fill_modes_match_loop_reference(mode):
    image = IMAGES[0, :, :, :1]
    angle = 0.1 * 2 * math.pi
    cy, cx = 2.5, 2.5

    def forward(y, x):
        return (math.sin(angle) * (x - cx) + math.cos(angle) * (y - cy) + cy,
                math.cos(angle) * (x - cx) - math.sin(angle) * (y - cy) + cx)

    layer = layers.RandomRotation((0.1, 0.1), fill_mode=mode, fill_value=-7.0)
    np.testing.assert_allclose(to_np(layer(image)), numpy_affine(image, forward, mode, -7.0), atol=2e-3)


def test_random_zoom_and_translation_match_loop_reference():
    image = IMAGES[0, :, :, :1]
    zoom = layers.RandomZoom((-0.5, -0.5), (0.25, 0.25), interpolation="nearest", fill_mode="constant")
    expected = numpy_affine(image, lambda y, x: (0.5 * y + 1.25, 1.25 * x - 0.625), "constant", 0.0, "nearest")
    np.testing.assert_array_equal(to_np(zoom(image)), expected)
    shift = layers.RandomTranslation((1 / 3, 1 / 3), (-0.5, -0.5), fill_mode="constant", fill_value=1.0)
    expected = numpy_affine(image, lambda y, x: (y - 2.0, x + 3.0), "constant", 1.0)
    np.testing.assert_allclose(to_np(shift(image)), expected, atol=1e-3)
    assert zoom(layers.Input((6, 6, 1))).shape == (None, 6, 6, 1)
    np.testing.assert_array_equal(to_np(shift(image, training=False)), image)


def test_random_affine_configs_and_errors():
    for layer in (layers.RandomRotation(0.2, seed=1, fill_mode="wrap"), layers.RandomZoom(0.3, seed=2),
                  layers.RandomTranslation((-0.1, 0.2), 0.3, interpolation="nearest")):
        roundtrip(layer)
    assert layers.RandomRotation(0.2).factor == (-0.2, 0.2)
    with pytest.raises(ValueError, match="factor"):
        layers.RandomRotation(1.5)
    with pytest.raises(ValueError, match="height_factor"):
        layers.RandomZoom(-1.0)
    with pytest.raises(NotImplementedError, match="fill_mode"):
        layers.RandomTranslation(0.1, 0.1, fill_mode="mirror")


def test_random_contrast():
    layer = layers.RandomContrast(0.5, seed=4)
    assert layer.factor == (0, 0.5)
    np.testing.assert_array_equal(to_np(layer(IMAGES, training=False)), IMAGES)
    x = IMAGES * 0.25 + 90.0
    out = to_np(layer(x, training=True))
    mean = x.mean(axis=(1, 2), keepdims=True)
    deviation = x - mean
    axes = (1, 2, 3)
    factor = ((out - mean) * deviation).sum(axis=axes, keepdims=True) / (deviation**2).sum(axis=axes, keepdims=True)
    assert np.all((factor >= 1.0 - 1e-4) & (factor <= 1.5 + 1e-4))
    np.testing.assert_allclose(out, np.clip((x - mean) * factor + mean, 0, 255), rtol=1e-4, atol=1e-3)
    assert roundtrip(layer).value_range == (0, 255)


# ----------------------------------------------------------------------------- CategoryEncoding, Discretization


def test_category_encoding_modes():
    ids = np.array([[0, 1, 1], [3, 3, 2]])
    np.testing.assert_array_equal(to_np(layers.CategoryEncoding(4)(ids)), [[1, 1, 0, 0], [0, 0, 1, 1]])
    count = layers.CategoryEncoding(4, output_mode="count")
    np.testing.assert_array_equal(to_np(count(ids)), [[1, 2, 0, 0], [0, 0, 1, 2]])
    weights = np.array([[0.5, 1.0, 2.0], [1.0, 1.0, 1.0]], "float32")
    np.testing.assert_allclose(to_np(count(ids, count_weights=weights)), [[0.5, 3, 0, 0], [0, 0, 1, 2]])
    one_hot = layers.CategoryEncoding(4, output_mode="one_hot")
    np.testing.assert_array_equal(to_np(one_hot(np.array([[2], [0]]))), [[0, 0, 1, 0], [1, 0, 0, 0]])
    assert one_hot(layers.Input((3,), dtype="int32")).shape == (None, 3, 4)
    assert layers.CategoryEncoding(5)(layers.Input((3,), dtype="int32")).shape == (None, 5)
    np.testing.assert_array_equal(to_np(layers.CategoryEncoding(3)(np.array([2, 0]))), [1, 0, 1])
    roundtrip(count)
    with pytest.raises(ValueError, match="output_mode"):
        layers.CategoryEncoding(3, output_mode="tf_idf")


def test_discretization_bins_and_modes():
    x = np.array([[-2.0, 0.0, 0.5, 9.0]], "float32")
    bins = [-1.0, 0.0, 1.5]
    out = layers.Discretization(bin_boundaries=bins)(x)
    assert to_np(out).dtype == np.int32
    np.testing.assert_array_equal(to_np(out), np.digitize(x, bins))
    np.testing.assert_array_equal(to_np(layers.Discretization(bins, output_mode="count")(x)), [[1, 0, 2, 1]])
    np.testing.assert_array_equal(to_np(layers.Discretization(bins, output_mode="multi_hot")(x)), [[1, 0, 1, 1]])
    assert to_np(layers.Discretization(bins, output_mode="one_hot")(x)).shape == (1, 4, 4)
    with pytest.raises(ValueError, match="not both"):
        layers.Discretization(bin_boundaries=bins, num_bins=3)


def test_discretization_adapt_quantiles():
    data = np.linspace(0.0, 100.0, 1001, dtype="float32")
    layer = layers.Discretization(num_bins=4, epsilon=0.001)
    layer.adapt(data)
    np.testing.assert_allclose(layer.bin_boundaries, [25.0, 50.0, 75.0], atol=0.2)
    np.testing.assert_array_equal(to_np(layer(np.array([[1.0, 30.0, 99.0]]))), [[0, 1, 3]])
    clone = layers.Discretization.from_config(layer.get_config())
    assert clone.bin_boundaries == layer.bin_boundaries and clone.num_bins == 4


# ----------------------------------------------------------------------------- lookups


DOCS = np.array([["a", "b", "b"], ["c", "c", "c"], ["d", "a", "e"]])


def test_string_lookup_adapt_orders_by_count_then_reverse_token():
    layer = layers.StringLookup()
    layer.adapt(DOCS)
    assert layer.get_vocabulary() == ["[UNK]", "c", "b", "a", "e", "d"]
    assert layer.vocabulary_size() == 6
    out = layer(np.array([["a", "zzz"], ["c", "e"]]))
    assert to_np(out).dtype == np.int64
    np.testing.assert_array_equal(to_np(out), [[3, 0], [1, 4]])
    np.testing.assert_array_equal(to_np(layer([b"d", b"b"])), [5, 2])
    limited = layers.StringLookup(max_tokens=3)
    limited.adapt(DOCS)
    assert limited.get_vocabulary() == ["[UNK]", "c", "b"]
    assert layer.weights == []


def test_string_lookup_mask_oov_and_invert():
    layer = layers.StringLookup(vocabulary=["a", "b", "c"], mask_token="[M]")
    assert layer.get_vocabulary() == ["[M]", "[UNK]", "a", "b", "c"]
    np.testing.assert_array_equal(to_np(layer(np.array(["a", "[M]", "q"]))), [2, 0, 1])
    inverse = layers.StringLookup(vocabulary=["a", "b", "c"], mask_token="[M]", invert=True)
    assert inverse(np.array([[2, 0], [4, 9]])).tolist() == [["a", "[M]"], ["c", "[UNK]"]]
    buckets = layers.StringLookup(vocabulary=["a"], num_oov_indices=5)
    np.testing.assert_array_equal(to_np(buckets(["x", "y", "zz", "hello world", "a"])), [0, 0, 2, 1, 5])
    strict = layers.StringLookup(vocabulary=["a"], num_oov_indices=0)
    with pytest.raises(ValueError, match="out-of-vocabulary"):
        strict(["a", "b"])
    with pytest.raises(ValueError, match="repeats"):
        layers.StringLookup(vocabulary=["a", "a"])
    assert roundtrip(layer).get_vocabulary() == layer.get_vocabulary()


def test_string_lookup_encoded_outputs():
    vocabulary = ["a", "b", "c"]
    x = np.array([["a", "z", "z"], ["c", "c", "b"]])
    multi = layers.StringLookup(vocabulary=vocabulary, output_mode="multi_hot")
    np.testing.assert_array_equal(to_np(multi(x)), [[1, 1, 0, 0], [0, 0, 1, 1]])
    count = layers.StringLookup(vocabulary=vocabulary, output_mode="count")
    np.testing.assert_array_equal(to_np(count(x)), [[2, 1, 0, 0], [0, 0, 1, 2]])
    one_hot = layers.StringLookup(vocabulary=vocabulary, output_mode="one_hot")
    np.testing.assert_array_equal(to_np(one_hot(np.array([["b"], ["q"]]))), [[0, 0, 1, 0], [1, 0, 0, 0]])
    tf_idf = layers.StringLookup(output_mode="tf_idf")
    tf_idf.adapt(DOCS)
    idf = np.log(1 + 3 / (1 + np.array([1, 1, 2, 1, 1])))
    weights = np.concatenate([[idf.mean()], idf])
    out = to_np(tf_idf(np.array([["a", "b", "b", "z"]])))
    np.testing.assert_allclose(out, [[1, 0, 2, 1, 0, 0] * weights], rtol=1e-5)
    assert multi(layers.Input((3,))).shape == (None, 4)


def test_integer_lookup():
    layer = layers.IntegerLookup()
    layer.adapt(np.array([5, 5, 7, 9, 9, 9, 1, 1]))
    assert layer.get_vocabulary() == [-1, 9, 5, 1, 7]
    np.testing.assert_array_equal(to_np(layer(np.array([5, 7, 9, 100]))), [2, 4, 1, 0])
    buckets = layers.IntegerLookup(vocabulary=[12, 36], num_oov_indices=3, mask_token=0)
    np.testing.assert_array_equal(to_np(buckets(np.array([[12, 0, -7, 100, 36]]))), [[4, 0, 3, 2, 5]])
    inverse = layers.IntegerLookup(vocabulary=[12, 36, 1138, 42], invert=True)
    np.testing.assert_array_equal(to_np(inverse(np.array([[1, 3, 4], [0, 9, 2]]))), [[12, 1138, 42], [-1, -1, 36]])
    counts = layers.IntegerLookup(vocabulary=[12, 36], output_mode="count")
    np.testing.assert_array_equal(to_np(counts(ops.convert_to_tensor([[12, 7, 12]]))), [[1, 2, 0]])
    config = buckets.get_config()
    assert config["vocabulary"] == [12, 36] and config["mask_token"] == 0
    assert roundtrip(buckets).get_vocabulary() == [0, -1, -1, -1, 12, 36]


def test_farmhash_fingerprints_match_tensorflow():
    assert fingerprint64("") == 0x9AE16A3B2F90404F
    assert fingerprint64("hello world!") == 4577883861590986596
    assert fingerprint64("c" * 100) == 5964872334950700222
    assert fingerprint64("b" * 40) % (2**63 - 1) == 3589753429462632996


# ----------------------------------------------------------------------------- TextVectorization


TEXTS = ["The cat sat.", "the dog, the CAT!", "a b c"]


def test_text_vectorization_adapt_and_int_output():
    layer = layers.TextVectorization()
    layer.adapt(TEXTS)
    assert layer.get_vocabulary() == ["", "[UNK]", "the", "cat", "sat", "dog", "c", "b", "a"]
    np.testing.assert_array_equal(to_np(layer(["The cat, dog zebra", "a"])), [[2, 3, 5, 1], [8, 0, 0, 0]])
    fixed = layers.TextVectorization(output_sequence_length=3, vocabulary=layer.get_vocabulary()[2:])
    np.testing.assert_array_equal(to_np(fixed(np.array([["the cat dog zebra"], ["a"]]))), [[2, 3, 5], [8, 0, 0]])
    assert fixed(layers.Input((1,))).shape == (None, 3)
    clone = roundtrip(fixed)
    assert clone.get_vocabulary() == fixed.get_vocabulary()


def test_text_vectorization_ngrams_standardize_split():
    layer = layers.TextVectorization(ngrams=2, output_sequence_length=6)
    layer.adapt(["x y z", "x y"])
    assert layer.get_vocabulary() == ["", "[UNK]", "y", "x y", "x", "z", "y z"]
    np.testing.assert_array_equal(to_np(layer(["x y z w", "y"])), [[4, 2, 5, 1, 3, 6], [2, 0, 0, 0, 0, 0]])
    chars = layers.TextVectorization(split="character", standardize="lower", vocabulary=["a", "b", "!"])
    np.testing.assert_array_equal(to_np(chars(["Ab!É"])), [[2, 3, 4, 1]])
    whole = layers.TextVectorization(split=None, vocabulary=["hello world"])
    np.testing.assert_array_equal(to_np(whole(np.array([["Hello, World!"], ["q"], [""]]))), [[2], [1], [0]])
    custom = layers.TextVectorization(standardize=None, split=lambda texts: [t.split("|") for t in texts],
                                      vocabulary=["A", "b"])
    np.testing.assert_array_equal(to_np(custom(["A|b|a"])), [[2, 3, 1]])


def test_text_vectorization_bag_of_words_modes():
    multi = layers.TextVectorization(max_tokens=4, output_mode="multi_hot")
    multi.adapt(["a a b c d", "e"])
    assert multi.get_vocabulary() == ["[UNK]", "a", "e", "d"]
    np.testing.assert_array_equal(to_np(multi(["a c e b"])), [[1, 1, 1, 0]])
    count = layers.TextVectorization(output_mode="count", vocabulary=["a", "b"])
    np.testing.assert_array_equal(to_np(count(["a a b q", ""])), [[1, 2, 1], [0, 0, 0]])
    tf_idf = layers.TextVectorization(output_mode="tf_idf")
    tf_idf.adapt(iter([np.array(["a b b"]), np.array(["c c a"])]))
    idf = np.log(1 + 2 / (1 + np.array([1, 1, 2])))
    np.testing.assert_allclose(to_np(tf_idf(["a b z z"])), [[2 * idf.mean(), 0, idf[1], idf[2]]], rtol=1e-5)
    assert multi(layers.Input((1,))).shape == (None, 4)
    with pytest.raises(ValueError, match="output_sequence_length"):
        layers.TextVectorization(output_mode="count", output_sequence_length=3)
