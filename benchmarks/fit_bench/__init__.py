"""Pieces of ``benchmarks/fit_vs_native.py``, one module per contender.

``workload`` fixes what every contender trains (models, data, batch, steps, timing);
``keras_api`` builds and fits the models through a Keras-3-style module (frontend or
Keras itself); ``native_torch``, ``native_jax`` and ``native_tensorflow`` are the
hand-written loops; ``worker`` is what each subprocess runs.
"""
