"""Elementwise math and comparisons: primitives wrapped with conversion and promotion."""

import math

from frontend import config
from frontend.backends import active as B
from frontend.ops import dtypes
from frontend.ops.axes import broadcast_shapes
from frontend.ops.errors import OpTypeError, op
from frontend.ops.tensors import dtype_node, promoted, tensor


_WIDE_INTS = ("int32", "int64")


def _weak_scalar(value, dtype):
    """A Python int or float beside a tensor of ``dtype`` as a 0-d tensor of that dtype, where the
    promotion table says the result keeps ``dtype``; None where the general path must decide."""
    kind = type(value)
    if kind is float:
        return B.full((), value, dtype) if dtypes.is_float(dtype) else None
    if kind is int and -(2**31) <= value < 2**31 and (dtype in _WIDE_INTS or dtypes.is_float(dtype)):
        return B.full((), value, dtype)
    return None


def _same_dtype_pair(a, b):
    """Fast path for the common cases: two engine tensors (or Variables) of one dtype, or one and
    a weak Python number that takes its dtype; None where promotion has to decide."""
    if not B.is_tensor(a) and getattr(a, "__frontend_variable__", False):
        a = a.value
    if not B.is_tensor(b) and getattr(b, "__frontend_variable__", False):
        b = b.value
    if B.is_tensor(a):
        if B.is_tensor(b):
            return [a, b] if B.dtype_name(a) == B.dtype_name(b) else None
        b = _weak_scalar(b, B.dtype_name(a))
        return None if b is None else [a, b]
    if B.is_tensor(b):
        a = _weak_scalar(a, B.dtype_name(b))
        return None if a is None else [a, b]
    return None


def _broadcastable(name, pair):
    """``pair`` after checking that its shapes broadcast (raises naming the op)."""
    first, second = B.shape(pair[0]), B.shape(pair[1])
    if first != second and not (len(second) < len(first) and first[len(first) - len(second):] == second):
        broadcast_shapes(name, first, second)  # (a trailing-axes match, as a bias add has, broadcasts)
    return pair


def _operands(name, *values, dtype=None):
    """Tensors of ``values`` (promoted, or cast to ``dtype``) whose shapes broadcast; raises naming the op."""
    tensors = _same_dtype_pair(*values) if dtype is None and len(values) == 2 else None
    if tensors is not None:
        return _broadcastable(name, tensors)
    tensors = promoted(*values) if dtype is None else [tensor(v, dtype) for v in values]
    broadcast_shapes(name, *(B.shape(t) for t in tensors))
    return tensors


def _unary_float(name):
    """An op that computes in floating point: int and bool inputs become floatx."""
    primitive = getattr(B, name)

    @op(name)
    def function(x):
        x = tensor(x)
        return primitive(tensor(x, dtypes.float_result(B.dtype_name(x))))

    function.__name__ = name
    function.__doc__ = f"Elementwise {name}; integer inputs are computed in floatx()."
    return function


def _unary_same(name):
    """An op whose result keeps the input dtype."""
    primitive = getattr(B, name)

    @op(name)
    def function(x):
        x = tensor(x)
        if B.dtype_name(x) == "bool" and name in ("abs", "sign"):
            return x  # |b| and sign(b) are b itself
        if B.dtype_name(x) == "bool" and name == "square":
            x = B.cast(x, "int32")  # as Keras 3 does
        return primitive(x)

    function.__name__ = name
    function.__doc__ = f"Elementwise {name}, keeping the input dtype."
    return function


def _binary(name, primitive_name=None):
    primitive = getattr(B, primitive_name or name)

    @op(name)
    def function(x1, x2):
        return primitive(*_operands(name, x1, x2))

    function.__name__ = name
    function.__doc__ = f"Elementwise {name} with broadcasting and dtype promotion."
    return function


def _integer_binary(name, primitive_name):
    primitive = getattr(B, primitive_name)

    @op(name)
    def function(x1, x2):
        a, b = _operands(name, x1, x2)
        if dtypes.is_float(B.dtype_name(a)):
            raise OpTypeError(f"ops.{name}: needs integer or bool inputs, received dtype {B.dtype_name(a)}")
        return primitive(a, b)

    function.__name__ = name
    function.__doc__ = f"Elementwise {name} of integer or bool tensors."
    return function


def _logical(name):
    primitive = getattr(B, name)

    @op(name)
    def function(x1, x2):
        return primitive(*_operands(name, x1, x2, dtype="bool"))

    function.__name__ = name
    function.__doc__ = f"Elementwise {name}: inputs are read as booleans."
    return function


for _name in ("sqrt", "exp", "expm1", "log", "log1p", "sin", "cos", "tan", "arcsin", "arccos",
              "arctan", "sinh", "cosh", "tanh", "arcsinh", "arccosh", "arctanh", "erf", "erfinv",
              "reciprocal", "rsqrt", "floor", "ceil", "sigmoid"):
    globals()[_name] = _unary_float(_name)
