"""``Sequential``: a plain stack of layers, each taking the previous one's output."""

from frontend.layers.input_layer import InputLayer
from frontend.layers.layer import Layer
from frontend.models.graph import FunctionalGraph
from frontend.models.model import Model
from frontend.ops.symbolic import SymbolicTensor


class Sequential(Model):
    """``Sequential([Input((4,)), Dense(8), Dense(1)])``; without an Input it builds on first call."""

    def __init__(self, layers=None, trainable=True, name=None, **kwargs):
        super().__init__(trainable=trainable, name=name, **kwargs)
        self._stack = []
        self._graph = None
        for layer in layers or ():
            self.add(layer, rebuild=False)
        self._build_graph()

    def add(self, layer, rebuild=True):
        """Append a layer (or an ``Input`` tensor, only first); builds when the input shape is known."""
        if isinstance(layer, SymbolicTensor) and layer._history is not None:
            layer = layer._history.operation
        if not isinstance(layer, Layer):
            raise ValueError(f"Sequential '{self.name}': add() takes a Layer, received {layer!r}")
        if isinstance(layer, InputLayer):
            if self._stack and isinstance(self._stack[0], InputLayer):
                raise ValueError(f"Sequential '{self.name}' already has an input {self._stack[0].batch_shape}")
            if self._stack:
                raise ValueError(f"Sequential '{self.name}': an Input can only be the first layer")
        elif not self._stack and layer._batch_input_shape is not None:
            self._stack.append(InputLayer(batch_shape=layer._batch_input_shape, dtype=layer.dtype_policy.name
                                          if not layer.dtype_policy.name.startswith("mixed") else None))
        self._stack.append(layer)
        if rebuild:
            self._extend_graph(layer)

    def pop(self, rebuild=True):
        """Remove and return the last layer."""
        if not self.layers:
            raise ValueError(f"Sequential '{self.name}' has no layers to pop")
        layer = self._stack.pop()
        self._graph = None
        self.built = False
        if rebuild:
            self._build_graph()
        return layer

    @property
    def layers(self):
        return [layer for layer in self._stack if not isinstance(layer, InputLayer)]

    @property
    def _layers(self):
        return list(self._stack)

    def _build_graph(self):
        if not self._stack or not isinstance(self._stack[0], InputLayer):
            return
        inputs = x = self._stack[0].output
        for layer in self._stack[1:]:
            x = layer(x)
        self._set_graph(inputs, x)

    def _extend_graph(self, layer):
        if self._graph is None:
            self._build_graph()
        elif not isinstance(layer, InputLayer):
            self._set_graph(self._graph.inputs_structure, layer(self._graph.outputs_structure))

    def _set_graph(self, inputs, outputs):
        self._graph = FunctionalGraph(inputs, outputs, owner=f"Sequential '{self.name}'")
        self.built = True

    def build(self, input_shape=None):
        """Build from ``input_shape`` (batch dimension included), e.g. ``(None, 16)``."""
        if self._graph is not None:
            return
        if input_shape is None:
            raise ValueError(f"Sequential '{self.name}': build() needs an input_shape")
        if not self.layers:
            raise ValueError(f"Sequential '{self.name}' has no layers to build")
        shape = tuple(input_shape)
        self._stack.insert(0, InputLayer(batch_shape=(None,) + shape[1:]))
        try:
            self._build_graph()
        except Exception:
            self._stack.pop(0)
            raise

    def _maybe_build(self, args, kwargs):
        if self._graph is None:
            from frontend.layers.layer import _shapes

            inputs = args[0] if args else kwargs.get("inputs")
            self.build(_shapes(inputs))

    def call(self, inputs, training=None, mask=None):
        return self._graph.run(inputs, owner=f"Sequential '{self.name}'", mask=mask)

    @property
    def inputs(self):
        return list(self._graph.inputs) if self._graph else None

    @property
    def outputs(self):
        return list(self._graph.outputs) if self._graph else None

    @property
    def input(self):
        return self._graph.inputs_structure if self._graph else None

    @property
    def output(self):
        return self._graph.outputs_structure if self._graph else None

    @property
    def input_shape(self):
        return self._graph.inputs[0].shape if self._graph else None

    @property
    def output_shape(self):
        return self._graph.outputs[0].shape if self._graph else None

    def get_config(self):
        from frontend.layers.serialization import serialize

        config = super().get_config()
        config["layers"] = [serialize(layer) for layer in self._stack]
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from frontend.layers.serialization import deserialize

        config = dict(config)
        entries = config.pop("layers", [])
        if not isinstance(entries, list):
            raise ValueError(f"Sequential config '{config.get('name')}': 'layers' must be a list of layer configs, "
                             f"found {type(entries).__name__}")
        layers = [deserialize(c, custom_objects=custom_objects) for c in entries]
        config.pop("build_input_shape", None)
        model = cls(name=config.get("name"), trainable=config.get("trainable", True))
        for layer in layers:
            model.add(layer, rebuild=False)
        model._build_graph()
        return model
