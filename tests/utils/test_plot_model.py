"""plot_model / model_to_dot: boxes, labels and arrows of real models, drawn with or without graphviz."""

import re
import shutil
import sys
import types

import matplotlib.image as mpimg
import numpy as np
import pydot
import pytest
from PIL import Image

import frontend as keras
from frontend import layers
from frontend.utils.model_visualization import layer_graph, model_to_dot, plot_model


def branch_model():
    """x -> trunk -> (left, right) -> merge -> head, then an ops call (x * 2)."""
    x = keras.Input((6,), name="x")
    trunk = layers.Dense(8, activation="relu", name="trunk")(x)
    left = layers.Dense(4, name="left")(trunk)
    right = layers.Dense(4, activation="tanh", name="right")(trunk)
    merged = layers.Add(name="merge")([left, right])
    head = layers.Dense(2, name="head")(merged)
    return keras.Model(x, head * 2.0, name="branchy")


def nested_model():
    """x -> seq (Sequential: s1, s2) -> inner (Functional: inner_in -> inner_dense) -> out."""
    inner_in = keras.Input((4,), name="inner_in")
    inner = keras.Model(inner_in, layers.Dense(3, name="inner_dense")(inner_in), name="inner")
    seq = keras.Sequential([layers.Dense(5, name="s1"), layers.Dense(4, name="s2")], name="seq")
    x = keras.Input((6,), name="x")
    return keras.Model(x, layers.Dense(2, name="out")(inner(seq(x))), name="outer")


def chain(n, name="chain"):
    return keras.Sequential([keras.Input((3,))] + [layers.Dense(3, name=f"d{i}") for i in range(n)], name=name)


def parse(source):
    """``({title: label text}, {(source title, destination title)})`` from DOT source."""
    labels = dict(re.findall(r"^(n\d+) \[label=(<.*>)\];$", source, re.M))
    titles = {key: re.search(r"<b>(.*?)</b>", label).group(1) for key, label in labels.items()}
    edges = {(titles[a], titles[b]) for a, b in re.findall(r"^(n\d+) -> (n\d+);$", source, re.M)}
    return {titles[key]: label for key, label in labels.items()}, edges


def assert_real_image(path):
    pixels = mpimg.imread(path)
    assert pixels.ndim == 3 and pixels.shape[0] > 0 and pixels.shape[1] > 0
    assert pixels[..., :3].std() > 0.1  # black title bands and text on white
    return pixels.shape[:2]


@pytest.fixture
def no_graphviz(monkeypatch):
    """As on a machine without graphviz's ``dot`` program: plot_model draws with matplotlib."""
    monkeypatch.setattr(shutil, "which", lambda name: None)


def test_functional_branch_and_merge_edges():
    labels, edges = parse(model_to_dot(branch_model()).to_string())
    multiply = next(title for title in labels if title.endswith("(Multiply)"))  # the ops call, auto-named
    assert set(labels) == {"x (InputLayer)", "trunk (Dense)", "left (Dense)", "right (Dense)", "merge (Add)",
                           "head (Dense)", multiply}
    assert {(a.split(" ")[0], b.split(" ")[0]) for a, b in edges} == {
        ("x", "trunk"), ("trunk", "left"), ("trunk", "right"), ("left", "merge"), ("right", "merge"),
        ("merge", "head"), ("head", multiply.split(" ")[0])}


def test_labels_show_what_is_asked():
    model = branch_model()
    model.get_layer("left").trainable = False
    source = model_to_dot(model, show_layer_names=False).to_string()
    assert "<b>Dense</b>" in source and "trunk" not in source and "Output shape" not in source
    labels, _ = parse(model_to_dot(model, show_shapes=True, show_dtype=True, show_layer_activations=True,
                                   show_trainable=True).to_string())
    trunk = labels["trunk (Dense)"]
    for row in ("Activation: relu", "Input shape: (None, 6)", "Output shape: (None, 8)", "Output dtype: float32",
                "Trainable"):
        assert f"<td>{row}</td>" in trunk
    assert "<td>Non-trainable</td>" in labels["left (Dense)"]
    assert "<td>Activation: tanh</td>" in labels["right (Dense)"]
    assert "Input shape: [(None, 4), (None, 4)]" in labels["merge (Add)"]
    assert "Activation" not in labels["merge (Add)"]  # no activation attribute, no row
    inputs = labels["x (InputLayer)"]
    assert "Output shape: (None, 6)" in inputs and "Input shape" not in inputs and "rainable" not in inputs


