"""Throughput of ``model.fit`` against a hand-written loop in the same engine and Keras 3.

Run: python benchmarks/fit_vs_native.py [steps] [--models mlp,cnn,lstm]
                                        [--backends torch,jax,tensorflow] [--repeats 3]

Three models train with Adam(1e-3) and sparse categorical crossentropy on random data,
batch 128:
  mlp   Dense 784-256-256-10 (relu)
  cnn   Conv2D 32 3x3 relu, MaxPool 2, Conv2D 64 3x3 relu, MaxPool 2, Flatten, Dense 10
        on 28x28x1 (channels last; the native torch loop uses NCHW as a torch user would)
  lstm  LSTM 64 units over 32 steps of 16 features, Dense 10
The MLP runs ``steps`` steps (default 200), the CNN and the LSTM a quarter of that.

Each (backend, contender) runs in its own process, so no engine or library import leaks
into another's measurement. The contenders, on the same data and the same number of steps
after a warm-up:
  frontend  ``model.fit`` through frontend (FRONTEND_BACKEND=<backend>), one epoch
  native    a hand-written idiomatic loop (fit_bench/native_<backend>.py)
  keras     the same model through Keras 3 (KERAS_BACKEND=<backend>), when installed
The three processes of a backend stay alive while each model is timed ``--repeats`` times
per contender, the contenders taking turns, and the best run of each counts: a burst of
load from elsewhere on the machine then hurts one run, not one contender.
Prints steps per second and the ratios; targets: frontend >= 0.9x native and >= 1.0x Keras.
The machine's load still matters: compare figures from one run only.
"""

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from fit_bench import workload  # noqa: E402  (after the path set-up above)

BACKENDS = ("torch", "jax", "tensorflow")
TARGETS = {"native": 0.9, "keras": 1.0}


def contenders():
    names = ["frontend", "native"]
    if importlib.util.find_spec("keras") is not None:
        names.append("keras")
    return names


class Worker:
    """A ``fit_bench.worker`` process: one contender on one backend, asked model by model."""

    def __init__(self, contender, backend, steps):
        self.name = contender
        env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3",
                   PYTHONPATH=os.pathsep.join([HERE, os.environ.get("PYTHONPATH", "")]))
        if contender == "frontend":
            env["FRONTEND_BACKEND"] = backend
        elif contender == "keras":
            env["KERAS_BACKEND"] = backend
        self._stderr = tempfile.TemporaryFile("w+")  # a file, so a chatty engine never blocks
        self._process = subprocess.Popen(
            [sys.executable, "-m", "fit_bench.worker", contender, backend, str(steps)],
            env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr, text=True)
        self._failure = None

    def wait_ready(self):
        if self._read_line("READY") is None:
            self._failure = self._crash_report()

    def measure(self, model):
        """{"rate": steps per second} or {"error": traceback} for one timed run of ``model``."""
        if self._failure is not None:
            return {"error": self._failure}
        try:
            self._process.stdin.write(model + "\n")
            self._process.stdin.flush()
            line = self._read_line("RESULT ")
        except BrokenPipeError:  # the worker died since its last answer
            line = None
        if line is None:
            self._failure = self._crash_report()
            return {"error": self._failure}
        return json.loads(line[len("RESULT "):])

    def close(self):
        try:
            self._process.stdin.close()  # the worker's loop ends at end of input
        except BrokenPipeError:
            pass
        self._process.wait()
        self._stderr.close()

    def _read_line(self, prefix):
        """The next stdout line starting with ``prefix`` (other output is skipped); None at exit."""
        for line in self._process.stdout:
            if line.startswith(prefix):
                return line.rstrip("\n")
        return None

    def _crash_report(self):
        self._process.wait()
        self._stderr.seek(0)
        return f"worker exited with code {self._process.returncode}\n{self._stderr.read()[-4000:]}"


def measure_backend(backend, models, steps, repeats):
    """{model: {contender: best result}}, the contenders' rounds interleaved."""
    workers = [Worker(name, backend, steps) for name in contenders()]
    for worker in workers:  # all imports done before anything is timed
        worker.wait_ready()
    table = {model: {} for model in models}
    try:
        for model in models:
            for _ in range(repeats):
                for worker in workers:
                    if "error" not in table[model].get(worker.name, {}):
                        print(f"{backend} {model}: {worker.name} ...", file=sys.stderr, flush=True)
                        keep_best(table[model], worker.name, worker.measure(model))
    finally:
        for worker in workers:
            worker.close()
    return table


def keep_best(results, contender, result):
    """The fastest run counts; a failed run is reported and ends that contender's rounds."""
    best = results.get(contender)
    if best is None or "error" in result or result["rate"] > best["rate"]:
        results[contender] = result


def ratio(results, contender, baseline):
    a, b = results.get(contender, {}).get("rate"), results.get(baseline, {}).get("rate")
    if a is None or b is None:
        return "-"
    value = a / b
    return f"{value:.2f}" + ("" if value >= TARGETS[baseline] else " (miss)")


def rate(results, contender):
    if contender not in results:
        return "-"
    value = results[contender].get("rate")
    return "failed" if value is None else f"{value:.0f}"


def print_table(table, backends, models):
    print("| backend | model | frontend (steps/s) | native (steps/s) | keras (steps/s) "
          "| frontend / native | frontend / keras |")
    print("|---|---|---|---|---|---|---|")
    for backend in backends:
        for model in models:
            results = table[backend, model]
            print(f"| {backend} | {model} | {rate(results, 'frontend')} | {rate(results, 'native')} "
                  f"| {rate(results, 'keras')} | {ratio(results, 'frontend', 'native')} "
                  f"| {ratio(results, 'frontend', 'keras')} |")
    print(f"\nTargets: frontend / native >= {TARGETS['native']}, frontend / keras >= "
          f"{TARGETS['keras']}; (miss) marks a ratio below its target.")


def print_failures(table):
    for (backend, model), results in table.items():
        for contender, result in results.items():
            if "error" in result:
                print(f"\n{contender} failed on {backend} / {model}:\n{result['error']}")


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("steps", nargs="?", type=int, default=200,
                        help="steps for the MLP; the CNN and the LSTM run a quarter of them")
    parser.add_argument("--models", default=",".join(workload.MODELS),
                        help="comma-separated subset of " + ",".join(workload.MODELS))
    parser.add_argument("--backends", default=",".join(BACKENDS),
                        help="comma-separated subset of " + ",".join(BACKENDS))
    parser.add_argument("--repeats", type=int, default=3,
                        help="timed runs per contender and model, interleaved; the best counts")
    args = parser.parse_args(argv)
    args.models = args.models.split(",")
    args.backends = args.backends.split(",")
    for name, chosen, known in (("model", args.models, workload.MODELS), ("backend", args.backends, BACKENDS)):
        unknown = sorted(set(chosen) - set(known))
        if unknown:
            parser.error(f"unknown {name}(s) {', '.join(unknown)}; choose from {', '.join(known)}")
    return args


def main(argv=None):
    args = parse_args(argv)
    steps = ", ".join(f"{m} {workload.steps_for(m, args.steps)}" for m in args.models)
    print(f"batch {workload.BATCH}, timed steps: {steps}, best of {args.repeats} interleaved runs\n")
    table = {}
    for backend in args.backends:
        for model, results in measure_backend(backend, args.models, args.steps, args.repeats).items():
            table[backend, model] = results
    print_table(table, args.backends, args.models)
    print_failures(table)


if __name__ == "__main__":
    main()
