"""What happens to gradients before the update: clipping, loss scaling, missing gradients,
weight decay with exclusions, constraints after the update, overwrite-with-gradient."""

import numpy as np
import pytest

from frontend import Variable, constraints, optimizers

from .support import BIAS, KERNEL, make_variables


def sgd_step(grads, variables=None, **kwargs):
    """One SGD step with learning rate 1: returns the applied update (old - new) per variable."""
    variables = variables or [Variable(np.zeros(np.shape(g), "float32")) for g in grads]
    before = [v.numpy().copy() for v in variables]
    optimizers.SGD(learning_rate=1.0, **kwargs).apply(grads, variables)
    return [b - v.numpy() for b, v in zip(before, variables)]


def test_clipnorm_limits_each_gradient_norm_separately():
    big, small, zero = (np.array([3.0, 4.0], "float32"), np.array([0.3, 0.4], "float32"),
                        np.zeros((2,), "float32"))
    applied = sgd_step([big, small, zero], clipnorm=1.0)
    np.testing.assert_allclose(applied[0], [0.6, 0.8], rtol=1e-6)
    np.testing.assert_allclose(applied[1], small, rtol=1e-6)
    np.testing.assert_array_equal(applied[2], zero)  # no NaN from a zero norm


def test_global_clipnorm_scales_all_gradients_by_their_joint_norm():
    grads = [np.array([3.0, 4.0], "float32"), np.array([12.0], "float32")]  # joint norm 13
    applied = sgd_step(grads, global_clipnorm=2.6)
    np.testing.assert_allclose(applied[0], [0.6, 0.8], rtol=1e-6)
    np.testing.assert_allclose(applied[1], [2.4], rtol=1e-6)
    unchanged = sgd_step(grads, global_clipnorm=100.0)
    np.testing.assert_allclose(unchanged[1], [12.0], rtol=1e-6)


def test_clipvalue_clips_every_entry():
    applied = sgd_step([np.array([-2.0, 0.1, 0.7], "float32")], clipvalue=0.5)
    np.testing.assert_allclose(applied[0], [-0.5, 0.1, 0.5], rtol=1e-6)


def test_only_one_clipping_argument_is_accepted():
    with pytest.raises(ValueError, match="Only one of `clipnorm`, `clipvalue` and `global_clipnorm`"):
        optimizers.SGD(clipnorm=1.0, clipvalue=1.0)


def test_loss_scale_factor_scales_the_loss_and_unscales_the_gradients():
    optimizer = optimizers.SGD(loss_scale_factor=4.0)
    assert optimizer.scale_loss(3.0) == 12.0
    applied = sgd_step([np.array([8.0], "float32")], loss_scale_factor=4.0)
    np.testing.assert_allclose(applied[0], [2.0])


def test_missing_gradients_are_skipped_with_a_warning():
    kernel, bias = make_variables()
    optimizer = optimizers.SGD(learning_rate=1.0)
    with pytest.warns(UserWarning, match=r"Gradients do not exist for variables \['dense/bias'\]"):
        optimizer.apply([np.ones_like(KERNEL), None], [kernel, bias])
    np.testing.assert_allclose(kernel.numpy(), KERNEL - 1.0)
    np.testing.assert_array_equal(bias.numpy(), BIAS)
    with pytest.raises(ValueError, match="No gradients provided for any variable"):
        optimizer.apply([None, None], [kernel, bias])


def test_gradient_count_must_match_the_variables():
    kernel, bias = make_variables()
    with pytest.raises(ValueError, match="received 1 gradients for 2 variables"):
        optimizers.SGD().apply([np.ones_like(KERNEL)], [kernel, bias])


def test_weight_decay_skips_excluded_names_and_variables():
    kernel, bias = make_variables()
    optimizer = optimizers.SGD(learning_rate=0.1, weight_decay=0.5)
    optimizer.exclude_from_weight_decay(var_names=["bias"])
    optimizer.apply([np.zeros_like(KERNEL), np.zeros_like(BIAS)], [kernel, bias])
    np.testing.assert_allclose(kernel.numpy(), KERNEL * (1 - 0.5 * 0.1), rtol=1e-6)
    np.testing.assert_array_equal(bias.numpy(), BIAS)

    kernel, bias = make_variables()
    optimizer = optimizers.AdamW(learning_rate=0.1, weight_decay=0.5)
    optimizer.exclude_from_weight_decay(var_list=[kernel])
    optimizer.apply([np.zeros_like(KERNEL), np.zeros_like(BIAS)], [kernel, bias])
    np.testing.assert_array_equal(kernel.numpy(), KERNEL)
    np.testing.assert_allclose(bias.numpy(), BIAS * (1 - 0.5 * 0.1), rtol=1e-6)
    with pytest.raises(ValueError, match="can only be configured before the optimizer is built"):
        optimizer.exclude_from_weight_decay(var_names=["kernel"])


def test_adamw_needs_a_weight_decay():
    with pytest.raises(ValueError, match="`weight_decay` must be a float"):
        optimizers.AdamW(weight_decay=None)


def test_constraints_apply_after_each_update():
    kernel, bias = make_variables()
    kernel.constraint = constraints.NonNeg()
    optimizers.SGD(learning_rate=1.0).apply([np.full_like(KERNEL, 0.5), np.zeros_like(BIAS)], [kernel, bias])
    np.testing.assert_allclose(kernel.numpy(), np.maximum(KERNEL - 0.5, 0.0))


def test_overwrite_with_gradient_variables_take_the_gradient_and_have_no_slots():
    kernel, bias = make_variables()
    bias.overwrite_with_gradient = True
    optimizer = optimizers.Adam(learning_rate=0.1, name="adam")
    optimizer.apply([np.zeros_like(KERNEL), np.array([7.0, 8.0, 9.0], "float32")], [kernel, bias])
    np.testing.assert_array_equal(bias.numpy(), [7.0, 8.0, 9.0])
    assert [v.path for v in optimizer.variables] == [
        "adam/iteration", "adam/learning_rate", "adam/dense_kernel_momentum", "adam/dense_kernel_velocity"]


def test_overwrite_with_gradient_under_accumulation_keeps_the_running_maximum():
    (weight,) = [Variable(np.zeros((2,), "float32"), name="scale")]
    weight.overwrite_with_gradient = True
    optimizer = optimizers.SGD(gradient_accumulation_steps=2)
    optimizer.apply([np.array([3.0, 1.0], "float32")], [weight])
    np.testing.assert_array_equal(weight.numpy(), [0.0, 0.0])
    optimizer.apply([np.array([2.0, 5.0], "float32")], [weight])
    np.testing.assert_array_equal(weight.numpy(), [3.0, 5.0])