def test_sequential_has_no_input_box_and_chains_its_layers():
    labels, edges = parse(model_to_dot(chain(3)).to_string())
    assert set(labels) == {"d0 (Dense)", "d1 (Dense)", "d2 (Dense)"}
    assert edges == {("d0 (Dense)", "d1 (Dense)"), ("d1 (Dense)", "d2 (Dense)")}


def test_nested_models_collapsed_and_expanded():
    model = nested_model()
    source = model_to_dot(model).to_string()
    labels, edges = parse(source)
    assert "subgraph" not in source and "s1" not in source
    assert edges == {("x (InputLayer)", "seq (Sequential)"), ("seq (Sequential)", "inner (Functional)"),
                     ("inner (Functional)", "out (Dense)")}
    source = model_to_dot(model, expand_nested=True).to_string()
    labels, edges = parse(source)
    assert re.search(r"subgraph cluster_c0 \{\nlabel=seq;.*?n1 \[.*?s1 \(Dense\).*?\}", source, re.S)
    assert re.search(r"subgraph cluster_c1 \{\nlabel=inner;.*?inner_in \(InputLayer\).*?\}", source, re.S)
    assert "seq (Sequential)" not in labels and "inner (Functional)" not in labels
    assert edges == {("x (InputLayer)", "s1 (Dense)"), ("s1 (Dense)", "s2 (Dense)"),
                     ("s2 (Dense)", "inner_in (InputLayer)"), ("inner_in (InputLayer)", "inner_dense (Dense)"),
                     ("inner_dense (Dense)", "out (Dense)")}


def test_subclassed_model_is_one_box_and_unbuilt_models_are_refused():
    class TwoLayers(keras.Model):
        def __init__(self):
            super().__init__(name="two")
            self.first, self.second = layers.Dense(3), layers.Dense(1)

        def call(self, x):
            return self.second(self.first(x))

    model = TwoLayers()
    with pytest.raises(ValueError, match="Model 'two' has not been built yet.*calling build"):
        model_to_dot(model)
    model(np.ones((2, 4), "float32"))
    graph = layer_graph(model, show_shapes=True)
    assert [(node.title, node.details) for node in graph.nodes] == [
        ("two (TwoLayers)", ["Input shape: ?", "Output shape: ?"])]
    assert graph.edges == []
    with pytest.raises(ValueError, match="has not been built yet"):
        plot_model(keras.Sequential([layers.Dense(2)], name="lazy"), to_file="never.png")


@pytest.mark.filterwarnings("ignore:'setParseAction' deprecated")  # inside pydot's parser, not ours
def test_dot_file_is_the_dot_source(tmp_path):
    path = tmp_path / "model.dot"
    assert plot_model(branch_model(), to_file=path, show_shapes=True, rankdir="LR") is None
    text = path.read_text()
    assert text.startswith("digraph G {") and "rankdir=LR;" in text and "dpi=200;" in text
    assert "<b>Dense</b>" in text and "trunk" not in text  # plot_model hides layer names by default
    assert len(re.findall(r"^n\d+ -> n\d+;$", text, re.M)) == 7
    assert "<td>Output shape: (None, 2)</td>" in text
    (parsed,) = pydot.graph_from_dot_data(text)  # well-formed DOT, as graphviz would read it
    assert len(parsed.get_edges()) == 7 and parsed.get_rankdir() == "LR"


def test_matplotlib_drawing_is_a_real_image_shaped_by_rankdir(tmp_path, no_graphviz):
    def drawn(model, name, **options):
        assert plot_model(model, tmp_path / name, **options) is None  # no IPython here
        return assert_real_image(tmp_path / name)

    tall = drawn(branch_model(), "tb.png", show_shapes=True, dpi=40)
    wide = drawn(branch_model(), "lr.png", rankdir="LR", dpi=40)
    assert tall[0] > tall[1] and wide[1] > wide[0]
    short, long = drawn(chain(2), "c2.png", dpi=40), drawn(chain(5), "c5.png", dpi=40)
    assert long[0] > short[0] + 100 and long[1] == short[1]
    assert drawn(chain(2), "c2x2.png", dpi=80) == pytest.approx((2 * short[0], 2 * short[1]), abs=2)


def test_matplotlib_drawing_of_nested_frames_and_branches(no_graphviz):
    graph = layer_graph(nested_model(), show_layer_names=True, expand_nested=True)
    from frontend.utils.plot_rendering import draw_graph

    figure = draw_graph(graph, dpi=40)
    texts = [text.get_text() for text in figure.axes[0].texts]
    assert {"seq", "inner", "s1 (Dense)", "inner_in (InputLayer)", "out (Dense)"} <= set(texts)
    assert len(figure.axes[0].patches) == 2 + 2 * 6 + 5  # two frames, box and title band per layer, 5 arrows


