"""FarmHash ``Fingerprint64`` (farmhashna) in pure Python.

TensorFlow's ``to_hash_bucket_fast``, behind Keras's string OOV buckets, is
``Fingerprint64(utf-8 bytes) % num_buckets``; computing it here lets lookups spread
out-of-vocabulary strings over the same buckets as Keras without TensorFlow.
"""

_MASK = (1 << 64) - 1
_K0 = 0xC3A5C85C97CB3127
_K1 = 0xB492B66FBE98F273
_K2 = 0x9AE16A3B2F90404F


def _u64(data, offset):
    return int.from_bytes(data[offset:offset + 8], "little")


def _u32(data, offset):
    return int.from_bytes(data[offset:offset + 4], "little")


def _rotate(value, shift):
    return ((value >> shift) | (value << (64 - shift))) & _MASK


def _shift_mix(value):
    return value ^ (value >> 47)


def _hash_pair(u, v, mul):
    a = ((u ^ v) * mul) & _MASK
    a ^= a >> 47
    b = ((v ^ a) * mul) & _MASK
    b ^= b >> 47
    return (b * mul) & _MASK


def _short(data):
    """Inputs of at most 16 bytes."""
    n = len(data)
    if n >= 8:
        mul = _K2 + n * 2
        a = (_u64(data, 0) + _K2) & _MASK
        b = _u64(data, n - 8)
        c = (_rotate(b, 37) * mul + a) & _MASK
        d = ((_rotate(a, 25) + b) * mul) & _MASK
        return _hash_pair(c, d, mul)
    if n >= 4:
        mul = _K2 + n * 2
        return _hash_pair(n + (_u32(data, 0) << 3), _u32(data, n - 4), mul)
    if n > 0:
        y = data[0] + (data[n >> 1] << 8)
        z = n + (data[n - 1] << 2)
        return (_shift_mix(((y * _K2) ^ (z * _K0)) & _MASK) * _K2) & _MASK
    return _K2


def _medium(data):
    """Inputs of 17 to 64 bytes."""
    n = len(data)
    mul = _K2 + n * 2
    a = (_u64(data, 0) * _K1) & _MASK if n <= 32 else (_u64(data, 0) * _K2) & _MASK
    b = _u64(data, 8)
    c = (_u64(data, n - 8) * mul) & _MASK
    d = (_u64(data, n - 16) * _K2) & _MASK
    y = (_rotate((a + b) & _MASK, 43) + _rotate(c, 30) + d) & _MASK
    z = _hash_pair(y, (a + _rotate((b + _K2) & _MASK, 18) + c) & _MASK, mul)
    if n <= 32:
        return z
    e = (_u64(data, 16) * mul) & _MASK
    f = _u64(data, 24)
    g = ((y + _u64(data, n - 32)) * mul) & _MASK
    h = ((z + _u64(data, n - 24)) * mul) & _MASK
    return _hash_pair((_rotate((e + f) & _MASK, 43) + _rotate(g, 30) + h) & _MASK,
                      (e + _rotate((f + a) & _MASK, 18) + g) & _MASK, mul)


def _weak_pair(data, offset, a, b):
    w, x, y, z = (_u64(data, offset + 8 * i) for i in range(4))
    a = (a + w) & _MASK
    b = _rotate((b + a + z) & _MASK, 21)
    c = a
    a = (a + x + y) & _MASK
    b = (b + _rotate(a, 44)) & _MASK
    return (a + z) & _MASK, (b + c) & _MASK


def _long(data):
    """Inputs longer than 64 bytes: 64-byte chunks, then the last 64 bytes."""
    n = len(data)
    seed = 81
    x = seed
    y = (seed * _K1 + 113) & _MASK
    z = (_shift_mix((y * _K2 + 113) & _MASK) * _K2) & _MASK
    v = [0, 0]
    w = [0, 0]
    x = (x * _K2 + _u64(data, 0)) & _MASK
    end = ((n - 1) // 64) * 64
    last = end + ((n - 1) & 63) - 63
    offset = 0
    while True:
        x = (_rotate((x + y + v[0] + _u64(data, offset + 8)) & _MASK, 37) * _K1) & _MASK
        y = (_rotate((y + v[1] + _u64(data, offset + 48)) & _MASK, 42) * _K1) & _MASK
        x ^= w[1]
        y = (y + v[0] + _u64(data, offset + 40)) & _MASK
        z = (_rotate((z + w[0]) & _MASK, 33) * _K1) & _MASK
        v = list(_weak_pair(data, offset, (v[1] * _K1) & _MASK, (x + w[0]) & _MASK))
        w = list(_weak_pair(data, offset + 32, (z + w[1]) & _MASK, (y + _u64(data, offset + 16)) & _MASK))
        z, x = x, z
        offset += 64
        if offset == end:
            break
    mul = _K1 + ((z & 0xFF) << 1)
    offset = last
    w[0] = (w[0] + ((n - 1) & 63)) & _MASK
    v[0] = (v[0] + w[0]) & _MASK
    w[0] = (w[0] + v[0]) & _MASK
    x = (_rotate((x + y + v[0] + _u64(data, offset + 8)) & _MASK, 37) * mul) & _MASK
    y = (_rotate((y + v[1] + _u64(data, offset + 48)) & _MASK, 42) * mul) & _MASK
    x ^= (w[1] * 9) & _MASK
    y = (y + v[0] * 9 + _u64(data, offset + 40)) & _MASK
    z = (_rotate((z + w[0]) & _MASK, 33) * mul) & _MASK
    v = list(_weak_pair(data, offset, (v[1] * mul) & _MASK, (x + w[0]) & _MASK))
    w = list(_weak_pair(data, offset + 32, (z + w[1]) & _MASK, (y + _u64(data, offset + 16)) & _MASK))
    z, x = x, z
    return _hash_pair((_hash_pair(v[0], w[0], mul) + _shift_mix(y) * _K0 + z) & _MASK,
                      (_hash_pair(v[1], w[1], mul) + x) & _MASK, mul)


def fingerprint64(data):
    """The unsigned 64-bit FarmHash fingerprint of ``data`` (bytes, or str encoded as UTF-8)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) <= 16:
        return _short(data)
    if len(data) <= 64:
        return _medium(data)
    return _long(data)
