"""Engine-independent state: variables and the scope that substitutes their values."""
