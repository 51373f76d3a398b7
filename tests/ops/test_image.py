"""``ops.image``: resize (half-pixel centers), crop_images, pad_images, rgb_to_grayscale."""

import numpy as np
import pytest

from frontend import ops

from . import reference as R
from .support import Case, case_params, check, run_case, sample

IMG = sample((2, 5, 7, 3), "float32", seed=60)
IMG_CF = np.moveaxis(IMG, -1, 1).copy()
SINGLE = IMG[0]

RESIZE_CASES = []
for _size in [(3, 4), (10, 9), (8, 3), (1, 1)]:
    for _method in ("bilinear", "nearest"):
        RESIZE_CASES.append(Case("image.resize", [IMG, _size], lambda x, s, m=_method: R.resize(x, s, m),
                                 kwargs={"interpolation": _method}, dtype="float32", id=f"{_method}-{_size}", rtol=1e-5,
                                 atol=1e-5))
RESIZE_CASES += [
    Case("image.resize", [IMG_CF, (4, 9)], lambda x, s: R.resize(x, s, "bilinear", "channels_first"),
         kwargs={"data_format": "channels_first"}, dtype="float32", id="channels_first", rtol=1e-5, atol=1e-5),
    Case("image.resize", [SINGLE, (3, 10)], lambda x, s: R.resize(x, s, "nearest"), kwargs={"interpolation": "nearest"},
         dtype="float32", id="unbatched"),
    Case("image.resize", [(IMG * 50 + 100).astype("uint8"), (4, 4)], lambda x, s: R.resize(x, s).astype("float32"),
         dtype="float32", id="uint8", rtol=1e-5, atol=1e-4),
    Case("image.resize", [IMG.astype("float64"), (6, 6)], lambda x, s: R.resize(x, s), dtype="float64", id="float64"),
]

CROP_PAD_CASES = [
    Case("image.crop_images", [IMG], lambda x: x[:, 1:4, 2:6], dtype="float32",
         kwargs={"top_cropping": 1, "left_cropping": 2, "bottom_cropping": 1, "right_cropping": 1}),
    Case("image.crop_images", [IMG], lambda x: x[:, 2:4, 0:5], dtype="float32",
         kwargs={"top_cropping": 2, "target_height": 2, "target_width": 5}, id="target"),
    Case("image.crop_images", [SINGLE], lambda x: x[1:, :-2], dtype="float32",
         kwargs={"top_cropping": 1, "right_cropping": 2}, id="unbatched"),
    Case("image.crop_images", [IMG_CF], lambda x: x[:, :, 1:3, 3:7], dtype="float32",
         kwargs={"top_cropping": 1, "left_cropping": 3, "target_height": 2, "target_width": 4,
                 "data_format": "channels_first"}, id="channels_first"),
    Case("image.pad_images", [IMG], lambda x: np.pad(x, ((0, 0), (1, 2), (3, 0), (0, 0))), dtype="float32",
         kwargs={"top_padding": 1, "bottom_padding": 2, "left_padding": 3}),
    Case("image.pad_images", [IMG], lambda x: np.pad(x, ((0, 0), (1, 2), (0, 3), (0, 0))), dtype="float32",
         kwargs={"top_padding": 1, "target_height": 8, "target_width": 10}, id="target"),
    Case("image.pad_images", [SINGLE.astype("int32")], lambda x: np.pad(x, ((2, 0), (0, 1), (0, 0))), dtype="int32",
         kwargs={"top_padding": 2, "right_padding": 1}, id="unbatched-int"),
    Case("image.pad_images", [IMG_CF], lambda x: np.pad(x, ((0, 0), (0, 0), (1, 1), (2, 0))), dtype="float32",
         kwargs={"top_padding": 1, "bottom_padding": 1, "left_padding": 2, "data_format": "channels_first"},
         id="channels_first"),
]

WEIGHTS = np.array([0.2989, 0.5870, 0.1140])
GRAY_CASES = [
    Case("image.rgb_to_grayscale", [IMG], lambda x: (x @ WEIGHTS)[..., None], dtype="float32", rtol=1e-5, atol=1e-5),
    Case("image.rgb_to_grayscale", [SINGLE], lambda x: (x @ WEIGHTS)[..., None], dtype="float32", id="unbatched",
         rtol=1e-5, atol=1e-5),
    Case("image.rgb_to_grayscale", [IMG_CF], lambda x: np.einsum("bchw,c->bhw", x, WEIGHTS)[:, None], dtype="float32",
         kwargs={"data_format": "channels_first"}, id="channels_first", rtol=1e-5, atol=1e-5),
    Case("image.rgb_to_grayscale", [np.full((2, 2, 3), 255, "uint8")], lambda x: np.full((2, 2, 1), 255 * WEIGHTS.sum()),
         dtype="float32", id="uint8", rtol=1e-4),
]


@pytest.mark.parametrize("case, kind", case_params(RESIZE_CASES + CROP_PAD_CASES + GRAY_CASES))
def test_image_cases(case, kind):
    run_case(case, kind)


def test_resize_identity_size_is_a_copy():
    check(ops.image.resize(IMG, (5, 7)), IMG, "float32")
    check(ops.image.resize(IMG, (5, 7), interpolation="nearest"), IMG, "float32")
