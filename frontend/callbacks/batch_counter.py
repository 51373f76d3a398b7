"""Counting finished batches toward "every N batches", as ModelCheckpoint and BackupAndRestore save."""


class BatchCounter:
    """Says when ``frequency`` more batches have finished since the last time it said so.

    The loop may report only every few batches (steps_per_execution) and starts again at
    batch 0 each epoch; the batches in between and across epochs all count.
    """

    def __init__(self, frequency):
        self.frequency = frequency
        self.restart()

    def restart(self, batches_done=0):
        """Forget the count; ``batches_done`` batches of the current epoch have already run."""
        self.since_due = 0
        self.last_batch = batches_done - 1

    def due(self, batch):
        """Count up to ``batch`` (0-based, in its epoch); True when ``frequency`` batches are reached."""
        new_epoch = batch <= self.last_batch
        self.since_due += batch + 1 if new_epoch else batch - self.last_batch
        self.last_batch = batch
        if self.since_due >= self.frequency:
            self.since_due = 0
            return True
        return False

    def get_state(self):
        return {"batches_since_save": self.since_due, "last_batch": self.last_batch}

    def set_state(self, state):
        last_batch = state["last_batch"]
        self.since_due = int(state["batches_since_save"])
        self.last_batch = -1 if last_batch is None else int(last_batch)
