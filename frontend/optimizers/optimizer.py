"""``Optimizer``: the base class of every optimizer, written once against ``frontend.ops``.

All state is Variables (``iterations``, the learning rate, one slot per trainable variable
and kind) and every change goes through ``assign``, so one ``apply`` runs eagerly on
torch, inside tf.function on TensorFlow and under jax.jit in a StatelessScope. Decisions
that depend on the step (gradient accumulation, EMA overwrites) select values with
``ops.where`` instead of branching in Python.

Subclasses write their math in one of two ways: ``_update_rule`` (elementwise math on
TensorLists, run over all variables of a dtype at once: the fast path), or Keras's
``update_step(gradient, variable, learning_rate)`` (any ops, one variable at a time).
"""

import numbers
import re
import warnings

from frontend import config, initializers, ops
from frontend.core.stateless_scope import StatelessScope
from frontend.core.variable import Variable
from frontend.ops.operation import snake_case, unique_name
from frontend.ops.tensors import tensor as to_tensor
from frontend.optimizers import clipping
from frontend.optimizers import schedules
from frontend.optimizers.tensor_list import TensorList, assign_all, by_dtype, storage_lists
from frontend.saving.serialization import serialize_object


def _checked_learning_rate(value):
    if isinstance(value, schedules.LearningRateSchedule) or callable(value):
        return value
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return float(value)
    raise ValueError(
        "Argument `learning_rate` should be float, or an instance of LearningRateSchedule, or a callable "
        "(that takes in the current iteration value and returns the corresponding learning rate value). "
        f"Received instead: learning_rate={value!r}"
    )


