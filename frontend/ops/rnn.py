"""Whole-sequence recurrent layers in one engine call, where the engine has a fused kernel.

Each op returns None where the active engine has none (JAX and TensorFlow trace the
layers' generic time loop into one compiled loop already); the recurrent layers then run
that loop. The math, weights and gate order are Keras's, as in ``LSTMCell`` and ``GRUCell``
with tanh and sigmoid: the fused and the generic paths give the same numbers.
"""

from frontend.backends import active as B
from frontend.ops.errors import op
from frontend.ops.tensors import tensor


@op("lstm")
def lstm(inputs, initial_h, initial_c, kernel, recurrent_kernel, bias, go_backwards=False):
    """(outputs, h, c) of an LSTM over ``inputs`` (batch, time, in), or None without a fused kernel.

    kernel (in, 4 units), recurrent_kernel (units, 4 units), bias (4 units,), gates i, f, c, o;
    outputs (batch, time, units) in processing order (reversed time with ``go_backwards``).
    """
    return B.lstm(tensor(inputs), tensor(initial_h), tensor(initial_c), tensor(kernel), tensor(recurrent_kernel),
                  tensor(bias), go_backwards)


@op("gru")
def gru(inputs, initial_h, kernel, recurrent_kernel, bias, go_backwards=False):
    """(outputs, h) of a GRU in the reset_after layout, or None without a fused kernel.

    kernel (in, 3 units), recurrent_kernel (units, 3 units), bias (2, 3 units) (input row,
    recurrent row), gates z, r, h; outputs as for ``lstm``.
    """
    return B.gru(tensor(inputs), tensor(initial_h), tensor(kernel), tensor(recurrent_kernel), tensor(bias),
                 go_backwards)
