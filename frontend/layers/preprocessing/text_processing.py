"""Host-side text steps of TextVectorization: standardize, split into tokens, build n-grams.

They follow TensorFlow's string ops that Keras uses: lower-casing touches ASCII
letters only, punctuation is the 32 ASCII punctuation characters, and "whitespace"
splitting breaks on ASCII whitespace (space, \\t, \\n, \\v, \\f, \\r) and drops empty tokens.
"""

import re
import string

import numpy as np

_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_NO_PUNCTUATION = str.maketrans("", "", string.punctuation)
_WHITESPACE = re.compile("[ \t\n\v\f\r]+")


def standardize(texts, how):
    """Apply "lower", "strip_punctuation", "lower_and_strip_punctuation", a callable, or None."""
    if how is None:
        return texts
    if callable(how):
        return np.asarray(how(texts))
    steps = []
    if how in ("lower", "lower_and_strip_punctuation"):
        steps.append(_ASCII_LOWER)
    if how in ("strip_punctuation", "lower_and_strip_punctuation"):
        steps.append(_NO_PUNCTUATION)

    def clean(text):
        for table in steps:
            text = text.translate(table)
        return text

    flat = [clean(text) for text in texts.reshape(-1)]
    return np.array(flat, dtype=str).reshape(texts.shape) if flat else texts


def split(texts, how):
    """Token lists for a 1-D array of texts: "whitespace", "character" or a callable on the array."""
    if callable(how):
        return [list(tokens) for tokens in how(texts)]
    if how == "character":
        return [list(text) for text in texts]
    return [[token for token in _WHITESPACE.split(text) if token] for text in texts]


def ngrams(tokens, widths):
    """All n-grams of each width in ``widths``, in that order, joined by single spaces."""
    grams = []
    for width in widths:
        grams.extend(" ".join(tokens[i:i + width]) for i in range(len(tokens) - width + 1))
    return grams
