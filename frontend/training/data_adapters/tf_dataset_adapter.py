"""Batches from a ``tf.data.Dataset``, used without importing TensorFlow here."""

from frontend import tree
from frontend.training.data_adapters import data_adapter_utils
from frontend.training.data_adapters.data_adapter import DataAdapter

_DATASET_CLASSES = ("DatasetV2", "DistributedDataset", "DistributedDatasetsFromFunction")


def is_tf_dataset(x):
    return data_adapter_utils.is_foreign_instance(x, "tensorflow", _DATASET_CLASSES, "tensorflow.python.")


class TFDatasetAdapter(DataAdapter):
    """Iterates the dataset once per pass; its tensors come out as NumPy arrays (as TensorFlow
    tensors on the tensorflow backend). ``class_weight`` adds per-sample weights to ``(x, y)``
    elements, computed on the host."""

    def __init__(self, dataset, class_weight=None, steps=None):
        super().__init__(steps)
        if not is_tf_dataset(dataset):
            raise ValueError(f"Expected a tf.data.Dataset, received {type(dataset).__name__}")
        self._dataset = dataset
        self._class_weight = class_weight
        cardinality = dataset.cardinality
        cardinality = int(cardinality() if callable(cardinality) else cardinality)
        self._cardinality = cardinality if cardinality >= 0 else None  # -1 infinite, -2 unknown

    def _iterate(self):
        for batch in self._dataset:
            batch = tree.map_structure(data_adapter_utils.to_host, batch)
            yield batch if self._class_weight is None else self._add_class_weights(batch)

    def _add_class_weights(self, batch):
        x, y, sample_weight = data_adapter_utils.unpack_x_y_sample_weight(batch)
        if sample_weight is not None:
            raise ValueError("You cannot use `class_weight` and `sample_weight` at the same time.")
        if tree.is_nested(y):
            raise ValueError("`class_weight` is only supported for models with a single output.")
        return x, y, data_adapter_utils.class_weight_to_sample_weights(y, self._class_weight)

    def _pass_length(self):
        return self._cardinality

    @property
    def batch_size(self):
        dimension = tree.flatten(self._dataset.element_spec)[0].shape[0]
        return None if dimension is None else int(dimension)
