"""Custom training logic written once: a two-optimizer GAN step and a custom loss."""

import numpy as np

import frontend as keras
from frontend import layers, ops


class GAN(keras.Model):
    def __init__(self, latent_dim=4):
        super().__init__()
        self.latent_dim = latent_dim
        self.generator = keras.Sequential([keras.Input((latent_dim,)), layers.Dense(8, activation="relu"),
                                           layers.Dense(2)])
        self.discriminator = keras.Sequential([keras.Input((2,)), layers.Dense(8, activation="relu"),
                                               layers.Dense(1)])
        self.seed_generator = keras.random.SeedGenerator(7)

    def compile(self, d_optimizer, g_optimizer):
        super().compile()
        self.d_optimizer, self.g_optimizer = d_optimizer, g_optimizer
        self.loss_fn = keras.losses.BinaryCrossentropy(from_logits=True)

    def train_step(self, real):
        batch = ops.shape(real)[0]
        noise = keras.random.normal((batch, self.latent_dim), seed=self.seed_generator)
        ones, zeros = ops.ones((batch, 1)), ops.zeros((batch, 1))

        def discriminator_loss():
            fake = self.generator(noise, training=True)
            return (self.loss_fn(ones, self.discriminator(real, training=True))
                    + self.loss_fn(zeros, self.discriminator(fake, training=True)))

        d_loss, d_grads = keras.backend.compute_gradients(discriminator_loss, self.discriminator.trainable_variables)
        self.d_optimizer.apply(d_grads, self.discriminator.trainable_variables)

        def generator_loss():
            return self.loss_fn(ones, self.discriminator(self.generator(noise, training=True), training=True))

        g_loss, g_grads = keras.backend.compute_gradients(generator_loss, self.generator.trainable_variables)
        self.g_optimizer.apply(g_grads, self.generator.trainable_variables)
        return {"d_loss": d_loss, "g_loss": g_loss}


def test_two_optimizer_gan_step_trains_both_networks_on_every_engine():
    keras.utils.set_random_seed(0)
    real = (np.random.default_rng(0).standard_normal((64, 2)) * 0.1 + [2.0, -1.0]).astype("float32")
    gan = GAN()
    gan.compile(keras.optimizers.Adam(0.01), keras.optimizers.Adam(0.01))
    g_before = [w.copy() for w in gan.generator.get_weights()]
    d_before = [w.copy() for w in gan.discriminator.get_weights()]
    history = gan.fit(real, batch_size=16, epochs=3, verbose=0)
    assert set(history.history) == {"d_loss", "g_loss"}
    assert all(np.isfinite(history.history["d_loss"]))
    assert all(not np.allclose(a, b) for a, b in zip(gan.generator.get_weights(), g_before))
    assert all(not np.allclose(a, b) for a, b in zip(gan.discriminator.get_weights(), d_before))
    assert int(ops.convert_to_numpy(gan.d_optimizer.iterations)) == 12
    assert int(ops.convert_to_numpy(gan.g_optimizer.iterations)) == 12


def test_overridden_compute_loss_is_used_by_fit():
    class Penalized(keras.Model):
        def __init__(self):
            super().__init__()
            self.dense = layers.Dense(1)

        def call(self, x):
            return self.dense(x)

        def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, training=True):
            return ops.mean(ops.abs(y_pred - y)) + 0.0 * ops.sum(x)

    x = np.ones((8, 2), "float32")
    y = np.full((8, 1), 3.0, "float32")
    model = Penalized()
    model.compile(optimizer=keras.optimizers.SGD(0.1))
    history = model.fit(x, y, batch_size=8, epochs=3, verbose=0)
    assert history.history["loss"][-1] < history.history["loss"][0]