for _name in ("abs", "negative", "sign", "square", "trunc"):
    globals()[_name] = _unary_same(_name)
for _name in ("add", "subtract", "multiply", "maximum", "minimum", "floor_divide", "mod", "power"):
    globals()[_name] = _binary(_name)
for _name in ("equal", "not_equal", "less", "less_equal", "greater", "greater_equal"):
    globals()[_name] = _binary(_name)
for _name in ("logical_and", "logical_or", "logical_xor"):
    globals()[_name] = _logical(_name)
bitwise_and = _integer_binary("bitwise_and", "bitwise_and")
bitwise_or = _integer_binary("bitwise_or", "bitwise_or")
bitwise_xor = _integer_binary("bitwise_xor", "bitwise_xor")
left_shift = bitwise_left_shift = _integer_binary("left_shift", "left_shift")
right_shift = bitwise_right_shift = _integer_binary("right_shift", "right_shift")
absolute = abs  # noqa: F821  (defined by the loop above)


@op("divide")
def divide(x1, x2):
    """True division; integer inputs give floatx()."""
    return B.divide(*_float_pair("divide", x1, x2))


true_divide = divide


@op("divide_no_nan")
def divide_no_nan(x1, x2):
    """x1 / x2, with 0 wherever x2 is 0."""
    a, b = _float_pair("divide_no_nan", x1, x2)
    dtype = B.dtype_name(a)
    zero = B.zeros((), dtype)
    is_zero = B.equal(b, zero)
    safe = B.where(is_zero, B.ones((), dtype), b)
    return B.where(is_zero, zero, B.divide(a, safe))


@op("arctan2")
def arctan2(x1, x2):
    return B.arctan2(*_float_pair("arctan2", x1, x2))


@op("logical_not")
def logical_not(x):
    return B.logical_not(tensor(x, "bool"))


@op("bitwise_invert")
def bitwise_invert(x):
    x = tensor(x)
    if dtypes.is_float(B.dtype_name(x)):
        raise OpTypeError(f"ops.bitwise_invert: needs integer or bool input, received dtype {B.dtype_name(x)}")
    return B.bitwise_invert(x)


invert = bitwise_not = bitwise_invert


@op("isnan")
def isnan(x):
    x = tensor(x)
    return B.isnan(x) if dtypes.is_float(B.dtype_name(x)) else B.zeros(B.shape(x), "bool")


@op("isinf")
def isinf(x):
    x = tensor(x)
    return B.isinf(x) if dtypes.is_float(B.dtype_name(x)) else B.zeros(B.shape(x), "bool")


@op("isfinite")
def isfinite(x):
    x = tensor(x)
    return B.isfinite(x) if dtypes.is_float(B.dtype_name(x)) else B.ones(B.shape(x), "bool")


@op("round")
def round(x, decimals=0):
    """Round half to even to ``decimals`` places."""
    x = tensor(x)
    dtype = B.dtype_name(x)
    if not dtypes.is_float(dtype):  # integers only change for negative decimals (tens, hundreds, ...)
        if decimals >= 0 or dtype == "bool":
            return x
        return B.cast(round(B.cast(x, "float64"), decimals), dtype)
    if decimals == 0:
        return B.round(x)
    scale = tensor(10.0**decimals, dtype)
    return B.divide(B.round(B.multiply(x, scale)), scale)


@op("clip")
def clip(x, x_min, x_max):
    """Limit values to [x_min, x_max]; bool input is clipped as int32."""
    x = tensor(x)
    if B.dtype_name(x) == "bool":
        x = B.cast(x, "int32")
    dtype = B.dtype_name(x)
    return B.minimum(B.maximum(x, tensor(x_min, dtype)), tensor(x_max, dtype))


@op("where")
def where(condition, x1=None, x2=None):
    """Choose from x1 where condition is true, else x2 (both required here)."""
    if x1 is None or x2 is None:
        raise ValueError("ops.where: the one-argument form is nonzero(); pass both x1 and x2")
    a, b = _operands("where", x1, x2)
    condition = tensor(condition, "bool")
    broadcast_shapes("where", B.shape(condition), B.shape(a), B.shape(b))
    return B.where(condition, a, b)


def _float_pair(name, x1, x2):
    pair = _same_dtype_pair(x1, x2)
    if pair is not None and dtypes.is_float(B.dtype_name(pair[0])):
        return _broadcastable(name, pair)  # floats of one dtype already: promotion would change nothing
    return _operands(name, x1, x2, dtype=dtypes.result_type(dtype_node(x1), dtype_node(x2), 1.0))


@op("log2")
def log2(x):
    x = tensor(x, dtypes.float_result(B.dtype_name(tensor(x))))
    return B.divide(B.log(x), tensor(math.log(2.0), B.dtype_name(x)))


