"""Recurrent layers: cells, the RNN loop, SimpleRNN/LSTM/GRU, ConvLSTM, Bidirectional, TimeDistributed."""

from frontend.layers.rnn.bidirectional import Bidirectional
from frontend.layers.rnn.conv_lstm import ConvLSTM1D, ConvLSTM2D, ConvLSTM3D, ConvLSTMCell
from frontend.layers.rnn.gru import GRU, GRUCell
from frontend.layers.rnn.lstm import LSTM, LSTMCell
from frontend.layers.rnn.rnn import RNN
from frontend.layers.rnn.simple_rnn import SimpleRNN, SimpleRNNCell
from frontend.layers.rnn.stacked_rnn_cells import StackedRNNCells
from frontend.layers.rnn.time_distributed import TimeDistributed

__all__ = [
    "Bidirectional", "ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D", "GRU", "GRUCell", "LSTM", "LSTMCell", "RNN",
    "SimpleRNN", "SimpleRNNCell", "StackedRNNCells", "TimeDistributed",
]
