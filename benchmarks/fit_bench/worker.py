"""One contender on one backend, run as its own process by ``fit_vs_native.py``.

    python -m fit_bench.worker CONTENDER BACKEND STEPS

CONTENDER is ``frontend``, ``native`` or ``keras``; STEPS the run's step argument (each
model scales it, see ``workload.steps_for``). The caller sets FRONTEND_BACKEND or
KERAS_BACKEND. The worker imports its engine, prints ``READY`` and then serves requests:
for each model name read from stdin it times one run of that model (building and warming
it up on the first request) and prints ``RESULT <json>`` holding either ``rate`` (steps
per second) or ``error`` (a traceback). Staying alive between requests lets the caller
interleave the contenders' rounds without paying the imports again.
"""

import importlib
import json
import sys
import traceback

from . import workload


def prepare_function(contender, backend):
    """A function (model, steps) -> timer for this contender (see ``workload.timer``)."""
    if contender == "native":
        return importlib.import_module(f"{__package__}.native_{backend}").prepare
    from . import keras_api
    keras = importlib.import_module(contender)  # "frontend" or "keras"
    return lambda model, steps: keras_api.prepare_fit(keras, model, steps)


def serve(contender, backend, steps):
    prepare = prepare_function(contender, backend)
    print("READY", flush=True)
    current, timer = None, None
    for line in sys.stdin:
        model = line.strip()
        try:
            if model != current:  # one model at a time, so memory holds one data set
                current, timer = None, None
                timer = prepare(model, workload.steps_for(model, int(steps)))
                current = model
            result = {"rate": timer()}
        except Exception:
            result = {"error": traceback.format_exc()}
        print("RESULT " + json.dumps(result), flush=True)


if __name__ == "__main__":
    serve(*sys.argv[1:])
