"""Intersection-over-union metrics for segmentation, from a running confusion matrix.

For a class, IoU = TP / (TP + FP + FN). The state is a ``(num_classes, num_classes)``
matrix (rows: true class, columns: predicted class), integer by default as in Keras;
classes that never occur in labels or predictions are left out of the mean.
"""

import warnings

from frontend import config, ops
from frontend.metrics.metric import Metric


class _IoUBase(Metric):
    """The running confusion matrix shared by the IoU metrics."""

    def __init__(self, num_classes, name=None, dtype=None, ignore_class=None, sparse_y_true=True,
                 sparse_y_pred=True, axis=-1):
        super().__init__(name=name, dtype=dtype or "int32")
        self._direction = "up"
        self.num_classes = num_classes
        self.ignore_class = ignore_class
        self.sparse_y_true = sparse_y_true
        self.sparse_y_pred = sparse_y_pred
        self.axis = axis
        self.total_cm = self.add_variable((num_classes, num_classes), "zeros", name="total_confusion_matrix")

    def update_state(self, y_true, y_pred, sample_weight=None):
        """Add the batch's (weighted) label/prediction pairs; out-of-range ids and ``ignore_class`` are dropped."""
        if not self.sparse_y_true:
            y_true = ops.argmax(y_true, axis=self.axis)
        if not self.sparse_y_pred:
            y_pred = ops.argmax(y_pred, axis=self.axis)
        y_true = ops.reshape(ops.convert_to_tensor(y_true, self.dtype), (-1,))
        y_pred = ops.reshape(ops.convert_to_tensor(y_pred, self.dtype), (-1,))
        if sample_weight is None:
            sample_weight = 1
        elif "float" in str(getattr(sample_weight, "dtype", "")) and "int" in self.dtype:
            warnings.warn(
                "You are passing weight as `float`, but dtype is `int`. This may result in an incorrect weight "
                "due to type casting. Consider using integer weights."
            )
        sample_weight = ops.convert_to_tensor(sample_weight, self.dtype)
        if len(ops.shape(sample_weight)) > 1:
            sample_weight = ops.reshape(sample_weight, (-1,))
        sample_weight = ops.broadcast_to(sample_weight, ops.shape(y_true))
        keep = ops.logical_and(
            ops.logical_and(ops.greater_equal(y_true, 0), ops.less(y_true, self.num_classes)),
            ops.logical_and(ops.greater_equal(y_pred, 0), ops.less(y_pred, self.num_classes)),
        )
        if self.ignore_class is not None:
            keep = ops.logical_and(keep, ops.not_equal(y_true, self.ignore_class))
        zeros = ops.zeros_like(y_true)
        pairs = ops.stack([ops.where(keep, y_true, zeros), ops.where(keep, y_pred, zeros)], axis=1)
        weights = ops.where(keep, sample_weight, ops.zeros_like(sample_weight))
        current = ops.scatter(ops.cast(pairs, "int32"), weights, (self.num_classes, self.num_classes))
        self.total_cm.assign_add(current)

    def _class_ious(self, class_ids):
        """(IoU of each class in ``class_ids``, 1.0 where the class occurred else 0.0), as floats."""
        dtype = config.floatx()
        matrix = ops.cast(self.total_cm.value, dtype)
        true_positives = ops.diagonal(matrix)
        union = ops.subtract(ops.add(ops.sum(matrix, axis=0), ops.sum(matrix, axis=1)), true_positives)
        ids = ops.convert_to_tensor(list(class_ids), "int32")
        true_positives, union = ops.take(true_positives, ids), ops.take(union, ids)
        present = ops.greater(union, 1e-9)
        iou = ops.divide(true_positives, ops.add(union, config.epsilon()))
        return ops.where(present, iou, ops.zeros_like(iou)), ops.cast(present, dtype)


class IoU(_IoUBase):
    """Mean IoU over ``target_class_ids`` (classes absent so far are left out)."""

    def __init__(self, num_classes, target_class_ids, name=None, dtype=None, ignore_class=None, sparse_y_true=True,
                 sparse_y_pred=True, axis=-1):
        super().__init__(num_classes, name=name, dtype=dtype, ignore_class=ignore_class, sparse_y_true=sparse_y_true,
                         sparse_y_pred=sparse_y_pred, axis=axis)
        if max(target_class_ids) >= num_classes:
            raise ValueError(
                f"Target class id {max(target_class_ids)} is out of range, which is [0, {num_classes})."
            )
        self.target_class_ids = list(target_class_ids)

    def result(self):
        iou, present = self._class_ious(self.target_class_ids)
        return ops.divide(ops.sum(iou), ops.add(ops.sum(present), config.epsilon()))

    def get_config(self):
        return {
            **super().get_config(),
            "num_classes": self.num_classes,
            "target_class_ids": self.target_class_ids,
            "ignore_class": self.ignore_class,
            "sparse_y_true": self.sparse_y_true,
            "sparse_y_pred": self.sparse_y_pred,
            "axis": self.axis,
        }


class BinaryIoU(IoU):
    """IoU for 0/1 labels and probabilities: predictions ``>= threshold`` count as class 1."""

    def __init__(self, target_class_ids=(0, 1), threshold=0.5, name=None, dtype=None):
        super().__init__(num_classes=2, target_class_ids=target_class_ids, name=name, dtype=dtype)
        self.threshold = threshold

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = ops.convert_to_tensor(y_true, self.dtype)
        y_pred = ops.cast(ops.greater_equal(ops.convert_to_tensor(y_pred, "float32"), self.threshold), self.dtype)
        return super().update_state(y_true, y_pred, sample_weight)

    def get_config(self):
        return {"target_class_ids": self.target_class_ids, "threshold": self.threshold, "name": self.name,
                "dtype": self.dtype}


class MeanIoU(IoU):
    """IoU averaged over all ``num_classes`` classes."""

    def __init__(self, num_classes, name=None, dtype=None, ignore_class=None, sparse_y_true=True,
                 sparse_y_pred=True, axis=-1):
        super().__init__(num_classes, list(range(num_classes)), name=name, dtype=dtype, ignore_class=ignore_class,
                         sparse_y_true=sparse_y_true, sparse_y_pred=sparse_y_pred, axis=axis)

    def get_config(self):
        config = super().get_config()
        del config["target_class_ids"]
        return config


class OneHotIoU(IoU):
    """IoU over ``target_class_ids`` for one-hot labels (and, by default, class scores as predictions)."""

    def __init__(self, num_classes, target_class_ids, name=None, dtype=None, ignore_class=None, sparse_y_pred=False,
                 axis=-1):
        super().__init__(num_classes, target_class_ids, name=name, dtype=dtype, ignore_class=ignore_class,
                         sparse_y_true=False, sparse_y_pred=sparse_y_pred, axis=axis)

    def get_config(self):
        config = super().get_config()
        del config["sparse_y_true"]
        return config


class OneHotMeanIoU(MeanIoU):
    """MeanIoU for one-hot labels (and, by default, class scores as predictions)."""

    def __init__(self, num_classes, name=None, dtype=None, ignore_class=None, sparse_y_pred=False, axis=-1):
        super().__init__(num_classes, name=name, dtype=dtype, ignore_class=ignore_class, sparse_y_true=False,
                         sparse_y_pred=sparse_y_pred, axis=axis)

    def get_config(self):
        config = super().get_config()
        del config["sparse_y_true"]
        return config
