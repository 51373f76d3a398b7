"""R2Score: the coefficient of determination, 1 - residual sum of squares / total sum of squares."""

from frontend import ops
from frontend.metrics.metric import Metric
from frontend.metrics.weighting import element_count, match_rank

_AGGREGATIONS = (None, "uniform_average", "variance_weighted_average")


class R2Score(Metric):
    """R^2 per output column of 2-D ``(batch, outputs)`` data, then averaged by ``class_aggregation``.

    ``num_regressors > 0`` gives the adjusted R^2; when there are too few samples for it
    the plain R^2 is returned (decided in-graph, without a warning).
    """

    def __init__(self, class_aggregation="uniform_average", num_regressors=0, name="r2_score", dtype=None):
        super().__init__(name=name, dtype=dtype)
        self._direction = "up"
        if class_aggregation not in _AGGREGATIONS:
            raise ValueError(
                f"R2Score: class_aggregation must be one of {_AGGREGATIONS}, received {class_aggregation!r}"
            )
        if num_regressors < 0:
            raise ValueError(f"R2Score: num_regressors must be >= 0, received {num_regressors}")
        self.class_aggregation = class_aggregation
        self.num_regressors = num_regressors
        self.num_samples = self.add_variable((), "zeros", name="num_samples")
        self._built = False

    def _build(self, true_shape, pred_shape):
        if len(pred_shape) != 2 or len(true_shape) != 2 or pred_shape[-1] is None or true_shape[-1] is None:
            raise ValueError(
                "R2Score expects 2-D inputs of shape (batch_size, output_dim) with output_dim known; "
                f"received y_true.shape={true_shape} and y_pred.shape={pred_shape}"
            )
        shape = (pred_shape[-1],)
        self.squared_sum = self.add_variable(shape, "zeros", name="squared_sum")
        self.sum = self.add_variable(shape, "zeros", name="sum")
        self.total_mse = self.add_variable(shape, "zeros", name="residual")
        self.count = self.add_variable(shape, "zeros", name="count")
        self._built = True

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = ops.convert_to_tensor(y_true, self.dtype)
        y_true, y_pred = match_rank(y_true, ops.convert_to_tensor(y_pred, self.dtype))
        if not self._built:
            self._build(ops.shape(y_true), ops.shape(y_pred))
        weight = ops.convert_to_tensor(1.0 if sample_weight is None else sample_weight, self.dtype)
        if len(ops.shape(weight)) == 1:
            weight = ops.expand_dims(weight, 1)
        weight = ops.broadcast_to(weight, ops.shape(y_true))
        weighted_true = ops.multiply(y_true, weight)
        self.sum.assign_add(ops.sum(weighted_true, axis=0))
        self.squared_sum.assign_add(ops.sum(ops.multiply(y_true, weighted_true), axis=0))
        self.total_mse.assign_add(ops.sum(ops.multiply(ops.square(ops.subtract(y_true, y_pred)), weight), axis=0))
        self.count.assign_add(ops.sum(weight, axis=0))
        self.num_samples.assign_add(element_count(y_true, self.dtype))

    def result(self):
        mean = ops.divide(self.sum.value, self.count.value)
        total = ops.subtract(self.squared_sum.value, ops.multiply(self.sum.value, mean))
        scores = ops.subtract(1.0, ops.divide(self.total_mse.value, total))
        scores = ops.where(ops.isinf(scores), ops.zeros_like(scores), scores)
        if self.class_aggregation == "uniform_average":
            score = ops.mean(scores)
        elif self.class_aggregation == "variance_weighted_average":
            score = ops.divide(ops.sum(ops.multiply(total, scores)), ops.sum(total))
        else:
            score = scores
        if self.num_regressors == 0:
            return score
        n = self.num_samples.value
        denominator = ops.subtract(ops.subtract(n, float(self.num_regressors)), 1.0)
        unexplained = ops.multiply(ops.subtract(1.0, score), ops.subtract(n, 1.0))
        adjusted = ops.subtract(1.0, ops.divide(unexplained, denominator))
        return ops.where(ops.greater(denominator, 0.0), adjusted, score)

    def get_config(self):
        return {**super().get_config(), "class_aggregation": self.class_aggregation,
                "num_regressors": self.num_regressors}
