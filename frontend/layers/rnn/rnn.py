"""``RNN``: runs a cell over the time axis, with masks, direction, initial and carried states."""

from frontend import initializers, ops, regularizers, tree
from frontend.core.variable import Variable
from frontend.layers.layer import Layer
from frontend.layers.rnn import nested, time_loop
from frontend.layers.rnn.stacked_rnn_cells import StackedRNNCells

_BASE_KEYS = ("name", "trainable", "dtype", "batch_input_shape", "activity_regularizer")


class RNN(Layer):
    """Applies ``cell`` (or a stack of cells, given a list) step by step along axis 1.

    A cell has ``call(inputs_t, states) -> (output_t, new_states)`` and ``state_size``
    (an int or a list of ints), optionally ``output_size`` and ``get_initial_state``.
    ``stateful=True`` carries the final states of one call into the next, for a fixed
    batch size; they live in variables outside ``weights`` (as in Keras) and are cleared
    by ``reset_state()``.
    """

    def __init__(self, cell, return_sequences=False, return_state=False, go_backwards=False, stateful=False,
                 unroll=False, zero_output_for_mask=False, **kwargs):
        if isinstance(cell, (list, tuple)):
            cell = StackedRNNCells(cell)
        if not callable(getattr(cell, "call", None)):
            raise ValueError(f"Argument `cell` should have a `call` method. Received: cell={cell}")
        state_size = getattr(cell, "state_size", None)
        if state_size is None:
            raise ValueError(
                "The RNN cell should have a `state_size` attribute (single integer or list of integers, "
                f"one integer per RNN state). Received: cell={cell}"
            )
        if not isinstance(state_size, (list, tuple, int)):
            raise ValueError("state_size must be an integer, or a list/tuple of integers (one for each state tensor).")
        super().__init__(**kwargs)
        self.cell = cell
        self.return_sequences = return_sequences
        self.return_state = return_state
        self.go_backwards = go_backwards
        self.stateful = stateful
        self.unroll = unroll
        self.zero_output_for_mask = zero_output_for_mask
        self.supports_masking = True
        self.states = None
        self.single_state = isinstance(state_size, int)
        self.state_size = [state_size] if self.single_state else list(state_size)

    # ----- shapes and masks ------------------------------------------------------------

    def compute_output_shape(self, sequences_shape, initial_state_shape=None):
        batch_size, length = sequences_shape[0], sequences_shape[1]
        states_shape = []
        for size in self.state_size:
            if isinstance(size, int):
                states_shape.append((batch_size, size))
            else:
                states_shape.append([(batch_size, s) for s in size])
        output_size = getattr(self.cell, "output_size", None)
        if output_size is None:
            output_size = self.state_size[0]
        if not isinstance(output_size, int):
            raise ValueError(f"Layer '{self.name}': the cell's output_size must be an integer, got {output_size!r}")
        output_shape = (batch_size, length, output_size) if self.return_sequences else (batch_size, output_size)
        return (output_shape, *states_shape) if self.return_state else output_shape

    def _state_count(self):
        return len(tree.flatten(self.state_size))

    def compute_mask(self, inputs, mask):
        mask = tree.flatten(mask)[0]
        output_mask = mask if self.return_sequences else None
        if self.return_state:
            return [output_mask] + [None] * self._state_count()
        return output_mask

    # ----- weights and states ----------------------------------------------------------

    def build(self, sequences_shape, initial_state_shape=None):
        self._check_unroll(sequences_shape)
        step_shape = (sequences_shape[0],) + tuple(sequences_shape[2:])
        if isinstance(self.cell, Layer) and not self.cell.built:
            self.cell.build(step_shape)
            self.cell.built = True
        if self.stateful:
            if sequences_shape[0] is None:
                raise ValueError(
                    f"Layer '{self.name}': when using `stateful=True` in a RNN, the batch size must be static. "
                    f"Found dynamic batch size: sequence.shape={tuple(sequences_shape)}"
                )
            self._create_state_variables(sequences_shape[0])

    def _create_state_variables(self, batch_size):
        zeros = initializers.get("zeros")
        self.states = tree.map_structure(
            lambda state: Variable(zeros, shape=ops.shape(state), dtype=self.variable_dtype, trainable=False,
                                   name="rnn_state"),
            self.get_initial_state(batch_size),
        )

    def get_initial_state(self, batch_size):
        make = getattr(self.cell, "get_initial_state", None)
        if make is None:
            return [ops.zeros((batch_size, size), dtype=self.cell.compute_dtype) for size in self.state_size]
        state = make(batch_size=batch_size)
        return list(state) if tree.is_nested(state) else [state]

    def reset_state(self):
        if self.states is not None:
            for variable in tree.flatten(self.states):
                variable.assign(ops.zeros(variable.shape, dtype=variable.dtype))

    reset_states = reset_state

    # ----- calling ---------------------------------------------------------------------

    def _check_unroll(self, sequences_shape):
        if self.unroll and sequences_shape[1] is None:
            raise ValueError(
                f"Layer '{self.name}': cannot unroll a RNN if the time dimension is undefined; "
                f"received an input of shape {tuple(sequences_shape)}. Give the time dimension in the `shape` "
                "of the `Input()`."
            )

    def call(self, sequences, initial_state=None, mask=None, training=False):
        self._check_unroll(ops.shape(sequences))
        if initial_state is None:
            if self.stateful:
                # A copy, so that assigning the new states cannot disturb autograd on torch.
                initial_state = tree.map_structure(lambda v: ops.copy(v.value), self.states)
            else:
                initial_state = self.get_initial_state(ops.shape(sequences)[0])
        if self.stateful:
            self._check_stateful_batch(sequences)
        initial_state = list(initial_state) if tree.is_nested(initial_state) else [initial_state]
        dtype = getattr(self.cell, "compute_dtype", self.compute_dtype)
        initial_state = tree.map_structure(lambda s: ops.cast(s, dtype), initial_state)
        if mask is not None:
            mask = tree.flatten(mask)[0]

        cell_kwargs = {}
        if isinstance(self.cell, Layer) and self.cell._call_has_training_arg:
            cell_kwargs["training"] = training

        def step(inputs, states):
            output, new_states = self.cell(inputs, states, **cell_kwargs)
            return output, new_states if tree.is_nested(new_states) else [new_states]

        if training:
            _prepare_dropout_masks(self.cell, sequences[:, 0], initial_state)
        try:
            # A built-in cell may run the whole sequence in one fused engine call (None where it cannot).
            fused = None
            if mask is None and not self.unroll and hasattr(self.cell, "fused_sequence"):
                fused = self.cell.fused_sequence(sequences, initial_state, self.go_backwards, training)
            if fused is not None:
                last_output, outputs, states = fused
            else:
                last_output, outputs, states = time_loop.run(
                    step, sequences, initial_state, mask=mask, go_backwards=self.go_backwards, unroll=self.unroll,
                    zero_output_for_mask=self.zero_output_for_mask,
                )
        finally:
            _reset_dropout_masks(self.cell)
        if self.stateful:
            for variable, value in zip(tree.flatten(self.states), tree.flatten(states)):
                variable.assign(value)
        output = outputs if self.return_sequences else last_output
        output = ops.cast(output, self.compute_dtype)
        if self.return_state:
            return (output, *tree.map_structure(lambda s: ops.cast(s, self.compute_dtype), states))
        return output

    def _check_stateful_batch(self, sequences):
        expected = tree.flatten(self.states)[0].shape[0] if self.states else None
        actual = ops.shape(sequences)[0]
        if expected is not None and actual is not None and actual != expected:
            raise ValueError(
                f"Layer '{self.name}': if an RNN is stateful, the batch size of the input sequences must be the "
                f"same as the batch size of the initial state. Expected batch size: {expected}; "
                f"received batch size: {actual}"
            )

    # ----- configuration ---------------------------------------------------------------

    def get_config(self):
        config = super().get_config()
        config.update({
            "return_sequences": self.return_sequences,
            "return_state": self.return_state,
            "go_backwards": self.go_backwards,
            "stateful": self.stateful,
            "unroll": self.unroll,
            "zero_output_for_mask": self.zero_output_for_mask,
            "cell": nested.serialize_layer(self.cell),
        })
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        if "cell" in config:
            config["cell"] = nested.deserialize_layer(config["cell"], custom_objects)
        return super().from_config(config)


