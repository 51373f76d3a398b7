"""The whole catalog round-trips through a real file: ``model.save`` -> ``frontend.models.load_model``.

Every layer exported by ``frontend.layers``, every loss, metric, optimizer and learning-rate
schedule, every initializer, regularizer, constraint and activation is found by walking its
catalog, so a new entry is covered (or fails here, asking for a row in a table below)
without anyone remembering to add it. Each is saved inside a tiny model and loaded back;
the test then checks the class, the config, the weights and the predictions (layers), the
compile config (losses, metrics, optimizers) and, for optimizers, that every slot variable
comes back exactly and the next training step matches the unbroken run's.
"""

import inspect
import json

import numpy as np
import pytest

import frontend as keras
from frontend import activations, constraints, initializers, layers, losses, metrics, ops, optimizers, regularizers
from frontend.optimizers import schedules
from frontend.saving.compile_config import get_compile_config
from frontend.saving.weights_store import walk_layers

TOLERANCE = dict(rtol=1e-6, atol=1e-6)


def _numpy(x):
    return x if isinstance(x, np.ndarray) else ops.convert_to_numpy(x)


def _plain(config):
    """A config as it lies in the file (tuples become lists), for comparing configs."""
    def default(value):
        if isinstance(value, np.generic):
            return value.item()
        if isinstance(value, np.ndarray):
            return value.tolist()
        raise TypeError(f"{value!r} is not JSON data")

    return json.loads(json.dumps(config, default=default, sort_keys=True))


def _round_trip(model, tmp_path, custom_objects=None):
    path = tmp_path / "model.keras"
    model.save(path)
    return keras.models.load_model(path, custom_objects=custom_objects)


# ============================================================================== layers


class Spec:
    """How to exercise one layer class: a factory, the model inputs, and how the layer is called.

    ``inputs`` are ``(shape, dtype)`` pairs (shape without the batch axis); integer inputs
    draw from ``range(high)`` and string inputs from ``WORDS``. ``call`` is ``"one"`` (a
    single tensor), ``"list"`` (merging and attention layers take a list), ``"args"`` (each
    input a positional argument, as MultiHeadAttention(query, value)) or ``"rnn"`` (a cell,
    run by an ``RNN`` layer around it).
    """

    def __init__(self, make, *inputs, call="one", high=5, words=None, prepare=None, custom_objects=None):
        self.make, self.inputs, self.call, self.high = make, inputs or (((4,), "float32"),), call, high
        self.words = WORDS if words is None else np.array(words)
        self.prepare, self.custom_objects = prepare, custom_objects


WORDS = np.array(["the cat sat", "a dog ran", "the dog sat", "cat and dog"])


def _adapt(data):
    def prepare(layer):
        layer.adapt(data)
    return prepare


def double_it(x):  # a def function, so a Lambda layer can be saved (and found again via custom_objects)
    return x * 2.0


F = "float32"
L2 = regularizers.L2(0.01)
IMAGE = ((4, 4, 2), F)
VOLUME = ((3, 3, 3, 2), F)
SEQ = ((3, 4), F)

