"""``StringLookup``: strings to integer indices (or back), with the vocabulary kept on the host."""

import numpy as np

from frontend.layers.preprocessing.host_layer import as_strings
from frontend.layers.preprocessing.index_lookup import IndexLookup


class StringLookup(IndexLookup):
    """Look up strings in a vocabulary given or learned by ``adapt``.

    Inputs are NumPy string arrays or (nested) Python lists of str or bytes; with
    ``invert=True`` integer indices map back to a NumPy array of str. Out-of-vocabulary
    strings go to ``num_oov_indices`` buckets by FarmHash fingerprint, as in Keras.
    """

    def __init__(self, max_tokens=None, num_oov_indices=1, mask_token=None, oov_token="[UNK]", vocabulary=None,
                 idf_weights=None, invert=False, output_mode="int", pad_to_max_tokens=False, sparse=False,
                 encoding="utf-8", name=None, salt=None, **kwargs):
        kwargs.pop("vocabulary_dtype", None)
        super().__init__(max_tokens=max_tokens, num_oov_indices=num_oov_indices, mask_token=mask_token,
                         oov_token=oov_token, vocabulary_dtype="string", vocabulary=vocabulary,
                         idf_weights=idf_weights, invert=invert, output_mode=output_mode, sparse=sparse,
                         pad_to_max_tokens=pad_to_max_tokens, salt=salt, encoding=encoding, name=name, **kwargs)

    def to_tokens(self, values):
        return as_strings(values, self.encoding)

    def to_host(self, inputs):
        return np.asarray(inputs) if self.invert else as_strings(inputs, self.encoding)

    def get_config(self):
        config = super().get_config()
        del config["vocabulary_dtype"]
        config["encoding"] = self.encoding
        return config
