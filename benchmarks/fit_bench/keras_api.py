"""The three models built and fitted through a Keras 3 style module.

The same code runs for ``frontend`` and for ``keras`` itself, so both contenders train
literally the same model definition with the same compile and fit arguments.
"""

from . import workload


def build(keras, model):
    layers = keras.layers
    if model == "mlp":
        stack = [layers.Dense(256, activation="relu"), layers.Dense(256, activation="relu")]
    elif model == "cnn":
        stack = [layers.Conv2D(32, 3, activation="relu"), layers.MaxPooling2D(2),
                 layers.Conv2D(64, 3, activation="relu"), layers.MaxPooling2D(2),
                 layers.Flatten()]
    elif model == "lstm":
        stack = [layers.LSTM(workload.LSTM_UNITS)]
    else:
        raise ValueError(f"unknown model {model!r}")
    net = keras.Sequential([keras.Input(workload.INPUT_SHAPES[model])] + stack
                           + [layers.Dense(workload.CLASSES)])
    net.compile(optimizer=keras.optimizers.Adam(workload.LEARNING_RATE),
                loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    return net


def prepare_fit(keras, model, steps):
    """A timer (see ``workload.timer``) of one ``fit`` epoch over ``steps`` batches."""
    x, y = workload.make_data(model, steps)
    net = build(keras, model)

    def run(n):
        n_samples = n * workload.BATCH
        net.fit(x[:n_samples], y[:n_samples], batch_size=workload.BATCH, epochs=1,
                verbose=0, shuffle=False)

    return workload.timer(run, steps)