LAYER_SPECS = {
    # core
    "Dense": Spec(lambda: layers.Dense(3, activation="tanh", kernel_initializer="he_normal", bias_initializer="ones",
                                       kernel_regularizer=L2, bias_regularizer=regularizers.L1(0.02),
                                       activity_regularizer=regularizers.L1L2(0.01, 0.02),
                                       kernel_constraint=constraints.MaxNorm(2.0), bias_constraint="non_neg")),
    "EinsumDense": Spec(lambda: layers.EinsumDense("ab,bc->ac", output_shape=3, bias_axes="c", activation="relu",
                                                   kernel_regularizer=L2, dtype="mixed_bfloat16")),
    "Embedding": Spec(lambda: layers.Embedding(6, 3, embeddings_initializer="random_uniform",
                                               embeddings_regularizer=L2, mask_zero=True), ((5,), "int32"), high=6),
    "Identity": Spec(layers.Identity),
    "Lambda": Spec(lambda: layers.Lambda(double_it), custom_objects={"double_it": double_it}),
    "Masking": Spec(lambda: layers.Masking(mask_value=0.5), SEQ),
    # activations
    "Activation": Spec(lambda: layers.Activation("softplus")),
    "ELU": Spec(lambda: layers.ELU(alpha=0.5)),
    "LeakyReLU": Spec(lambda: layers.LeakyReLU(negative_slope=0.2)),
    "PReLU": Spec(lambda: layers.PReLU(alpha_initializer="ones", alpha_regularizer=L2, shared_axes=[1],
                                       dtype="float16"), SEQ),
    "ReLU": Spec(lambda: layers.ReLU(max_value=0.8, negative_slope=0.1, threshold=0.05)),
    "Softmax": Spec(lambda: layers.Softmax(axis=1), SEQ),
    # attention
    "Attention": Spec(lambda: layers.Attention(use_scale=True, score_mode="dot"), SEQ, ((5, 4), F), call="list"),
    "AdditiveAttention": Spec(lambda: layers.AdditiveAttention(use_scale=True, dropout=0.1), SEQ, ((5, 4), F),
                              call="list"),
    "MultiHeadAttention": Spec(lambda: layers.MultiHeadAttention(num_heads=2, key_dim=3, value_dim=2, dropout=0.1,
                                                                 kernel_initializer="glorot_normal"),
                               SEQ, ((5, 4), F), call="args"),
    # convolutional
    "Conv1D": Spec(lambda: layers.Conv1D(2, 3, padding="same", dilation_rate=1, activation="relu",
                                         kernel_regularizer=L2, kernel_constraint="unit_norm"), ((5, 3), F)),
    "Conv2D": Spec(lambda: layers.Conv2D(2, 3, strides=1, padding="same", use_bias=False,
                                         kernel_initializer="lecun_uniform"), IMAGE),
    "Conv3D": Spec(lambda: layers.Conv3D(2, 2, activation="sigmoid", trainable=False), VOLUME),
    "Conv1DTranspose": Spec(lambda: layers.Conv1DTranspose(2, 3, strides=2), ((5, 3), F)),
    "Conv2DTranspose": Spec(lambda: layers.Conv2DTranspose(2, 2, strides=2, padding="same"), IMAGE),
    "Conv3DTranspose": Spec(lambda: layers.Conv3DTranspose(2, 2), VOLUME),
    "DepthwiseConv1D": Spec(lambda: layers.DepthwiseConv1D(2, depth_multiplier=2), ((5, 3), F)),
    "DepthwiseConv2D": Spec(lambda: layers.DepthwiseConv2D(2, depthwise_regularizer=L2), IMAGE),
    "SeparableConv1D": Spec(lambda: layers.SeparableConv1D(2, 2, depth_multiplier=2), ((5, 3), F)),
    "SeparableConv2D": Spec(lambda: layers.SeparableConv2D(2, 2, pointwise_initializer="zeros"), IMAGE),
    # merging
    "Add": Spec(layers.Add, ((4,), F), ((4,), F), call="list"),
    "Subtract": Spec(layers.Subtract, ((4,), F), ((4,), F), call="list"),
    "Multiply": Spec(layers.Multiply, ((4,), F), ((4,), F), call="list"),
    "Average": Spec(layers.Average, ((4,), F), ((4,), F), ((4,), F), call="list"),
    "Maximum": Spec(layers.Maximum, ((4,), F), ((4,), F), call="list"),
    "Minimum": Spec(layers.Minimum, ((4,), F), ((4,), F), call="list"),
    "Concatenate": Spec(lambda: layers.Concatenate(axis=1), ((3, 2), F), ((1, 2), F), call="list"),
    "Dot": Spec(lambda: layers.Dot(axes=1, normalize=True), ((4,), F), ((4,), F), call="list"),
    # normalization
    "BatchNormalization": Spec(lambda: layers.BatchNormalization(momentum=0.9, epsilon=1e-2, center=False,
                                                                 gamma_regularizer=L2), SEQ),
    "GroupNormalization": Spec(lambda: layers.GroupNormalization(groups=2, epsilon=1e-2), SEQ),
    "LayerNormalization": Spec(lambda: layers.LayerNormalization(axis=-1, epsilon=1e-2, rms_scaling=False), SEQ),
    "RMSNormalization": Spec(lambda: layers.RMSNormalization(epsilon=1e-2), SEQ),
    "UnitNormalization": Spec(lambda: layers.UnitNormalization(axis=1), SEQ),
    # pooling
    "AveragePooling1D": Spec(lambda: layers.AveragePooling1D(2, padding="same"), ((5, 2), F)),
    "AveragePooling2D": Spec(lambda: layers.AveragePooling2D(2), IMAGE),
    "AveragePooling3D": Spec(lambda: layers.AveragePooling3D(2), VOLUME),
    "MaxPooling1D": Spec(lambda: layers.MaxPooling1D(2, strides=1), ((5, 2), F)),
    "MaxPooling2D": Spec(layers.MaxPooling2D, IMAGE),
    "MaxPooling3D": Spec(layers.MaxPooling3D, VOLUME),
    "GlobalAveragePooling1D": Spec(lambda: layers.GlobalAveragePooling1D(keepdims=True), SEQ),
    "GlobalAveragePooling2D": Spec(layers.GlobalAveragePooling2D, IMAGE),
    "GlobalAveragePooling3D": Spec(layers.GlobalAveragePooling3D, VOLUME),
    "GlobalMaxPooling1D": Spec(layers.GlobalMaxPooling1D, SEQ),
    "GlobalMaxPooling2D": Spec(lambda: layers.GlobalMaxPooling2D(keepdims=True), IMAGE),
    "GlobalMaxPooling3D": Spec(layers.GlobalMaxPooling3D, VOLUME),
    # regularization (inference mode: the random ones pass inputs through)
    "ActivityRegularization": Spec(lambda: layers.ActivityRegularization(l1=0.01, l2=0.02)),
    "Dropout": Spec(lambda: layers.Dropout(0.3, seed=3)),
    "AlphaDropout": Spec(lambda: layers.AlphaDropout(0.2, seed=3)),
    "GaussianDropout": Spec(lambda: layers.GaussianDropout(0.2, seed=3)),
    "GaussianNoise": Spec(lambda: layers.GaussianNoise(0.1, seed=3)),
    "SpatialDropout1D": Spec(lambda: layers.SpatialDropout1D(0.2, seed=3), SEQ),
    "SpatialDropout2D": Spec(lambda: layers.SpatialDropout2D(0.2, seed=3), IMAGE),
    "SpatialDropout3D": Spec(lambda: layers.SpatialDropout3D(0.2, seed=3), VOLUME),
    # reshaping
    "Cropping1D": Spec(lambda: layers.Cropping1D((1, 2)), ((5, 2), F)),
    "Cropping2D": Spec(lambda: layers.Cropping2D(((1, 0), (0, 1))), IMAGE),
    "Cropping3D": Spec(lambda: layers.Cropping3D(1), VOLUME),
    "Flatten": Spec(layers.Flatten, SEQ),
    "Permute": Spec(lambda: layers.Permute((2, 1)), SEQ),
    "RepeatVector": Spec(lambda: layers.RepeatVector(3)),
    "Reshape": Spec(lambda: layers.Reshape((2, -1))),
    "UpSampling1D": Spec(lambda: layers.UpSampling1D(2), SEQ),
    "UpSampling2D": Spec(lambda: layers.UpSampling2D((2, 1), interpolation="bilinear"), IMAGE),
    "UpSampling3D": Spec(lambda: layers.UpSampling3D(2), VOLUME),
    "ZeroPadding1D": Spec(lambda: layers.ZeroPadding1D((1, 2)), SEQ),
    "ZeroPadding2D": Spec(lambda: layers.ZeroPadding2D(((1, 0), (2, 1))), IMAGE),
    "ZeroPadding3D": Spec(lambda: layers.ZeroPadding3D(1), VOLUME),
    # recurrent
    "SimpleRNN": Spec(lambda: layers.SimpleRNN(3, activation="relu", return_sequences=True, dropout=0.1,
                                               recurrent_regularizer=L2), SEQ),
    "GRU": Spec(lambda: layers.GRU(3, reset_after=False, go_backwards=True, recurrent_initializer="orthogonal"), SEQ),
    "LSTM": Spec(lambda: layers.LSTM(3, return_state=True, unit_forget_bias=False, unroll=True,
                                     recurrent_constraint="max_norm"), SEQ),
    "SimpleRNNCell": Spec(lambda: layers.SimpleRNNCell(3, use_bias=False), SEQ, call="rnn"),
    "GRUCell": Spec(lambda: layers.GRUCell(3, recurrent_activation="hard_sigmoid"), SEQ, call="rnn"),
    "LSTMCell": Spec(lambda: layers.LSTMCell(3, kernel_regularizer=L2), SEQ, call="rnn"),
    "RNN": Spec(lambda: layers.RNN(layers.LSTMCell(2), return_sequences=True, go_backwards=True), SEQ),
    "StackedRNNCells": Spec(lambda: layers.StackedRNNCells([layers.SimpleRNNCell(2), layers.GRUCell(3)]), SEQ,
                            call="rnn"),
    "Bidirectional": Spec(lambda: layers.Bidirectional(layers.LSTM(2, return_sequences=True), merge_mode="sum"), SEQ),
    "TimeDistributed": Spec(lambda: layers.TimeDistributed(layers.Dense(2, activation="relu")), SEQ),
    "ConvLSTM1D": Spec(lambda: layers.ConvLSTM1D(2, 2, padding="same", return_sequences=True), ((2, 4, 2), F)),
    "ConvLSTM2D": Spec(lambda: layers.ConvLSTM2D(2, 2, recurrent_regularizer=L2), ((2, 3, 3, 2), F)),
    "ConvLSTM3D": Spec(lambda: layers.ConvLSTM3D(1, 2), ((2, 3, 3, 3, 1), F)),
    # preprocessing
    "CategoryEncoding": Spec(lambda: layers.CategoryEncoding(num_tokens=5, output_mode="count"), ((3,), "int32")),
    "CenterCrop": Spec(lambda: layers.CenterCrop(2, 3), IMAGE),
    "Discretization": Spec(lambda: layers.Discretization(num_bins=3, epsilon=0.01),
                           prepare=_adapt(np.linspace(-1.0, 1.0, 40, dtype="float32").reshape(10, 4))),
    "IntegerLookup": Spec(lambda: layers.IntegerLookup(vocabulary=[3, 1, 4], num_oov_indices=2), ((4,), "int32")),
    "Normalization": Spec(lambda: layers.Normalization(axis=-1),
                          prepare=_adapt(np.random.default_rng(5).normal(1.0, 2.0, (16, 4)).astype(F))),
    "RandomContrast": Spec(lambda: layers.RandomContrast(0.5, seed=1), IMAGE),
    "RandomFlip": Spec(lambda: layers.RandomFlip("vertical", seed=1), IMAGE),
    "RandomRotation": Spec(lambda: layers.RandomRotation(0.2, fill_mode="constant", seed=1), IMAGE),
    "RandomTranslation": Spec(lambda: layers.RandomTranslation(0.1, 0.2, seed=1), IMAGE),
    "RandomZoom": Spec(lambda: layers.RandomZoom(0.2, interpolation="nearest", seed=1), IMAGE),
    "Rescaling": Spec(lambda: layers.Rescaling(1 / 255, offset=0.5), IMAGE),
    "Resizing": Spec(lambda: layers.Resizing(3, 5, interpolation="nearest"), IMAGE),
    "StringLookup": Spec(lambda: layers.StringLookup(output_mode="one_hot"), ((), "string"), words=["a", "c", "zz"],
                         prepare=_adapt(np.array(["b", "a", "b", "c"]))),
    "TextVectorization": Spec(lambda: layers.TextVectorization(max_tokens=8, output_sequence_length=4),
                              ((), "string"), prepare=_adapt(WORDS)),
}

