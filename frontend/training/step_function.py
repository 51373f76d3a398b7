"""One compiled step from a stateful step function, in the way the engine wants it.

``step(data) -> logs`` is written with the ordinary stateful API (``model.train_step``).
Before the first compiled call, the step runs once as a dry run whose updates are
dropped: that builds whatever the step creates lazily (optimizer slots, metric variables,
the weights of a custom train_step's optimizers) and, on JAX, records every variable the
step reads or writes. On JAX the dry run is only traced (abstract evaluation, with real
values for the variables it creates), which spares compiling every op once eagerly: a
small MLP's first fit went from 110 XLA compilations to 20. Every real step then runs compiled, the first one included, so a
run's numbers do not depend on which step came first (a resumed fit matches the unbroken
one): as they are where compiled functions may assign variables (tf.function,
torch.compile); on JAX as a pure function of the recorded state, whose new values are
written back. Where the engine runs "compiled" steps eagerly (torch with jit "auto"),
there is no dry run.
"""

from frontend import ops, tree
from frontend.backends import active as B
from frontend.core.stateless_scope import StatelessScope


def resolve_jit(jit_compile, run_eagerly):
    """The ``jit`` argument of ``backend.compile`` for compile()'s jit_compile/run_eagerly."""
    if run_eagerly:
        return False
    if jit_compile not in (True, False, "auto"):
        raise ValueError(f"compile: jit_compile must be True, False or 'auto', received {jit_compile!r}")
    return jit_compile


class _RecordingScope(StatelessScope):
    """Notes every variable read or assigned (the assignments are dropped with the scope)."""

    def __init__(self):
        super().__init__()
        self.seen = {}

    def get_current_value(self, variable):
        self.seen.setdefault(id(variable), variable)
        return super().get_current_value(variable)

    def add_update(self, variable, value):
        self.seen.setdefault(id(variable), variable)
        super().add_update(variable, value)


def _dry_run(step, data):
    """Run ``step`` once, dropping its updates: its logs and the variables it read or wrote.

    Where compiled steps are pure functions (JAX), the step is only traced (abstract
    evaluation: shapes, no computation) while variables created on the way get real
    values; elsewhere it runs eagerly.
    """
    scope = _RecordingScope()
    with scope:
        logs = _traced_logs(step, data) if B.compiled_steps_are_pure() else step(data)
    return logs, list(scope.seen.values())


def _traced_logs(step, data):
    """The logs of ``step(data)`` traced abstractly; only their structure is kept (values are None)."""
    leaves = tree.flatten(data)
    positions = [i for i, leaf in enumerate(leaves) if B.is_tensor(leaf)]
    specs = [(B.shape(leaves[i]), B.dtype_name(leaves[i])) for i in positions]
    traced = {}

    def run(*tensors):
        filled = list(leaves)
        for position, tensor in zip(positions, tensors):
            filled[position] = tensor
        traced["logs"] = step(tree.pack_sequence_as(data, filled))
        return tree.flatten(traced["logs"])

    B.abstract_eval(run, specs)
    return tree.map_structure(lambda _: None, traced["logs"])


def _pure_compiled(step, variables, jit, key_order):
    def pure(values, data):
        with StatelessScope(zip(variables, values)) as scope:
            logs = step(data)
        return logs, [scope.get_current_value(v) for v in variables]

    compiled = B.compile(pure, jit, donate_state=True)

    def run(data):
        values = [v.value for v in variables]
        if len({id(value) for value in values}) < len(values):  # a buffer can be donated once: copy repeats
            values = _without_repeats(values)
        logs, new_values = compiled(values, data)  # the old values are given up (donated)
        for variable, value in zip(variables, new_values):
            variable._replace_storage_value(value)
        if isinstance(logs, dict) and key_order:  # JAX returns dicts with sorted keys; keep the step's order
            logs = {key: logs[key] for key in key_order if key in logs}
        return logs

    return run


def _without_repeats(values):
    seen, unique = set(), []
    for value in values:
        unique.append(ops.copy(value) if id(value) in seen else value)
        seen.add(id(value))
    return unique


def make_step_function(step, jit):
    """A callable ``run(data) -> logs`` running ``step`` compiled per ``jit`` (True/False/"auto")."""
    if jit is False:
        return step
    state = {"compiled": None}

    def run(data):
        if state["compiled"] is None:
            compiled = B.compile(step, jit)
            if compiled is step:
                return step(data)
            logs, variables = _dry_run(step, data)
            if B.compiled_steps_are_pure():
                compiled = _pure_compiled(step, variables, jit, list(logs) if isinstance(logs, dict) else None)
            state["compiled"] = compiled
        return state["compiled"](data)

    return run
