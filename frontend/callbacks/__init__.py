"""Callbacks: hooks into ``fit``, ``evaluate`` and ``predict`` (the Keras 3 catalog)."""

from frontend.callbacks.backup_and_restore import BackupAndRestore
from frontend.callbacks.callback import Callback
from frontend.callbacks.callback_list import CallbackList
from frontend.callbacks.csv_logger import CSVLogger
from frontend.callbacks.early_stopping import EarlyStopping
from frontend.callbacks.history import History
from frontend.callbacks.lambda_callback import LambdaCallback
from frontend.callbacks.learning_rate_scheduler import LearningRateScheduler
from frontend.callbacks.model_checkpoint import ModelCheckpoint
from frontend.callbacks.progbar_logger import ProgbarLogger
from frontend.callbacks.reduce_lr_on_plateau import ReduceLROnPlateau
from frontend.callbacks.terminate_on_nan import TerminateOnNaN

__all__ = [
    "BackupAndRestore", "CSVLogger", "Callback", "CallbackList", "EarlyStopping", "History", "LambdaCallback",
    "LearningRateScheduler", "ModelCheckpoint", "ProgbarLogger", "ReduceLROnPlateau", "TerminateOnNaN",
]
