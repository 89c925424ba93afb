"""autograder.hub.client: a student's session leaves no connection open behind it."""
from __future__ import annotations

import http.server
import threading

from autograder.hub.client import StudentSession

#: Set when the server's side of a connection ends (the client closed it).
CLOSED = threading.Event()


class _Hub(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as JupyterHub's server

    def do_GET(self):  # noqa: N802 - http.server's name
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def finish(self):
        super().finish()
        CLOSED.set()

    def log_message(self, *args):
        pass


def test_a_finished_session_closes_its_connection_to_the_hub():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Hub)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with StudentSession(f"http://127.0.0.1:{server.server_port}", "s1", "pw") as session:
            assert session.http.get(f"{session.base}/hub/login", timeout=10).text == "ok"
            assert not CLOSED.wait(0.5)  # kept alive for the session's next request
        assert CLOSED.wait(10)
    finally:
        server.shutdown()
        server.server_close()
