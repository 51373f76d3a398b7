"""``EinsumDense``: a dense layer of any dimensionality, written as an einsum equation.

The equation ``input,kernel->output`` (optionally with ``...`` leading the input and
output, or trailing them) names every axis; the kernel's shape is read off the input
shape and the requested ``output_shape``, and the bias covers the output axes named in
``bias_axes`` (and every output axis after the first of them, with size 1 where unnamed).
"""

import re

from frontend import activations, constraints, initializers, ops, regularizers
from frontend.initializers import VarianceScaling
from frontend.layers.core import lora
from frontend.layers.core.dense import check_no_quantization
from frontend.layers.input_spec import InputSpec
from frontend.layers.layer import Layer

_FORMS = (
    (re.compile(r"^([a-zA-Z]+),([a-zA-Z]+)->([a-zA-Z]+)$"), None),
    (re.compile(r"^\.\.\.([a-zA-Z]+),([a-zA-Z]+)->\.\.\.([a-zA-Z]+)$"), "left"),
    (re.compile(r"^([a-zA-Z]{2,})\.\.\.,([a-zA-Z]+)->([a-zA-Z]+)\.\.\.$"), "right"),
)


def _split_equation(equation):
    """(input labels, kernel labels, output labels, where the ellipsis is: None, 'left' or 'right')."""
    for pattern, ellipsis in _FORMS:
        match = pattern.match(equation)
        if match:
            return match.group(1), match.group(2), match.group(3), ellipsis
    raise ValueError(
        f"EinsumDense: invalid equation {equation!r}; expected the form 'ab,bc->ac', "
        "'...ab,bc->...ac' or 'ab...,bc->ac...'"
    )


def analyze_equation(equation, bias_axes, input_shape, output_shape):
    """Kernel shape, bias shape (or None), full output shape, kernel input axes, kernel output axes."""
    input_labels, kernel_labels, output_labels, ellipsis = _split_equation(equation)
    input_shape = tuple(input_shape)
    elided = len(input_shape) - len(input_labels)
    if elided < 0 or (ellipsis is None and elided):
        raise ValueError(
            f"EinsumDense: equation {equation!r} names {len(input_labels)} input axes, "
            f"received an input of shape {input_shape}"
        )
    partial = [output_shape] if isinstance(output_shape, int) else list(output_shape)
    if ellipsis == "left" and elided > 0:
        # the batch axis belongs to the ellipsis; output_shape lists the labelled axes only
        full_output = [input_shape[0], *input_shape[1:elided], *partial]
        input_axis = {label: i + elided for i, label in enumerate(input_labels)}
        output_axis = {label: i + elided for i, label in enumerate(output_labels)}
    else:
        full_output = [input_shape[0], *partial]
        full_output += input_shape[len(input_shape) - elided:]
        input_axis = {label: i for i, label in enumerate(input_labels)}
        output_axis = {label: i for i, label in enumerate(output_labels)}
    if len(full_output) != len(output_labels) + elided:
        raise ValueError(
            f"EinsumDense: output_shape={tuple(partial)} does not fit equation {equation!r} "
            f"for an input of shape {input_shape}"
        )
    for label in input_labels:
        if label not in output_axis:
            continue
        given, size = full_output[output_axis[label]], input_shape[input_axis[label]]
        if given is None:
            full_output[output_axis[label]] = size
        elif size is not None and given != size:
            raise ValueError(
                f"EinsumDense: input and output shapes differ at shared axis '{label}': input size "
                f"{size}, output size {given}"
            )
    for label in output_labels:
        if label not in input_labels and label not in kernel_labels:
            raise ValueError(
                f"EinsumDense: output axis '{label}' of {equation!r} appears in neither the input nor the kernel"
            )
    kernel_shape, kernel_input_axes, kernel_output_axes = [], [], []
    for i, label in enumerate(kernel_labels):
        if label in output_axis:
            kernel_shape.append(full_output[output_axis[label]])
            kernel_output_axes.append(i)
        elif label in input_axis:
            kernel_shape.append(input_shape[input_axis[label]])
            kernel_input_axes.append(i)
        else:
            raise ValueError(
                f"EinsumDense: kernel axis '{label}' of {equation!r} appears in neither the input nor the output"
            )
    bias_shape = None
    if bias_axes is not None:
        for label in bias_axes:
            if label not in output_labels:
                raise ValueError(f"EinsumDense: bias axis '{label}' is not an output axis of {equation!r}")
        first = min(output_labels.index(label) for label in bias_axes)
        bias_shape = [full_output[output_axis[label]] if label in bias_axes else 1 for label in output_labels[first:]]
        if ellipsis != "left":
            bias_shape += [1] * elided
    return kernel_shape, bias_shape, full_output, kernel_input_axes, kernel_output_axes


