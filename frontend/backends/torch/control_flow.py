"""Control flow, gradients and compilation on PyTorch (eager Python, autograd)."""

import contextlib

import torch
from torch.utils import _pytree as pytree


def cond(pred, true_fn, false_fn):
    return true_fn() if bool(pred) else false_fn()


def while_loop(cond, body, loop_vars, maximum_iterations):
    is_tuple = isinstance(loop_vars, (list, tuple))
    loop_vars = tuple(loop_vars) if is_tuple else (loop_vars,)
    step = 0
    while (maximum_iterations is None or step < maximum_iterations) and bool(cond(*loop_vars)):
        loop_vars = body(*loop_vars)
        loop_vars = tuple(loop_vars) if isinstance(loop_vars, (list, tuple)) else (loop_vars,)
        step += 1
    return loop_vars if is_tuple else loop_vars[0]


def _stack(*ys):
    return None if ys[0] is None else torch.stack([torch.as_tensor(y) for y in ys])


def scan(f, init, xs, length, reverse):
    n = int(length) if xs is None else int(pytree.tree_leaves(xs)[0].shape[0])
    carry, ys = init, []
    for i in range(n - 1, -1, -1) if reverse else range(n):
        carry, y = f(carry, None if xs is None else pytree.tree_map(lambda t: t[i], xs))
        ys.append(y)
    if reverse:
        ys.reverse()
    return carry, (pytree.tree_map(_stack, *ys) if ys else None)


def vectorized_map(fn, elements):
    return torch.vmap(fn)(elements)


def stop_gradient(x):
    return x.detach()


def value_and_grad(fn, has_aux):
    def value_and_grad_fn(values, *args):
        with torch.enable_grad() if not torch.is_grad_enabled() else contextlib.nullcontext():
            leaves = [v.detach().requires_grad_(True) for v in values]
            out = fn(leaves, *args)
            loss = out[0] if has_aux else out
            if leaves and loss.requires_grad:
                grads = torch.autograd.grad(loss, leaves, allow_unused=True)
            else:
                grads = [None] * len(leaves)
        grads = [torch.zeros_like(v) if g is None else g for v, g in zip(leaves, grads)]
        # values now: later uses (a loss tracker, metrics on y_pred) record no graph, and a
        # compiled step returns no tensor whose graph autograd.grad has consumed
        return pytree.tree_map_only(torch.Tensor, torch.Tensor.detach, out), grads

    return value_and_grad_fn


def compiled_steps_are_pure():
    return False


def converts_batches_inline():
    return True


def compile(fn, jit, donate_state=False):
    """``torch.compile`` for jit=True, tracing ``torch.autograd.grad`` into the graph so that a
    whole train step (forward, gradients, optimizer update, metrics) is one graph."""
    if jit is not True:
        return fn
    compiled = torch.compile(fn)

    def run(*args):
        with torch._dynamo.config.patch(trace_autograd_ops=True):
            return compiled(*args)

    return run