LAYER_SKIPS = {
    "Layer": "the abstract base class: it has no call() to save",
    "InputLayer": "every model in this file starts with one, so it round-trips in every test here",
}


def _layer_classes():
    """Every Layer subclass exported by ``frontend.layers``, once per class (aliases skipped)."""
    found = {}
    for value in vars(layers).values():
        if inspect.isclass(value) and issubclass(value, layers.Layer):
            found[value.__name__] = value
    return found


def _sample(spec, rng):
    arrays = []
    for shape, dtype in spec.inputs:
        if dtype == "string":
            arrays.append(rng.choice(spec.words, size=(3, *shape)))
        elif np.issubdtype(np.dtype(dtype), np.integer):
            arrays.append(rng.integers(0, spec.high, size=(3, *shape)).astype(dtype))
        else:
            arrays.append(rng.uniform(-1.0, 1.0, size=(3, *shape)).astype(dtype))
    return arrays


def _perturb(layer, rng):
    """Random values for every float weight (positive, so variances stay valid)."""
    values = []
    for weight in layer.get_weights():
        weight = np.asarray(weight)
        if np.issubdtype(weight.dtype, np.floating):
            weight = rng.uniform(0.2, 1.0, size=weight.shape).astype(weight.dtype)
        values.append(weight)
    layer.set_weights(values)


def _model_around(layer, spec):
    inputs = [keras.Input(shape, dtype=dtype) for shape, dtype in spec.inputs]
    if spec.call == "list":
        outputs = layer(inputs)
    elif spec.call == "args":
        outputs = layer(*inputs)
    elif spec.call == "rnn":
        outputs = layers.RNN(layer)(inputs[0])
    else:
        outputs = layer(inputs[0])
    return keras.Model(inputs if len(inputs) > 1 else inputs[0], outputs)


def _counterpart(model, layer, loaded):
    """The layer of ``loaded`` at the place ``layer`` holds in ``model`` (nested ones too, as RNN cells)."""
    prefix = next(prefix for prefix, item in walk_layers(model) if item is layer)
    return dict(walk_layers(loaded))[prefix]


def _assert_same_outputs(left, right):
    left, right = keras.tree.flatten(left), keras.tree.flatten(right)
    assert len(left) == len(right)
    for a, b in zip(left, right):
        a, b = _numpy(a), _numpy(b)
        assert a.dtype == b.dtype and a.shape == b.shape
        if np.issubdtype(a.dtype, np.floating):
            np.testing.assert_allclose(a, b, **TOLERANCE)
        else:
            np.testing.assert_array_equal(a, b)


