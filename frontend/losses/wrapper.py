"""``LossFunctionWrapper``: a ``Loss`` made from a plain ``fn(y_true, y_pred, **kwargs)``."""

from frontend import tree
from frontend.losses.loss import Loss, squeeze_or_expand_to_same_rank
from frontend.saving.serialization import deserialize_object, serialize_object


def _align_ranks(y_true, y_pred):
    """Squeeze or expand each (y_true, y_pred) leaf pair to the same rank."""
    if not tree.is_nested(y_true) and not tree.is_nested(y_pred):
        return squeeze_or_expand_to_same_rank(y_true, y_pred)
    pairs = [squeeze_or_expand_to_same_rank(t, p) for t, p in zip(tree.flatten(y_true), tree.flatten(y_pred))]
    return (
        tree.pack_sequence_as(y_true, [t for t, _ in pairs]),
        tree.pack_sequence_as(y_pred, [p for _, p in pairs]),
    )


class LossFunctionWrapper(Loss):
    """Wrap ``fn(y_true, y_pred, **kwargs)`` returning per-sample losses into a reducing ``Loss``.

    ``kwargs`` are fixed arguments of ``fn`` (``from_logits``, ``axis``...).
    """

    def __init__(self, fn, reduction="sum_over_batch_size", name=None, dtype=None, **kwargs):
        super().__init__(name=name, reduction=reduction, dtype=dtype)
        self.fn = fn
        self._fn_kwargs = kwargs
        self._integer_targets = getattr(fn, "integer_targets", False)

    def call(self, y_true, y_pred):
        y_true, y_pred = _align_ranks(y_true, y_pred)
        return self.fn(y_true, y_pred, **self._fn_kwargs)

    def get_config(self):
        config = super().get_config()
        config["fn"] = serialize_object(self.fn)
        config.update(self._fn_kwargs)
        return config

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        if "fn" in config:
            from frontend.losses import ALL_OBJECTS_DICT

            config["fn"] = deserialize_object(config["fn"], ALL_OBJECTS_DICT, "loss function")
        return cls(**config)

    def __repr__(self):
        name = getattr(self.fn, "__name__", repr(self.fn))
        return f"<LossFunctionWrapper({name}, kwargs={self._fn_kwargs})>"


class BuiltinLoss(LossFunctionWrapper):
    """A catalog class bound to its function: the arguments are attributes and the whole config."""

    def __init__(self, fn, reduction="sum_over_batch_size", name=None, dtype=None, **kwargs):
        super().__init__(fn, reduction=reduction, name=name, dtype=dtype, **kwargs)
        for key, value in kwargs.items():
            setattr(self, key, value)

    def get_config(self):
        config = Loss.get_config(self)
        config.update(self._fn_kwargs)
        return config

    def __repr__(self):
        return Loss.__repr__(self)
