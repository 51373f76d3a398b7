"""LoRA (low-rank adaptation) shared by Dense, EinsumDense and Embedding.

Enabling LoRA freezes the layer's base weight and adds two small trainable factors
``a`` and ``b``; the layer then uses ``base + (alpha / rank) * a @ b``. Factors are kept
in float32 so that fine-tuning in low precision neither underflows nor overflows.
"""

from frontend import initializers, ops


def check_can_enable(layer, constraint):
    """Refuse LoRA on an unbuilt layer, twice, or over a constrained base weight."""
    if constraint is not None:
        raise ValueError(
            f"Layer '{layer.name}': LoRA cannot be enabled over a constrained weight; "
            "remove the constraint argument first"
        )
    if not layer.built:
        raise ValueError(f"Layer '{layer.name}': cannot enable LoRA before the layer is built")
    if layer.lora_enabled:
        raise ValueError(f"Layer '{layer.name}': LoRA is already enabled; it can be enabled only once")


def add_factors(layer, prefix, a_shape, b_shape, regularizer, a_initializer, b_initializer):
    """Create the two float32 factors ``<prefix>_a`` and ``<prefix>_b`` on ``layer``."""
    a = layer.add_weight(name=f"{prefix}_a", shape=a_shape, initializer=initializers.get(a_initializer),
                         dtype="float32", regularizer=regularizer)
    b = layer.add_weight(name=f"{prefix}_b", shape=b_shape, initializer=initializers.get(b_initializer),
                         dtype="float32", regularizer=regularizer)
    return a, b


def merged(base, a, b, alpha, rank, dtype):
    """``base + (alpha / rank) * a @ b`` in ``dtype``."""
    delta = ops.multiply(ops.matmul(a, b), alpha / rank)
    return ops.cast(ops.add(base, delta), dtype)


class LoRAKernel:
    """Mixin for layers whose ``kernel`` becomes ``_kernel`` plus a low-rank update once LoRA is on."""

    @property
    def kernel(self):
        """The kernel in use: the variable, or the LoRA-merged tensor when LoRA is on."""
        if not self.built:
            raise AttributeError(f"Layer '{self.name}' has no kernel before it is built")
        if self.lora_enabled:
            return merged(self._kernel, self.lora_kernel_a, self.lora_kernel_b, self.lora_alpha,
                          self.lora_rank, self.compute_dtype)
        return self._kernel