def test_the_layer_tables_name_only_exported_layers():
    # a class without a row is still tested below, with its defaults on a (batch, 4) input
    stale = sorted((set(LAYER_SPECS) | set(LAYER_SKIPS)) - set(_layer_classes()))
    assert not stale, f"rows for classes frontend.layers no longer exports: {stale}"
    assert not set(LAYER_SPECS) & set(LAYER_SKIPS)


@pytest.mark.parametrize("name", sorted(set(_layer_classes()) - set(LAYER_SKIPS)))
def test_layer_round_trips_through_a_file(name, tmp_path):
    cls = _layer_classes()[name]
    spec = LAYER_SPECS.get(name) or Spec(cls)
    keras.utils.set_random_seed(7)
    rng = np.random.default_rng(11)
    layer = spec.make()
    assert type(layer) is cls
    if spec.prepare is not None:
        spec.prepare(layer)
    model = _model_around(layer, spec)
    for item in model.layers:
        _perturb(item, rng)
    x = _sample(spec, rng)
    x = x if len(x) > 1 else x[0]
    random = any(item._seed_generators for _, item in walk_layers(model))
    if random:
        model(x, training=True)  # moves the seed states on from where a fresh layer would start
    expected = model(x, training=False)

    loaded = _round_trip(model, tmp_path, spec.custom_objects)

    assert type(loaded) is type(model)
    twin = _counterpart(model, layer, loaded)
    assert type(twin) is cls
    assert _plain(twin.get_config()) == _plain(layer.get_config())
    assert [w.path.rpartition("/")[2] for w in twin.weights] == [w.path.rpartition("/")[2] for w in layer.weights]
    assert len(twin.trainable_weights) == len(layer.trainable_weights)
    for left, right in zip(twin.get_weights(), layer.get_weights()):
        np.testing.assert_array_equal(np.asarray(left), np.asarray(right))
    assert len(loaded.get_weights()) == len(model.get_weights())
    for left, right in zip(loaded.get_weights(), model.get_weights()):
        np.testing.assert_array_equal(np.asarray(left), np.asarray(right))
    _assert_same_outputs(loaded(x, training=False), expected)
    if random:  # the seed states travel too: the next training-mode call draws the same numbers
        _assert_same_outputs(loaded(x, training=True), model(x, training=True))


# ============================================================================== losses, metrics, optimizers
#
# Each object is compiled into a tiny model whose output suits it ("kind" picks the output
# activation and the targets), saved and loaded; the loaded model must be compiled with an
# equal config and compute the same loss and metric values on the same batch.

KINDS = {  # output activation, targets
    "categorical": "softmax",  # one-hot targets
    "sparse": "softmax",  # integer class targets
    "binary": "sigmoid",  # 0/1 targets, one per output
    "regression": "softplus",  # positive real targets (MAPE, MSLE, Poisson need positive values)
    "sequence": "softmax",  # CTC: (batch, time, classes) outputs, (batch, label length) targets
}


def _compile_data(kind, rng, batch=6):
    if kind == "sequence":
        x = rng.uniform(-1, 1, (batch, 5, 4)).astype(F)
        return x, rng.integers(1, 4, (batch, 2)).astype("int32")
    x = rng.uniform(-1, 1, (batch, 4)).astype(F)
    if kind == "categorical":
        y = np.eye(3, dtype=F)[rng.integers(0, 3, batch)]
    elif kind == "sparse":
        y = rng.integers(0, 3, batch).astype("int32")
    elif kind == "binary":
        y = rng.integers(0, 2, (batch, 3)).astype(F)
    else:
        y = rng.uniform(0.1, 1.0, (batch, 3)).astype(F)
    return x, y


def _tiny_model(kind):
    keras.utils.set_random_seed(3)
    inputs = keras.Input((5, 4) if kind == "sequence" else (4,))
    hidden = layers.Dense(5, activation="tanh")(inputs)
    outputs = layers.Dense(4 if kind == "sequence" else 3, activation=KINDS[kind])(hidden)
    return keras.Model(inputs, outputs)


def _catalog(module, skips):
    """``module.ALL_OBJECTS`` by name (classes and functions), minus ``skips``."""
    return {obj.__name__: obj for obj in module.ALL_OBJECTS if obj.__name__ not in skips}


def _assert_same_compile_config(loaded, model):
    assert loaded.compiled
    assert _plain(get_compile_config(loaded)) == _plain(get_compile_config(model))


def _assert_same_evaluation(loaded, model, x, y):
    expected = model.evaluate(x, y, batch_size=len(x), verbose=0, return_dict=True)
    got = loaded.evaluate(x, y, batch_size=len(x), verbose=0, return_dict=True)
    assert got.keys() == expected.keys()
    for key in expected:
        np.testing.assert_allclose(got[key], expected[key], rtol=1e-5, atol=1e-6, err_msg=key)


# ----- losses

