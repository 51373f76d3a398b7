"""``compile``, ``fit``, ``evaluate``, ``predict`` and the overridable steps, for every engine.

The steps (``train_step``, ``test_step``, ``predict_step``) and ``compute_loss`` are
written once with the stateful API: ``frontend.backend.compute_gradients`` gives the
gradients of a loss on any engine and ``optimizer.apply`` uses them. A custom training
step (a GAN, a distillation) therefore needs no engine-specific code.
``training/step_function.py`` compiles a step the way the engine wants it.
"""

import numpy as np

from frontend import ops, tree
from frontend.core.gradients import compute_gradients
from frontend.ops.operation import Operation
from frontend.training import step_function
from frontend.training.compile_utils import CompileLoss, CompileMetrics
from frontend.training.epoch_iterator import EpochIterator
from frontend.training.data_adapters import unpack_x_y_sample_weight


class Trainer:
    """Training and inference loops, mixed into ``Model``."""

    compiled = False
    optimizer = None
    stop_training = False

    @property
    def _step_functions(self):
        """Compiled steps by kind ("train", "test", "predict"); compile() starts a fresh set."""
        if "_compiled_steps" not in self.__dict__:
            self.__dict__["_compiled_steps"] = {}
        return self.__dict__["_compiled_steps"]

    def compile(self, optimizer="rmsprop", loss=None, loss_weights=None, metrics=None, weighted_metrics=None,
                run_eagerly=False, steps_per_execution=1, jit_compile="auto", auto_scale_loss=True):
        """Choose the optimizer, the loss and the metrics; nothing is traced until data arrives."""
        from frontend import metrics as metrics_module
        from frontend import optimizers

        if int(steps_per_execution) < 1:
            raise ValueError(f"compile: steps_per_execution must be >= 1, received {steps_per_execution}")
        self.optimizer = optimizers.get(optimizer)
        self._loss_spec, self._loss_weights = loss, loss_weights
        self._metrics_spec, self._weighted_metrics_spec = metrics, weighted_metrics
        self._compile_loss = self._compile_metrics = None
        self._loss_tracker = metrics_module.Mean(name="loss")
        self.run_eagerly = bool(run_eagerly)
        self.jit_compile = jit_compile
        self.steps_per_execution = int(steps_per_execution)
        self._jit = step_function.resolve_jit(jit_compile, run_eagerly)
        self.__dict__["_compiled_steps"] = {}
        self.compiled = True

    # ----- what compile() builds on first use --------------------------------------------

    @property
    def output_names(self):
        graph = getattr(self, "_graph", None)
        if graph is not None:
            if isinstance(graph.outputs_structure, dict):
                return sorted(graph.outputs_structure)
            return [t._history.operation.name for t in graph.outputs]
        return None

    def _build_compile_objects(self, y_pred, y=None):
        count = len(tree.flatten(y_pred))
        names = self.output_names
        if isinstance(y_pred, dict):
            names = sorted(y_pred)
        if names is None or len(names) != count:
            names = [f"output_{i}" for i in range(count)] if count > 1 else ["output"]
        if self._compile_loss is None and self._loss_spec is not None:
            self._compile_loss = CompileLoss(self._loss_spec, self._loss_weights, names)
        if self._compile_metrics is None:
            losses = self._compile_loss.losses if self._compile_loss is not None else [None] * len(names)
            output_shapes = [ops.shape(p) for p in tree.flatten(y_pred)]
            target_shapes = None
            if y is not None:
                targets = [t for t, _ in _pairs_or_none(y, y_pred, names)]
                target_shapes = [None if t is None else ops.shape(t) for t in targets]
            self._compile_metrics = CompileMetrics(self._metrics_spec, self._weighted_metrics_spec, names, losses,
                                                   output_shapes, target_shapes)

    def _require_compiled(self, what):
        if not self.compiled:
            raise RuntimeError(f"Model '{self.name}': call compile() before {what}()")

    @property
    def metrics(self):
        """The loss tracker, the per-output loss trackers and the compiled metrics."""
        found = []
        if getattr(self, "_loss_tracker", None) is not None:
            found.append(self._loss_tracker)
        if getattr(self, "_compile_loss", None) is not None:
            found.extend(self._compile_loss.metrics)
        if getattr(self, "_compile_metrics", None) is not None:
            found.extend(self._compile_metrics.metrics)
        return found

    @property
    def metrics_names(self):
        return [m.name for m in self.metrics]

    def reset_metrics(self):
        for metric in self.metrics:
            metric.reset_state()

    # ----- the overridable steps ---------------------------------------------------------

    def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, training=True):
        """The compiled loss plus the model's own losses (regularizers, ``add_loss``)."""
        terms = []
        if self._compile_loss is not None:
            terms.append(self._compile_loss(y, y_pred, sample_weight))
        terms.extend(self.losses)
        if not terms:
            raise ValueError(f"Model '{self.name}' has no loss: pass loss= to compile() or call add_loss()")
        total = terms[0]
        for term in terms[1:]:
            total = ops.add(total, ops.cast(term, ops.dtype(total)))
        return total

    def compute_metrics(self, x, y, y_pred, sample_weight=None):
        """Update the compiled metrics and return the logs ({name: current value})."""
        if self._compile_metrics is not None and y is not None:
            self._compile_metrics.update_state(y, y_pred, sample_weight)
        return self.get_metrics_result()

    def get_metrics_result(self):
        return {metric.name: metric.result() for metric in self.metrics}

    def train_step(self, data):
        """One optimizer step on a batch; the same code runs on every engine."""
        x, y, sample_weight = unpack_x_y_sample_weight(data)

        def loss_fn():
            y_pred = self(x, training=True)
            return self.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight, training=True), y_pred

        variables = self.trainable_variables
        (loss, y_pred), grads = compute_gradients(loss_fn, variables, has_aux=True)
        self.optimizer.apply(grads, variables)
        self._loss_tracker.update_state(loss, sample_weight=_batch_size(x))
        return self.compute_metrics(x, y, y_pred, sample_weight)

    def test_step(self, data):
        x, y, sample_weight = unpack_x_y_sample_weight(data)
        y_pred = self(x, training=False)
        loss = self.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight, training=False)
        self._loss_tracker.update_state(loss, sample_weight=_batch_size(x))
        return self.compute_metrics(x, y, y_pred, sample_weight)

    def predict_step(self, data):
        x, _, _ = unpack_x_y_sample_weight(data)
        return self(x, training=False)

    # ----- compiled steps ------------------------------------------------------------------

    def _effective_jit(self):
        """compile()'s choice, except that host layers (strings, vocabularies) force eager steps."""
        jit = getattr(self, "_jit", "auto")
        if jit is not False and any(getattr(layer, "supports_jit", True) is False for layer in self._flatten_layers()):
            return False
        return jit

    def _step_function(self, kind):
        if kind not in self._step_functions:
            step = {"train": self.train_step, "test": self.test_step, "predict": self.predict_step}[kind]
            if self.steps_per_execution > 1 and kind != "predict":
                step = _repeated(step)
            self._step_functions[kind] = step_function.make_step_function(step, self._effective_jit())
        return self._step_functions[kind]

    def _build_for(self, batch):
        """Before the first step: the loss and metric objects, which need the outputs' structure."""
        if self._compile_metrics is not None:
            return
        x, y, _ = unpack_x_y_sample_weight(batch)
        if self._loss_spec is None and not self._metrics_spec and not self._weighted_metrics_spec:
            self._compile_metrics = CompileMetrics(None, None, [], [])
            if not self.built and type(self).call is not Operation.call:
                self(x, training=False)  # a subclassed model makes its weights on the first call
            return
        self._build_compile_objects(self(x, training=False), y)

    # ----- loops -----------------------------------------------------------------------------

    def fit(self, x=None, y=None, batch_size=None, epochs=1, verbose="auto", callbacks=None, validation_split=0.0,
            validation_data=None, shuffle=True, class_weight=None, sample_weight=None, initial_epoch=0,
            steps_per_epoch=None, validation_steps=None, validation_batch_size=None, validation_freq=1):
        """Train for ``epochs`` epochs; returns the History callback."""
        from frontend.callbacks import CallbackList
        from frontend.training.data_adapters import train_validation_split

        self._require_compiled("fit")
        if validation_split and validation_data is None:
            (x, y, sample_weight), validation_data = train_validation_split((x, y, sample_weight), validation_split)
        iterator = EpochIterator(x, y, sample_weight, batch_size=batch_size, steps_per_epoch=steps_per_epoch,
                                 shuffle=shuffle, class_weight=class_weight,
                                 steps_per_execution=self.steps_per_execution)
        callbacks = CallbackList(callbacks, add_history=True, add_progbar=verbose != 0, model=self,
                                 verbose=_verbosity(verbose), epochs=epochs, steps=iterator.num_batches)
        self.stop_training = False
        self.__dict__.pop("_resume_point", None)
        callbacks.on_train_begin()
        resume = self.__dict__.pop("_resume_point", (initial_epoch, 0, {}))
        try:
            logs = self._fit_epochs(iterator, callbacks, epochs, resume, validation_data,
                                    validation_batch_size or batch_size, validation_steps, validation_freq)
        finally:
            iterator.close()
        callbacks.on_train_end(logs)
        return self.history

    def _resume_fit_at(self, epoch, step=0, logs=None):
        """Make the ``fit`` that is starting begin at ``epoch``, after that epoch's first ``step`` batches.

        For callbacks that restore an interrupted run (``BackupAndRestore``), from ``on_train_begin``;
        overrides fit's ``initial_epoch``. ``logs`` are the training logs after those ``step`` batches:
        the epoch's logs should no batch be left.
        """
        self.__dict__["_resume_point"] = (int(epoch), int(step), dict(logs or {}))

    def _fit_epochs(self, iterator, callbacks, epochs, resume, validation_data, validation_batch_size,
                    validation_steps, validation_freq):
        initial_epoch, skip, logs = resume
        train_function, validation_iterator = None, None
        for epoch in range(initial_epoch, epochs):
            self.reset_metrics()
            callbacks.on_epoch_begin(epoch)
            for step, batch in iterator.batches(skip):
                if train_function is None:
                    self._build_for(iterator.first_of(batch))
                    train_function = self._step_function("train")
                callbacks.on_train_batch_begin(step)
                logs = train_function(batch)
                callbacks.on_train_batch_end(iterator.last_step(step, batch), logs)
                if self.stop_training:
                    break
            skip = 0
            epoch_logs = _to_python(logs)
            if validation_data is not None and _should_validate(epoch, validation_freq):
                if validation_iterator is None:
                    vx, vy, vw = unpack_x_y_sample_weight(validation_data)
                    validation_iterator = EpochIterator(vx, vy, vw, batch_size=validation_batch_size,
                                                        steps_per_epoch=validation_steps, shuffle=False,
                                                        steps_per_execution=self.steps_per_execution)
                val_logs = self._evaluate_with(validation_iterator, callbacks=None)
                epoch_logs.update({f"val_{name}": value for name, value in val_logs.items()})
            callbacks.on_epoch_end(epoch, epoch_logs)
            logs = epoch_logs
            if self.stop_training:
                break
        if validation_iterator is not None:
            validation_iterator.close()
        return logs

    def evaluate(self, x=None, y=None, batch_size=None, verbose="auto", sample_weight=None, steps=None,
                 callbacks=None, return_dict=False):
        """Loss and metrics over ``x``: a scalar (loss only), a list, or a dict with return_dict."""
        from frontend.callbacks import CallbackList

        self._require_compiled("evaluate")
        iterator = EpochIterator(x, y, sample_weight, batch_size=batch_size, steps_per_epoch=steps, shuffle=False,
                                 steps_per_execution=self.steps_per_execution)
        callback_list = CallbackList(callbacks, add_progbar=verbose != 0, model=self, verbose=_verbosity(verbose),
                                     epochs=1, steps=iterator.num_batches)
        try:
            logs = self._evaluate_with(iterator, callback_list)
        finally:
            iterator.close()
        if return_dict:
            return logs
        values = [logs[name] for name in self.metrics_names if name in logs]
        return values[0] if len(values) == 1 else values

    def _evaluate_with(self, iterator, callbacks):
        self.reset_metrics()
        if callbacks is not None:
            callbacks.on_test_begin()
        logs, test_function = {}, None
        for step, batch in iterator.batches():
            if test_function is None:
                self._build_for(iterator.first_of(batch))
                test_function = self._step_function("test")
            if callbacks is not None:
                callbacks.on_test_batch_begin(step)
            logs = test_function(batch)
            if callbacks is not None:
                callbacks.on_test_batch_end(iterator.last_step(step, batch), logs)
        logs = _to_python(logs)
        if callbacks is not None:
            callbacks.on_test_end(logs)
        return logs

    def predict(self, x, batch_size=None, verbose="auto", steps=None, callbacks=None):
        """The model's outputs for all of ``x`` in inference mode, as NumPy arrays."""
        from frontend.callbacks import CallbackList

        iterator = EpochIterator(x, None, None, batch_size=batch_size, steps_per_epoch=steps, shuffle=False)
        callback_list = CallbackList(callbacks, add_progbar=verbose != 0, model=self, verbose=_verbosity(verbose),
                                     epochs=1, steps=iterator.num_batches)
        callback_list.on_predict_begin()
        if "predict" not in self._step_functions:
            self._step_functions["predict"] = step_function.make_step_function(self.predict_step, self._effective_jit())
        predict_function = self._step_functions["predict"]
        outputs = []
        try:
            for step, batch in iterator.batches():
                callback_list.on_predict_batch_begin(step)
                result = predict_function(batch)
                outputs.append(tree.map_structure(ops.convert_to_numpy, result))
                callback_list.on_predict_batch_end(step, {"outputs": result})
        finally:
            iterator.close()
        callback_list.on_predict_end()
        if not outputs:
            raise ValueError(f"Model '{self.name}'.predict: received no samples")
        return tree.map_structure(lambda *parts: np.concatenate(parts, axis=0), *outputs)

    def train_on_batch(self, x, y=None, sample_weight=None, class_weight=None, return_dict=False):
        self._require_compiled("train_on_batch")
        batch = _single_batch(x, y, sample_weight, class_weight)
        self._build_for(batch)
        logs = _to_python(self._step_function("train")(batch))
        return logs if return_dict else _as_list(logs, self.metrics_names)

    def test_on_batch(self, x, y=None, sample_weight=None, return_dict=False):
        self._require_compiled("test_on_batch")
        batch = _single_batch(x, y, sample_weight, None)
        self.reset_metrics()
        self._build_for(batch)
        logs = _to_python(self._step_function("test")(batch))
        return logs if return_dict else _as_list(logs, self.metrics_names)

    def predict_on_batch(self, x):
        return tree.map_structure(ops.convert_to_numpy, self.predict_step((x,)))


