"""Seeded random draws on PyTorch: each call builds a generator from its (2,) int32 seed.

Under torch.compile a generator cannot be built from a seed tensor inside the graph, so
uniform, normal and randint draws there come from a counter-based hash of (seed, element
index) written in tensor ops. They are as seeded and reproducible, but are a
different stream from the eager generator's.
"""

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


def _draw_dtype(dtype):
    """Half-precision floats are drawn in float32 (then cast), everything else in its own dtype."""
    return torch.float32 if dtype in ("float16", "bfloat16") else DTYPES[dtype]


def _float_kwargs(seed, dtype):
    return {"generator": _generator(seed, core.device()), "dtype": _draw_dtype(dtype), "device": core.device()}


def _multiply_32(x, constant):
    """``x * constant`` modulo 2**32 for words below 2**32, with every product below 2**49 (no int64 overflow)."""
    low, high = constant & 0xFFFF, constant >> 16
    return (x * low + (((x * high) & 0xFFFF) << 16)) & 0xFFFFFFFF


def _mix_32(x):
    """A 32-bit integer hash (the "lowbias32" xor-shift-multiply mix) of int64 words below 2**32."""
    x = x ^ (x >> 16)
    x = _multiply_32(x, 0x7FEB352D)
    x = x ^ (x >> 15)
    x = _multiply_32(x, 0x846CA68B)
    return x ^ (x >> 16)


def _hashed_bits(count, seed, stream):
    """``count`` pseudo-random 32-bit words (in int64) from a hash of (seed, stream, element index)."""
    seed = torch.as_tensor(seed, device=core.device()).to(torch.int64) & 0xFFFFFFFF
    key = _mix_32(seed[0] ^ _mix_32(seed[1] ^ _mix_32(torch.tensor(stream, dtype=torch.int64, device=core.device()))))
    return _mix_32(torch.arange(count, dtype=torch.int64, device=core.device()) ^ key)


def _hashed_uniform(shape, seed, stream=0):
    """float32 draws in [0, 1) from the top 24 bits of each hashed 32-bit word."""
    count = 1
    for size in shape:
        count *= size
    return ((_hashed_bits(count, seed, stream) >> 8).to(torch.float32) * 2.0**-24).reshape(shape)


def _hashed_normal(shape, seed):
    """Standard normal draws by Box-Muller from two hashed uniform streams."""
    radius = torch.sqrt(-2.0 * torch.log1p(-_hashed_uniform(shape, seed, 0)))
    return radius * torch.cos(2.0 * torch.pi * _hashed_uniform(shape, seed, 1))


def _standard_uniform(shape, seed, dtype):
    if torch.compiler.is_compiling():
        return _hashed_uniform(shape, seed).to(_draw_dtype(dtype))
    return torch.rand(shape, **_float_kwargs(seed, dtype))


def random_uniform(shape, minval, maxval, dtype, seed):
    x = _standard_uniform(shape, seed, dtype)
    x = (x * (maxval - minval) + minval).to(DTYPES[dtype])
    # Rounding to a narrower dtype can land on maxval; step those back below it.
    limit = torch.tensor(maxval, dtype=x.dtype, device=x.device)
    return torch.where(x >= limit, torch.nextafter(limit, torch.tensor(minval, dtype=x.dtype, device=x.device)), x)


def random_normal(shape, mean, stddev, dtype, seed):
    if torch.compiler.is_compiling():
        x = _hashed_normal(shape, seed).to(_draw_dtype(dtype))
    else:
        x = torch.randn(shape, **_float_kwargs(seed, dtype))
    return (x * stddev + mean).to(DTYPES[dtype])


def random_truncated_normal(shape, mean, stddev, dtype, seed):
    kwargs = _float_kwargs(seed, dtype)
    x = torch.empty(shape, dtype=kwargs["dtype"], device=kwargs["device"])
    low, high = mean - 2 * stddev, mean + 2 * stddev
    return torch.nn.init.trunc_normal_(x, mean, stddev, low, high, generator=kwargs["generator"]).to(DTYPES[dtype])


def random_randint(shape, minval, maxval, dtype, seed):
    if torch.compiler.is_compiling():
        draws = torch.floor(_hashed_uniform(shape, seed).to(torch.float64) * (maxval - minval)) + minval
        return draws.to(DTYPES[dtype])
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
