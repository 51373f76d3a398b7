"""``LambdaCallback``: a callback made of plain functions."""

from frontend.callbacks.callback import Callback

_HOOKS = tuple(name for name in vars(Callback) if name.startswith("on_"))


class LambdaCallback(Callback):
    """Each given function replaces the hook of the same name.

    Epoch hooks are called as ``f(epoch, logs)``, begin/end hooks as ``f(logs)`` and batch
    hooks as ``f(batch, logs=logs)``. Any hook can be given by keyword, e.g.
    ``on_test_end=...``; an unknown name is an error.
    """

    def __init__(
        self,
        on_epoch_begin=None,
        on_epoch_end=None,
        on_train_begin=None,
        on_train_end=None,
        on_train_batch_begin=None,
        on_train_batch_end=None,
        **kwargs,
    ):
        super().__init__()
        unknown = sorted(set(kwargs) - set(_HOOKS))
        if unknown:
            raise ValueError(f"LambdaCallback: unknown hook name(s) {unknown}; the hooks are: {', '.join(_HOOKS)}")
        hooks = dict(
            kwargs,
            on_epoch_begin=on_epoch_begin,
            on_epoch_end=on_epoch_end,
            on_train_begin=on_train_begin,
            on_train_end=on_train_end,
            on_train_batch_begin=on_train_batch_begin,
            on_train_batch_end=on_train_batch_end,
        )
        for name, function in hooks.items():
            if function is not None:
                setattr(self, name, function)
