"""The one exception raised for any problem found in a saved file."""


class SavedFileError(ValueError):
    """A file that is corrupt, truncated, of the wrong kind, unsafe or mismatched with the model.

    The message starts with the file (``path`` or ``path!member``) and then says what is wrong,
    so the user knows which file to look at and why nothing was loaded.
    """
