"""A local HTTP server that serves generated dataset files, and a cache folder per test.

``file_server.files`` maps a URL path (``/mnist.npz``) to its bytes; ``file_server.requests``
lists the paths asked for, so tests can tell a cache hit from a download. A path in
``file_server.truncated`` announces its full length but closes the connection halfway.
``publish(name, data)`` serves a dataset file under its canonical name, points
``FRONTEND_DATASETS_ORIGIN`` at the server and pins the file's sha256, as the real hashes are pinned.
"""

import hashlib
import http.server
import threading

import pytest

from frontend.datasets import _remote


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        server = self.server
        server.requests.append(self.path)
        data = server.files.get(self.path)
        if data is None:
            self.send_error(404, "Not Found")
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.path in server.truncated:
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def file_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.files, server.requests, server.truncated = {}, [], set()
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    """``FRONTEND_HOME`` for the test, so the default cache is ``<tmp>/home/datasets``."""
    home = tmp_path / "home"
    monkeypatch.setenv("FRONTEND_HOME", str(home))
    return home


@pytest.fixture
def publish(file_server, cache_home, monkeypatch):
    monkeypatch.setenv(_remote.ORIGIN_ENV, file_server.url + "/")

    def publish(name, data):
        file_server.files[f"/{name}"] = data
        pinned = _remote.RemoteFile(_remote.KNOWN_FILES[name].base, hashlib.sha256(data).hexdigest())
        monkeypatch.setitem(_remote.KNOWN_FILES, name, pinned)

    return publish
