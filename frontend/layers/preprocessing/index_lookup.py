"""``IndexLookup``: the vocabulary machinery behind StringLookup, IntegerLookup and TextVectorization.

Indices are laid out as in Keras: the mask token (index 0, "int" output only), then
``num_oov_indices`` out-of-vocabulary buckets, then the vocabulary. ``adapt`` orders
tokens by decreasing count, ties by decreasing token. Everything runs on the host.
"""

import collections
import os

import numpy as np

from frontend import config, ops
from frontend.layers.preprocessing.adapt_data import to_numpy
from frontend.layers.preprocessing.encoding import encode, encoded_shape
from frontend.layers.preprocessing.farmhash import fingerprint64
from frontend.layers.preprocessing.host_layer import HostLayer
from frontend.ops.symbolic import SymbolicTensor
from frontend.saving.safe_mode import in_safe_mode

OUTPUT_MODES = ("int", "one_hot", "multi_hot", "count", "tf_idf")


class IndexLookup(HostLayer):
    """Maps tokens to indices (or back with ``invert``), encoded as ``output_mode``."""

    def __init__(self, max_tokens, num_oov_indices, mask_token, oov_token, vocabulary_dtype, vocabulary=None,
                 idf_weights=None, invert=False, output_mode="int", sparse=False, pad_to_max_tokens=False,
                 oov_method="floormod", salt=None, encoding="utf-8", vocabulary_size=None, has_input_vocabulary=None,
                 **kwargs):
        name = type(self).__name__
        output_mode = {"binary": "multi_hot", "tf-idf": "tf_idf"}.get(output_mode, output_mode)
        if max_tokens is not None and max_tokens <= 1:
            raise ValueError(f"{name}: max_tokens must be greater than 1, received max_tokens={max_tokens}")
        if pad_to_max_tokens and max_tokens is None:
            raise ValueError(f"{name}: pad_to_max_tokens=True needs max_tokens")
        if num_oov_indices < 0:
            raise ValueError(f"{name}: num_oov_indices must be >= 0, received num_oov_indices={num_oov_indices}")
        if oov_method not in ("floormod", "farmhash"):
            raise ValueError(f"{name}: oov_method must be 'floormod' or 'farmhash', received {oov_method!r}")
        if output_mode not in OUTPUT_MODES:
            raise ValueError(f"{name}: output_mode must be one of {OUTPUT_MODES}, received {output_mode!r}")
        if invert and output_mode != "int":
            raise ValueError(f"{name}: invert=True needs output_mode='int', received output_mode={output_mode!r}")
        if sparse:
            raise ValueError(f"{name}: sparse=True is not supported")
        if salt is not None:
            raise ValueError(f"{name}: salt (keyed hashing of OOV tokens) is not supported")
        if idf_weights is not None and output_mode != "tf_idf":
            raise ValueError(f"{name}: idf_weights only apply to output_mode='tf_idf'")
        super().__init__(**kwargs)
        self.invert = invert
        self.max_tokens = max_tokens
        self.num_oov_indices = num_oov_indices
        self.mask_token = mask_token
        self.oov_token = oov_token
        self.output_mode = output_mode
        self.sparse = sparse
        self.pad_to_max_tokens = pad_to_max_tokens
        self.vocabulary_dtype = vocabulary_dtype
        self.encoding = encoding
        self.oov_method = oov_method
        self.salt = salt
        self._frozen_vocab_size = vocabulary_size
        self.input_vocabulary = vocabulary if not isinstance(vocabulary, str) else None
        self.input_idf_weights = idf_weights
        self._has_input_vocabulary = vocabulary is not None if has_input_vocabulary is None else has_input_vocabulary
        self._tokens = []
        self._indices = {}
        self.idf_weights = None
        if output_mode == "tf_idf" and self._has_input_vocabulary and idf_weights is None:
            raise ValueError(f"{name}: with a vocabulary and output_mode='tf_idf', idf_weights must be given too")
        self.reset_state()
        if vocabulary is not None:
            self.set_vocabulary(vocabulary, idf_weights)

    # ----- token conversion, written by subclasses ----------------------------------------

    def to_tokens(self, values):
        """A NumPy array of tokens (Python str or int64) from user values."""
        raise NotImplementedError

    # ----- layout ---------------------------------------------------------------------------

    def _oov_start_index(self):
        return 1 if self.mask_token is not None and self.output_mode == "int" else 0

    def _token_start_index(self):
        return self._oov_start_index() + self.num_oov_indices

    def vocabulary_size(self):
        """Size of the vocabulary, the mask and OOV indices included."""
        return len(self._tokens) + self._token_start_index()

    def get_vocabulary(self, include_special_tokens=True):
        vocabulary = [self.oov_token] * self._token_start_index() + list(self._tokens)
        if self.mask_token is not None and self.output_mode == "int":
            vocabulary[0] = self.mask_token
        return vocabulary if include_special_tokens else vocabulary[self._token_start_index():]

    def _depth(self):
        return self.max_tokens if self.pad_to_max_tokens else self._frozen_vocab_size

    # ----- vocabulary -----------------------------------------------------------------------

    def set_vocabulary(self, vocabulary, idf_weights=None):
        """Use ``vocabulary`` (a sequence, array or path of a one-token-per-line file), in order."""
        if self.output_mode == "tf_idf" and idf_weights is None:
            raise ValueError(f"Layer '{self.name}': idf_weights must be given with output_mode='tf_idf'")
        if self.output_mode != "tf_idf" and idf_weights is not None:
            raise ValueError(f"Layer '{self.name}': idf_weights only apply to output_mode='tf_idf'")
        if isinstance(vocabulary, str):
            vocabulary = _read_vocabulary_file(vocabulary, self.name)
        tokens = list(self.to_tokens(vocabulary).reshape(-1))
        if not tokens:
            raise ValueError(f"Layer '{self.name}': cannot set an empty vocabulary")
        start = self._token_start_index()
        special = [self.mask_token] * self._oov_start_index() + [self.oov_token] * self.num_oov_indices
        found_special = tokens[:start] == special
        if found_special:
            tokens = tokens[start:]
        self._check_vocabulary(tokens, special)
        self._set_tokens(tokens)
        if idf_weights is not None:
            expected = len(tokens) + (start if found_special else 0)
            self._set_idf_weights(np.asarray(to_numpy(idf_weights), dtype="float64"), expected, found_special)

    def _check_vocabulary(self, tokens, special):
        repeated = [t for t, n in collections.Counter(tokens).items() if n > 1]
        if repeated:
            raise ValueError(f"Layer '{self.name}': the vocabulary repeats the term(s) {repeated}")
        if self.mask_token is not None and self.mask_token in tokens:
            raise ValueError(f"Layer '{self.name}': the mask token {self.mask_token!r} is in the vocabulary; "
                             f"leave special tokens out, or put exactly {special} first")
        if self.invert and self.oov_token is not None and self.oov_token in tokens:
            raise ValueError(f"Layer '{self.name}': the OOV token {self.oov_token!r} is in the vocabulary; "
                             f"leave special tokens out, or put exactly {special} first")
        size = self._token_start_index() + len(tokens)
        if self.max_tokens is not None and size > self.max_tokens:
            raise ValueError(f"Layer '{self.name}': a vocabulary of size {size} exceeds max_tokens={self.max_tokens}")

    def _set_tokens(self, tokens):
        self._tokens = [token.item() if isinstance(token, np.generic) else token for token in tokens]
        start = self._token_start_index()
        self._indices = {token: start + i for i, token in enumerate(self._tokens)}
        self._frozen_vocab_size = self.vocabulary_size()

    def _set_idf_weights(self, weights, expected, found_special):
        if weights.shape != (expected,):
            raise ValueError(f"Layer '{self.name}': idf_weights must be 1-D with one weight per vocabulary term "
                             f"({expected}), received shape {weights.shape}")
        front = 0 if found_special else self._token_start_index()
        weights = np.concatenate([np.full(front, weights.mean()), weights])
        self.idf_weights = self._pad_to_max_tokens(weights)

    def _pad_to_max_tokens(self, weights):
        if self.pad_to_max_tokens and self.max_tokens is not None:
            weights = np.pad(weights, (0, self.max_tokens - len(weights)))
        return weights.astype(config.floatx())

    # ----- adapt ----------------------------------------------------------------------------

    def reset_state(self):
        self._token_counts = collections.Counter()
        self._document_counts = collections.Counter()
        self._num_documents = 0

    def adapt(self, data, steps=None):
        """Learn the vocabulary from ``data``: an array or list (one batch) or an iterable of batches."""
        self.reset_state()
        one_batch = isinstance(data, (list, tuple, np.ndarray, str, bytes)) or ops.is_tensor(data)
        if one_batch or not hasattr(data, "__iter__"):
            tokens = self.to_tokens(data)
            self.update_state(tokens[:, None] if tokens.ndim == 1 else tokens)
        else:
            for step, batch in enumerate(data):
                if steps is not None and step >= steps:
                    break
                self.update_state(self.to_tokens(batch))
        self.finalize_state()

    def update_state(self, documents):
        """Count the tokens of ``documents``: an array (rows are documents) or a list of token lists."""
        if self._has_input_vocabulary:
            raise ValueError(f"Layer '{self.name}': cannot adapt after a vocabulary was set")
        if isinstance(documents, np.ndarray):
            documents = documents.reshape(1, -1) if documents.ndim <= 1 else documents.reshape(len(documents), -1)
        for document in documents:
            document = list(document)
            self._token_counts.update(document)
            if self.output_mode == "tf_idf":
                self._document_counts.update(set(document))
        self._num_documents += len(documents)

    def finalize_state(self):
        if self._has_input_vocabulary or not self._token_counts:
            return
        for special in (self.mask_token, self.oov_token):
            self._token_counts.pop(special, None)
        ranked = sorted(self._token_counts.items(), key=lambda item: (item[1], item[0]), reverse=True)
        if self.max_tokens:
            ranked = ranked[:self.max_tokens - self._token_start_index()]
        tokens = [token for token, _ in ranked]
        self._set_tokens(tokens)
        if self.output_mode == "tf_idf":
            counts = np.array([self._document_counts[t] for t in tokens], dtype="float64")
            weights = np.log(1.0 + self._num_documents / (1.0 + counts)).astype(config.floatx())
            front = np.full(self._token_start_index(), weights.mean() if len(weights) else 0.0)
            self.idf_weights = self._pad_to_max_tokens(np.concatenate([front, weights]))
        self.reset_state()

    # ----- calling --------------------------------------------------------------------------

    def call(self, inputs):
        if self.invert:
            return self._invert(inputs)
        if self.output_mode != "int" and self._depth() is None:
            raise RuntimeError(f"Layer '{self.name}': set a vocabulary (or adapt) before calling it with "
                               f"output_mode={self.output_mode!r}")
        indices = self.lookup(self.to_tokens(inputs))
        if self.output_mode == "int":
            return ops.convert_to_tensor(indices, "int64")
        if self.output_mode != "tf_idf":
            return encode(ops.convert_to_tensor(indices, "int64"), self.output_mode, self._depth(), "int64")
        counts = encode(ops.convert_to_tensor(indices, "int64"), "count", self._depth(), config.floatx())
        return counts * ops.convert_to_tensor(self.idf_weights)

    def lookup(self, tokens):
        """int64 indices for a NumPy array of tokens; the mask token gives 0 ("int" output) or -1 (ignored)."""
        unique, inverse = np.unique(tokens.reshape(-1), return_inverse=True)
        found = np.array([self._indices.get(token, -1) for token in unique], dtype="int64")
        missing = found < 0
        if self.mask_token is not None:
            is_mask = np.array([token == self.mask_token for token in unique], dtype=bool)
            found[is_mask] = 0 if self.output_mode == "int" else -1
            missing &= ~is_mask
        if missing.any():
            if self.num_oov_indices == 0:
                raise ValueError(f"Layer '{self.name}': with num_oov_indices=0 every input must be in the "
                                 f"vocabulary, found out-of-vocabulary values {unique[missing].tolist()}")
            buckets = [self._oov_bucket(token) for token in unique[missing]]
            found[missing] = self._oov_start_index() + np.array(buckets, dtype="int64")
        return found[inverse].reshape(tokens.shape)

    def _oov_bucket(self, token):
        if self.num_oov_indices == 1:
            return 0
        if isinstance(token, (int, np.integer)):
            if self.oov_method == "floormod":
                return int(token) % self.num_oov_indices
            token = str(int(token))
        return fingerprint64(token) % self.num_oov_indices

    def _invert(self, inputs):
        indices = np.asarray(to_numpy(inputs)).astype("int64")
        vocabulary = self.get_vocabulary()
        table = self.to_tokens(vocabulary + [self.oov_token])
        positions = np.where((indices >= 0) & (indices < len(vocabulary)), indices, len(vocabulary))
        return self.inverted_output(table[positions])

    def inverted_output(self, tokens):
        return tokens

    def _output_dtype(self):
        if self.output_mode == "tf_idf":
            return config.floatx()
        return "int64"

    def compute_output_shape(self, input_shape):
        if self.output_mode == "int":
            return tuple(input_shape)
        return encoded_shape(input_shape, self.output_mode, self._depth())

    def compute_output_spec(self, inputs):
        dtype = self.vocabulary_dtype if self.invert else self._output_dtype()
        return SymbolicTensor(self.compute_output_shape(inputs.shape), dtype)

    # ----- configuration and saving ---------------------------------------------------------

    def get_config(self):
        config_ = super().get_config()
        config_.update({
            "invert": self.invert, "max_tokens": self.max_tokens, "num_oov_indices": self.num_oov_indices,
            "oov_token": self.oov_token, "mask_token": self.mask_token, "output_mode": self.output_mode,
            "sparse": self.sparse, "pad_to_max_tokens": self.pad_to_max_tokens,
            "vocabulary_dtype": self.vocabulary_dtype, "idf_weights": _listify(self.input_idf_weights),
            "vocabulary": _listify(self.input_vocabulary), "vocabulary_size": self._frozen_vocab_size,
            "oov_method": self.oov_method, "salt": self.salt,
        })
        return config_

    @classmethod
    def from_config(cls, config):
        refuse_vocabulary_file_in_safe_mode(config, cls.__name__)
        return super().from_config(config)

    def save_assets(self, dir_path):
        """Write the learned vocabulary to ``vocabulary.txt`` (a given vocabulary lives in the config)."""
        if self.input_vocabulary is not None:
            return
        with open(os.path.join(dir_path, "vocabulary.txt"), "w", encoding="utf-8") as handle:
            handle.write("\n".join(str(token) for token in self.get_vocabulary()))

    def load_assets(self, dir_path):
        if self._has_input_vocabulary:  # given (as tokens or a file) in the config, not learned
            return
        tokens = _read_vocabulary_file(os.path.join(dir_path, "vocabulary.txt"), self.name)
        idf = self.idf_weights[:len(tokens)] if self.output_mode == "tf_idf" else None
        self.set_vocabulary(self.to_tokens(tokens), idf)

    def save_own_variables(self, store):
        if self.output_mode == "tf_idf" and self.idf_weights is not None:
            store["idf_weights"] = np.asarray(self.idf_weights)

    def load_own_variables(self, store):
        if self.output_mode == "tf_idf" and "idf_weights" in store:
            self.idf_weights = np.asarray(store["idf_weights"], dtype=config.floatx())


def refuse_vocabulary_file_in_safe_mode(config, class_name):
    """A config naming a vocabulary *file* would read any file on this machine: only with safe_mode=False."""
    vocabulary = config.get("vocabulary")
    if isinstance(vocabulary, str) and in_safe_mode():
        raise ValueError(
            f"{class_name} '{config.get('name')}': the config names the vocabulary file {vocabulary!r}; reading "
            f"files named by a saved config is disabled in safe mode. If you trust this file, load it with "
            f"safe_mode=False."
        )


def _read_vocabulary_file(path, layer_name):
    if not os.path.exists(path):
        raise ValueError(f"Layer '{layer_name}': vocabulary file {path} does not exist")
    with open(path, encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    while lines and lines[-1] == "":
        lines.pop()
    return lines


def _listify(value):
    if ops.is_tensor(value):
        value = ops.convert_to_numpy(value)
    if isinstance(value, np.ndarray):
        return value.tolist()
    return value
