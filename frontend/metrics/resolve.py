"""``resolve_metric``: what ``compile(metrics=[...])`` turns each entry into.

"accuracy"/"acc" and "crossentropy"/"ce" name a family, not one metric: the binary,
categorical or sparse member is chosen from the loss (by its name) or, failing that,
from the shapes, as Keras does. Other entries go through ``metrics.get``; plain
functions are wrapped in a ``MeanMetricWrapper``. A string keeps the spelling the user
wrote as the metric's name, so logs read ``acc`` when ``"acc"`` was asked for.
"""

from frontend.ops.operation import snake_case

_ACCURACY = ("accuracy", "acc")
_CROSSENTROPY = ("crossentropy", "ce")


def _loss_names(loss):
    """Snake-case names that describe ``loss``: its own name, class name and wrapped function's name."""
    if loss is None or isinstance(loss, (list, tuple, dict)):
        return []
    if isinstance(loss, str):
        return [snake_case(loss) if any(c.isupper() for c in loss) else loss]
    names = []
    for candidate in (loss, getattr(loss, "fn", None), getattr(loss, "_fn", None)):
        if candidate is not None and hasattr(candidate, "__name__"):
            names.append(snake_case(candidate.__name__))
    if not hasattr(loss, "__name__"):
        names.append(snake_case(type(loss).__name__))
    return names


def _family_from_loss(loss):
    """"binary", "sparse", "categorical" or None, read off the loss's name."""
    for name in _loss_names(loss):
        if name == "bce" or name.startswith("binary_"):
            return "binary"
        if name.startswith("sparse_categorical"):
            return "sparse"
        if name.startswith("categorical"):
            return "categorical"
    return None


def _family_from_shapes(output_shape, target_shape):
    """Keras's shape rule: one output unit means binary; integer targets (rank below the output's,
    or a last axis of 1 against several classes) mean sparse; anything else categorical."""
    output_shape = tuple(output_shape) if output_shape is not None else None
    last = output_shape[-1] if output_shape else None
    if last == 1:
        return "binary"
    if target_shape is not None and output_shape is not None:
        target_shape = tuple(target_shape)
        if len(target_shape) < len(output_shape) or (target_shape and target_shape[-1] == 1):
            return "sparse"
    return "categorical"


def _from_logits(loss):
    """Whether ``loss`` reads logits: its ``from_logits`` attribute, or that argument of the function it wraps."""
    if hasattr(loss, "from_logits"):
        return bool(loss.from_logits)
    return bool(getattr(loss, "_fn_kwargs", {}).get("from_logits", False))


def _object_name(obj):
    if hasattr(obj, "name"):
        return obj.name
    if hasattr(obj, "__name__"):
        return snake_case(obj.__name__)
    return snake_case(type(obj).__name__)


def resolve_metric(identifier, loss=None, output_shape=None, target_shape=None):
    """A Metric for one ``compile(metrics=...)`` entry of an output.

    ``loss`` is that output's loss (name, function or object); ``output_shape`` the shape
    of its predictions and ``target_shape`` (optional) the shape of its targets.
    """
    from frontend import metrics

    if identifier is None:
        raise ValueError("Expected a metric, received None")
    family = None
    if isinstance(identifier, str) and identifier.lower() in _ACCURACY + _CROSSENTROPY:
        family = _family_from_loss(loss) or _family_from_shapes(output_shape, target_shape)
    if isinstance(identifier, str) and identifier.lower() in _ACCURACY:
        classes = {"binary": metrics.BinaryAccuracy, "sparse": metrics.SparseCategoricalAccuracy,
                   "categorical": metrics.CategoricalAccuracy}
        return classes[family](name=identifier)
    if isinstance(identifier, str) and identifier.lower() in _CROSSENTROPY:
        classes = {"binary": metrics.BinaryCrossentropy, "sparse": metrics.SparseCategoricalCrossentropy,
                   "categorical": metrics.CategoricalCrossentropy}
        return classes[family](name=identifier, from_logits=_from_logits(loss))
    metric = metrics.get(identifier)
    name = identifier if isinstance(identifier, str) else _object_name(metric)
    if not isinstance(metric, metrics.Metric):
        return metrics.MeanMetricWrapper(metric, name=name)
    metric.name = name
    return metric
