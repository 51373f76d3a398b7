"""``Discretization``: bucket numbers by bin boundaries, given or learned as quantiles by ``adapt``."""

import numpy as np

from frontend import ops
from frontend.layers.layer import Layer
from frontend.layers.preprocessing.adapt_data import batches
from frontend.layers.preprocessing.encoding import OUTPUT_MODES, encode, encoded_shape
from frontend.ops.symbolic import SymbolicTensor


class Discretization(Layer):
    """Bucket ``i`` holds ``bin_boundaries[i - 1] <= x < bin_boundaries[i]``.

    ``adapt`` finds ``num_bins`` quantile buckets with an approximate quantile summary
    of relative error ``epsilon``, computed on the host with NumPy (the same algorithm
    as Keras, so the learned boundaries agree).
    """

    def __init__(self, bin_boundaries=None, num_bins=None, epsilon=0.01, output_mode="int", sparse=False, **kwargs):
        super().__init__(**kwargs)
        if output_mode not in OUTPUT_MODES:
            raise ValueError(f"Discretization: output_mode must be one of {OUTPUT_MODES}, received {output_mode!r}")
        if sparse:
            raise ValueError("Discretization: sparse=True is not supported")
        if num_bins is not None and num_bins < 0:
            raise ValueError(f"Discretization: num_bins must be >= 0, received num_bins={num_bins}")
        if num_bins is not None and bin_boundaries is not None:
            raise ValueError(f"Discretization: give bin_boundaries or num_bins, not both; received "
                             f"bin_boundaries={bin_boundaries} and num_bins={num_bins}")
        if num_bins is None and bin_boundaries is None:
            raise ValueError("Discretization: give either bin_boundaries or num_bins")
        self.bin_boundaries = bin_boundaries
        self.num_bins = num_bins
        self.epsilon = epsilon
        self.output_mode = output_mode
        self.sparse = sparse

    @property
    def output_dtype(self):
        return "int32" if self.output_mode == "int" else self.compute_dtype

    def adapt(self, data, steps=None):
        """Learn ``num_bins`` quantile buckets from ``data`` (array, tensor or iterable of batches)."""
        if self.num_bins is None:
            raise ValueError(f"Layer '{self.name}': adapt() needs num_bins; this layer was given bin_boundaries")
        summary = np.zeros((2, 0), "float32")
        for batch in batches(data, steps):
            summary = _merge(summary, _summarize(np.asarray(batch, "float32"), self.epsilon), self.epsilon)
        self.bin_boundaries = _compress(summary, 1.0 / self.num_bins)[0, :-1].tolist()

    def call(self, inputs):
        if self.bin_boundaries is None:
            raise ValueError(f"Layer '{self.name}': pass bin_boundaries or call adapt() before using the layer")
        indices = ops.digitize(inputs, self.bin_boundaries)
        return encode(indices, self.output_mode, len(self.bin_boundaries) + 1, self.output_dtype)

    def _depth(self):
        return len(self.bin_boundaries) + 1 if self.bin_boundaries is not None else self.num_bins

    def compute_output_shape(self, input_shape):
        return encoded_shape(input_shape, self.output_mode, self._depth())

    def compute_output_spec(self, inputs):
        return SymbolicTensor(self.compute_output_shape(inputs.shape), self.output_dtype)

    def get_config(self):
        config = super().get_config()
        config.update({"bin_boundaries": self.bin_boundaries, "num_bins": self.num_bins, "epsilon": self.epsilon,
                       "output_mode": self.output_mode, "sparse": self.sparse})
        return config

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        boundaries = config.pop("bin_boundaries", None) if config.get("num_bins") is not None else None
        layer = super().from_config(config)
        if boundaries is not None:
            layer.bin_boundaries = boundaries
        return layer


def _summarize(values, epsilon):
    """A weighted sample of the sorted values: every ``step``-th value, each weighing ``step``."""
    values = np.sort(values.reshape(-1))
    step = max(values.size / (1.0 / epsilon), 1)
    kept = values[int(step - 1)::int(step)]
    return np.stack([kept, np.full_like(kept, step)])


def _merge(first, second, epsilon):
    merged = np.concatenate((first, second), axis=1)
    return _compress(merged[:, np.argsort(merged[0])], epsilon)


def _compress(summary, epsilon):
    """Resample the summary at cumulative-weight fractions epsilon, 2 epsilon, ..., 1."""
    if summary.shape[1] * epsilon < 1:
        return summary
    fractions = epsilon + np.arange(0.0, 1.0, epsilon)
    cumulative = summary[1].cumsum()
    positions = cumulative / cumulative[-1]
    values = np.interp(fractions, positions, summary[0])
    weights = np.diff(np.interp(fractions, positions, cumulative), prepend=0.0)
    return np.stack((values, weights)).astype("float32")