class EinsumDense(lora.LoRAKernel, Layer):
    """``activation(einsum(equation, inputs, kernel) + bias)``; see the module notes for the shapes."""

    def __init__(self, equation, output_shape, activation=None, bias_axes=None, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None, kernel_constraint=None,
                 bias_constraint=None, lora_rank=None, lora_alpha=None, quantization_config=None, **kwargs):
        super().__init__(**kwargs)
        check_no_quantization(self, quantization_config)
        _split_equation(equation)
        self.equation = equation
        self.partial_output_shape = (output_shape,) if isinstance(output_shape, int) else tuple(output_shape)
        self.bias_axes = bias_axes
        self.activation = activations.get(activation)
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.lora_rank = lora_rank
        self.lora_alpha = lora_alpha if lora_alpha is not None else lora_rank
        self.lora_enabled = False

    def _fan_aware_initializer(self, input_axes, output_axes):
        """A variance-scaling initializer told which kernel axes are fan-in and fan-out."""
        initializer = self.kernel_initializer
        if not isinstance(initializer, VarianceScaling) or (
            initializer.input_axes is not None and initializer.output_axes is not None
        ):
            return initializer
        config = {**initializer.get_config(), "seed": initializer.seed,
                  "input_axes": input_axes, "output_axes": output_axes}
        return type(initializer).from_config(config)

    def build(self, input_shape):
        kernel_shape, bias_shape, _, input_axes, output_axes = analyze_equation(
            self.equation, self.bias_axes, input_shape, self.partial_output_shape
        )
        if any(d is None for d in kernel_shape) or (bias_shape is not None and any(d is None for d in bias_shape)):
            raise ValueError(
                f"Layer '{self.name}': every kernel and bias axis of {self.equation!r} needs a known size; "
                f"received input shape {tuple(input_shape)} and output_shape={self.partial_output_shape}"
            )
        self.input_spec = InputSpec(ndim=len(input_shape))
        self._kernel = self.add_weight(name="kernel", shape=kernel_shape,
                                       initializer=self._fan_aware_initializer(input_axes, output_axes),
                                       regularizer=self.kernel_regularizer, constraint=self.kernel_constraint)
        self.bias = None
        if bias_shape is not None:
            self.bias = self.add_weight(name="bias", shape=bias_shape, initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer, constraint=self.bias_constraint)
        self.built = True
        if self.lora_rank:
            self.enable_lora(self.lora_rank, lora_alpha=self.lora_alpha)

    def enable_lora(self, rank, lora_alpha=None, a_initializer="he_uniform", b_initializer="zeros"):
        """Freeze the kernel and train a low-rank update factored on its last axis."""
        lora.check_can_enable(self, self.kernel_constraint)
        shape = tuple(self._kernel.shape)
        self.lora_kernel_a, self.lora_kernel_b = lora.add_factors(
            self, "lora_kernel", shape[:-1] + (rank,), (rank, shape[-1]), self.kernel_regularizer,
            a_initializer, b_initializer,
        )
        self._kernel.trainable = False
        self.lora_enabled = True
        self.lora_rank = rank
        self.lora_alpha = lora_alpha if lora_alpha is not None else rank

    def call(self, inputs):
        x = ops.einsum(self.equation, inputs, ops.cast(self.kernel, self.compute_dtype))
        if self.bias is not None:
            x = ops.add(x, ops.cast(self.bias, self.compute_dtype))
        return self.activation(x)

    def compute_output_shape(self, input_shape):
        return tuple(analyze_equation(self.equation, self.bias_axes, input_shape, self.partial_output_shape)[2])

    def get_config(self):
        config = {
            **super().get_config(),
            "output_shape": self.partial_output_shape,
            "equation": self.equation,
            "activation": activations.serialize(self.activation),
            "bias_axes": self.bias_axes,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "activity_regularizer": regularizers.serialize(self._activity_regularizer),
            "kernel_constraint": constraints.serialize(self.kernel_constraint),
            "bias_constraint": constraints.serialize(self.bias_constraint),
            "quantization_config": None,
        }
        if self.lora_rank:
            config["lora_rank"] = self.lora_rank
            config["lora_alpha"] = self.lora_alpha
        return config