LOSS_SKIPS = {
    "Loss": "the abstract base class: call() is left to subclasses",
    "categorical_generalized_cross_entropy": "takes q without a default (as in Keras), so compile cannot call it; "
                                             "its class CategoricalGeneralizedCrossEntropy is tested",
}
LOSS_KINDS = {
    "SparseCategoricalCrossentropy": "sparse", "sparse_categorical_crossentropy": "sparse",
    "BinaryCrossentropy": "binary", "binary_crossentropy": "binary",
    "BinaryFocalCrossentropy": "binary", "binary_focal_crossentropy": "binary",
    "Hinge": "binary", "hinge": "binary", "SquaredHinge": "binary", "squared_hinge": "binary",
    "Dice": "binary", "dice": "binary", "Tversky": "binary", "tversky": "binary",
    "Circle": "sparse", "circle": "sparse",
    "CTC": "sequence", "ctc": "sequence",
    "MeanSquaredError": "regression", "mean_squared_error": "regression",
    "MeanAbsoluteError": "regression", "mean_absolute_error": "regression",
    "MeanAbsolutePercentageError": "regression", "mean_absolute_percentage_error": "regression",
    "MeanSquaredLogarithmicError": "regression", "mean_squared_logarithmic_error": "regression",
    "LogCosh": "regression", "log_cosh": "regression", "Huber": "regression", "huber": "regression",
    "CategoricalGeneralizedCrossEntropy": "sparse", "categorical_generalized_cross_entropy": "sparse",
    "Poisson": "regression", "poisson": "regression", "CosineSimilarity": "regression",
    "cosine_similarity": "regression",
}  # everything else takes one-hot targets and softmax outputs
LOSS_ARGUMENTS = {  # non-default arguments, so the config has something to carry
    "LossFunctionWrapper": dict(fn=losses.categorical_hinge, name="wrapped_hinge", reduction="sum"),
    "BinaryCrossentropy": dict(label_smoothing=0.1, name="bce_smooth"),
    "BinaryFocalCrossentropy": dict(apply_class_balancing=True, alpha=0.4, gamma=1.5),
    "CategoricalCrossentropy": dict(label_smoothing=0.2, reduction="sum"),
    "CategoricalFocalCrossentropy": dict(alpha=0.3, gamma=1.0),
    "SparseCategoricalCrossentropy": dict(ignore_class=2, reduction="mean"),
    "CategoricalGeneralizedCrossEntropy": dict(q=0.3),
    "CosineSimilarity": dict(axis=-1, reduction="sum"),
    "Huber": dict(delta=0.5),
    "Tversky": dict(alpha=0.3, beta=0.7),
    "Dice": dict(axis=(1,)),
    "Circle": dict(gamma=32.0, margin=0.2),
    "MeanSquaredError": dict(reduction=None, name="per_sample_mse"),
}


@pytest.mark.parametrize("name", sorted(_catalog(losses, LOSS_SKIPS)))
def test_loss_round_trips_in_the_compile_config(name, tmp_path):
    loss = _catalog(losses, LOSS_SKIPS)[name]
    if inspect.isclass(loss):
        loss = loss(**LOSS_ARGUMENTS.get(name, {}))
    kind = LOSS_KINDS.get(name, "categorical")
    model = _tiny_model(kind)
    model.compile(optimizer="sgd", loss=loss, run_eagerly=True)  # eager: no step compiled per loss (JAX)
    loaded = _round_trip(model, tmp_path)
    _assert_same_compile_config(loaded, model)
    if inspect.isfunction(loss):
        assert loaded._loss_spec is loss
    else:
        assert type(loaded._loss_spec) is type(loss)
        assert _plain(loaded._loss_spec.get_config()) == _plain(loss.get_config())
    _assert_same_evaluation(loaded, model, *_compile_data(kind, np.random.default_rng(4)))


# ----- metrics

METRIC_SKIPS = {"Metric": "the abstract base class: update_state() and result() are left to subclasses"}
METRIC_KINDS = {
    "SparseCategoricalAccuracy": "sparse", "SparseTopKCategoricalAccuracy": "sparse",
    "SparseCategoricalCrossentropy": "sparse", "IoU": "sparse", "MeanIoU": "sparse",
    "sparse_categorical_accuracy": "sparse", "sparse_top_k_categorical_accuracy": "sparse",
    "sparse_categorical_crossentropy": "sparse",
    "AUC": "binary", "BinaryAccuracy": "binary", "BinaryCrossentropy": "binary", "BinaryIoU": "binary",
    "F1Score": "binary", "FBetaScore": "binary", "FalseNegatives": "binary", "FalsePositives": "binary",
    "TrueNegatives": "binary", "TruePositives": "binary", "Precision": "binary", "Recall": "binary",
    "PrecisionAtRecall": "binary", "RecallAtPrecision": "binary", "SensitivityAtSpecificity": "binary",
    "SpecificityAtSensitivity": "binary", "Hinge": "binary", "SquaredHinge": "binary",
    "binary_accuracy": "binary", "binary_crossentropy": "binary", "binary_focal_crossentropy": "binary",
    "hinge": "binary", "squared_hinge": "binary",
    "MeanSquaredError": "regression", "RootMeanSquaredError": "regression", "MeanAbsoluteError": "regression",
    "MeanAbsolutePercentageError": "regression", "MeanSquaredLogarithmicError": "regression",
    "LogCoshError": "regression", "R2Score": "regression", "ConcordanceCorrelation": "regression",
    "PearsonCorrelation": "regression", "Poisson": "regression", "CosineSimilarity": "regression",
    "Mean": "regression", "Sum": "regression", "Accuracy": "regression", "MeanMetricWrapper": "regression",
    "mean_squared_error": "regression", "mean_absolute_error": "regression",
    "mean_absolute_percentage_error": "regression", "mean_squared_logarithmic_error": "regression",
    "log_cosh": "regression", "huber": "regression", "poisson": "regression", "cosine_similarity": "regression",
    "pearson_correlation": "regression", "concordance_correlation": "regression", "accuracy": "regression",
}
METRIC_ARGUMENTS = {
    "MeanMetricWrapper": dict(fn=metrics.mean_absolute_error, name="wrapped_mae"),
    "Mean": dict(name="mean_of_targets"),
    "R2Score": dict(class_aggregation="variance_weighted_average"),
    "AUC": dict(num_thresholds=20, curve="PR", multi_label=True, num_labels=3),
    "FalseNegatives": dict(thresholds=0.3),
    "FalsePositives": dict(thresholds=0.4),
    "TrueNegatives": dict(thresholds=0.6),
    "TruePositives": dict(thresholds=0.2),
    "Precision": dict(thresholds=0.4, class_id=1),
    "Recall": dict(top_k=2),
    "PrecisionAtRecall": dict(recall=0.5, num_thresholds=10, class_id=0),
    "RecallAtPrecision": dict(precision=0.4, num_thresholds=10),
    "SensitivityAtSpecificity": dict(specificity=0.5, num_thresholds=10),
    "SpecificityAtSensitivity": dict(sensitivity=0.6, num_thresholds=10),
    "BinaryAccuracy": dict(threshold=0.4),
    "BinaryCrossentropy": dict(from_logits=False, label_smoothing=0.1),
    "CategoricalCrossentropy": dict(label_smoothing=0.2),
    "SparseCategoricalCrossentropy": dict(ignore_class=1),
    "TopKCategoricalAccuracy": dict(k=2),
    "SparseTopKCategoricalAccuracy": dict(k=2),
    "F1Score": dict(average="macro", threshold=0.5),
    "FBetaScore": dict(average="weighted", beta=2.0, threshold=0.4),
    "IoU": dict(num_classes=3, target_class_ids=(0, 2), sparse_y_pred=False),
    "BinaryIoU": dict(target_class_ids=[1], threshold=0.4),
    "MeanIoU": dict(num_classes=3, sparse_y_pred=False, ignore_class=1),
    "OneHotIoU": dict(num_classes=3, target_class_ids=[1]),
    "OneHotMeanIoU": dict(num_classes=3),
    "CosineSimilarity": dict(axis=-1, name="cos"),
}


