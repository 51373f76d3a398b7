"""``import frontend as keras`` reaches the loaders as Keras scripts spell them."""

import frontend as keras

LOADERS = ("mnist", "fashion_mnist", "cifar10", "cifar100", "imdb", "reuters", "boston_housing",
           "california_housing", "digits")


def test_every_loader_is_reachable_from_the_top_level_package():
    for name in LOADERS:
        assert callable(getattr(keras.datasets, name).load_data), name
    assert callable(keras.datasets.imdb.get_word_index) and callable(keras.datasets.reuters.get_word_index)
    assert callable(keras.utils.get_file)
