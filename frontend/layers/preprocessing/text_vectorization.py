"""``TextVectorization``: raw strings to token indices or bag-of-words vectors, on the host."""

import numpy as np

from frontend import ops
from frontend.layers.preprocessing import text_processing
from frontend.layers.preprocessing.host_layer import HostLayer, as_strings
from frontend.layers.preprocessing.index_lookup import OUTPUT_MODES, refuse_vocabulary_file_in_safe_mode
from frontend.layers.preprocessing.string_lookup import StringLookup
from frontend.ops.symbolic import SymbolicTensor

_STANDARDIZE = ("lower_and_strip_punctuation", "lower", "strip_punctuation")
_SPLIT = ("whitespace", "character")


class TextVectorization(HostLayer):
    """Standardize, split, build n-grams, then look tokens up in a vocabulary.

    Index 0 is padding (the mask token ""), 1 the OOV token "[UNK]" ("int" output).
    "int" output pads with 0 to the longest text, or pads/truncates to
    ``output_sequence_length``. Inputs are a 1-D array or list of strings, or (batch, 1).
    Callable ``standardize`` receives and returns a NumPy string array; callable
    ``split`` receives a 1-D NumPy string array and returns one token list per text.
    """

    def __init__(self, max_tokens=None, standardize="lower_and_strip_punctuation", split="whitespace", ngrams=None,
                 output_mode="int", output_sequence_length=None, pad_to_max_tokens=False, vocabulary=None,
                 idf_weights=None, sparse=False, ragged=False, encoding="utf-8", name=None, **kwargs):
        output_mode = {"binary": "multi_hot", "tf-idf": "tf_idf"}.get(output_mode, output_mode)
        if not (standardize is None or callable(standardize) or standardize in _STANDARDIZE):
            raise ValueError(f"TextVectorization: standardize must be None, a callable or one of {_STANDARDIZE}, "
                             f"received {standardize!r}")
        if not (split is None or callable(split) or split in _SPLIT):
            raise ValueError(f"TextVectorization: split must be None, a callable or one of {_SPLIT}, "
                             f"received {split!r}")
        if output_mode not in OUTPUT_MODES:
            raise ValueError(f"TextVectorization: output_mode must be one of {OUTPUT_MODES}, received {output_mode!r}")
        if not (ngrams is None or isinstance(ngrams, int)
                or isinstance(ngrams, tuple) and all(isinstance(n, int) for n in ngrams)):
            raise ValueError(f"TextVectorization: ngrams must be None, an int or a tuple of ints, received {ngrams!r}")
        if output_sequence_length is not None and (output_mode != "int" or not isinstance(output_sequence_length, int)):
            raise ValueError("TextVectorization: output_sequence_length must be an int, and only goes with "
                             f"output_mode='int'; received {output_sequence_length!r} with {output_mode!r}")
        if ragged:
            raise ValueError("TextVectorization: ragged=True is not supported (outputs are padded)")
        has_input_vocabulary = kwargs.pop("has_input_vocabulary", vocabulary is not None)
        vocabulary_size = kwargs.pop("vocabulary_size", None)
        super().__init__(name=name, **kwargs)
        self._standardize = standardize
        self._split = split
        self._ngrams_arg = ngrams
        self._ngrams = tuple(range(1, ngrams + 1)) if isinstance(ngrams, int) else ngrams
        self._ragged = ragged
        self._output_mode = output_mode
        self._output_sequence_length = output_sequence_length
        self._encoding = encoding
        self._lookup_layer = StringLookup(max_tokens=max_tokens, vocabulary=vocabulary, idf_weights=idf_weights,
                                          pad_to_max_tokens=pad_to_max_tokens, mask_token="", output_mode=output_mode,
                                          sparse=sparse, has_input_vocabulary=has_input_vocabulary, encoding=encoding,
                                          vocabulary_size=vocabulary_size)

    def to_host(self, inputs):
        return as_strings(inputs, self._encoding)

    # ----- text to tokens -------------------------------------------------------------------

    def _documents(self, inputs):
        """Standardized texts: a string array (no split, no n-grams) or one token list per text."""
        texts = text_processing.standardize(as_strings(inputs, self._encoding), self._standardize)
        if self._split is None:
            if self._ngrams is None:
                return texts
            rows = texts.reshape(-1, 1) if texts.ndim < 2 else texts.reshape(texts.shape[0], -1)
            documents = [list(row) for row in rows]
        else:
            if texts.ndim > 1:
                if texts.shape[-1] != 1 or texts.ndim > 2:
                    raise ValueError(f"Layer '{self.name}': to split strings the input must be 1-D or (batch, 1), "
                                     f"received shape {texts.shape}")
                texts = texts[:, 0]
            documents = text_processing.split(texts.reshape(-1), self._split)
        if self._ngrams is not None:
            documents = [text_processing.ngrams(tokens, self._ngrams) for tokens in documents]
        return documents

    def _padded(self, documents):
        """Token lists as a (batch, length) string array padded with the mask token ""."""
        length = max((len(tokens) for tokens in documents), default=0)
        if self._output_mode == "int" and self._output_sequence_length is not None:
            length = self._output_sequence_length
        rows = [list(tokens[:length]) + [""] * (length - len(tokens[:length])) for tokens in documents]
        return np.array(rows, dtype=str).reshape(len(documents), length)

    def call(self, inputs):
        scalar = np.ndim(inputs) == 0 and self._split is not None
        documents = self._documents(inputs)
        tokens = documents if isinstance(documents, np.ndarray) else self._padded(documents)
        if self._output_mode != "int":
            outputs = self._lookup_layer.call(tokens)
            return outputs[0] if scalar else outputs
        indices = self._lookup_layer.lookup(tokens)
        length = self._output_sequence_length
        if isinstance(documents, np.ndarray) and length is not None:
            indices = indices[..., :length]
            widths = [(0, 0)] * (indices.ndim - 1) + [(0, length - indices.shape[-1])]
            indices = np.pad(indices, widths)
        return ops.convert_to_tensor(indices[0] if scalar else indices, "int64")

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        if self._output_mode == "int":
            return input_shape[:1] + (self._output_sequence_length,)
        if self._split is None and self._ngrams is None:
            return self._lookup_layer.compute_output_shape(input_shape)
        return input_shape[:1] + (self._lookup_layer._depth(),)

    def compute_output_spec(self, inputs):
        return SymbolicTensor(self.compute_output_shape(inputs.shape), self._lookup_layer._output_dtype())

    # ----- vocabulary -----------------------------------------------------------------------

    def adapt(self, data, batch_size=None, steps=None):
        """Learn the vocabulary from texts: an array or list (one batch) or an iterable of batches."""
        self.reset_state()
        if isinstance(data, (list, tuple, np.ndarray, str, bytes)) or ops.is_tensor(data):
            self.update_state(data)
        else:
            for step, batch in enumerate(data):
                if steps is not None and step >= steps:
                    break
                self.update_state(batch)
        self.finalize_state()

    def update_state(self, data):
        texts = as_strings(data, self._encoding)
        if texts.ndim <= 1:
            texts = texts.reshape(-1, 1)
        self._lookup_layer.update_state(self._documents(texts))

    def finalize_state(self):
        self._lookup_layer.finalize_state()

    def reset_state(self):
        self._lookup_layer.reset_state()

    def get_vocabulary(self, include_special_tokens=True):
        return self._lookup_layer.get_vocabulary(include_special_tokens)

    def vocabulary_size(self):
        return self._lookup_layer.vocabulary_size()

    def set_vocabulary(self, vocabulary, idf_weights=None):
        self._lookup_layer.set_vocabulary(vocabulary, idf_weights=idf_weights)

    def save_assets(self, dir_path):
        self._lookup_layer.save_assets(dir_path)

    def load_assets(self, dir_path):
        self._lookup_layer.load_assets(dir_path)

    def save_own_variables(self, store):
        self._lookup_layer.save_own_variables(store)

    def load_own_variables(self, store):
        self._lookup_layer.load_own_variables(store)

    def get_config(self):
        config = super().get_config()
        lookup = self._lookup_layer
        config.update({
            "max_tokens": lookup.max_tokens, "standardize": self._standardize, "split": self._split,
            "ngrams": self._ngrams_arg, "output_mode": self._output_mode,
            "output_sequence_length": self._output_sequence_length, "pad_to_max_tokens": lookup.pad_to_max_tokens,
            "sparse": lookup.sparse, "ragged": self._ragged, "vocabulary": _listify(lookup.input_vocabulary),
            "idf_weights": _listify(lookup.input_idf_weights), "encoding": self._encoding,
            "vocabulary_size": self.vocabulary_size(),
        })
        return config

    @classmethod
    def from_config(cls, config):
        refuse_vocabulary_file_in_safe_mode(config, cls.__name__)
        config = dict(config)
        if isinstance(config.get("ngrams"), list):
            config["ngrams"] = tuple(config["ngrams"])
        return super().from_config(config)


def _listify(value):
    return value.tolist() if isinstance(value, np.ndarray) else value
