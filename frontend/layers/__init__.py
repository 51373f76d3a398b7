"""``frontend.layers``: the Layer base and the catalog, with Keras 3's names."""

from frontend.layers.activations import *  # noqa: F401,F403
from frontend.layers.attention import *  # noqa: F401,F403
from frontend.layers.convolutional import *  # noqa: F401,F403
from frontend.layers.core import *  # noqa: F401,F403
from frontend.layers.input_layer import Input, InputLayer
from frontend.layers.input_spec import InputSpec
from frontend.layers.layer import Layer
from frontend.layers.merging import *  # noqa: F401,F403
from frontend.layers.normalization import *  # noqa: F401,F403
from frontend.layers.pooling import *  # noqa: F401,F403
from frontend.layers.preprocessing import *  # noqa: F401,F403
from frontend.layers.regularization import *  # noqa: F401,F403
from frontend.layers.reshaping import *  # noqa: F401,F403
from frontend.layers.rnn import *  # noqa: F401,F403
from frontend.layers.serialization import deserialize, serialize
