"""Reuters newswires: 11,228 texts labeled over 46 topics (from Reuters-21578).

Each newswire is a list of word indexes ranked by frequency, encoded as in ``imdb``: 0 is
padding, ``start_char`` (1) starts a text, ``oov_char`` (2) stands for cut words, and word
ranks are shifted by ``index_from``.
"""

import json

import numpy as np

from frontend.datasets import _remote, _sequences, _split
from frontend.datasets._safe_pickle import load_npz

_LABEL_NAMES = (
    "cocoa", "grain", "veg-oil", "earn", "acq", "wheat", "copper", "housing", "money-supply", "coffee",
    "sugar", "trade", "reserves", "ship", "cotton", "carcass", "crude", "nat-gas", "cpi", "money-fx",
    "interest", "gnp", "meal-feed", "alum", "oilseed", "gold", "tin", "strategic-metal", "livestock", "retail",
    "ipi", "iron-steel", "rubber", "heat", "jobs", "lei", "bop", "zinc", "orange", "pet-chem",
    "dlr", "gas", "silver", "wpi", "hog", "lead",
)


def load_data(
    path="reuters.npz",
    num_words=None,
    skip_top=0,
    maxlen=None,
    test_split=0.2,
    seed=113,
    start_char=1,
    oov_char=2,
    index_from=3,
):
    """Returns ``(x_train, y_train), (x_test, y_test)``, downloading ``reuters.npz`` once.

    The texts are shuffled with ``seed`` (``np.random.RandomState``, the same order as Keras),
    processed, and the first ``int(n * (1 - test_split))`` are for training. The other
    arguments are those of ``frontend.datasets.imdb.load_data``. ``x_*`` are 1-D object
    arrays of lists of ints, ``y_*`` int topic labels 0..45 (see ``get_label_names``).
    """
    _split.check_test_split("reuters.load_data", test_split)
    _sequences.check_options(
        "reuters.load_data", num_words=num_words, skip_top=skip_top, maxlen=maxlen,
        start_char=start_char, oov_char=oov_char, index_from=index_from,
    )
    arrays = load_npz(_remote.fetch("reuters.npz", fname=path))
    texts, labels = arrays["x"], arrays["y"]
    order = np.random.RandomState(seed).permutation(len(texts))
    texts = _sequences.encode(texts[order], start_char, index_from)
    texts, labels = _sequences.drop_long(texts, labels[order], maxlen)
    if not texts:
        raise ValueError(f"reuters.load_data: no newswire is shorter than maxlen={maxlen} indexes; increase maxlen")
    texts = _sequences.to_object_array(_sequences.limit_vocabulary(texts, num_words, skip_top, oov_char))
    train_count = int(len(texts) * (1 - test_split))
    return (texts[:train_count], labels[:train_count]), (texts[train_count:], labels[train_count:])


def get_word_index(path="reuters_word_index.json"):
    """The dict word -> rank (1 = most frequent); add ``index_from`` to match ``load_data``'s indexes."""
    with open(_remote.fetch("reuters_word_index.json", fname=path), encoding="utf-8") as file:
        return json.load(file)


def get_label_names():
    """The 46 topic names as a tuple; ``get_label_names()[y]`` names label ``y``."""
    return _LABEL_NAMES
