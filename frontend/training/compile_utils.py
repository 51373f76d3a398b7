"""What ``compile`` turns losses and metrics into: one callable for the total loss, and
the metrics attached to each output, with Keras's log names.

Losses and metrics are given as one object (every output), a list (by output position)
or a dict (by output name). A model with several outputs logs ``<output>_loss`` for
each and names metrics ``<output>_<metric>``, as Keras does.
"""

from frontend import losses as losses_module
from frontend import metrics as metrics_module
from frontend import ops, tree
from frontend.metrics.resolve import resolve_metric


def _per_output(spec, output_names, what):
    """``spec`` spread over the outputs: a list with one entry (or None) per output."""
    count = len(output_names)
    if isinstance(spec, dict):
        unknown = sorted(set(spec) - set(output_names))
        if unknown:
            raise ValueError(f"compile: {what} names outputs {unknown}; the model's outputs are {output_names}")
        return [spec.get(name) for name in output_names]
    if isinstance(spec, (list, tuple)) and count > 1 and len(spec) == count and what == "loss":
        return list(spec)
    if isinstance(spec, (list, tuple)) and count > 1 and what != "loss":
        if len(spec) == count and all(isinstance(s, (list, tuple, dict)) or s is None for s in spec):
            return list(spec)
        return [list(spec)] * count
    if isinstance(spec, (list, tuple)) and count > 1:
        raise ValueError(f"compile: {what} has {len(spec)} entries but the model has {count} outputs {output_names}")
    return [spec] * count


def _pairs(y_true, y_pred, output_names):
    """Targets matched to predictions, output by output."""
    predictions = tree.flatten(y_pred)
    if isinstance(y_pred, dict) and isinstance(y_true, dict):
        targets = [y_true.get(name) for name in sorted(y_pred)]
    elif isinstance(y_true, dict):
        targets = [y_true.get(name) for name in output_names]
    else:
        targets = tree.flatten(y_true) if len(predictions) > 1 else [y_true]
    if len(targets) != len(predictions):
        raise ValueError(
            f"fit: the data has {len(targets)} target(s) but the model has {len(predictions)} output(s) {output_names}"
        )
    return list(zip(targets, predictions))


class CompileLoss:
    """The total training loss: per-output losses, weighted and summed."""

    def __init__(self, loss, loss_weights, output_names):
        self.output_names = list(output_names)
        specs = _per_output(loss, self.output_names, "loss")
        self.losses = [None if s is None else _as_loss(losses_module.get(s)) for s in specs]
        weights = loss_weights if loss_weights is not None else [1.0] * len(specs)
        self.weights = _per_output(weights, self.output_names, "loss_weights") if isinstance(weights, dict) else list(
            weights if isinstance(weights, (list, tuple)) else [weights] * len(specs))
        if len(self.weights) != len(self.losses):
            raise ValueError(f"compile: loss_weights has {len(self.weights)} entries for {len(self.losses)} outputs")
        self.trackers = []
        if len(self.losses) > 1:
            self.trackers = [None if fn is None else metrics_module.Mean(name=f"{name}_loss")
                             for fn, name in zip(self.losses, self.output_names)]

    def __call__(self, y_true, y_pred, sample_weight=None):
        pairs = _pairs(y_true, y_pred, self.output_names)
        weights = _sample_weights(sample_weight, len(pairs))
        total = None
        for index, ((target, prediction), fn) in enumerate(zip(pairs, self.losses)):
            if fn is None:
                continue
            value = fn(target, prediction, sample_weight=weights[index])
            if self.trackers and self.trackers[index] is not None:
                self.trackers[index].update_state(value)
            term = ops.multiply(value, self.weights[index]) if self.weights[index] != 1 else value
            total = term if total is None else ops.add(total, term)
        if total is None:
            raise ValueError("compile: no loss applies to any output of the model")
        return total

    @property
    def metrics(self):
        return [t for t in self.trackers if t is not None]


def _as_loss(loss):
    """A Loss object (functions are wrapped so they take sample weights and reduce like Keras)."""
    if isinstance(loss, losses_module.Loss):
        return loss
    return losses_module.LossFunctionWrapper(loss, name=getattr(loss, "__name__", None))


def _sample_weights(sample_weight, count):
    if sample_weight is None:
        return [None] * count
    flat = tree.flatten(sample_weight) if isinstance(sample_weight, (list, tuple, dict)) else [sample_weight]
    return flat if len(flat) == count else [sample_weight] * count


class CompileMetrics:
    """Metrics per output, built once the loss and output shapes are known."""

    def __init__(self, metrics, weighted_metrics, output_names, losses, output_shapes=None, target_shapes=None):
        self.output_names = list(output_names)
        count = len(self.output_names)
        self._shapes = list(zip(output_shapes or [None] * count, target_shapes or [None] * count))
        self.metrics_per_output = self._build(metrics, losses, weighted=False)
        self.weighted_per_output = self._build(weighted_metrics, losses, weighted=True)

    def _build(self, spec, losses, weighted):
        if not spec:
            return [[] for _ in self.output_names]
        per_output = _per_output(spec, self.output_names, "weighted_metrics" if weighted else "metrics")
        built = []
        for name, entries, loss, (output_shape, target_shape) in zip(self.output_names, per_output, losses,
                                                                      self._shapes):
            entries = [] if entries is None else entries if isinstance(entries, (list, tuple)) else [entries]
            objects = [resolve_metric(entry, loss, output_shape=output_shape, target_shape=target_shape)
                       for entry in entries]
            for metric in objects:
                if len(self.output_names) > 1:
                    metric.name = f"{name}_{metric.name}"
                if weighted and any(metric.name == m.name for ms in getattr(self, "metrics_per_output", []) for m in ms):
                    metric.name = f"weighted_{metric.name}"
            built.append(objects)
        return built

    def update_state(self, y_true, y_pred, sample_weight=None):
        pairs = _pairs(y_true, y_pred, self.output_names)
        weights = _sample_weights(sample_weight, len(pairs))
        for (target, prediction), plain, weighted, weight in zip(
                pairs, self.metrics_per_output, self.weighted_per_output, weights):
            for metric in plain:
                metric.update_state(target, prediction)
            for metric in weighted:
                metric.update_state(target, prediction, sample_weight=weight)

    @property
    def metrics(self):
        return [m for group in self.metrics_per_output + self.weighted_per_output for m in group]
