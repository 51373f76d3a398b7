"""Models written as Keras 3 code, run unchanged with ``keras`` = Keras 3 or ``frontend``.

``tests/fixtures/keras_parity/generate.py`` runs each one with Keras 3 and stores its
inputs, weights and predictions; ``test_keras_parity.py`` rebuilds the model with
frontend, loads Keras's weights with ``set_weights`` and compares predictions.
"""

import numpy as np


def mlp(keras):
    x = keras.Input((10,))
    h = keras.layers.Dense(16, activation="relu")(x)
    h = keras.layers.Dropout(0.5)(h)
    h = keras.layers.Dense(8, activation="tanh", kernel_regularizer="l2")(h)
    return keras.Model(x, keras.layers.Dense(3, activation="softmax")(h)), [_floats((4, 10))]


def convnet(keras):
    layers = keras.layers
    model = keras.Sequential([
        keras.Input((12, 12, 3)),
        layers.Conv2D(4, 3, padding="same"),
        layers.BatchNormalization(),
        layers.ReLU(),
        layers.MaxPooling2D(),
        layers.SeparableConv2D(6, 3, padding="valid", activation="elu"),
        layers.DepthwiseConv2D(2, depth_multiplier=2),
        layers.Conv2DTranspose(5, 3, strides=2, padding="same"),
        layers.AveragePooling2D(2, strides=1),
        layers.Conv2D(3, 2, dilation_rate=2, use_bias=False),
        layers.GlobalAveragePooling2D(),
        layers.Dense(2),
    ])
    return model, [_floats((2, 12, 12, 3))]


def conv1d_stack(keras):
    layers = keras.layers
    x = keras.Input((16, 4))
    h = layers.Conv1D(6, 3, padding="causal", dilation_rate=2, activation="relu")(x)
    h = layers.AveragePooling1D(2)(h)
    h = layers.Conv1DTranspose(3, 3, strides=2, padding="valid")(h)
    h = layers.UpSampling1D(2)(h)
    h = layers.ZeroPadding1D(1)(h)
    h = layers.Cropping1D((2, 1))(h)
    h = layers.LayerNormalization()(h)
    a = layers.GlobalMaxPooling1D()(h)
    b = layers.GlobalAveragePooling1D()(h)
    return keras.Model(x, layers.Concatenate()([a, b])), [_floats((3, 16, 4))]


def conv3d_stack(keras):
    layers = keras.layers
    x = keras.Input((6, 6, 6, 2))
    h = layers.Conv3D(3, 2, strides=(1, 2, 1), padding="same")(x)
    h = layers.MaxPooling3D(2, padding="same")(h)
    h = layers.Conv3DTranspose(2, 2, strides=2)(h)
    h = layers.GroupNormalization(groups=2)(h)
    h = layers.AveragePooling3D(2)(h)
    return keras.Model(x, layers.Flatten()(h)), [_floats((2, 6, 6, 6, 2))]


def text_rnn(keras):
    layers = keras.layers
    x = keras.Input((7,), dtype="int32")
    h = layers.Embedding(20, 6, mask_zero=True)(x)
    h = layers.LSTM(5, return_sequences=True)(h)
    h = layers.GRU(4)(h)
    tokens = np.array([[3, 5, 7, 0, 0, 0, 0], [1, 2, 3, 4, 5, 6, 7], [9, 0, 0, 0, 0, 0, 0]], "int32")
    return keras.Model(x, layers.Dense(1)(h)), [tokens]


def recurrent_variants(keras):
    layers = keras.layers
    x = keras.Input((6, 3))
    h = layers.Bidirectional(layers.LSTM(4, return_sequences=True))(x)
    h = layers.GRU(3, reset_after=False, return_sequences=True, go_backwards=True)(h)
    h = layers.SimpleRNN(3, return_sequences=True)(h)
    h = layers.TimeDistributed(layers.Dense(2))(h)
    seq, state = layers.GRU(2, return_state=True)(h)
    return keras.Model(x, [seq, state]), [_floats((2, 6, 3))]


def conv_lstm(keras):
    layers = keras.layers
    x = keras.Input((3, 6, 6, 2))
    h = layers.ConvLSTM2D(3, 3, padding="same", return_sequences=False)(x)
    return keras.Model(x, layers.GlobalAveragePooling2D()(h)), [_floats((2, 3, 6, 6, 2))]


def attention_block(keras):
    layers = keras.layers
    x = keras.Input((5, 8))
    attended = layers.MultiHeadAttention(num_heads=2, key_dim=4)(x, x, use_causal_mask=True)
    h = layers.LayerNormalization()(layers.Add()([x, attended]))
    dot = layers.Attention()([h, x])
    additive = layers.AdditiveAttention()([h, x])
    h = layers.Concatenate()([dot, additive])
    h = layers.EinsumDense("abc,cd->abd", output_shape=(None, 3), bias_axes="d")(h)
    return keras.Model(x, layers.GlobalAveragePooling1D()(h)), [_floats((2, 5, 8))]


def merges_and_reshapes(keras):
    layers = keras.layers
    a, b = keras.Input((4,)), keras.Input((4,))
    parts = [
        layers.Add()([a, b]), layers.Subtract()([a, b]), layers.Multiply()([a, b]),
        layers.Average()([a, b]), layers.Maximum()([a, b]), layers.Minimum()([a, b]),
        layers.Dot(axes=1, normalize=True)([a, b]),
    ]
    h = layers.Concatenate()(parts)
    h = layers.Dense(12)(h)
    h = layers.Reshape((3, 4))(h)
    h = layers.Permute((2, 1))(h)
    h = layers.PReLU()(h)
    h = layers.Flatten()(h)
    h = layers.RepeatVector(2)(h)
    h = layers.LeakyReLU()(layers.Flatten()(h))
    h = layers.Softmax()(layers.UnitNormalization()(h))
    return keras.Model([a, b], h), [_floats((3, 4)), _floats((3, 4), seed=1)]


def image_preprocessing(keras):
    layers = keras.layers
    x = keras.Input((8, 8, 3))
    h = layers.Rescaling(1 / 255.0, offset=-0.5)(x)
    h = layers.Resizing(6, 6)(h)
    h = layers.CenterCrop(4, 4)(h)
    h = layers.UpSampling2D(2, interpolation="bilinear")(h)
    h = layers.ZeroPadding2D(((1, 0), (0, 1)))(h)
    h = layers.Cropping2D(1)(h)
    h = layers.Conv2D(2, 3)(h)
    return keras.Model(x, h), [_floats((2, 8, 8, 3)) * 255]


MODELS = {
    "mlp": mlp, "convnet": convnet, "conv1d_stack": conv1d_stack, "conv3d_stack": conv3d_stack,
    "text_rnn": text_rnn, "recurrent_variants": recurrent_variants, "conv_lstm": conv_lstm,
    "attention_block": attention_block, "merges_and_reshapes": merges_and_reshapes,
    "image_preprocessing": image_preprocessing,
}


def _floats(shape, seed=0):
    return np.random.default_rng(seed + len(shape)).standard_normal(shape).astype("float32")


def perturbed_weights(weights, seed=0):
    """Random weights of the same shapes (variances kept positive) so every weight matters."""
    rng = np.random.default_rng(seed)
    result = []
    for w in weights:
        noise = rng.standard_normal(w.shape).astype(w.dtype) * 0.5
        result.append(np.abs(noise) + 0.5 if np.all(w == 1) else noise)
    return result
