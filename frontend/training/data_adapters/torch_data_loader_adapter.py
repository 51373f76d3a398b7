"""Batches from a ``torch.utils.data.DataLoader``, used without importing PyTorch here."""

from frontend import tree
from frontend.training.data_adapters import data_adapter_utils
from frontend.training.data_adapters.data_adapter import DataAdapter


def is_torch_dataloader(x):
    return data_adapter_utils.is_foreign_instance(x, "torch", ("DataLoader",), "torch.utils.data")


class TorchDataLoaderAdapter(DataAdapter):
    """Iterates the loader once per pass; its tensors come out as NumPy arrays (as torch tensors
    on the torch backend). A list batch becomes a tuple, read as ``(x, y[, sample_weight])``."""

    def __init__(self, dataloader, steps=None):
        super().__init__(steps)
        if not is_torch_dataloader(dataloader):
            raise ValueError(f"Expected a torch.utils.data.DataLoader, received {type(dataloader).__name__}")
        self._dataloader = dataloader
        self._num_samples = len(dataloader.dataset) if hasattr(dataloader.dataset, "__len__") else None

    def _iterate(self):
        for batch in self._dataloader:
            if isinstance(batch, list):
                batch = tuple(batch)
            yield tree.map_structure(data_adapter_utils.to_host, batch)

    def _pass_length(self):
        return None if self._num_samples is None else len(self._dataloader)

    @property
    def batch_size(self):
        return self._dataloader.batch_size

    @property
    def partial_batch_size(self):
        if self._num_samples is None or self.batch_size is None or self._dataloader.drop_last:
            return None
        return self._num_samples % self.batch_size or None

    @property
    def has_partial_batch(self):
        if self._num_samples is None or self.batch_size is None:
            return None
        return self.partial_batch_size is not None
