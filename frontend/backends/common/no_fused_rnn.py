"""The recurrent primitives for engines without a fused kernel: None, so the layer runs its
generic time loop (which JAX and TensorFlow trace into one compiled loop anyway)."""


def lstm(inputs, initial_h, initial_c, kernel, recurrent_kernel, bias, go_backwards=False):
    return None


def gru(inputs, initial_h, kernel, recurrent_kernel, bias, go_backwards=False):
    return None
