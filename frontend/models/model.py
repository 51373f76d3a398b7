"""``Model``: a layer that groups layers, built three ways.

``Model(inputs, outputs)`` gives a functional model; a subclass that writes ``call()`` is
a subclassed model; ``Sequential`` stacks layers. All share this surface: ``layers``,
``get_layer``, ``summary``, weights, and (later) training.
"""

from frontend.layers.layer import Layer
from frontend.training.trainer import Trainer


def _is_functional_call(args, kwargs):
    return len(args) == 2 or (len(args) == 1 and "outputs" in kwargs) or ("inputs" in kwargs and "outputs" in kwargs)


_FUNCTIONAL_SUBCLASSES = {}


def _with_functional(cls, functional):
    """``cls`` with the functional graph behaviour mixed in (one class per user class)."""
    if cls not in _FUNCTIONAL_SUBCLASSES:
        namespace = {"__module__": cls.__module__, "__qualname__": cls.__qualname__, "_functional_of": cls}
        _FUNCTIONAL_SUBCLASSES[cls] = type(cls.__name__, (cls, functional), namespace)
    return _FUNCTIONAL_SUBCLASSES[cls]


class Model(Trainer, Layer):
    """Group layers into an object with training and inference features."""

    def __new__(cls, *args, **kwargs):
        if cls is Model and _is_functional_call(args, kwargs):
            from frontend.models.functional import Functional

            return super().__new__(Functional)
        return super().__new__(cls)

    def __init__(self, *args, **kwargs):
        if _is_functional_call(args, kwargs):
            from frontend.models.functional import Functional

            if not isinstance(self, Functional):  # a subclass calling super().__init__(inputs, outputs)
                self.__class__ = _with_functional(type(self), Functional)
            Functional.__init__(self, *args, **kwargs)
        else:
            super().__init__(*args, **kwargs)

    @property
    def layers(self):
        return self._layers

    def get_layer(self, name=None, index=None):
        """The layer called ``name``, or at position ``index`` of ``layers``."""
        if (name is None) == (index is None):
            raise ValueError(f"Model '{self.name}': get_layer needs exactly one of name= or index=")
        layers = self.layers
        if index is not None:
            if not -len(layers) <= index < len(layers):
                raise ValueError(f"Model '{self.name}': index {index} is out of range; the model has {len(layers)} layers")
            return layers[index]
        for layer in layers:
            if layer.name == name:
                return layer
        raise ValueError(
            f"Model '{self.name}': no layer named {name!r}; its layers are {[layer.name for layer in layers]}"
        )

    def summary(self, line_length=None, positions=None, print_fn=None, expand_nested=False,
                show_trainable=False, layer_range=None):
        """Print a table of layers, output shapes and parameter counts."""
        from frontend.models.summary import print_summary

        print_summary(self, line_length=line_length, positions=positions, print_fn=print_fn,
                      expand_nested=expand_nested, show_trainable=show_trainable, layer_range=layer_range)

    def save(self, filepath, overwrite=True, **kwargs):
        """Write the whole model (config, weights, optimizer state) to one archive; see ``load_model``."""
        from frontend.saving.saving_api import save_model

        save_model(self, filepath, overwrite=overwrite, **kwargs)

    def save_weights(self, filepath, overwrite=True):
        """Write the weights as safetensors (any file name, ``x.weights.h5`` included)."""
        from frontend.saving.saving_api import save_weights

        save_weights(self, filepath, overwrite=overwrite)

    def load_weights(self, filepath, skip_mismatch=False, **kwargs):
        """Read weights written by ``save_weights`` or ``save``; nothing is written if any tensor mismatches."""
        from frontend.saving.saving_api import load_weights

        load_weights(self, filepath, skip_mismatch=skip_mismatch)

    def build(self, input_shape):
        """Build by calling the model on placeholders of ``input_shape``."""
        from frontend.layers.layer import _specs_from_shapes

        if not self.built:
            self.built = True
            nodes = len(self._inbound_nodes)
            try:
                self(_specs_from_shapes(input_shape, self.compute_dtype))
            except Exception:
                self.built = False
                raise
            finally:
                # The placeholder call is no call of the model in any graph: drop its node, or a functional
                # config's node indices (which count the real calls) would point one call too early on reload.
                del self._inbound_nodes[nodes:]

    def get_config(self):
        return super().get_config()

    @classmethod
    def from_config(cls, config, custom_objects=None):
        """A functional config (``layers`` and ``input_layers``) replays its graph; else ``cls(**config)``."""
        from frontend.models.functional import Functional
        from frontend.saving.functional_config import functional_from_config, is_functional_config

        graph_keys = isinstance(config, dict) and bool({"layers", "input_layers", "output_layers"} & set(config))
        if cls is Functional or (cls is Model and graph_keys) or (
                is_functional_config(config) and _takes_functional_arguments(cls)):
            return functional_from_config(cls, config, custom_objects=custom_objects)
        try:
            return super().from_config(config)
        except TypeError as error:
            raise TypeError(
                f"Unable to rebuild {cls.__name__} from its config ({error}). A subclassed model's get_config() "
                "must return every argument its __init__ needs, and from_config must accept them"
            ) from error

    def to_json(self, **kwargs):
        """The model's config as a JSON string (``kwargs`` go to ``json.dumps``); see ``model_from_json``."""
        from frontend.saving.functional_config import model_to_json

        return model_to_json(self, **kwargs)


def _takes_functional_arguments(cls):
    """Keras's rule: Model itself, an ``__init__(inputs, outputs, ...)``, or ``__init__(*args, **kwargs)``."""
    import inspect

    if cls is Model:
        return True
    spec = inspect.getfullargspec(cls.__init__)
    return spec.args[1:3] == ["inputs", "outputs"] or (spec.varargs is not None and spec.varkw is not None)
