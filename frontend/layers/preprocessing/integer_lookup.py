"""``IntegerLookup``: integer ids to contiguous indices (or back), with the vocabulary kept on the host."""

import numpy as np

from frontend import ops
from frontend.layers.preprocessing.adapt_data import to_numpy
from frontend.layers.preprocessing.index_lookup import IndexLookup


class IntegerLookup(IndexLookup):
    """Look up integer ids in a vocabulary given or learned by ``adapt``.

    Out-of-vocabulary ids go to bucket ``id mod num_oov_indices`` ("floormod") or to a
    FarmHash bucket of their decimal string ("farmhash"), as in Keras.
    """

    def __init__(self, max_tokens=None, num_oov_indices=1, mask_token=None, oov_token=-1, vocabulary=None,
                 vocabulary_dtype="int64", idf_weights=None, invert=False, output_mode="int", sparse=False,
                 pad_to_max_tokens=False, oov_method="floormod", salt=None, name=None, **kwargs):
        if vocabulary_dtype != "int64":
            raise ValueError(f"IntegerLookup: only vocabulary_dtype='int64' is supported, "
                             f"received {vocabulary_dtype!r}")
        super().__init__(max_tokens=max_tokens, num_oov_indices=num_oov_indices, mask_token=mask_token,
                         oov_token=oov_token, vocabulary_dtype=vocabulary_dtype, vocabulary=vocabulary,
                         idf_weights=idf_weights, invert=invert, output_mode=output_mode, sparse=sparse,
                         pad_to_max_tokens=pad_to_max_tokens, oov_method=oov_method, salt=salt, name=name, **kwargs)

    def to_tokens(self, values):
        return np.asarray(to_numpy(values)).astype("int64")

    def inverted_output(self, tokens):
        return ops.convert_to_tensor(tokens, "int64")

    def get_config(self):
        config = super().get_config()
        for key in ("oov_token", "mask_token"):
            if config[key] is not None:
                config[key] = int(config[key])
        if config["vocabulary"] is not None:
            config["vocabulary"] = [int(v) for v in config["vocabulary"]]
        return config
