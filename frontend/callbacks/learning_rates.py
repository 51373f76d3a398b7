"""Reading and setting the learning rate of a model's optimizer (or of each of its optimizers)."""

from frontend.callbacks.log_values import to_python


def optimizers_of(model):
    """``[(label, optimizer)]``: the optimizer with label "", or each inner one named, for a wrapper
    with an ``optimizers`` list."""
    optimizer = getattr(model, "optimizer", None)
    if optimizer is None:
        raise ValueError("The model has no optimizer; compile it before using a learning-rate callback")
    inner = getattr(optimizer, "optimizers", None)
    if inner is not None:
        return [(getattr(opt, "name", str(i)), opt) for i, opt in enumerate(inner)]
    return [("", optimizer)]


def read_learning_rate(optimizer):
    """The optimizer's current learning rate as a Python float."""
    if not hasattr(optimizer, "learning_rate"):
        raise ValueError('Optimizer must have a "learning_rate" attribute.')
    return float(to_python(optimizer.learning_rate))


def log_learning_rates(model, logs):
    """Add ``learning_rate`` (or ``learning_rate_<name>`` per inner optimizer) to ``logs``."""
    for label, optimizer in optimizers_of(model):
        logs[f"learning_rate_{label}" if label else "learning_rate"] = read_learning_rate(optimizer)
