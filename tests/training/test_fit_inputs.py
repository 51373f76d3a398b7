"""fit/evaluate take every input kind, and masks reach the loss."""

import numpy as np

import frontend as keras
from frontend import layers, ops


def small_model():
    model = keras.Sequential([keras.Input((3,)), layers.Dense(1)])
    model.set_weights([np.full((3, 1), 0.5, "float32"), np.zeros(1, "float32")])
    model.compile(optimizer=keras.optimizers.SGD(0.01), loss="mse")
    return model


def data(n=48):
    rng = np.random.default_rng(3)
    x = rng.standard_normal((n, 3)).astype("float32")
    return x, x.sum(1, keepdims=True).astype("float32")


class Batches(keras.utils.PyDataset):
    def __init__(self, x, y, **kwargs):
        super().__init__(**kwargs)
        self.x, self.y = x, y

    def __len__(self):
        return len(self.x) // 16

    def __getitem__(self, index):
        part = slice(index * 16, (index + 1) * 16)
        return self.x[part], self.y[part]


def test_arrays_pydataset_and_torch_dataloader_train_identically():
    import torch

    x, y = data()
    results = []
    for source in ("arrays", "pydataset", "dataloader"):
        model = small_model()
        if source == "arrays":
            model.fit(x, y, batch_size=16, epochs=2, shuffle=False, verbose=0)
        elif source == "pydataset":
            model.fit(Batches(x, y, workers=2), epochs=2, verbose=0, shuffle=False)
        else:
            loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(torch.from_numpy(x), torch.from_numpy(y)),
                                                 batch_size=16, shuffle=False)
            model.fit(loader, epochs=2, verbose=0, shuffle=False)
        results.append(model.get_weights()[0])
    np.testing.assert_allclose(results[0], results[1], rtol=1e-5)
    np.testing.assert_allclose(results[0], results[2], rtol=1e-5)


def test_validation_data_and_freq():
    x, y = data()
    model = small_model()
    history = model.fit(x, y, batch_size=16, epochs=4, verbose=0, validation_data=(x[:16], y[:16]), validation_freq=2)
    assert len(history.history["loss"]) == 4 and len(history.history["val_loss"]) == 2


def test_progress_bar_prints_epoch_lines(capsys):
    x, y = data()
    small_model().fit(x, y, batch_size=16, epochs=2, verbose=2)
    out = capsys.readouterr().out
    assert "Epoch 1/2" in out and "Epoch 2/2" in out and "loss:" in out


def test_masked_timesteps_do_not_count_in_the_loss():
    tokens = np.array([[1, 2, 0, 0], [3, 0, 0, 0]], "int32")
    targets = np.ones((2, 4, 1), "float32")
    inputs = keras.Input((4,), dtype="int32")
    h = layers.Embedding(5, 2, mask_zero=True)(inputs)
    model = keras.Model(inputs, layers.Dense(1)(h))
    model.compile(optimizer="sgd", loss="mse")
    predictions = model.predict(tokens, verbose=0)
    mask = tokens != 0
    expected = ((predictions[..., 0] - 1.0) ** 2)[mask].mean()
    np.testing.assert_allclose(model.evaluate(tokens, targets, verbose=0), expected, rtol=1e-5)
