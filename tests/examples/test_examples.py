"""The examples run as a user runs them: each script in a fresh process on the current engine.

Every example runs in smoke mode (FRONTEND_EXAMPLE_SMOKE=1: one epoch, few samples) and
must exit with 0 and print its result line. The quickstart also runs in full and must
reach its documented test accuracy. Each run gets its own working folder and
FRONTEND_HOME, so nothing is written into the repository.
"""

import importlib.util
import os
import re
import subprocess
import sys

import pytest

from frontend import backend

EXAMPLES = os.path.join(os.path.dirname(__file__), "..", "..", "examples")
OTHER_ENGINES = [engine for engine in ("torch", "jax", "tensorflow")
                 if engine != backend.backend() and importlib.util.find_spec(engine) is not None]

KEY_LINES = {
    "quickstart": r"test accuracy: \d\.\d{4}\n.*\nmodel predicts: .*\nreloaded predicts: ",
    "functional_multi_io": r"price MAE: \d+\.\d{3} \(predicting the mean: \d+\.\d{3}\)\nreturned accuracy: \d\.\d{3}",
    "custom_train_step_gan": r"generated samples within 3 std of a mode: \d+\.\d%; right mode share: \d+\.\d%",
    "text_classification": r"test accuracy: \d\.\d{4}\n(  \d\.\d\d (positive|negative): '.*'\n){4}",
    "timeseries_forecasting": r"test MAE: model \d\.\d{4}, naive last value \d\.\d{4}",
    "transfer_learning": r"3\. fine-tuned with learning rate 1e-4, digits 5-9: test accuracy \d\.\d{4}",
    "cross_backend_save_load": rf"(loaded on \w+: .*: match\n){{{len(OTHER_ENGINES)}}}"
                               rf"checked {len(OTHER_ENGINES)} other engine\(s\)",
}


def run_example(name, tmp_path, smoke):
    """Runs examples/<name>.py in a subprocess from ``tmp_path``; returns its stdout."""
    env = {**os.environ, "FRONTEND_BACKEND": backend.backend(), "FRONTEND_HOME": str(tmp_path / "home")}
    env.pop("FRONTEND_EXAMPLE_SMOKE", None)
    if smoke:
        env["FRONTEND_EXAMPLE_SMOKE"] = "1"
    script = os.path.abspath(os.path.join(EXAMPLES, f"{name}.py"))
    done = subprocess.run([sys.executable, script], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, (f"{name}.py exited with {done.returncode}:\n"
                                  f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done.stdout


def test_every_example_is_covered():
    scripts = {name[:-3] for name in os.listdir(EXAMPLES) if name.endswith(".py") and not name.startswith("_")}
    assert scripts == set(KEY_LINES)


@pytest.mark.parametrize("name", sorted(KEY_LINES))
def test_example_runs_in_smoke_mode(name, tmp_path):
    before = sorted(os.listdir(EXAMPLES))
    output = run_example(name, tmp_path, smoke=True)
    assert re.search(KEY_LINES[name], output), f"{name}.py did not print its result:\n{output[-3000:]}"
    assert sorted(os.listdir(EXAMPLES)) == before


def test_quickstart_full_run_reaches_95_percent_test_accuracy(tmp_path):
    before = sorted(os.listdir(EXAMPLES))
    output = run_example("quickstart", tmp_path, smoke=False)
    assert re.search(KEY_LINES["quickstart"], output), f"quickstart.py did not print its result:\n{output[-3000:]}"
    accuracy = float(re.search(r"test accuracy: (\d\.\d+)", output).group(1))
    assert accuracy >= 0.95
    assert "Epoch 15/15" in output
    assert sorted(os.listdir(EXAMPLES)) == before
