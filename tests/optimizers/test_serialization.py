"""``get`` / ``serialize`` / ``deserialize`` and config round trips in Keras 3's layout."""

import pytest

from frontend import optimizers
from frontend.optimizers import schedules

NON_DEFAULT = {
    "SGD": {"momentum": 0.5, "nesterov": True},
    "Adam": {"beta_1": 0.8, "amsgrad": True},
    "AdamW": {"weight_decay": 0.01},
    "Adamax": {"beta_2": 0.99},
    "Nadam": {"epsilon": 1e-5},
    "RMSprop": {"rho": 0.8, "momentum": 0.1, "centered": True},
    "Adagrad": {"initial_accumulator_value": 0.2},
    "Adadelta": {"rho": 0.9},
    "Adafactor": {"clip_threshold": 2.0, "relative_step": False},
    "Ftrl": {"l1_regularization_strength": 0.1, "beta": 0.5},
    "Lion": {"beta_1": 0.95},
    "Lamb": {"beta_2": 0.99},
}
BASE_KEYS = ["name", "learning_rate", "weight_decay", "clipnorm", "global_clipnorm", "clipvalue", "use_ema",
             "ema_momentum", "ema_overwrite_frequency", "loss_scale_factor", "gradient_accumulation_steps"]


@pytest.mark.parametrize("name", sorted(NON_DEFAULT))
def test_config_round_trip(name):
    optimizer = getattr(optimizers, name)(learning_rate=0.5, clipnorm=2.0, name=f"my_{name.lower()}",
                                          **NON_DEFAULT[name])
    config = optimizer.get_config()
    assert list(config)[: len(BASE_KEYS)] == BASE_KEYS
    assert all(config[key] == value for key, value in NON_DEFAULT[name].items())
    rebuilt = optimizers.deserialize(optimizers.serialize(optimizer))
    assert type(rebuilt) is type(optimizer) and rebuilt.get_config() == config


def test_serialize_writes_the_keras_layout():
    config = optimizers.serialize(optimizers.Adam(learning_rate=0.5, name="adam_a"))
    assert config["module"] == "keras.optimizers" and config["class_name"] == "Adam"
    assert config["registered_name"] is None
    assert config["config"]["learning_rate"] == 0.5 and config["config"]["name"] == "adam_a"


def test_a_schedule_learning_rate_survives_the_round_trip():
    optimizer = optimizers.SGD(learning_rate=schedules.CosineDecay(0.1, 100, warmup_target=0.5, warmup_steps=10))
    config = optimizer.get_config()
    assert config["learning_rate"]["class_name"] == "CosineDecay"
    rebuilt = optimizers.SGD.from_config(config)
    assert rebuilt.get_config() == config
    assert float(rebuilt.learning_rate) == pytest.approx(0.1)  # the schedule at iteration 0


def test_get_accepts_names_in_any_case_configs_and_instances():
    assert type(optimizers.get("adam")) is optimizers.Adam
    assert type(optimizers.get("RMSprop")) is optimizers.RMSprop
    assert type(optimizers.get("adamw")) is optimizers.AdamW
    assert type(optimizers.get({"class_name": "SGD", "config": {"learning_rate": 0.5}})) is optimizers.SGD
    instance = optimizers.Lion()
    assert optimizers.get(instance) is instance
    assert optimizers.get(None) is None
    with pytest.raises(ValueError, match="Unknown optimizer: 'sgdx'"):
        optimizers.get("sgdx")
    with pytest.raises(ValueError, match="Could not interpret optimizer identifier"):
        optimizers.get(42)


def test_custom_optimizers_come_from_custom_objects():
    class Custom(optimizers.SGD):
        pass

    config = optimizers.serialize(Custom(learning_rate=0.25))
    rebuilt = optimizers.deserialize(config, custom_objects={"Custom": Custom})
    assert type(rebuilt) is Custom and float(rebuilt.learning_rate) == 0.25


def test_invalid_hyperparameters_are_refused():
    with pytest.raises(ValueError, match=r"`momentum` must be a float between \[0, 1\]"):
        optimizers.SGD(momentum=1.5)
    with pytest.raises(ValueError, match="`learning_rate_power` needs to be negative or zero"):
        optimizers.Ftrl(learning_rate_power=0.5)
    with pytest.raises(ValueError, match="`l1_regularization_strength` needs to be positive or zero"):
        optimizers.Ftrl(l1_regularization_strength=-1.0)
    with pytest.raises(ValueError, match="Argument `beta_1` must be in the \\[0, 1\\] range"):
        optimizers.Lion(beta_1=0.0)
