"""Seeded random draws on PyTorch: each call builds a generator from its (2,) int32 seed."""

import torch

from frontend.backends.torch import core
from frontend.backends.torch.core import DTYPES


def _seed_int(seed):
    """Mix both seed words into one 64-bit value (splitmix64): torch's CPU generator keeps only the low 32 bits."""
    first, second = (int(v) for v in (seed.tolist() if isinstance(seed, torch.Tensor) else seed))
    z = ((first & 0xFFFFFFFF) << 32 | (second & 0xFFFFFFFF)) + 0x9E3779B97F4A7C15
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
    return (z ^ (z >> 31)) % 2**63


def _generator(seed, device):
    generator = torch.Generator(device=device)
    generator.manual_seed(_seed_int(seed))
    return generator


def _float_kwargs(seed, dtype):
    """Draw half-precision floats in float32 (then cast), everything else in its own dtype."""
    draw = torch.float32 if dtype in ("float16", "bfloat16") else DTYPES[dtype]
    return {"generator": _generator(seed, core.device()), "dtype": draw, "device": core.device()}


def random_uniform(shape, minval, maxval, dtype, seed):
    x = torch.rand(shape, **_float_kwargs(seed, dtype))
    x = (x * (maxval - minval) + minval).to(DTYPES[dtype])
    # Rounding to a narrower dtype can land on maxval; step those back below it.
    limit = torch.tensor(maxval, dtype=x.dtype, device=x.device)
    return torch.where(x >= limit, torch.nextafter(limit, torch.tensor(minval, dtype=x.dtype, device=x.device)), x)


def random_normal(shape, mean, stddev, dtype, seed):
    return (torch.randn(shape, **_float_kwargs(seed, dtype)) * stddev + mean).to(DTYPES[dtype])


def random_truncated_normal(shape, mean, stddev, dtype, seed):
    kwargs = _float_kwargs(seed, dtype)
    x = torch.empty(shape, dtype=kwargs["dtype"], device=kwargs["device"])
    low, high = mean - 2 * stddev, mean + 2 * stddev
    return torch.nn.init.trunc_normal_(x, mean, stddev, low, high, generator=kwargs["generator"]).to(DTYPES[dtype])


def random_randint(shape, minval, maxval, dtype, seed):
    generator = _generator(seed, core.device())
    return torch.randint(minval, maxval, shape, generator=generator, dtype=DTYPES[dtype], device=core.device())


def random_categorical(logits, num_samples, dtype, seed):
    probs = torch.softmax(logits.to(torch.float32 if logits.dtype in (torch.float16, torch.bfloat16) else logits.dtype), -1)
    samples = torch.multinomial(probs, num_samples, replacement=True, generator=_generator(seed, logits.device))
    return samples.to(DTYPES[dtype])


def random_gamma(shape, alpha, dtype, seed):
    device = core.device()
    draw = torch.float32 if dtype in ("float16", "bfloat16") else DTYPES[dtype]
    # torch._standard_gamma takes no generator: seed the engine's own one inside fork_rng.
    with torch.random.fork_rng(devices=[device.index or 0] if device.type == "cuda" else []):
        if device.type == "cuda":
            with torch.cuda.device(device):
                torch.cuda.manual_seed(_seed_int(seed))
        else:
            torch.random.default_generator.manual_seed(_seed_int(seed))
        return torch._standard_gamma(torch.full(shape, alpha, dtype=draw, device=device)).to(DTYPES[dtype])