def _metric_catalog():
    found = _catalog(metrics, METRIC_SKIPS)
    found.update(metrics.FUNCTIONS)
    return found


@pytest.mark.parametrize("name", sorted(_metric_catalog()))
def test_metric_round_trips_in_the_compile_config(name, tmp_path):
    metric = _metric_catalog()[name]
    if inspect.isclass(metric):
        metric = metric(**METRIC_ARGUMENTS.get(name, {}))
    kind = METRIC_KINDS.get(name, "categorical")
    model = _tiny_model(kind)
    loss = {"sparse": "sparse_categorical_crossentropy", "binary": "binary_crossentropy"}.get(kind, "mse")
    model.compile(optimizer="sgd", loss=loss, metrics=[metric], run_eagerly=True)
    loaded = _round_trip(model, tmp_path)
    _assert_same_compile_config(loaded, model)
    spec = loaded._metrics_spec[0]
    if inspect.isfunction(metric):
        assert spec is metric  # not a name compile might read as another metric ("accuracy")
    else:
        assert type(spec) is type(metric) and _plain(spec.get_config()) == _plain(metric.get_config())
    _assert_same_evaluation(loaded, model, *_compile_data(kind, np.random.default_rng(4)))


# ----- optimizers and learning-rate schedules

OPTIMIZER_SKIPS = {"Optimizer": "the abstract base class: update_step() is left to subclasses"}
OPTIMIZER_ARGUMENTS = {  # non-default arguments, including the base class's clipping, decay and EMA options
    "Adam": dict(learning_rate=0.01, amsgrad=True, clipnorm=1.0),
    "AdamW": dict(learning_rate=0.01, weight_decay=0.05, beta_1=0.8),
    "SGD": dict(learning_rate=0.05, momentum=0.9, nesterov=True, clipvalue=0.5),
    "RMSprop": dict(learning_rate=0.01, centered=True, momentum=0.5),
    "Adadelta": dict(learning_rate=0.5, rho=0.9),
    "Adagrad": dict(learning_rate=0.05, initial_accumulator_value=0.2),
    "Adamax": dict(learning_rate=0.01, global_clipnorm=1.0),
    "Adafactor": dict(learning_rate=0.01, relative_step=False, clip_threshold=0.5),
    "Nadam": dict(learning_rate=0.01, use_ema=True, ema_momentum=0.9, ema_overwrite_frequency=3),
    "Ftrl": dict(learning_rate=0.05, l1_regularization_strength=0.01, l2_shrinkage_regularization_strength=0.01),
    "Lion": dict(learning_rate=0.01, beta_2=0.9, weight_decay=0.01),
    "Lamb": dict(learning_rate=0.01, beta_1=0.85),
}
SCHEDULE_SKIPS = {"LearningRateSchedule": "the abstract base class: __call__() is left to subclasses"}
SCHEDULE_ARGUMENTS = {
    "ExponentialDecay": dict(initial_learning_rate=0.1, decay_steps=2, decay_rate=0.5, staircase=True),
    "PiecewiseConstantDecay": dict(boundaries=[1, 3], values=[0.1, 0.05, 0.01]),
    "PolynomialDecay": dict(initial_learning_rate=0.1, decay_steps=4, end_learning_rate=0.01, power=2.0, cycle=True),
    "InverseTimeDecay": dict(initial_learning_rate=0.1, decay_steps=2, decay_rate=0.5),
    "CosineDecay": dict(initial_learning_rate=0.1, decay_steps=5, alpha=0.1, warmup_target=0.2, warmup_steps=1),
    "CosineDecayRestarts": dict(initial_learning_rate=0.1, first_decay_steps=2, t_mul=1.5, m_mul=0.8, alpha=0.05),
}


def _assert_optimizer_resumes(optimizer, tmp_path):
    """One step, save, load: equal config and slots; then one more step on each gives the same weights."""
    x, y = _compile_data("regression", np.random.default_rng(8))
    model = _tiny_model("regression")
    # eager steps, so the sweep compiles no step per optimizer (the nested-model test below resumes compiled steps)
    model.compile(optimizer=optimizer, loss="mse", run_eagerly=True)
    model.train_on_batch(x, y)
    loaded = _round_trip(model, tmp_path)
    _assert_same_compile_config(loaded, model)
    assert type(loaded.optimizer) is type(model.optimizer)
    assert _plain(loaded.optimizer.get_config()) == _plain(model.optimizer.get_config())
    assert [v.path for v in loaded.optimizer.variables] == [v.path for v in model.optimizer.variables]
    for left, right in zip(loaded.optimizer.variables, model.optimizer.variables):
        np.testing.assert_array_equal(_numpy(left.value), _numpy(right.value), err_msg=right.path)
    for left, right in zip(loaded.get_weights(), model.get_weights()):
        np.testing.assert_array_equal(left, right)
    model.train_on_batch(x, y)
    loaded.train_on_batch(x, y)
    for left, right in zip(loaded.get_weights(), model.get_weights()):
        np.testing.assert_allclose(left, right, **TOLERANCE)
    for left, right in zip(loaded.optimizer.variables, model.optimizer.variables):
        np.testing.assert_allclose(_numpy(left.value), _numpy(right.value), err_msg=right.path, **TOLERANCE)
    return loaded