class CellLayer(RNN):
    """An RNN with a built-in cell (SimpleRNN, LSTM, GRU, ConvLSTM).

    The cell's arguments (named in ``_cell_arguments``) read through the layer as
    properties and are written flat into its config, as Keras does.
    """

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for name in cls.__dict__.get("_cell_arguments", ()):
            setattr(cls, name, property(lambda self, _name=name: getattr(self.cell, _name)))

    def get_config(self):
        config = super().get_config()
        del config["cell"]
        cell_config = self.cell.get_config()
        config.update({k: v for k, v in cell_config.items() if k not in _BASE_KEYS})
        config["activity_regularizer"] = regularizers.serialize(self._activity_regularizer)
        return config


def _prepare_dropout_masks(cell, step_input, states):
    """Draw every cell's dropout masks before the loop (the loop body must not draw)."""
    if isinstance(cell, StackedRNNCells):
        for inner, inner_states in zip(cell.cells, states):
            _prepare_dropout_masks(inner, step_input, inner_states)
            step_input = ops.zeros_like(tree.flatten(inner_states)[0])
        return
    if hasattr(cell, "get_dropout_mask"):
        cell.get_dropout_mask(step_input)
        cell.get_recurrent_dropout_mask(tree.flatten(states)[0])


def _reset_dropout_masks(cell):
    for inner in cell.cells if isinstance(cell, StackedRNNCells) else [cell]:
        if hasattr(inner, "reset_dropout_mask"):
            inner.reset_dropout_mask()
            inner.reset_recurrent_dropout_mask()
