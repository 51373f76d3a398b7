"""imdb and reuters: shuffling, index shifting, num_words / skip_top / oov_char / maxlen, word indexes."""

import json

import numpy as np
import pytest

from frontend.datasets import _sequences, imdb, reuters
from tests.datasets import fakes

# Raw word ranks; each text is identified by its label.
IMDB_TRAIN = {10: [1, 2, 3], 11: [4, 5], 12: [6, 1, 1, 7, 2]}
IMDB_TEST = {20: [2, 8], 21: [1]}


@pytest.fixture
def imdb_file(publish):
    publish("imdb.npz", fakes.npz_bytes(
        x_train=fakes.object_array(IMDB_TRAIN.values()), y_train=np.array(list(IMDB_TRAIN), dtype=np.int64),
        x_test=fakes.object_array(IMDB_TEST.values()), y_test=np.array(list(IMDB_TEST), dtype=np.int64),
    ))


def _by_label(split):
    x, y = split
    assert x.dtype == object and x.ndim == 1 and len(x) == len(y)
    assert all(type(word) is int for text in x for word in text)
    return dict(zip(y.tolist(), x.tolist()))


def test_imdb_defaults_shift_by_index_from_and_shuffle_like_keras(imdb_file):
    train, test = imdb.load_data()
    assert _by_label(train) == {10: [1, 4, 5, 6], 11: [1, 7, 8], 12: [1, 9, 4, 4, 10, 5]}
    assert _by_label(test) == {20: [1, 5, 11], 21: [1, 4]}
    rng = np.random.RandomState(113)
    assert train[1].tolist() == np.array(list(IMDB_TRAIN))[rng.permutation(3)].tolist()
    assert test[1].tolist() == np.array(list(IMDB_TEST))[rng.permutation(2)].tolist()
    assert train[1].dtype == np.int64


def test_imdb_seed_is_deterministic(imdb_file):
    first, second = imdb.load_data(seed=5), imdb.load_data(seed=5)
    assert first[0][1].tolist() == second[0][1].tolist()
    orders = {tuple(imdb.load_data(seed=seed)[0][1].tolist()) for seed in range(8)}
    assert len(orders) > 1


def test_imdb_num_words_skip_top_and_oov(imdb_file):
    train, test = imdb.load_data(num_words=8, skip_top=4)
    assert _by_label(train) == {10: [2, 4, 5, 6], 11: [2, 7, 2], 12: [2, 2, 4, 4, 2, 5]}
    assert _by_label(test) == {20: [2, 5, 2], 21: [2, 4]}
    train, test = imdb.load_data(num_words=8, skip_top=4, oov_char=None)
    assert _by_label(train) == {10: [4, 5, 6], 11: [7], 12: [4, 4, 5]}
    assert _by_label(test) == {20: [5], 21: [4]}


def test_imdb_maxlen_drops_longer_reviews(imdb_file):
    train, test = imdb.load_data(maxlen=5)  # as in Keras: only texts shorter than maxlen stay
    assert _by_label(train) == {10: [1, 4, 5, 6], 11: [1, 7, 8]}
    assert _by_label(test) == {20: [1, 5, 11], 21: [1, 4]}
    train, _ = imdb.load_data(maxlen=4)
    assert _by_label(train) == {11: [1, 7, 8]}
    with pytest.raises(ValueError, match="no train review is shorter than maxlen=3"):
        imdb.load_data(maxlen=3)


def test_imdb_without_start_char_or_shift(imdb_file):
    train, _ = imdb.load_data(start_char=None, index_from=0)
    assert _by_label(train) == IMDB_TRAIN
    train, _ = imdb.load_data(start_char=None, index_from=2)
    assert _by_label(train)[10] == [3, 4, 5]


def test_imdb_bad_option_type(imdb_file):
    with pytest.raises(TypeError, match="imdb.load_data: num_words must be an int or None; received 1.5"):
        imdb.load_data(num_words=1.5)


REUTERS = [[1], [2, 3], [4, 5, 6], [7], [8, 9]]  # label k is REUTERS[k]


@pytest.fixture
def reuters_file(publish):
    publish("reuters.npz", fakes.npz_bytes(x=fakes.object_array(REUTERS), y=np.arange(5, dtype=np.int64)))


def test_reuters_split_and_order(reuters_file):
    train, test = reuters.load_data(test_split=0.4)
    assert len(train[0]) == 3 and len(test[0]) == 2
    order = np.random.RandomState(113).permutation(5)
    assert train[1].tolist() + test[1].tolist() == order.tolist()
    expected = {0: [1, 4], 1: [1, 5, 6], 2: [1, 7, 8, 9], 3: [1, 10], 4: [1, 11, 12]}
    assert {**_by_label(train), **_by_label(test)} == expected


def test_reuters_num_words_and_maxlen(reuters_file):
    train, test = reuters.load_data(num_words=6, test_split=0.4)
    expected = {0: [1, 4], 1: [1, 5, 2], 2: [1, 2, 2, 2], 3: [1, 2], 4: [1, 2, 2]}
    assert {**_by_label(train), **_by_label(test)} == expected
    train, test = reuters.load_data(maxlen=3, test_split=0.5)
    assert len(train[0]) == 1 and len(test[0]) == 1
    assert {**_by_label(train), **_by_label(test)} == {0: [1, 4], 3: [1, 10]}


def test_reuters_bad_test_split(reuters_file, file_server):
    with pytest.raises(ValueError, match=r"reuters.load_data: test_split must be in \[0, 1\); received 1.0"):
        reuters.load_data(test_split=1.0)
    assert file_server.requests == []


def test_word_indexes_and_label_names(publish):
    publish("imdb_word_index.json", json.dumps({"the": 1, "film": 2}).encode())
    publish("reuters_word_index.json", json.dumps({"said": 1}).encode())
    assert imdb.get_word_index() == {"the": 1, "film": 2}
    assert reuters.get_word_index() == {"said": 1}
    names = reuters.get_label_names()
    assert len(names) == 46 and names[:4] == ("cocoa", "grain", "veg-oil", "earn") and names[-1] == "lead"


def test_equal_length_sequences_stay_a_1d_object_array():
    array = _sequences.to_object_array([[1, 2], [3, 4]])
    assert array.shape == (2,) and array[1] == [3, 4]
