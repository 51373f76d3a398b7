"""Engine-independent helpers shared by the backend modules (no engine imports here)."""
