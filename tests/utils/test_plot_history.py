"""plot_history: one panel per metric with its val_ twin, saved files that open as real images, errors."""

import sys

import matplotlib.image as mpimg
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

import frontend as keras
from frontend import layers
from frontend.callbacks import History
from frontend.utils.plot_history import plot_history

LOGS = {"accuracy": [0.5, 0.625, 0.75], "loss": [1.0, 0.5, 0.25],
        "val_accuracy": [0.25, 0.5, 0.5], "val_loss": [1.5, 1.0, 0.75]}


def lines_of(axes):
    return {line.get_label(): (list(line.get_xdata()), list(line.get_ydata())) for line in axes.get_lines()}


def assert_real_image(path, width=None, height=None):
    pixels = mpimg.imread(path)
    assert pixels.ndim == 3 and pixels.shape[0] > 0 and pixels.shape[1] > 0
    assert pixels[..., :3].std() > 0.05  # not blank: curves, text and axes on white
    if width is not None:
        assert pixels.shape[:2] == (height, width)
    return pixels


def test_dict_history_one_panel_per_metric_loss_first_with_val_series(tmp_path):
    path = tmp_path / "curves.png"
    figure = plot_history(LOGS, to_file=path, dpi=50)
    titles = [axes.get_title() for axes in figure.axes]
    assert titles == ["loss", "accuracy"]
    loss, accuracy = (lines_of(axes) for axes in figure.axes)
    assert loss == {"loss": ([1, 2, 3], [1.0, 0.5, 0.25]), "val_loss": ([1, 2, 3], [1.5, 1.0, 0.75])}
    assert accuracy["val_accuracy"] == ([1, 2, 3], [0.25, 0.5, 0.5])
    assert figure.axes[0].get_xlabel() == "Epoch"
    assert [t.get_text() for t in figure.axes[0].get_legend().get_texts()] == ["loss", "val_loss"]
    assert isinstance(figure.canvas, FigureCanvasAgg)
    assert_real_image(path, width=2 * 4.5 * 50, height=3.2 * 50)


def test_history_object_from_fit_uses_its_epochs(tmp_path):
    model = keras.Sequential([keras.Input((3,)), layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse", metrics=["mae"])
    x = np.linspace(-1, 1, 24, dtype="float32").reshape(8, 3)
    history = model.fit(x, x[:, :1], epochs=3, batch_size=4, validation_data=(x, x[:, :1]), verbose=0)
    figure = plot_history(history)
    assert [axes.get_title() for axes in figure.axes] == ["loss", "mae"]
    curves = lines_of(figure.axes[0])
    assert curves["loss"] == ([1, 2, 3], pytest.approx(history.history["loss"]))
    assert curves["val_loss"][1] == pytest.approx(history.history["val_loss"])


def test_history_epochs_offset_after_initial_epoch():
    history = History()
    history.epoch = [3, 4]
    history.history = {"loss": [0.5, 0.25]}
    (axes,) = plot_history(history).axes
    assert lines_of(axes)["loss"][0] == [4, 5]


def test_metrics_selection_and_layout():
    figure = plot_history(LOGS, metrics="accuracy")
    assert [axes.get_title() for axes in figure.axes] == ["accuracy"]
    logs = {name: [1.0, 2.0] for name in ("loss", "a", "b", "c", "d")}
    figure = plot_history(logs, ncols=2, title="run 7")
    assert len(figure.axes) == 5 and figure.get_size_inches() == pytest.approx((9.0, 9.6))
    assert figure._suptitle.get_text() == "run 7"
    assert [axes.get_title() for axes in plot_history(logs, metrics=["d", "a"]).axes] == ["d", "a"]


def test_validation_every_k_epochs_lands_on_those_epochs():
    (axes,) = plot_history({"loss": [4.0, 3.0, 2.0, 1.0], "val_loss": [3.5, 1.5]}).axes
    assert lines_of(axes)["val_loss"] == ([2, 4], [3.5, 1.5])


@pytest.mark.parametrize("name, magic", [("c.svg", b"<?xml"), ("c.pdf", b"%PDF"), ("c.jpg", b"\xff\xd8")])
def test_format_follows_the_extension(tmp_path, name, magic):
    plot_history(LOGS, to_file=tmp_path / name, dpi=40)
    assert (tmp_path / name).read_bytes().startswith(magic)


def test_no_extension_writes_png_to_that_exact_name(tmp_path):
    plot_history(LOGS, to_file=tmp_path / "curves", dpi=40)
    assert (tmp_path / "curves").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not (tmp_path / "curves.png").exists()


def test_leaves_pyplot_alone():
    had_pyplot = "matplotlib.pyplot" in sys.modules
    plot_history(LOGS)
    assert had_pyplot or "matplotlib.pyplot" not in sys.modules


def test_errors():
    with pytest.raises(ValueError, match="plot_history: the history is empty"):
        plot_history({})
    with pytest.raises(ValueError, match="the history is empty"):
        plot_history(History())
    with pytest.raises(ValueError, match=r"unknown metric\(s\) \['val_loss'\].*\['loss', 'accuracy'\]"):
        plot_history(LOGS, metrics=["loss", "val_loss"])
    with pytest.raises(TypeError, match="plot_history: history must be a History object .* received list"):
        plot_history([0.5, 0.25])


def test_unknown_extension_lists_supported(tmp_path):
    with pytest.raises(ValueError, match=r"plot_history: cannot write '\.xyz' files .*png.*svg"):
        plot_history(LOGS, to_file=tmp_path / "c.xyz")
    assert not (tmp_path / "c.xyz").exists()


def test_missing_matplotlib_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(ImportError, match=r'plot_history needs matplotlib.*pip install "frontend\[plot\]"'):
        plot_history(LOGS)