@pytest.mark.parametrize("name", sorted(_catalog(optimizers, OPTIMIZER_SKIPS)))
def test_optimizer_state_round_trips_and_training_resumes(name, tmp_path):
    optimizer = _catalog(optimizers, OPTIMIZER_SKIPS)[name](**OPTIMIZER_ARGUMENTS.get(name, {}))
    _assert_optimizer_resumes(optimizer, tmp_path)


@pytest.mark.parametrize("name", sorted(_catalog(schedules, SCHEDULE_SKIPS)))
def test_learning_rate_schedule_round_trips_inside_its_optimizer(name, tmp_path):
    schedule = _catalog(schedules, SCHEDULE_SKIPS)[name](**SCHEDULE_ARGUMENTS.get(name, {}))
    loaded = _assert_optimizer_resumes(optimizers.SGD(learning_rate=schedule, momentum=0.5), tmp_path)
    twin = loaded.optimizer._learning_rate
    assert type(twin) is type(schedule) and _plain(twin.get_config()) == _plain(schedule.get_config())
    np.testing.assert_allclose(_numpy(loaded.optimizer.learning_rate), _numpy(schedule(2)), **TOLERANCE)


# ============================================================================== initializers, regularizers,
# ============================================================================== constraints, activations
#
# Each is handed to a Dense layer (as Keras users do; the STFT initializer, made for
# convolution kernels, to a Conv1D), saved inside a model and loaded: the loaded layer's
# config must equal the original's, and so must its weights and outputs.

INITIALIZER_SKIPS = {
    "Initializer": "the abstract base class: __call__() is left to subclasses",
    "RandomInitializer": "the base class of the seeded initializers: __call__() is left to subclasses",
}
INITIALIZER_ARGUMENTS = {
    "Constant": dict(value=0.25),
    "Identity": dict(gain=2.0),
    "GlorotNormal": dict(seed=1),
    "GlorotUniform": dict(seed=2),
    "HeNormal": dict(seed=3),
    "HeUniform": dict(seed=4),
    "LecunNormal": dict(seed=5),
    "LecunUniform": dict(seed=6),
    "Orthogonal": dict(gain=0.5, seed=7),
    "RandomNormal": dict(mean=0.1, stddev=0.2, seed=8),
    "RandomUniform": dict(minval=-0.3, maxval=0.2, seed=9),
    "TruncatedNormal": dict(mean=-0.1, stddev=0.3, seed=10),
    "VarianceScaling": dict(scale=2.0, mode="fan_out", distribution="uniform", seed=11),
    "STFT": dict(side="imag", window="hamming", scaling="spectrum", periodic=True),
}
REGULARIZER_SKIPS = {"Regularizer": "the abstract base class: get_config() is left to subclasses (as in Keras)"}
REGULARIZER_ARGUMENTS = {
    "L1": dict(l1=0.03), "L2": dict(l2=0.04), "L1L2": dict(l1=0.01, l2=0.02),
    "OrthogonalRegularizer": dict(factor=0.05, mode="columns"),
}
CONSTRAINT_SKIPS = {}
CONSTRAINT_ARGUMENTS = {
    "MaxNorm": dict(max_value=0.5, axis=1), "MinMaxNorm": dict(min_value=0.2, max_value=0.6, rate=0.5),
    "UnitNorm": dict(axis=1),
}
ACTIVATION_SKIPS = {
    "threshold": "needs threshold and default_value, which a layer never passes; round-trips by name below",
}


def _instances(module, skips, arguments):
    found = {}
    for obj in module.ALL_OBJECTS:
        if obj.__name__ not in skips:
            found[obj.__name__] = obj
    return sorted(found), lambda name: found[name](**arguments.get(name, {}))


def _assert_catalog_layer_round_trips(dense, tmp_path, input_shape=(4,)):
    keras.utils.set_random_seed(5)
    inputs = keras.Input(input_shape)
    model = keras.Model(inputs, dense(inputs))
    x = np.random.default_rng(6).uniform(-1, 1, (3, *input_shape)).astype(F)
    expected = model(x, training=False)
    loaded = _round_trip(model, tmp_path)
    twin = loaded.layers[-1]
    assert type(twin) is type(dense)
    assert _plain(twin.get_config()) == _plain(dense.get_config())
    assert len(twin.weights) == len(dense.weights)
    for left, right in zip(twin.get_weights(), dense.get_weights()):
        np.testing.assert_array_equal(left, right)
    _assert_same_outputs(loaded(x, training=False), expected)
    return loaded, twin, x


INITIALIZER_NAMES, _initializer = _instances(initializers, INITIALIZER_SKIPS, INITIALIZER_ARGUMENTS)


@pytest.mark.parametrize("name", INITIALIZER_NAMES)
def test_initializer_round_trips_in_a_dense_layer(name, tmp_path):
    initializer = _initializer(name)
    if name == "STFT":  # kernels shaped (frame_length, channels, bins)
        layer, input_shape = layers.Conv1D(4, 4, kernel_initializer=initializer, use_bias=False), (6, 1)
    else:  # the matrix initializers (Identity, Orthogonal) have no vector form for the bias
        bias = "zeros" if name in ("Identity", "Orthogonal") else _initializer(name)
        layer, input_shape = layers.Dense(4, kernel_initializer=initializer, bias_initializer=bias), (4,)
    _, twin, _ = _assert_catalog_layer_round_trips(layer, tmp_path, input_shape)
    assert type(twin.kernel_initializer) is type(initializer)
    assert _plain(twin.kernel_initializer.get_config()) == _plain(initializer.get_config())


REGULARIZER_NAMES, _regularizer = _instances(regularizers, REGULARIZER_SKIPS, REGULARIZER_ARGUMENTS)


@pytest.mark.parametrize("name", REGULARIZER_NAMES)
def test_regularizer_round_trips_in_a_dense_layer(name, tmp_path):
    regularizer = _regularizer(name)
    bias = None if name == "OrthogonalRegularizer" else _regularizer(name)  # it needs a matrix
    dense = layers.Dense(3, kernel_regularizer=regularizer, bias_regularizer=bias,
                         activity_regularizer=_regularizer(name), bias_initializer="ones")
    loaded, twin, x = _assert_catalog_layer_round_trips(dense, tmp_path)
    assert type(twin.kernel_regularizer) is type(regularizer)
    assert _plain(twin.kernel_regularizer.get_config()) == _plain(regularizer.get_config())
    dense(x)
    twin(x)
    assert len(twin.losses) == len(dense.losses) == (2 if bias is None else 3)
    for left, right in zip(twin.losses, dense.losses):
        np.testing.assert_allclose(_numpy(left), _numpy(right), **TOLERANCE)


