"""``Progbar``: the progress line that ``ProgbarLogger`` draws on stdout.

Values are stored as given (possibly engine tensors) and converted only when a line is
drawn, so a redraw, not every batch, is what waits for the device. On a terminal the
line is redrawn in place at most once per ``interval`` seconds; elsewhere (a file, a
pipe, a CI log) it is written once, when the bar is finalized.
"""

import math
import os
import re
import sys
import time

import numpy as np

from frontend.callbacks.log_values import to_python

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _is_terminal():
    """Whether stdout redraws a line on "\\r": a TTY, a Jupyter kernel, or PyCharm's console."""
    if "ipykernel" in sys.modules or "PYCHARM_HOSTED" in os.environ:
        return True
    return bool(getattr(sys.stdout, "isatty", lambda: False)())


def _write(text):
    sys.stdout.write(text)
    sys.stdout.flush()


def format_value(value):
    """A metric as Keras shows it: 4 decimals, or scientific when its magnitude is at most 1e-3."""
    value = to_python(value)
    if isinstance(value, np.ndarray):
        value = float(np.mean(value))
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return str(value)
    return f"{value:.4f}" if abs(value) > 1e-3 else f"{value:.4e}"


def format_duration(seconds):
    """Remaining time: ``12s``, ``3:05`` or ``1:02:03``."""
    if seconds > 3600:
        return f"{int(seconds // 3600)}:{int(seconds % 3600 // 60):02d}:{int(seconds % 60):02d}"
    if seconds > 60:
        return f"{int(seconds // 60)}:{int(seconds % 60):02d}"
    return f"{int(seconds)}s"


def format_step_time(seconds, unit_name):
    """Time per step in the largest unit that keeps it at least 1: ``2s/step``, ``15ms/step``, ``80us/step``."""
    if seconds >= 1 or seconds == 0:
        return f"{seconds:.0f}s/{unit_name}"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.0f}ms/{unit_name}"
    return f"{seconds * 1e6:.0f}us/{unit_name}"


class Progbar:
    """A progress line for ``target`` steps (None when unknown).

    Args:
        target: number of steps, or None.
        width: characters of the bar itself.
        verbose: 1 for the live bar, 2 for one line when finalized, 0 for nothing.
        interval: least number of seconds between two redraws on a terminal.
        unit_name: what a step is called in ``ms/step``.
    """

    def __init__(self, target, width=20, verbose=1, interval=0.25, unit_name="step"):
        self.target = target
        self.width = width
        self.verbose = verbose
        self.interval = interval
        self.unit_name = unit_name
        self.terminal = _is_terminal()
        self._values = {}
        self._start = time.monotonic()
        self._after_first_step = None
        self._last_draw = None
        self._drawn_width = 0

    def update(self, current, values=None, finalize=False):
        """Record that ``current`` steps are done with ``values`` (name -> value); draw when due."""
        now = time.monotonic()
        if current == 1 and self._after_first_step is None:
            self._after_first_step = now
        if values:
            self._values.update(values)
        if self.verbose == 2 and finalize:
            _write(self._summary_line(current, now))
        elif self.verbose == 1 and (finalize or self._redraw_due(now)):
            self._draw(current, now, finalize)

    def _redraw_due(self, now):
        return self.terminal and (self._last_draw is None or now - self._last_draw >= self.interval)

    def _step_time(self, current, now):
        """Seconds per step, leaving out the first step (it usually includes compilation)."""
        if not current:
            return 0.0
        if self._after_first_step is not None and current > 1:
            return (now - self._after_first_step) / (current - 1)
        return (now - self._start) / current

    def _metrics(self):
        return "".join(f" - {name}: {format_value(value)}" for name, value in self._values.items())

    def _count(self, current):
        digits = int(math.log10(self.target)) + 1
        return f"{current:{digits}d}/{self.target}"

    def _style(self, text, code):
        return f"\x1b[{code}m{text}\x1b[0m" if self.terminal else text

    def _draw(self, current, now, finalize):
        known = self.target is not None and self.target > 0
        if known:
            done = min(int(self.width * current / self.target), self.width)
            rest_char = "━" if self.terminal else "─"
            bar = self._style(self._count(current), 1) + " "
            if done:
                bar += self._style("━" * done, 32)
            if done < self.width:
                bar += self._style(rest_char * (self.width - done), 37)
        else:
            bar = f"{current:7d}/Unknown"
        step_time = self._step_time(current, now)
        if known and not finalize:
            clock = format_duration(step_time * (self.target - current))
        else:
            clock = f"{now - self._start:.0f}s"
        line = f"{bar} {self._style(clock, 1)} {format_step_time(step_time, self.unit_name)}{self._metrics()}"
        width = len(_ANSI.sub("", line))
        if self.terminal:
            line = "\r" + line + " " * max(self._drawn_width - width, 0)
        _write(line + ("\n" if finalize else ""))
        self._drawn_width = width
        self._last_draw = now

    def _summary_line(self, current, now):
        step_time = format_step_time(self._step_time(current, now), self.unit_name)
        count = self._count(current) if self.target else f"{current}"
        return f"{count} - {now - self._start:.0f}s - {step_time}{self._metrics()}\n"
