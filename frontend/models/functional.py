"""``Functional``: a model defined by its symbolic inputs and outputs."""

from frontend import tree
from frontend.layers.layer import Layer
from frontend.models.graph import FunctionalGraph
from frontend.models.model import Model, _takes_functional_arguments


class Functional(Model):
    """``Model(inputs, outputs)``: replays the graph between them on real data."""

    def __init__(self, inputs, outputs, name=None, trainable=True, **kwargs):
        Layer.__init__(self, name=name, trainable=trainable, **kwargs)
        self._graph = FunctionalGraph(inputs, outputs, owner=f"Model '{self.name}'")
        self.built = True
        self._build_shapes = tree.map_structure(lambda x: x.shape, inputs)

    def call(self, inputs, training=None, mask=None):
        return self._graph.run(inputs, owner=f"Model '{self.name}'", mask=mask)

    @property
    def _layers(self):
        return [op for op in self._graph.operations if isinstance(op, Layer)]

    @property
    def inputs(self):
        return list(self._graph.inputs)

    @property
    def outputs(self):
        return list(self._graph.outputs)

    @property
    def input(self):
        return self._graph.inputs_structure

    @property
    def output(self):
        return self._graph.outputs_structure

    @property
    def input_shape(self):
        return tree.map_structure(lambda x: x.shape, self._graph.inputs_structure)

    @property
    def output_shape(self):
        return tree.map_structure(lambda x: x.shape, self._graph.outputs_structure)

    def get_config(self):
        """Keras 3's functional layout (layers with their calls); a subclass with its own __init__ gets
        the plain model config, as in Keras, and must write get_config itself."""
        if not _takes_functional_arguments(type(self)):
            return Model.get_config(self)
        from frontend.saving.functional_config import get_functional_config

        return get_functional_config(self)
