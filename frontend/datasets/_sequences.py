"""The word-index processing shared by ``imdb`` and ``reuters``, with Keras 3's options.

The files store each text as a list of word ranks (1 = most frequent word). Loading shifts
the ranks by ``index_from``, prepends ``start_char``, drops texts longer than ``maxlen`` and
maps every index outside ``[skip_top, num_words)`` to ``oov_char`` (or removes it when
``oov_char`` is None). As in Keras, that last rule looks at indexes, not ranks, and also
applies to ``start_char``; the shuffle is Keras's too, so the same seed gives the same order.

``maxlen`` keeps only texts shorter than ``maxlen`` indexes, as Keras's code does (its
documentation says "at most"). ``num_words=None`` keeps every word, as Keras documents it
(its code turns the single highest index into ``oov_char``).
"""

import numpy as np


def check_options(function, **options):
    """``TypeError`` unless every option is an int; ``skip_top`` and ``index_from`` may not be None either."""
    for name, value in options.items():
        optional = name not in ("skip_top", "index_from")
        if (value is None and optional) or (isinstance(value, (int, np.integer)) and not isinstance(value, bool)):
            continue
        raise TypeError(f"{function}: {name} must be an int{' or None' if optional else ''}; received {value!r}")


def encode(sequences, start_char, index_from):
    """Plain lists of Python ints: ``[start_char]`` (unless None) then each rank plus ``index_from``."""
    prefix = [] if start_char is None else [start_char]
    return [prefix + [int(word) + index_from for word in sequence] for sequence in sequences]


def drop_long(sequences, labels, maxlen):
    """Only the texts shorter than ``maxlen`` indexes (``start_char`` included), and their labels."""
    if not maxlen:
        return sequences, labels
    keep = [len(sequence) < maxlen for sequence in sequences]
    return [sequence for sequence, kept in zip(sequences, keep) if kept], labels[np.asarray(keep, dtype=bool)]


def limit_vocabulary(sequences, num_words, skip_top, oov_char):
    """Replace (``oov_char``) or remove (``oov_char=None``) indexes below ``skip_top`` or from ``num_words`` up."""

    def kept(word):
        return word >= skip_top and (not num_words or word < num_words)

    if oov_char is None:
        return [[word for word in sequence if kept(word)] for sequence in sequences]
    return [[word if kept(word) else oov_char for word in sequence] for sequence in sequences]


def to_object_array(sequences):
    """A 1-D object array of lists, even when every list has the same length."""
    array = np.empty(len(sequences), dtype=object)
    for position, sequence in enumerate(sequences):
        array[position] = sequence
    return array