def _pairs_or_none(y, y_pred, names):
    from frontend.training.compile_utils import _pairs

    try:
        return _pairs(y, y_pred, names)
    except ValueError:
        return [(None, p) for p in tree.flatten(y_pred)]


def _repeated(step):
    """A step that runs ``step`` on each batch of a list of batches (steps_per_execution)."""

    def run(batches):
        logs = None
        for batch in batches:
            logs = step(batch)
        return logs

    return run


def _batch_size(x):
    return ops.shape(tree.flatten(x)[0])[0]


def _to_python(logs):
    """Scalars as floats; vector results (F1Score per class, counts per threshold) as NumPy arrays."""
    arrays = {name: ops.convert_to_numpy(value) for name, value in logs.items()}
    return {name: float(array) if np.ndim(array) == 0 else np.asarray(array) for name, array in arrays.items()}


def _as_list(logs, names):
    values = [logs[name] for name in names if name in logs]
    return values[0] if len(values) == 1 else values


def _verbosity(verbose):
    return 1 if verbose == "auto" else int(verbose)


def _should_validate(epoch, frequency):
    if isinstance(frequency, int):
        return (epoch + 1) % frequency == 0
    return (epoch + 1) in frequency


def _single_batch(x, y, sample_weight, class_weight):
    from frontend.training.data_adapters import class_weight_to_sample_weights, pack_x_y_sample_weight

    if class_weight is not None:
        weights = class_weight_to_sample_weights(y, class_weight)
        sample_weight = weights if sample_weight is None else np.asarray(sample_weight) * weights
    return pack_x_y_sample_weight(x, y, sample_weight)
