"""A GAN with a custom layer and a custom ``train_step``, written once for every engine.

The generator learns to turn noise into samples of a 1-D bimodal distribution (two
Gaussians). The discriminator sees each sample together with a minibatch statistic from
a custom layer, which helps it notice when the generator produces too little variety.
Two optimizers take turns inside one ``train_step`` through the engine-independent
``keras.backend.compute_gradients`` and ``optimizer.apply``; ``fit`` runs it compiled.

Run with FRONTEND_BACKEND=torch|jax|tensorflow. FRONTEND_EXAMPLE_SMOKE=1 runs a tiny version.
"""

import os

import numpy as np

import frontend as keras
from frontend import layers, ops

SMOKE = os.environ.get("FRONTEND_EXAMPLE_SMOKE") == "1"
SAMPLES = 256 if SMOKE else 8192
EPOCHS = 1 if SMOKE else 40
LATENT_DIM = 4
MODES = (-2.0, 2.0)
MODE_STD = 0.3


class MinibatchStddev(layers.Layer):
    """Appends the batch's mean standard deviation as one more feature to every sample."""

    def call(self, inputs):
        spread = ops.mean(ops.std(inputs, axis=0))
        column = ops.ones_like(inputs[:, :1]) * spread
        return ops.concatenate([inputs, column], axis=-1)

    def compute_output_shape(self, input_shape):
        return input_shape[:-1] + (input_shape[-1] + 1,)


class GAN(keras.Model):
    def __init__(self, latent_dim=LATENT_DIM, **kwargs):
        super().__init__(**kwargs)
        self.latent_dim = latent_dim
        self.generator = keras.Sequential([
            keras.Input((latent_dim,)),
            layers.Dense(32, activation="relu"),
            layers.Dense(32, activation="relu"),
            layers.Dense(1),
        ], name="generator")
        self.discriminator = keras.Sequential([
            keras.Input((1,)),
            MinibatchStddev(),
            layers.Dense(32, activation="leaky_relu"),
            layers.Dense(32, activation="leaky_relu"),
            layers.Dense(1),
        ], name="discriminator")
        self.seed_generator = keras.random.SeedGenerator(1)

    def compile(self, d_optimizer, g_optimizer):
        super().compile()
        self.d_optimizer = d_optimizer
        self.g_optimizer = g_optimizer
        self.loss_fn = keras.losses.BinaryCrossentropy(from_logits=True)

    def sample(self, count):
        noise = keras.random.normal((count, self.latent_dim), seed=self.seed_generator)
        return ops.convert_to_numpy(self.generator(noise))

    def train_step(self, real):
        batch = ops.shape(real)[0]
        noise = keras.random.normal((batch, self.latent_dim), seed=self.seed_generator)
        real_labels, fake_labels = ops.ones((batch, 1)), ops.zeros((batch, 1))

        def discriminator_loss():
            fake = self.generator(noise, training=True)
            return (self.loss_fn(real_labels, self.discriminator(real, training=True))
                    + self.loss_fn(fake_labels, self.discriminator(fake, training=True)))

        d_variables = self.discriminator.trainable_variables
        d_loss, d_grads = keras.backend.compute_gradients(discriminator_loss, d_variables)
        self.d_optimizer.apply(d_grads, d_variables)

        def generator_loss():
            fake = self.generator(noise, training=True)
            return self.loss_fn(real_labels, self.discriminator(fake, training=True))

        g_variables = self.generator.trainable_variables
        g_loss, g_grads = keras.backend.compute_gradients(generator_loss, g_variables)
        self.g_optimizer.apply(g_grads, g_variables)
        return {"d_loss": d_loss, "g_loss": g_loss}


def real_samples(count, seed):
    rng = np.random.default_rng(seed)
    centers = rng.choice(MODES, size=(count, 1))
    return (centers + rng.normal(0.0, MODE_STD, (count, 1))).astype("float32")


def histogram(values, bins=np.linspace(-4, 4, 17)):
    counts, _ = np.histogram(values, bins)
    return " ".join(f"{c / len(values):.2f}" for c in counts)


def main():
    keras.utils.set_random_seed(0)
    real = real_samples(SAMPLES, seed=0)
    gan = GAN()
    gan.compile(d_optimizer=keras.optimizers.Adam(1e-3, beta_1=0.5),
                g_optimizer=keras.optimizers.Adam(1e-3, beta_1=0.5))
    gan.fit(real, batch_size=128, epochs=EPOCHS, verbose=2)

    fake = gan.sample(2000)
    near_mode = np.min(np.abs(fake - np.array(MODES)), axis=1) < 3 * MODE_STD
    share_right = float(np.mean(fake > 0))
    print("histogram of [-4, 4] in 16 bins")
    print("real:     ", histogram(real_samples(2000, seed=1)))
    print("generated:", histogram(fake))
    print(f"generated samples within 3 std of a mode: {near_mode.mean():.1%}; right mode share: {share_right:.1%}")

    if not SMOKE and (near_mode.mean() < 0.85 or not 0.3 < share_right < 0.7):
        raise SystemExit("the generator missed its target: >= 85% of samples near a mode and both modes covered")


if __name__ == "__main__":
    main()
