"""Recurrent layers on PyTorch's fused kernels (``torch.lstm``, ``torch.gru``; cuDNN on a GPU).

Keras keeps one kernel (in, gates * units) and one recurrent kernel (units, gates * units);
torch wants them transposed, as (gates * units, in) and (gates * units, units). The gate
blocks line up as they are: Keras's LSTM order i, f, c, o is torch's i, f, g, o, and
Keras's GRU order z, r, h is torch's r, z, n with the first two blocks swapped.

Under torch.compile the fused CPU kernel does not compile (inductor passes it a None
weight), so there the primitives return None and the layer traces its step loop.
"""

import torch


def lstm(inputs, initial_h, initial_c, kernel, recurrent_kernel, bias, go_backwards=False):
    if torch.compiler.is_compiling():
        return None
    if go_backwards:
        inputs = torch.flip(inputs, (1,))
    weights = [kernel.t(), recurrent_kernel.t(), bias, torch.zeros_like(bias)]
    outputs, h, c = torch.lstm(inputs, (initial_h[None], initial_c[None]), weights, True, 1, 0.0,
                               torch.is_grad_enabled(), False, True)
    return outputs, h[0], c[0]


def gru(inputs, initial_h, kernel, recurrent_kernel, bias, go_backwards=False):
    if torch.compiler.is_compiling():
        return None
    if go_backwards:
        inputs = torch.flip(inputs, (1,))
    weights = [_z_r_h_to_r_z_n(kernel.t()), _z_r_h_to_r_z_n(recurrent_kernel.t()),
               _z_r_h_to_r_z_n(bias[0]), _z_r_h_to_r_z_n(bias[1])]
    outputs, h = torch.gru(inputs, initial_h[None], weights, True, 1, 0.0, torch.is_grad_enabled(), False, True)
    return outputs, h[0]


def _z_r_h_to_r_z_n(blocks):
    z, r, h = torch.chunk(blocks, 3, dim=0)
    return torch.cat([r, z, h], dim=0)
