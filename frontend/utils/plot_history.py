"""``plot_history``: training curves from ``fit``'s History, one panel per metric.

Not a Keras function (Keras leaves this to user code); the design is small on purpose: each
metric gets its own axes with its ``val_`` twin drawn on the same axes, epochs on x. The
figure is a pyplot-free matplotlib ``Figure``, so it works headless and leaves no global state.
"""

import math
from collections.abc import Mapping

from frontend.utils.plot_rendering import new_figure, save_figure


def _series(history):
    """``(epochs, {name: values})`` from a History object or a plain dict of lists."""
    logs = getattr(history, "history", history)
    if not isinstance(logs, Mapping):
        raise TypeError("plot_history: history must be a History object (what fit() returns) or a dict of "
                        f"per-epoch lists, received {type(history).__name__}")
    logs = {str(key): [float(v) for v in values] for key, values in logs.items() if len(values)}
    if not logs:
        raise ValueError("plot_history: the history is empty (no metric has any value); "
                         "train with model.fit() first, or pass a dict of non-empty lists")
    epochs = [int(e) + 1 for e in getattr(history, "epoch", None) or []]  # History counts from 0
    longest = max(len(values) for values in logs.values())
    if len(epochs) != longest:
        epochs = list(range(1, longest + 1))
    return epochs, logs


def _metric_names(logs):
    """Metric names without the ``val_`` prefix, loss first, then in the order they were logged."""
    names = []
    for key in logs:
        name = key[4:] if key.startswith("val_") else key
        if name not in names:
            names.append(name)
    return sorted(names, key=lambda name: name != "loss")


def _x_values(epochs, values):
    """The epochs of a series: all of them, or every k-th for one logged every k epochs
    (``validation_freq=k``), else the first ``len(values)``."""
    if len(values) == len(epochs):
        return epochs
    if len(epochs) % len(values) == 0:
        step = len(epochs) // len(values)
        return epochs[step - 1::step]
    return epochs[:len(values)]


def plot_history(history, metrics=None, to_file=None, ncols=None, figsize=None, dpi=100, title=None):
    """Plot training curves; returns the matplotlib ``Figure`` (also saved to ``to_file`` if given).

    Args:
        history: the History ``model.fit()`` returns (``.history`` and ``.epoch``), or a dict mapping
            names such as ``"loss"``/``"val_loss"`` to per-epoch values.
        metrics: names to plot (without ``val_``; each panel also draws its ``val_`` series);
            default: every metric logged, ``loss`` first.
        to_file: where to save the figure; the format comes from the extension (png if none).
        ncols: panels per row (default: up to 3).
        figsize: ``(width, height)`` in inches (default: 4.5 x 3.2 per panel).
        dpi: the figure's resolution.
        title: a title over all panels.
    """
    epochs, logs = _series(history)
    available = _metric_names(logs)
    if metrics is None:
        names = available
    else:
        names = [metrics] if isinstance(metrics, str) else list(metrics)
        unknown = [name for name in names if name not in available]
        if unknown or not names:
            raise ValueError(f"plot_history: unknown metric(s) {unknown or names}; the history has "
                             f"{available} (keys: {list(logs)})")
    ncols = ncols or min(len(names), 3)
    nrows = math.ceil(len(names) / ncols)
    figure = new_figure("plot_history", figsize=figsize or (4.5 * ncols, 3.2 * nrows), dpi=dpi)
    from matplotlib.ticker import MaxNLocator

    for index, name in enumerate(names):
        axes = figure.add_subplot(nrows, ncols, index + 1)
        for key, style in ((name, "-"), (f"val_{name}", "--")):
            if key in logs:
                axes.plot(_x_values(epochs, logs[key]), logs[key], style, marker="o", markersize=3, label=key)
        axes.set_title(name)
        axes.set_xlabel("Epoch")
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.grid(alpha=0.3)
        axes.legend()
    if title:
        figure.suptitle(title)
    figure.tight_layout()
    if to_file is not None:
        save_figure(figure, to_file, "plot_history")
    return figure
