"""Backend choice: environment, config file, default, errors, and no stray engine imports."""

import json
import os
import subprocess
import sys

import pytest

import frontend
from frontend import config

ENGINES = {"torch": "torch", "jax": "jax", "tensorflow": "tensorflow"}


def run_python(code, backend=None, home=None):
    env = {k: v for k, v in os.environ.items() if k != "FRONTEND_BACKEND"}
    if backend is not None:
        env["FRONTEND_BACKEND"] = backend
    if home is not None:
        env["FRONTEND_HOME"] = str(home)
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300)


def test_backend_name_matches_environment():
    assert frontend.backend.backend() == os.environ.get("FRONTEND_BACKEND", config.DEFAULT_BACKEND)


def test_unknown_backend_lists_valid_names(tmp_path):
    result = run_python("import frontend", backend="bogus", home=tmp_path)
    assert result.returncode != 0
    assert "ValueError" in result.stderr
    for name in ("torch", "jax", "tensorflow"):
        assert name in result.stderr.splitlines()[-1]


def test_importing_one_backend_imports_no_other_engine(tmp_path):
    active = frontend.backend.backend()
    others = [engine for name, engine in ENGINES.items() if name != active]
    code = (
        "import sys, frontend, frontend.ops, frontend.random\n"
        f"print([m for m in {others!r} if m in sys.modules])"
    )
    result = run_python(code, backend=active, home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_missing_engine_names_the_pip_extra(tmp_path):
    active = frontend.backend.backend()
    code = f"import sys; sys.modules[{ENGINES[active]!r}] = None; import frontend"
    result = run_python(code, backend=active, home=tmp_path)
    assert result.returncode != 0
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("ImportError")
    assert f'pip install "frontend[{active}]"' in last


def test_config_file_is_the_fallback(tmp_path):
    active = frontend.backend.backend()
    (tmp_path / "frontend.json").write_text(json.dumps({"backend": active, "floatx": "float64"}))
    code = "import frontend; print(frontend.backend.backend(), frontend.config.floatx())"
    result = run_python(code, backend=None, home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [active, "float64"]


def test_environment_beats_config_file(tmp_path):
    active = frontend.backend.backend()
    other = next(name for name in ENGINES if name != active)
    (tmp_path / "frontend.json").write_text(json.dumps({"backend": other}))
    result = run_python("import frontend; print(frontend.backend.backend())", backend=active, home=tmp_path)
    assert result.stdout.strip() == active


def test_broken_config_file_names_the_file(tmp_path):
    (tmp_path / "frontend.json").write_text("{not json")
    result = run_python("import frontend", backend=frontend.backend.backend(), home=tmp_path)
    assert result.returncode != 0
    assert "frontend.json" in result.stderr


def test_default_backend_is_tensorflow_as_in_keras():
    assert config.DEFAULT_BACKEND == "tensorflow"


def test_config_defaults_and_setters():
    assert config.floatx() == "float32"
    assert config.epsilon() == 1e-7
    assert config.image_data_format() == "channels_last"
    config.set_floatx("float16")
    assert frontend.backend.floatx() == "float16"
    config.set_image_data_format("channels_first")
    assert frontend.backend.image_data_format() == "channels_first"
    config.set_epsilon(1e-5)
    assert frontend.backend.epsilon() == 1e-5


@pytest.mark.parametrize(
    "setter, value",
    [(config.set_floatx, "int32"), (config.set_image_data_format, "channels_middle")],
)
def test_config_setters_reject_bad_values(setter, value):
    with pytest.raises(ValueError, match=value):
        setter(value)