CONSTRAINT_NAMES, _constraint = _instances(constraints, CONSTRAINT_SKIPS, CONSTRAINT_ARGUMENTS)


@pytest.mark.parametrize("name", CONSTRAINT_NAMES)
def test_constraint_round_trips_in_a_dense_layer(name, tmp_path):
    constraint = _constraint(name)
    dense = layers.Dense(3, kernel_constraint=constraint, bias_constraint=_constraint(name))
    _, twin, _ = _assert_catalog_layer_round_trips(dense, tmp_path)
    assert type(twin.kernel_constraint) is type(constraint)
    assert _plain(twin.kernel_constraint.get_config()) == _plain(constraint.get_config())
    kernel = np.random.default_rng(2).uniform(-2, 2, (4, 3)).astype(F)
    np.testing.assert_allclose(_numpy(twin.kernel_constraint(ops.convert_to_tensor(kernel))),
                               _numpy(constraint(ops.convert_to_tensor(kernel))), **TOLERANCE)


ACTIVATION_NAMES = sorted(set(activations.ALL_OBJECTS_DICT) - set(ACTIVATION_SKIPS))


@pytest.mark.parametrize("name", ACTIVATION_NAMES)
def test_activation_round_trips_in_a_dense_layer(name, tmp_path):
    activation = activations.ALL_OBJECTS_DICT[name]
    dense = layers.Dense(4, activation=activation)
    _, twin, _ = _assert_catalog_layer_round_trips(dense, tmp_path)
    assert twin.activation is activation


@pytest.mark.parametrize("name", sorted(ACTIVATION_SKIPS))
def test_skipped_activation_still_round_trips_by_name(name):
    activation = activations.ALL_OBJECTS_DICT[name]
    assert activations.deserialize(json.loads(json.dumps(activations.serialize(activation)))) is activation


# ============================================================================== model kinds, nested


@keras.saving.register_keras_serializable(package="CatalogRoundTrip")
class GatedBlock(keras.Model):
    """A subclassed model (with get_config) that holds a Sequential of its own."""

    def __init__(self, units=3, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.body = keras.Sequential([layers.Dense(units, activation="tanh"), layers.LayerNormalization()])
        self.gate = layers.Dense(units, activation="sigmoid")

    def call(self, inputs):
        return self.body(inputs) * self.gate(inputs)

    def get_config(self):
        return {**super().get_config(), "units": self.units}


def test_nested_sequential_functional_and_subclassed_models_round_trip(tmp_path):
    """Sequential inside functional inside Sequential, a shared layer, a subclassed block: one file."""
    keras.utils.set_random_seed(4)
    inner = keras.Sequential([keras.Input((4,)), layers.Dense(5, activation="relu"), layers.BatchNormalization()],
                             name="inner")
    a = keras.Input((4,))
    shared = layers.Dense(5, name="shared")
    middle = keras.Model(a, layers.Concatenate()([shared(inner(a)), shared(layers.Dense(5)(a))]), name="middle")
    outer = keras.Sequential([keras.Input((4,)), middle, layers.Dropout(0.1, seed=2)], name="outer")
    x_in = keras.Input((4,))
    model = keras.Model(x_in, layers.Dense(2)(GatedBlock(3, name="block")(outer(x_in))), name="top")
    # SGD with momentum keeps optimizer state to restore, but (unlike Adam) does not magnify the roundoff between
    # the loaded model's first step, which runs eagerly, and the original's compiled one: BatchNormalization's
    # beta gets near-zero gradients, where Adam's m / sqrt(v) turns 1e-8 into 1e-5
    model.compile(optimizer=optimizers.SGD(0.05, momentum=0.9), loss="mse")
    rng = np.random.default_rng(3)
    _perturb(model, rng)
    x, y = rng.uniform(-1, 1, (6, 4)).astype(F), rng.uniform(-1, 1, (6, 2)).astype(F)
    model.train_on_batch(x, y)

    loaded = _round_trip(model, tmp_path)

    for path in ("layers/sequential/", "layers/sequential/layers/functional/",
                 "layers/sequential/layers/functional/layers/sequential/", "layers/gated_block/",
                 "layers/gated_block/layers/sequential/"):
        left, right = dict(walk_layers(loaded))[path], dict(walk_layers(model))[path]
        assert type(left) is type(right)
        if path.endswith("gated_block/layers/sequential/"):  # made by __init__: new auto-generated names
            assert [type(item) for item in left.layers] == [type(item) for item in right.layers]
        else:
            assert _plain(left.get_config()) == _plain(right.get_config())
    assert [tuple(w.shape) for w in loaded.weights] == [tuple(w.shape) for w in model.weights]
    for left, right in zip(loaded.get_weights(), model.get_weights()):
        np.testing.assert_array_equal(left, right)
    _assert_same_outputs(loaded(x, training=False), model(x, training=False))
    for _ in range(2):  # the loaded model's first step runs eagerly, its second compiled
        loaded.train_on_batch(x, y)
        model.train_on_batch(x, y)
    for left, right in zip(loaded.get_weights(), model.get_weights()):
        np.testing.assert_allclose(left, right, **TOLERANCE)
    for left, right in zip(loaded.optimizer.variables, model.optimizer.variables):
        np.testing.assert_allclose(_numpy(left.value), _numpy(right.value), err_msg=right.path, **TOLERANCE)


def test_vector_valued_metric_round_trips_and_evaluates(tmp_path):
    model = _tiny_model("binary")
    model.compile(optimizer="sgd", loss="binary_crossentropy",
                  metrics=[metrics.F1Score(), metrics.TruePositives(thresholds=[0.3, 0.6])])
    loaded = _round_trip(model, tmp_path)
    _assert_same_compile_config(loaded, model)
    _assert_same_evaluation(loaded, model, *_compile_data("binary", np.random.default_rng(4)))
