"""Sentiment of short reviews with TextVectorization, an Embedding and an LSTM.

The reviews are generated from templates. Some contain "not", which flips the
sentiment, so a bag of words is not enough: the LSTM has to read the order. After
training, the vectorizer and the model are joined into one model that takes raw strings.

Run with FRONTEND_BACKEND=torch|jax|tensorflow. FRONTEND_EXAMPLE_SMOKE=1 runs a tiny version.
"""

import os

import numpy as np

import frontend as keras
from frontend import layers

SMOKE = os.environ.get("FRONTEND_EXAMPLE_SMOKE") == "1"
SAMPLES = 256 if SMOKE else 4000
EPOCHS = 1 if SMOKE else 5
TARGET_ACCURACY = 0.95

SUBJECTS = ["the movie", "this film", "the plot", "the acting", "the soundtrack", "the ending", "the story"]
VERBS = ["was", "is", "felt", "seemed"]
ADVERBS = ["", "really", "very", "quite", "truly"]
POSITIVE = ["great", "wonderful", "brilliant", "enjoyable", "moving", "superb", "charming", "fun"]
NEGATIVE = ["terrible", "boring", "awful", "dull", "weak", "painful", "bland", "forgettable"]
ENDINGS = ["", "overall", "to me", "honestly", "i think"]


def make_reviews(count, seed):
    """Generated reviews and their labels (1 = positive)."""
    rng = np.random.default_rng(seed)
    texts, labels = [], []
    for _ in range(count):
        positive = rng.random() < 0.5
        negated = rng.random() < 0.4
        words = [rng.choice(SUBJECTS), rng.choice(VERBS), "not" if negated else "", rng.choice(ADVERBS),
                 rng.choice(POSITIVE if positive else NEGATIVE), rng.choice(ENDINGS)]
        texts.append(" ".join(word for word in words if word))
        labels.append(int(positive != negated))
    return np.array(texts), np.array(labels, "int32")


def main():
    keras.utils.set_random_seed(0)
    train_texts, y_train = make_reviews(SAMPLES, seed=1)
    test_texts, y_test = make_reviews(SAMPLES // 4, seed=2)
    print("examples:", *(f"  {label} {text!r}" for text, label in zip(train_texts[:4].tolist(), y_train)), sep="\n")

    vectorizer = layers.TextVectorization(max_tokens=200, output_sequence_length=10)
    vectorizer.adapt(train_texts)
    print(f"vocabulary: {vectorizer.vocabulary_size()} tokens, first ones {vectorizer.get_vocabulary()[:8]}")
    x_train, x_test = vectorizer(train_texts), vectorizer(test_texts)

    model = keras.Sequential([
        keras.Input((10,), dtype="int32"),
        layers.Embedding(vectorizer.vocabulary_size(), 16, mask_zero=True),
        layers.LSTM(32),
        layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer=keras.optimizers.Adam(5e-3), loss="binary_crossentropy", metrics=["accuracy"])
    model.fit(x_train, y_train, batch_size=64, epochs=EPOCHS, validation_split=0.1, verbose=2)
    results = model.evaluate(x_test, y_test, verbose=0, return_dict=True)
    print(f"test accuracy: {results['accuracy']:.4f}")

    end_to_end = keras.Sequential([keras.Input((1,), dtype="string"), vectorizer, model])
    reviews = np.array([["the story was not boring at all"], ["the acting felt really weak"],
                        ["this film is not very enjoyable"], ["the soundtrack was superb"]])
    for (text,), score in zip(reviews, end_to_end.predict(reviews, verbose=0)[:, 0]):
        print(f"  {score:.2f} {'positive' if score > 0.5 else 'negative'}: {str(text)!r}")

    if not SMOKE and results["accuracy"] < TARGET_ACCURACY:
        raise SystemExit(f"test accuracy {results['accuracy']:.4f} is below the target {TARGET_ACCURACY}")


if __name__ == "__main__":
    main()
