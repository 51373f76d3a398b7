"""The promotion table in docs/dtype_promotion.md is the one the code uses."""

import pathlib

import pytest

from frontend.ops import dtypes

DOC = pathlib.Path(__file__).resolve().parents[2] / "docs" / "dtype_promotion.md"


def render_table():
    names = dtypes.DTYPES
    table = dtypes.promotion_table()
    lines = ["| | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    for a in names:
        lines.append(f"| **{a}** | " + " | ".join(table[a, b] for b in names) + " |")
    return "\n".join(lines)


def test_documented_table_matches_code():
    assert render_table() in DOC.read_text(), "regenerate the table in docs/dtype_promotion.md"


@pytest.mark.parametrize(
    "items, expected",
    [
        (("int32", "float16"), "float16"),
        (("uint8", "int8"), "int16"),
        (("int64", "uint8"), "int64"),
        (("float16", "bfloat16"), "float32"),
        (("bool", "int8"), "int8"),
        (("int8", 1), "int8"),
        (("int8", 1.0), "float32"),
        (("float16", 2.0), "float16"),
        (("bool", True), "bool"),
        ((1, 2), "int32"),
        ((1, 2.0), "float32"),
        (("int64", "float32"), "float32"),
        (("float64", "int8"), "float64"),
    ],
)
def test_known_promotions(items, expected):
    assert dtypes.result_type(*items) == expected


def test_table_is_symmetric():
    table = dtypes.promotion_table()
    assert all(table[a, b] == table[b, a] for a, b in table)


def test_unsupported_dtype_is_named():
    with pytest.raises(ValueError, match="uint32.*supported dtypes"):
        dtypes.standardize_dtype("uint32")
