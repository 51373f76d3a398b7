"""Device names as users write them ('cpu', 'gpu', 'gpu:1', 'cuda:0', 'tpu:0'), parsed once for every engine."""

_KINDS = {"cpu": "cpu", "gpu": "gpu", "cuda": "gpu", "tpu": "tpu"}


def parse_device_name(name):
    """(kind, index) with kind in {'cpu', 'gpu', 'tpu'}; ValueError naming the value otherwise."""
    text = name.strip().lower() if isinstance(name, str) else ""
    kind, _, index = text.partition(":")
    if kind not in _KINDS or (index and not index.isdigit()):
        raise ValueError(f"device_scope: unknown device {name!r}; use 'cpu', 'gpu', 'gpu:N', 'cuda:N' or 'tpu:N'")
    return _KINDS[kind], int(index or 0)


def check_available(name, kind, index, count):
    """Raise when the engine sees only ``count`` devices of ``kind``."""
    if index >= count:
        raise ValueError(f"device_scope: device {name!r} is not available (found {count} {kind} device(s))")
