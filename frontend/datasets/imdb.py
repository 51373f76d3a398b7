"""IMDB movie reviews: 25,000 training and 25,000 test reviews labeled by sentiment (1 positive, 0 negative).

Each review is a list of word indexes; words are ranked by frequency, so index ``index_from + 1``
is the most frequent word. Index 0 is padding, ``start_char`` (1) marks the start of a review and
``oov_char`` (2) stands for words cut by ``num_words`` / ``skip_top``.
"""

import json

import numpy as np

from frontend.datasets import _remote, _sequences
from frontend.datasets._safe_pickle import load_npz


def load_data(
    path="imdb.npz", num_words=None, skip_top=0, maxlen=None, seed=113, start_char=1, oov_char=2, index_from=3
):
    """Returns ``(x_train, y_train), (x_test, y_test)``, downloading ``imdb.npz`` once.

    Args:
        path: the file name in the cache (``<frontend.config.config_dir()>/datasets``).
        num_words: keep only indexes below ``num_words`` (``None``: keep all); others become ``oov_char``.
        skip_top: indexes below ``skip_top`` also become ``oov_char``.
        maxlen: keep only reviews shorter than ``maxlen`` indexes (``start_char`` counted); ``None``: keep all.
        seed: seed of the shuffle (``np.random.RandomState``, the same order as Keras).
        start_char: index put at the start of every review; ``None`` for none.
        oov_char: index for cut words; ``None`` removes them instead.
        index_from: added to every word rank.

    Returns:
        ``x_*``: 1-D object arrays of lists of ints; ``y_*``: int labels (0 or 1).
    """
    _sequences.check_options(
        "imdb.load_data", num_words=num_words, skip_top=skip_top, maxlen=maxlen,
        start_char=start_char, oov_char=oov_char, index_from=index_from,
    )
    arrays = load_npz(_remote.fetch("imdb.npz", fname=path))
    rng = np.random.RandomState(seed)
    splits = []
    for split in ("train", "test"):
        texts, labels = arrays[f"x_{split}"], arrays[f"y_{split}"]
        order = rng.permutation(len(texts))
        texts = _sequences.encode(texts[order], start_char, index_from)
        texts, labels = _sequences.drop_long(texts, labels[order], maxlen)
        if not texts:
            raise ValueError(f"imdb.load_data: no {split} review is shorter than maxlen={maxlen} indexes; increase maxlen")
        texts = _sequences.limit_vocabulary(texts, num_words, skip_top, oov_char)
        splits.append((_sequences.to_object_array(texts), labels))
    return splits[0], splits[1]


def get_word_index(path="imdb_word_index.json"):
    """The dict word -> rank (1 = most frequent); add ``index_from`` to match ``load_data``'s indexes."""
    with open(_remote.fetch("imdb_word_index.json", fname=path), encoding="utf-8") as file:
        return json.load(file)
