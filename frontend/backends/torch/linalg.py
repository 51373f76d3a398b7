"""Matrix products and decompositions on PyTorch."""

import torch


def matmul(x1, x2):
    if x1.is_floating_point() or x1.device.type == "cpu":
        return torch.matmul(x1, x2)
    # CUDA has no integer matmul kernels: go through float64 (exact while sums stay below 2**53).
    return torch.matmul(x1.double(), x2.double()).round().long().to(x1.dtype)


def einsum(subscripts, *operands):
    # torch sums integer einsums in int64; the contract keeps the operands' dtype.
    return torch.einsum(subscripts, *operands).to(operands[0].dtype)


def tensordot(x1, x2, axes):
    if not isinstance(axes, int):
        axes = [[a] if isinstance(a, int) else list(a) for a in axes]
    return torch.tensordot(x1, x2, dims=axes)


def inv(x):
    return torch.linalg.inv(x)


def solve(a, b):
    return torch.linalg.solve(a, b)


def solve_triangular(a, b, lower):
    vector = b.ndim == a.ndim - 1
    x = torch.linalg.solve_triangular(a, b.unsqueeze(-1) if vector else b, upper=not lower)
    return x.squeeze(-1) if vector else x


def cholesky(x):
    return torch.linalg.cholesky(x)


def qr(x, mode):
    return tuple(torch.linalg.qr(x, mode=mode))


def svd(x, full_matrices, compute_uv):
    if not compute_uv:
        return torch.linalg.svdvals(x)
    return tuple(torch.linalg.svd(x, full_matrices=full_matrices))


def eigh(x):
    return tuple(torch.linalg.eigh(x))


def det(x):
    return torch.linalg.det(x)


def dense(x, kernel, bias):
    if bias is None:
        return torch.matmul(x, kernel)
    if x.ndim == 2:
        return torch.addmm(bias, x, kernel)
    return torch.nn.functional.linear(x, kernel.t(), bias)  # other ranks: still one op (a view of the kernel)