@op("log10")
def log10(x):
    x = tensor(x, dtypes.float_result(B.dtype_name(tensor(x))))
    return B.divide(B.log(x), tensor(math.log(10.0), B.dtype_name(x)))


@op("exp2")
def exp2(x):
    x = tensor(x, dtypes.float_result(B.dtype_name(tensor(x))))
    return B.exp(B.multiply(x, tensor(math.log(2.0), B.dtype_name(x))))


@op("logaddexp")
def logaddexp(x1, x2):
    """log(exp(x1) + exp(x2)) computed without overflow."""
    a, b = _float_pair("logaddexp", x1, x2)
    high = B.maximum(a, b)
    low = B.minimum(a, b)
    safe = B.where(B.isinf(high), B.zeros((), B.dtype_name(a)), B.subtract(low, high))
    return B.add(high, B.log1p(B.exp(safe)))


@op("hypot")
def hypot(x1, x2):
    a, b = _float_pair("hypot", x1, x2)
    a, b = B.abs(a), B.abs(b)
    high, low = B.maximum(a, b), B.minimum(a, b)
    one = B.ones((), B.dtype_name(a))
    ratio = B.divide(low, B.where(B.equal(high, _zero(B.dtype_name(a))), one, high))
    result = B.multiply(high, B.sqrt(B.add(one, B.square(ratio))))  # no overflow in the squares
    return B.where(B.isinf(high), high, result)


@op("cbrt")
def cbrt(x):
    x = tensor(x, dtypes.float_result(B.dtype_name(tensor(x))))
    third = tensor(1.0 / 3.0, B.dtype_name(x))
    return B.multiply(B.sign(x), B.power(B.abs(x), third))


@op("deg2rad")
def deg2rad(x):
    x = tensor(x, dtypes.float_result(B.dtype_name(tensor(x))))
    return B.multiply(x, tensor(math.pi / 180.0, B.dtype_name(x)))


@op("rad2deg")
def rad2deg(x):
    x = tensor(x, dtypes.float_result(B.dtype_name(tensor(x))))
    return B.multiply(x, tensor(180.0 / math.pi, B.dtype_name(x)))


def _zero(dtype):
    return B.zeros((), dtype)


@op("heaviside")
def heaviside(x1, x2):
    """0 where x1 < 0, x2 where x1 == 0, 1 where x1 > 0."""
    a, b = _operands("heaviside", x1, x2)
    dtype = B.dtype_name(a)
    step = B.where(B.greater(a, _zero(dtype)), B.ones((), dtype), _zero(dtype))
    return B.where(B.equal(a, _zero(dtype)), b, step)


@op("signbit")
def signbit(x):
    """True where the sign bit is set (negative numbers and -0.0)."""
    x = tensor(x)
    dtype = B.dtype_name(x)
    if dtype == "bool":
        return B.zeros(B.shape(x), "bool")
    negative = B.less(x, _zero(dtype))
    if not dtypes.is_float(dtype):
        return negative
    negative_zero = B.logical_and(B.equal(x, _zero(dtype)), B.less(B.reciprocal(x), _zero(dtype)))
    return B.logical_or(negative, negative_zero)


@op("isclose")
def isclose(x1, x2, rtol=1e-5, atol=1e-8, equal_nan=False):
    a, b = _operands("isclose", x1, x2)
    if not dtypes.is_float(B.dtype_name(a)):
        a, b = B.cast(a, config.floatx()), B.cast(b, config.floatx())
    dtype = B.dtype_name(a)
    bound = B.add(tensor(atol, dtype), B.multiply(tensor(rtol, dtype), B.abs(b)))
    close = B.less_equal(B.abs(B.subtract(a, b)), bound)
    close = B.logical_or(close, B.equal(a, b))
    if equal_nan:
        close = B.logical_or(close, B.logical_and(B.isnan(a), B.isnan(b)))
    return close


@op("nan_to_num")
def nan_to_num(x, nan=0.0, posinf=None, neginf=None):
    """Replace NaN by ``nan`` and infinities by ``posinf`` / ``neginf`` (default: the dtype's extremes)."""
    x = tensor(x)
    dtype = B.dtype_name(x)
    if not dtypes.is_float(dtype):
        return x
    largest = dtypes.FLOAT_MAX[dtype]
    x = B.where(B.isnan(x), tensor(nan, dtype), x)
    positive = B.greater(x, _zero(dtype))
    replacement = B.where(positive, tensor(largest if posinf is None else posinf, dtype),
                          tensor(-largest if neginf is None else neginf, dtype))
    return B.where(B.isinf(x), replacement, x)


@op("conj")
def conj(x):
    """Complex conjugate; real tensors are returned unchanged."""
    return tensor(x)


conjugate = conj


@op("real")
def real(x):
    return tensor(x)


@op("imag")
def imag(x):
    x = tensor(x)
    return B.zeros(B.shape(x), B.dtype_name(x))
