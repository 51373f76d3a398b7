"""``frontend.dtype_policies``: which dtype a layer computes in and which it stores weights in."""

from frontend.dtype_policies.dtype_policy import DTypePolicy, dtype_policy, get, set_dtype_policy
