"""Per-sample hinge losses for the hinge metrics: the losses' own functions (one formula each)."""

from frontend.losses.hinge import categorical_hinge, hinge, squared_hinge  # noqa: F401
