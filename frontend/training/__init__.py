"""Running models on data: inference now; compile/fit/evaluate arrive with the training loop."""
