"""Hand-written PyTorch training loops: nn modules, torch.optim.Adam(foreach=True),
CrossEntropyLoss, eager execution, images in NCHW as a torch user keeps them."""

import numpy as np
import torch
from torch import nn

from . import workload


class LSTMClassifier(nn.Module):
    def __init__(self, features, units, classes):
        super().__init__()
        self.lstm = nn.LSTM(features, units, batch_first=True)
        self.head = nn.Linear(units, classes)

    def forward(self, x):
        _, (h, _) = self.lstm(x)
        return self.head(h[-1])


def build(model):
    if model == "mlp":
        return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(),
                             nn.Linear(256, workload.CLASSES))
    if model == "cnn":
        return nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
                             nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
                             nn.Flatten(), nn.Linear(64 * 5 * 5, workload.CLASSES))
    if model == "lstm":
        _, features = workload.INPUT_SHAPES["lstm"]
        return LSTMClassifier(features, workload.LSTM_UNITS, workload.CLASSES)
    raise ValueError(f"unknown model {model!r}")


def prepare(model, steps):
    """A timer (see ``workload.timer``) of the hand-written loop over ``steps`` batches."""
    x, y = workload.make_data(model, steps)
    if model == "cnn":
        x = np.ascontiguousarray(x.transpose(0, 3, 1, 2))  # NHWC -> NCHW
    net = build(model)
    optimizer = torch.optim.Adam(net.parameters(), workload.LEARNING_RATE, foreach=True)
    loss_fn = nn.CrossEntropyLoss()

    def run(n):
        for xb, yb in workload.batches(x, y, n):
            xb, yb = torch.from_numpy(xb), torch.from_numpy(yb).long()
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(net(xb), yb)
            loss.backward()
            optimizer.step()
        loss.item()

    return workload.timer(run, steps)