class Optimizer:
    """Base optimizer; see the module docstring for how subclasses add their update math."""

    def __init__(self, learning_rate=0.001, weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None,
                 use_ema=False, ema_momentum=0.99, ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        if kwargs.pop("decay", None) is not None:
            warnings.warn("Argument `decay` is no longer supported and will be ignored.")
        if kwargs:
            raise ValueError(f"Argument(s) not recognized: {kwargs}")
        if gradient_accumulation_steps and not gradient_accumulation_steps >= 2:
            raise ValueError(
                "`gradient_accumulation_steps` must be an integer >= 2. "
                f"Received: gradient_accumulation_steps={gradient_accumulation_steps}"
            )
        if use_ema:
            if not 0 <= ema_momentum <= 1:
                raise ValueError(f"`ema_momentum` must be in the range [0, 1]. Received: ema_momentum={ema_momentum}")
            frequency = ema_overwrite_frequency
            if frequency and (not isinstance(frequency, int) or frequency < 1):
                raise ValueError(
                    "`ema_overwrite_frequency` must be an integer >= 1 or None. "
                    f"Received: ema_overwrite_frequency={ema_overwrite_frequency}"
                )
        if sum(a is not None for a in (clipnorm, clipvalue, global_clipnorm)) > 1:
            raise ValueError(
                "Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. Received: "
                f"clipnorm={clipnorm}, clipvalue={clipvalue}, global_clipnorm={global_clipnorm}"
            )
        self.name = name or unique_name(snake_case(type(self).__name__))
        self.weight_decay = weight_decay
        self.clipnorm = clipnorm
        self.clipvalue = clipvalue
        self.global_clipnorm = global_clipnorm
        self.use_ema = use_ema
        self.ema_momentum = ema_momentum
        self.ema_overwrite_frequency = ema_overwrite_frequency
        self.loss_scale_factor = loss_scale_factor
        self.gradient_accumulation_steps = gradient_accumulation_steps
        self.built = False
        self._variables = []
        self._trainable_variables = []
        self._trainable_variables_indices = {}
        self._exclude_from_weight_decay_ids = set()
        self._exclude_from_weight_decay_pattern = None
        self._iterations = self.add_variable((), initializer="zeros", dtype="int64", name="iteration")
        learning_rate = _checked_learning_rate(learning_rate)
        if isinstance(learning_rate, float):
            learning_rate = self.add_variable((), initializer=initializers.Constant(learning_rate),
                                              dtype=config.floatx(), name="learning_rate")
        self._learning_rate = learning_rate

    # ----- variables -------------------------------------------------------------------

    @property
    def variables(self):
        """Every optimizer Variable, in creation order (the order saved weights use)."""
        return self._variables[:]

    @property
    def iterations(self):
        """Updates applied so far: the ``iteration`` Variable, or optimizer steps // accumulation steps."""
        if self.gradient_accumulation_steps:
            return ops.floor_divide(self._iterations, self.gradient_accumulation_steps)
        return self._iterations

    def add_variable(self, shape, initializer="zeros", dtype=None, aggregation="none", layout=None, name=None):
        """A new non-trainable optimizer Variable, tracked in ``variables``; its path is ``{optimizer}/{name}``."""
        name = (name or "variable").replace("/", "_")
        variable = Variable(initializers.get(initializer), shape=tuple(shape), dtype=dtype or config.floatx(),
                            trainable=False, name=name)
        variable.path = f"{self.name}/{name}"
        self._variables.append(variable)
        return variable

    def add_variable_from_reference(self, reference_variable, name=None, initializer="zeros"):
        """A slot shaped like ``reference_variable``, named ``{its path with '_' for '/'}_{name}``."""
        reference = getattr(reference_variable, "path", None) or str(reference_variable.name)
        name = f"{reference.replace('/', '_').replace(':', '_')}_{name or 'var'}"
        return self.add_variable(reference_variable.shape, initializer=initializer, dtype=reference_variable.dtype,
                                 name=name)

    def add_optimizer_variables(self, trainable_variables, name, initializer="zeros"):
        """Slots for each trainable variable: one list per name (interleaved per variable, as Keras orders them).

        Variables updated by overwriting with their gradient get ``None`` instead of a slot.
        """
        names = [name] if isinstance(name, str) else list(name)
        inits = initializer if isinstance(initializer, (list, tuple)) else [initializer] * len(names)
        if len(names) != len(inits):
            raise ValueError(
                "The number of provided names must match the number of provided initializers. "
                f"Received name='{name}', initializer='{initializer}'"
            )
        slots = tuple([] for _ in names)
        for variable in trainable_variables:
            overwritten = _overwritten_by_gradient(variable)
            for kind, slot_name, init in zip(slots, names, inits):
                kind.append(None if overwritten else self.add_variable_from_reference(variable, slot_name, init))
        return slots[0] if isinstance(name, str) else slots

    def build(self, variables):
        """Create the optimizer's Variables for ``variables`` (subclasses add their slots after calling this)."""
        variables = list(variables)
        if self.use_ema:
            self._model_variables_moving_average = self.add_optimizer_variables(variables, "average")
        if self.gradient_accumulation_steps:
            self._accumulated_gradients = [self.add_variable_from_reference(v, "gradient_accumulator")
                                           for v in variables]
        self._trainable_variables_indices = {id(v): i for i, v in enumerate(variables)}
        self._trainable_variables = variables
        self.built = True

    def _get_variable_index(self, variable):
        return self._trainable_variables_indices[id(variable)]

    def assign(self, variable, value):
        variable.assign(value)

    def assign_add(self, variable, value):
        variable.assign_add(value)

    def assign_sub(self, variable, value):
        variable.assign_sub(value)

    # ----- learning rate ---------------------------------------------------------------

    @property
    def learning_rate(self):
        """The ``learning_rate`` Variable, or the schedule's value at the current step."""
        return self._current_learning_rate(as_variable=True)

    @learning_rate.setter
    def learning_rate(self, value):
        """A schedule or callable replaces the rate; a number is written into the ``learning_rate`` Variable."""
        previous = self._learning_rate if isinstance(self._learning_rate, Variable) else None
        if isinstance(value, schedules.LearningRateSchedule) or callable(value):
            self._learning_rate = value
            if previous is not None:
                self._variables = [v for v in self._variables if v is not previous]
        elif isinstance(self._learning_rate, schedules.LearningRateSchedule):
            raise TypeError(
                "This optimizer was created with a `LearningRateSchedule` object as its `learning_rate` "
                "constructor argument, hence its learning rate is not settable. If you need the learning rate "
                "to be settable, you should instantiate the optimizer with a float `learning_rate` argument."
            )
        elif previous is None:
            self._learning_rate = self.add_variable((), initializers.Constant(float(value)), config.floatx(),
                                                    name="learning_rate")
        else:
            previous.assign(value)

    def _current_learning_rate(self, as_variable=False):
        rate = self._learning_rate
        if isinstance(rate, schedules.LearningRateSchedule):
            return rate(self._iterations)
        if isinstance(rate, Variable):
            return rate if as_variable else rate.value
        return rate()

    # ----- applying gradients ----------------------------------------------------------

    def apply_gradients(self, grads_and_vars):
        """``apply`` for a list of (gradient, variable) pairs; returns ``iterations``."""
        pairs = list(grads_and_vars)
        if pairs:
            grads, variables = zip(*pairs)
            self.apply(grads, variables)
        return self._iterations

    def apply(self, grads, trainable_variables=None):
        """One optimizer step: update ``trainable_variables`` (default: those it was built with) from ``grads``."""
        grads = list(grads)
        if not grads:
            return
        if trainable_variables is None:
            if not self.built:
                raise ValueError(
                    "When passing `grads` without `variables`, the optimizer must already be built on a list of "
                    "variables. Call `optimizer.build(trainable_variables)` first."
                )
            variables = self._trainable_variables
        else:
            variables = list(trainable_variables)
            if not self.built:
                self.build(variables)
                self.built = True
            self._check_variables_are_known(variables)
        if len(grads) != len(variables):
            raise ValueError(
                f"Optimizer '{self.name}': received {len(grads)} gradients for {len(variables)} variables; "
                "pass one gradient per variable, in the order the optimizer was built with."
            )
        grads, variables = self._filter_empty_gradients(grads, variables)
        grads = [to_tensor(g) for g in grads]
        grads, variables = self._overwrite_variables_directly_with_gradients(grads, variables)
        if variables:
            if self.loss_scale_factor is not None:
                grads = [ops.divide(g, self.loss_scale_factor) for g in grads]
            if self.gradient_accumulation_steps:
                self._accumulate_then_update(grads, variables)
            else:
                self._update(grads, variables)
            for variable in variables:
                if getattr(variable, "constraint", None) is not None:
                    variable.assign(variable.constraint(variable))
            if self.use_ema:
                self._update_model_variables_moving_average()
        self._iterations.assign_add(1)

    def stateless_apply(self, optimizer_variables, grads, trainable_variables):
        """``apply`` as a pure function of values: returns (new trainable values, new optimizer values)."""
        if not self.built:
            raise ValueError(
                f"To call `stateless_apply`, {type(self).__name__} must be built (i.e. its variables must have "
                "been created). You can build it via `optimizer.build(trainable_variables)`."
            )
        if len(optimizer_variables) != len(self._variables):
            raise ValueError(
                "Argument `optimizer_variables` must be a list of tensors corresponding 1:1 to "
                f"{type(self).__name__}().variables. Received list with length {len(optimizer_variables)}, "
                f"but expected {len(self._variables)} variables."
            )
        if len(trainable_variables) != len(self._trainable_variables):
            raise ValueError(
                "Argument `trainable_variables` must be a list of tensors corresponding 1:1 to the trainable "
                f"variables list that the optimizer was built with. Received len(trainable_variables) == "
                f"{len(trainable_variables)} whereas the optimizer was built with "
                f"{len(self._trainable_variables)} variables."
            )
        mapping = list(zip(self._trainable_variables, trainable_variables)) + list(zip(self._variables,
                                                                                        optimizer_variables))
        with StatelessScope(mapping) as scope:
            self.apply(grads)
        return ([scope.get_current_value(v) for v in self._trainable_variables],
                [scope.get_current_value(v) for v in self._variables])

    def scale_loss(self, loss):
        """``loss * loss_scale_factor`` when a factor is set (gradients are divided by it again in ``apply``)."""
        return loss if self.loss_scale_factor is None else loss * self.loss_scale_factor

    def _check_variables_are_known(self, variables):
        for variable in variables:
            if id(variable) not in self._trainable_variables_indices:
                raise ValueError(
                    f"Unknown variable: {getattr(variable, 'path', variable)}. This optimizer can only be called "
                    "for the variables it was originally built with. When working with a new set of variables, "
                    "you should recreate a new optimizer instance."
                )

    def _filter_empty_gradients(self, grads, variables):
        kept = [(g, v) for g, v in zip(grads, variables) if g is not None]
        if not kept:
            raise ValueError("No gradients provided for any variable.")
        if len(kept) < len(grads):
            missing = [getattr(v, "path", v.name) for g, v in zip(grads, variables) if g is None]
            warnings.warn(
                f"Gradients do not exist for variables {missing} when minimizing the loss. "
                "If using `model.compile()`, did you forget to provide a `loss` argument?"
            )
        return [g for g, _ in kept], [v for _, v in kept]

    def _is_update_step(self):
        return ops.equal(ops.mod(ops.add(self._iterations, 1), self.gradient_accumulation_steps), 0)

    def _overwrite_variables_directly_with_gradients(self, grads, variables):
        """Variables flagged ``overwrite_with_gradient`` take the gradient as their new value (no optimizer math).

        With accumulation they take the running maximum of the gradients, on update steps.
        """
        kept_grads, kept_variables = [], []
        for gradient, variable in zip(grads, variables):
            if not _overwritten_by_gradient(variable):
                kept_grads.append(gradient)
                kept_variables.append(variable)
            elif self.gradient_accumulation_steps:
                accumulator = self._accumulated_gradients[self._get_variable_index(variable)]
                is_update = self._is_update_step()
                peak = ops.maximum(gradient, accumulator.value)
                variable.assign(ops.where(is_update, peak, variable.value))
                accumulator.assign(ops.where(is_update, ops.zeros_like(peak), peak))
            else:
                variable.assign(gradient)
        return kept_grads, kept_variables

    def _accumulate_then_update(self, grads, variables):
        """Add the gradients to the accumulators; on every n-th step update with their mean and reset them.

        The update is computed on every step inside a nested StatelessScope and kept only
        where the step is an update step (``ops.where``), so no Python branch sees a tensor.
        """
        steps = self.gradient_accumulation_steps
        is_update = self._is_update_step()
        accumulators = [self._accumulated_gradients[self._get_variable_index(v)] for v in variables]
        summed = [ops.add(to_tensor(g, a.dtype), a.value) for g, a in zip(grads, accumulators)]
        with StatelessScope() as scope:  # reads fall through to the enclosing state; writes are collected
            self._update([ops.divide(s, steps) for s in summed], variables)
        for variable, value in scope.collected_updates():
            variable.assign(ops.where(is_update, value, variable.value))
        for accumulator, value in zip(accumulators, summed):
            accumulator.assign(ops.where(is_update, ops.zeros_like(value), value))

    def _update(self, grads, variables):
        """Clip, decay the weights, then run the update math."""
        grads = self._clip_gradients(grads)
        self._apply_weight_decay(variables)
        self._backend_update_step(grads, variables, self._current_learning_rate())

    def _backend_update_step(self, grads, variables, learning_rate):
        if self._has_update_rule() and type(self).update_step is Optimizer.update_step:
            for positions in by_dtype(variables).values():
                self._update_group([grads[i] for i in positions], [variables[i] for i in positions], learning_rate)
        else:
            for gradient, variable in zip(grads, variables):
                self.update_step(gradient, variable, learning_rate)

    def update_step(self, gradient, variable, learning_rate):
        """Update one ``variable`` (and its slots) from its ``gradient``: the per-variable hook of Keras optimizers."""
        if not self._has_update_rule():
            raise NotImplementedError(
                f"{type(self).__name__} must implement `update_step(gradient, variable, learning_rate)`."
            )
        self._update_group([gradient], [variable], learning_rate)

    def _has_update_rule(self):
        return type(self)._update_rule is not Optimizer._update_rule

    def _slot_lists(self):
        """The per-variable slot lists ``_update_rule`` reads and writes, in the order it takes them."""
        return []

    def _update_rule(self, gradient, variable, slots, learning_rate, step):
        """New values ``(variable, slots)`` from TensorLists of one dtype.

        ``slots`` follows ``_slot_lists()``; a ``None`` among the returned slots leaves that
        slot unchanged. ``learning_rate`` and ``step`` (``iterations + 1``) are 0-d tensors
        of the variables' dtype. ``variable`` and ``slots`` are writable TensorLists (see
        ``tensor_list``): a rule may update them with the in-place methods (``lerp_``,
        ``+=``...) once it no longer needs their old values.
        """
        raise NotImplementedError

    def _update_group(self, grads, variables, learning_rate):
        dtype = variables[0].dtype
        positions = [self._get_variable_index(v) for v in variables]
        slot_lists = [[slots[i] for i in positions] for slots in self._slot_lists()]
        new_values, new_slots = self._update_rule(
            TensorList([to_tensor(g, dtype) for g in grads], dtype),
            storage_lists(variables, dtype),
            [storage_lists(slots, dtype) for slots in slot_lists],
            ops.cast(learning_rate, dtype),
            ops.add(ops.cast(self.iterations, dtype), 1.0),
        )
        assign_all(variables, new_values.tensors)
        for slots, values in zip(slot_lists, new_slots):
            if values is not None:
                assign_all(slots, values.tensors)

    # ----- gradient processing and weight decay ---------------------------------------

    def _clip_gradients(self, grads):
        if self.clipnorm and self.clipnorm > 0:
            return [clipping.clip_by_norm(g, self.clipnorm) for g in grads]
        if self.global_clipnorm and self.global_clipnorm > 0:
            return clipping.clip_by_global_norm(grads, self.global_clipnorm)
        if self.clipvalue and self.clipvalue > 0:
            return [ops.clip(g, -self.clipvalue, self.clipvalue) for g in grads]
        return grads

    def exclude_from_weight_decay(self, var_list=None, var_names=None):
        """Skip weight decay for the variables in ``var_list`` and those whose name matches any of ``var_names``.

        ``var_names`` entries are regular expressions searched in the variable name (a plain
        word such as ``"bias"`` matches names containing it). Call before the optimizer is built.
        """
        if self.built:
            raise ValueError("`exclude_from_weight_decay()` can only be configured before the optimizer is built.")
        self._exclude_from_weight_decay_ids = {id(v) for v in var_list or ()}
        self._exclude_from_weight_decay_pattern = re.compile("|".join(var_names)) if var_names else None

    def _use_weight_decay(self, variable):
        if id(variable) in self._exclude_from_weight_decay_ids:
            return False
        pattern = self._exclude_from_weight_decay_pattern
        return pattern is None or pattern.search(variable.name) is None

    def _apply_weight_decay(self, variables):
        """``variable -= variable * weight_decay * learning_rate`` (decoupled decay), before the update."""
        if self.weight_decay is None:
            return
        decayed = [v for v in variables if self._use_weight_decay(v)]
        learning_rate = self._current_learning_rate()
        for dtype, positions in by_dtype(decayed).items():
            group = [decayed[i] for i in positions]
            factor = ops.multiply(ops.cast(self.weight_decay, dtype), ops.cast(learning_rate, dtype))
            values = TensorList([v.value for v in group], dtype)
            assign_all(group, (values - values * factor).tensors)

    # ----- exponential moving average ---------------------------------------------------

    def _averaged_pairs(self):
        return [(v, a) for v, a in zip(self._trainable_variables, self._model_variables_moving_average)
                if a is not None]

    def _update_model_variables_moving_average(self):
        """``average = m * average + (1 - m) * variable``, with m = 0 on the first update (the average starts there)."""
        pairs = self._averaged_pairs()
        started = ops.not_equal(self.iterations, 0)
        variables = [v for v, _ in pairs]
        for dtype, positions in by_dtype(variables).items():
            momentum = ops.multiply(ops.cast(started, dtype), ops.cast(self.ema_momentum, dtype))
            averages = [pairs[i][1] for i in positions]
            old = TensorList([a.value for a in averages], dtype)
            current = TensorList([variables[i].value for i in positions], dtype)
            assign_all(averages, (old * momentum + current * ops.subtract(1.0, momentum)).tensors)
        if self.ema_overwrite_frequency:
            overwrite = ops.equal(ops.mod(ops.add(self.iterations, 1), self.ema_overwrite_frequency), 0)
            for variable, average in pairs:
                variable.assign(ops.where(overwrite, average.value, variable.value))

    def finalize_variable_values(self, var_list):
        """At the end of training: with ``use_ema``, replace ``var_list``'s values by their moving averages."""
        if not self.use_ema:
            return
        var_list = list(var_list)
        if len(var_list) != len(self._model_variables_moving_average):
            raise ValueError(
                f"The length of model variables ({len(var_list)}) to override does not match the length of model "
                f"variables stored in the optimizer ({len(self._model_variables_moving_average)}). Please check "
                "if the optimizer was called on your model."
            )
        for variable, average in zip(var_list, self._model_variables_moving_average):
            if average is not None:
                variable.assign(average)

    # ----- weights and config ----------------------------------------------------------

    def set_weights(self, weights):
        """Assign a list of arrays to ``variables``, in order (the optimizer must be built)."""
        if not self.built:
            raise ValueError(
                "You are calling `set_weights()` on an optimizer that has not yet been built. Please call "
                "`optimizer.build(trainable_variables)` to create the optimizer weights before calling `set_weights()`."
            )
        for variable, weight in zip(self._variables, weights):
            if tuple(variable.shape) != tuple(getattr(weight, "shape", ())):
                raise ValueError(
                    f"Optimizer variable {variable.path} has shape {variable.shape} not compatible with provided "
                    f"weight shape {tuple(getattr(weight, 'shape', ()))}."
                )
            variable.assign(weight)

    def save_own_variables(self, store):
        for i, variable in enumerate(self._variables):
            store[str(i)] = variable.numpy()

    def load_own_variables(self, store):
        if len(store.keys()) != len(self._variables):
            warnings.warn(
                f"Skipping variable loading for optimizer '{self.name}', because it has {len(self._variables)} "
                f"variables whereas the saved optimizer has {len(store.keys())} variables.",
                stacklevel=2,
            )
            return
        for i, variable in enumerate(self._variables):
            variable.assign(store[str(i)])

    def get_config(self):
        """The constructor arguments; a Variable learning rate is written as its current float value."""
        rate = self._learning_rate
        if isinstance(rate, schedules.LearningRateSchedule):
            rate = schedules.serialize(rate)
        elif isinstance(rate, Variable):
            rate = float(rate.numpy())
        else:
            rate = serialize_object(rate)
        return {
            "name": self.name,
            "learning_rate": rate,
            "weight_decay": self.weight_decay,
            "clipnorm": self.clipnorm,
            "global_clipnorm": self.global_clipnorm,
            "clipvalue": self.clipvalue,
            "use_ema": self.use_ema,
            "ema_momentum": self.ema_momentum,
            "ema_overwrite_frequency": self.ema_overwrite_frequency,
            "loss_scale_factor": self.loss_scale_factor,
            "gradient_accumulation_steps": self.gradient_accumulation_steps,
        }

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        if isinstance(config.get("learning_rate"), dict):
            config["learning_rate"] = schedules.deserialize(config["learning_rate"], custom_objects=custom_objects)
        return cls(**config)


def _overwritten_by_gradient(variable):
    return getattr(variable, "overwrite_with_gradient", False)
