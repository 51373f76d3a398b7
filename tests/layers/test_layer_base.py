"""The Layer base: building, weight tracking, trainable, training/mask propagation, losses, errors."""

import numpy as np
import pytest

import frontend
from frontend import ops
from frontend.layers import Input, InputSpec, Layer


class Linear(Layer):
    def __init__(self, units, kernel_regularizer=None, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.kernel_regularizer = kernel_regularizer
        self.supports_masking = True

    def build(self, input_shape):
        self.input_spec = InputSpec(min_ndim=2, axes={-1: input_shape[-1]})
        self.kernel = self.add_weight((input_shape[-1], self.units), initializer="ones", name="kernel",
                                      regularizer=self.kernel_regularizer)
        self.bias = self.add_weight((self.units,), initializer="zeros", name="bias")
        self.count = self.add_weight((), initializer="zeros", trainable=False, name="count")

    def call(self, x):
        return ops.matmul(x, self.kernel) + self.bias

    def get_config(self):
        return {**super().get_config(), "units": self.units}


class TrainingProbe(Layer):
    def call(self, x, training=None):
        self.seen = training
        return x


class Block(Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.stack = [Linear(3), Linear(2)]
        self.heads = {"probe": TrainingProbe()}

    def call(self, x):
        for layer in self.stack:
            x = layer(x)
        return self.heads["probe"](x)


def test_build_on_first_call_creates_weights_in_creation_order():
    layer = Linear(4, name="lin")
    assert not layer.built and layer.weights == []
    out = layer(np.ones((2, 3), "float32"))
    assert layer.built
    assert ops.shape(out) == (2, 4)
    np.testing.assert_allclose(ops.convert_to_numpy(out), np.full((2, 4), 3.0))
    assert [w.path for w in layer.weights] == ["lin/kernel", "lin/bias", "lin/count"]
    assert [w.name for w in layer.trainable_weights] == ["kernel", "bias"]
    assert [w.name for w in layer.non_trainable_weights] == ["count"]
    assert layer.count_params() == 3 * 4 + 4 + 1


def test_nested_layers_in_lists_and_dicts_are_tracked():
    block = Block()
    block(np.ones((1, 5), "float32"))
    assert len(block.weights) == 6
    assert block._layers == [block.stack[0], block.stack[1], block.heads["probe"]]
    assert [w.shape for w in block.trainable_weights] == [(5, 3), (3,), (3, 2), (2,)]


def test_trainable_false_freezes_nested_weights():
    block = Block()
    block(np.ones((1, 5), "float32"))
    block.trainable = False
    assert block.trainable_weights == []
    assert len(block.non_trainable_weights) == 6
    assert not block.stack[0].trainable
    block.trainable = True
    assert len(block.trainable_weights) == 4


def test_training_flag_reaches_nested_calls():
    block = Block()
    block(np.ones((1, 5), "float32"), training=True)
    assert block.heads["probe"].seen is True
    block(np.ones((1, 5), "float32"), training=False)
    assert block.heads["probe"].seen is False
    block(np.ones((1, 5), "float32"))
    assert block.heads["probe"].seen is None


def test_numpy_float64_inputs_are_cast_to_the_compute_dtype():
    layer = Linear(2)
    out = layer(np.ones((2, 3)))
    assert ops.dtype(out) == "float32"


def test_wrong_input_size_raises_naming_layer_and_shapes():
    layer = Linear(2, name="proj")
    layer(np.ones((2, 3), "float32"))
    with pytest.raises(ValueError, match=r"Layer 'proj'.*axis -1: 3.*\(2, 4\)"):
        layer(np.ones((2, 4), "float32"))


def test_rank_checked_at_build_time():
    class NeedsRank3(Layer):
        def __init__(self):
            super().__init__(name="needs3")
            self.input_spec = InputSpec(ndim=3)

        def call(self, x):
            return x

    with pytest.raises(ValueError, match=r"Layer 'needs3': expected rank 3, received an input of shape \(None, 4\)"):
        NeedsRank3()(Input((4,)))


def test_set_weights_checks_every_shape_before_writing():
    layer = Linear(2, name="guarded")
    layer(np.ones((1, 3), "float32"))
    before = layer.get_weights()
    with pytest.raises(ValueError, match=r"weight 'guarded/bias' has shape \(2,\), received an array of shape \(3,\)"):
        layer.set_weights([np.zeros((3, 2)), np.zeros(3), np.zeros(())])
    for a, b in zip(before, layer.get_weights()):
        np.testing.assert_array_equal(a, b)
    with pytest.raises(ValueError, match="expected 3 arrays"):
        layer.set_weights([np.zeros((3, 2))])
    layer.set_weights([np.full((3, 2), 2.0), np.ones(2), np.zeros(())])
    np.testing.assert_allclose(ops.convert_to_numpy(layer(np.ones((1, 3), "float32"))), [[7.0, 7.0]])


def test_add_loss_and_weight_regularizers_collected():
    class WithLoss(Layer):
        def call(self, x):
            self.add_loss(ops.sum(x))
            return x

    layer = Linear(2, kernel_regularizer="l2")
    layer(np.ones((1, 3), "float32"))
    assert len(layer.losses) == 1
    np.testing.assert_allclose(ops.convert_to_numpy(layer.losses[0]), 0.01 * 6, rtol=1e-6)
    probe = WithLoss()
    probe(np.ones((2, 2), "float32"))
    probe(np.ones((2, 2), "float32"))
    assert len(probe.losses) == 1  # losses of the last call only
    np.testing.assert_allclose(ops.convert_to_numpy(probe.losses[0]), 4.0)


def test_activity_regularizer_adds_a_loss():
    layer = Linear(2, activity_regularizer="l1")
    layer(np.ones((1, 3), "float32"))
    np.testing.assert_allclose(ops.convert_to_numpy(layer.losses[0]), 0.01 * 6, rtol=1e-6)


def test_masks_flow_through_mask_supporting_layers():
    class MakeMask(Layer):
        def call(self, x):
            return x

        def compute_mask(self, x, previous_mask=None):
            return ops.not_equal(x[..., 0], 0)

    class ReadMask(Layer):
        def call(self, x, mask=None):
            self.mask = mask
            return x

    x = np.array([[[1.0, 1.0], [0.0, 0.0]]], "float32")
    reader = ReadMask()
    h = Linear(2)(MakeMask()(x))
    reader(h)
    np.testing.assert_array_equal(ops.convert_to_numpy(reader.mask), [[True, False]])


def test_symbolic_call_records_node_and_infers_shape():
    layer = Linear(5)
    x = Input((7,), name="features")
    y = layer(x)
    assert isinstance(y, frontend.SymbolicTensor)
    assert y.shape == (None, 5) and y.dtype == "float32"
    assert layer.input is x and layer.output is y
    assert layer.compute_output_shape((None, 7)) == (None, 5)


def test_auto_names_are_unique():
    a, b = Linear(1), Linear(1)
    assert a.name != b.name and a.name.startswith("linear")


def test_config_round_trip():
    layer = Linear(3, name="cfg", trainable=False)
    config = layer.get_config()
    assert config["name"] == "cfg" and config["units"] == 3 and config["trainable"] is False
    assert config["dtype"]["config"]["name"] == "float32"
    clone = Linear.from_config(config)
    assert clone.units == 3 and clone.name == "cfg" and not clone.trainable


def test_unknown_keyword_argument_is_rejected():
    with pytest.raises(TypeError, match="unexpected keyword argument"):
        Linear(3, bogus=1)


def test_dtype_policy_float64():
    layer = Linear(2, dtype="float64")
    out = layer(np.ones((1, 3), "float32"))
    assert layer.compute_dtype == "float64" and ops.dtype(out) == "float64"
    assert layer.kernel.dtype == "float64"


def test_mixed_policy_computes_in_half_and_stores_float32():
    layer = Linear(2, dtype="mixed_float16")
    assert layer.compute_dtype == "float16" and layer.variable_dtype == "float32"


def test_errors_inside_call_name_the_layer():
    class Broken(Layer):
        def call(self, x):
            return ops.matmul(x, np.ones((5, 2), "float32"))

    with pytest.raises(Exception) as info:
        Broken(name="broken")(np.ones((2, 3), "float32"))
    assert "layer 'broken'" in "".join(getattr(info.value, "__notes__", []))


def test_stateless_call_returns_outputs_and_new_state():
    layer = Linear(1)
    layer(np.ones((1, 2), "float32"))
    kernel = np.full((2, 1), 3.0, "float32")
    out, non_trainable = layer.stateless_call([kernel, np.zeros(1, "float32")], [np.zeros((), "float32")],
                                              np.ones((1, 2), "float32"))
    np.testing.assert_allclose(ops.convert_to_numpy(out), [[6.0]])
    np.testing.assert_allclose(layer.kernel.numpy(), np.ones((2, 1)))
    assert len(non_trainable) == 1


def test_calling_build_directly_marks_built_and_weights_are_made_once():
    layer = Linear(2)
    layer.build((None, 3))
    assert layer.built and len(layer.weights) == 3
    layer(np.ones((1, 3), "float32"))
    assert len(layer.weights) == 3


def test_layers_added_to_a_list_after_construction_are_tracked():
    class Growing(Layer):
        def __init__(self):
            super().__init__()
            self.parts = []

        def build(self, input_shape):
            self.parts.append(Linear(2))

        def call(self, x):
            return self.parts[0](x)

    layer = Growing()
    layer(np.ones((1, 3), "float32"))
    assert len(layer.weights) == 3 and layer._layers == [layer.parts[0]]
    assert Linear(2)._layers == []
