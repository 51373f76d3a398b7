"""CSVLogger: header, sorted columns, val_ twins, NA, separators, appending, array cells."""

import numpy as np

from frontend import ops
from frontend.callbacks import CSVLogger
from tests.callbacks.fakes import FakeModel, fit


def read(path):
    with open(path, newline="") as f:
        return f.read()


def test_rows_and_val_columns(tmp_path):
    path = tmp_path / "log.csv"
    fit([CSVLogger(path)], FakeModel(), [{"loss": 0.5, "acc": 0.25}, {"loss": 0.375, "acc": 0.5}])
    assert read(path) == "epoch,acc,loss,val_acc,val_loss\r\n0,0.25,0.5,NA,NA\r\n1,0.5,0.375,NA,NA\r\n"


def test_columns_fixed_by_first_epoch_and_missing_values(tmp_path):
    path = tmp_path / "log.csv"
    fit([CSVLogger(path)], FakeModel(), [{"loss": 0.5, "val_loss": 0.75}, {"loss": 0.25, "extra": 1.0}])
    assert read(path) == "epoch,loss,val_loss\r\n0,0.5,0.75\r\n1,0.25,NA\r\n"


def test_append_keeps_one_header_and_separator(tmp_path):
    path = tmp_path / "log.csv"
    fit([CSVLogger(path, separator=";", append=True)], FakeModel(), [{"loss": 0.5}])
    fit([CSVLogger(path, separator=";", append=True)], FakeModel(), [{"loss": 0.25}])
    assert read(path) == "epoch;loss;val_loss\r\n0;0.5;NA\r\n0;0.25;NA\r\n"
    fit([CSVLogger(path)], FakeModel(), [{"loss": 1.0}])
    assert read(path) == "epoch,loss,val_loss\r\n0,1.0,NA\r\n"


def test_tensor_array_and_string_cells(tmp_path):
    path = tmp_path / "log.csv"
    logs = {"loss": ops.convert_to_tensor(0.125), "f32": np.float32(0.1), "vec": np.array([1.0, 2.0]), "tag": "x"}
    fit([CSVLogger(str(path))], FakeModel(), [logs])
    # float32 0.1 is written with all its digits, as Keras does; arrays as a quoted list.
    assert read(path) == ('epoch,f32,loss,tag,vec,val_f32,val_loss,val_tag,val_vec\r\n'
                          '0,0.10000000149011612,0.125,x,"""[1.0, 2.0]""",NA,NA,NA,NA\r\n')


def test_file_closed_at_train_end(tmp_path):
    logger = CSVLogger(tmp_path / "log.csv")
    fit([logger], FakeModel(), [{"loss": 1.0}])
    assert logger.csv_file.closed