def test_long_edges_route_around_the_ranks_between():
    from frontend.utils.plot_rendering import layout

    x = keras.Input((4,), name="x")
    deep = layers.Dense(4, name="b")(layers.Dense(4, name="a")(x))
    model = keras.Model(x, layers.Add(name="skip")([x, deep]))
    graph = layer_graph(model)
    boxes, waypoints, _ = layout(graph, "TB")
    key = {node.title.split(" ")[0]: node.key for node in graph.nodes}
    route = waypoints[key["x"], key["skip"]]
    assert len(route) == 4  # through the ranks of a and b: in and out of each
    for px, py in route:
        for name in ("a", "b"):
            x0, y0, w, h = boxes[key[name]]
            assert not (x0 <= px <= x0 + w and y0 <= py <= y0 + h)


@pytest.mark.parametrize("name, magic", [("m.svg", b"<?xml"), ("m.pdf", b"%PDF")])
def test_vector_formats(tmp_path, no_graphviz, name, magic):
    plot_model(chain(2), tmp_path / name, show_layer_names=True)
    data = (tmp_path / name).read_bytes()
    assert data.startswith(magic)
    if name.endswith("svg"):
        assert b"d0 (Dense)" in data or b"<path" in data


def test_jpg_and_no_extension(tmp_path, no_graphviz):
    plot_model(chain(2), tmp_path / "m.jpg", dpi=40)
    with Image.open(tmp_path / "m.jpg") as image:
        assert image.format == "JPEG" and image.size[0] > 0
        assert np.asarray(image).std() > 10
    plot_model(chain(2), tmp_path / "model", dpi=40)
    with Image.open(tmp_path / "model") as image:
        assert image.format == "PNG"


def test_argument_errors(tmp_path, no_graphviz):
    model = chain(1)
    with pytest.raises(ValueError, match=r"plot_model: rankdir must be one of \('TB', 'LR', 'BT', 'RL'\), "
                                         r"received 'XY'"):
        plot_model(model, tmp_path / "m.png", rankdir="XY")
    with pytest.raises(ValueError, match="layer_range argument is no longer supported"):
        model_to_dot(model, layer_range=["d0", "d0"])
    with pytest.raises(ValueError, match=r"model_to_dot: unrecognized keyword arguments \['colour'\]"):
        model_to_dot(model, colour="red")
    with pytest.raises(ValueError, match=r"plot_model: cannot write '\.xyz' files.*png"):
        plot_model(model, tmp_path / "m.xyz")


def test_missing_packages_name_the_extra(tmp_path, monkeypatch, no_graphviz):
    monkeypatch.setitem(sys.modules, "pydot", None)
    with pytest.raises(ImportError, match=r'model_to_dot needs pydot.*pip install "frontend\[plot\]"'):
        model_to_dot(chain(1))
    plot_model(chain(1), tmp_path / "m.png", dpi=40)  # drawing without graphviz needs no pydot
    assert_real_image(tmp_path / "m.png")
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(ImportError, match=r'plot_model needs matplotlib.*pip install "frontend\[plot\]"'):
        plot_model(chain(1), tmp_path / "m2.png")


def test_returns_a_notebook_image_where_ipython_is_installed(tmp_path, monkeypatch, no_graphviz):
    display = types.ModuleType("IPython.display")
    display.Image = lambda filename: ("image", filename)
    ipython = types.ModuleType("IPython")
    ipython.version_info = (9, 0, 0)  # matplotlib reads it when it makes a canvas
    monkeypatch.setitem(sys.modules, "IPython", ipython)
    monkeypatch.setitem(sys.modules, "IPython.display", display)
    path = str(tmp_path / "m.png")
    assert plot_model(chain(1), path, dpi=40) == ("image", path)
    assert plot_model(chain(1), tmp_path / "m.pdf") is None


def test_subgraph_returns_a_cluster_named_after_the_model():
    cluster = model_to_dot(chain(2, name="stack"), subgraph=True)
    assert isinstance(cluster, pydot.Cluster) and cluster.get_name() == "cluster_stack"
    assert "label=stack;" in cluster.to_string()


@pytest.mark.skipif(shutil.which("dot") is None, reason="graphviz's dot program is not installed")
def test_graphviz_renders_when_installed(tmp_path):
    plot_model(branch_model(), tmp_path / "g.png", show_shapes=True, dpi=50)
    assert_real_image(tmp_path / "g.png")
