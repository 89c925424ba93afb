"""A student at the class server, scripted over HTTP: log in, start the server, fetch, submit, run code.

What the browser does for a student, through the same doors (the hub's login form, its
spawn page, the OAuth hand-over to the student's own server, nbgrader's assignment-list
API, a kernel over its websocket). The end-to-end test uses it for the students it does not
drive in Chromium, the load check for thirty at once, and IT can use it to check a server:

    python -m autograder.hub.client http://127.0.0.1:8000 LOGIN PASSWORD
"""
from __future__ import annotations

import asyncio
import json
import sys
import time
import uuid

import requests


class HubClientError(RuntimeError):
    pass


def stop_hub(hub) -> None:
    """Stop a hub started in a session of its own (``start_new_session=True``): SIGTERM, which
    stops every student's server with it, then SIGKILL to the whole group after two minutes."""
    import os
    import signal
    import subprocess

    if hub is None or hub.poll() is not None:
        return
    hub.send_signal(signal.SIGTERM)
    try:
        hub.wait(timeout=120)
    except subprocess.TimeoutExpired:
        os.killpg(hub.pid, signal.SIGKILL)
        hub.wait()


def wait_for_hub(base: str, timeout: float = 180, alive=lambda: True) -> float:
    """Wait until the hub at ``base`` answers (``alive()`` False stops waiting); returns the seconds."""
    started = time.monotonic()
    while time.monotonic() - started < timeout and alive():
        try:
            if requests.get(f"{base.rstrip('/')}/hub/api", timeout=5).status_code == 200:
                return time.monotonic() - started
        except requests.ConnectionError:
            pass
        time.sleep(0.5)
    raise HubClientError(f"no class server answered at {base} within {timeout:.0f} s")


class StudentSession:
    """One student's browser session at the hub ``base`` (e.g. http://127.0.0.1:8000); use it as a
    context manager, or :meth:`close` it: its connections stay open until then (HTTP keep-alive)."""

    def __init__(self, base: str, login: str, password: str, timeout: float = 300):
        self.base, self.login, self.password, self.timeout = base.rstrip("/"), login, password, timeout
        self.http = requests.Session()

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> StudentSession:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _xsrf(self, path: str = "/hub/") -> str:
        for cookie in self.http.cookies:
            if cookie.name == "_xsrf" and path.startswith(cookie.path or "/"):
                return cookie.value
        raise HubClientError(f"no _xsrf cookie for {path}")

    def log_in(self) -> None:
        self.http.get(f"{self.base}/hub/login", timeout=60).raise_for_status()
        answer = self.http.post(f"{self.base}/hub/login", allow_redirects=False, timeout=60,
                                data={"username": self.login, "password": self.password,
                                      "_xsrf": self._xsrf("/hub/login")})
        if answer.status_code != 302:
            raise HubClientError(f"{self.login} could not log in (HTTP {answer.status_code})")

    def start_server(self) -> None:
        """Ask for the server and wait until it answers through the proxy (OAuth done)."""
        self.http.get(f"{self.base}/hub/spawn/{self.login}", timeout=self.timeout)
        deadline, lab, pause = time.monotonic() + self.timeout, f"{self.base}/user/{self.login}/lab", 0.5
        while time.monotonic() < deadline:
            # JupyterLab's page, as the browser loads it: sets the server's _xsrf cookie.
            answer = self.http.get(lab, timeout=60)
            if answer.status_code == 200 and answer.url.startswith(lab):
                return
            if answer.status_code >= 500 and answer.status_code not in (503,):
                answer.raise_for_status()
            time.sleep(pause)
            pause = min(pause * 1.5, 5.0)  # a class waiting at once must not keep the hub busy
        raise HubClientError(f"{self.login}'s server did not start within {self.timeout:.0f} s")

    def server(self, method: str, path: str, **kwargs) -> requests.Response:
        prefix = f"/user/{self.login}/"
        headers = {"X-XSRFToken": self._xsrf(prefix)}
        answer = self.http.request(method, f"{self.base}{prefix}{path.lstrip('/')}", headers=headers,
                                   timeout=self.timeout, **kwargs)
        answer.raise_for_status()
        return answer

    def assignment(self, action: str, course_id: str, assignment_id: str) -> list[dict]:
        """nbgrader's fetch / submit / fetch_feedback, as the Assignments tab calls them; the new list."""
        result = self.server("POST", f"assignments/{action}",
                             data={"course_id": course_id, "assignment_id": assignment_id}).json()
        if isinstance(result, dict) and not result.get("success", True):
            raise HubClientError(f"{action} {assignment_id} failed for {self.login}: {result.get('value')}")
        return result.get("value", result) if isinstance(result, dict) else result

    def run(self, code: str, timeout: float = 300) -> dict:
        """Start a kernel, run ``code`` in it and stop it; returns the execute_reply's content."""
        kernel = self.server("POST", "api/kernels", json={"name": "python3"}).json()
        try:
            return asyncio.run(self._execute(kernel["id"], code, timeout))
        finally:
            self.server("DELETE", f"api/kernels/{kernel['id']}")

    async def _execute(self, kernel_id: str, code: str, timeout: float) -> dict:
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        prefix = f"/user/{self.login}/"
        url = f"{self.base.replace('http', 'ws', 1)}{prefix}api/kernels/{kernel_id}/channels"
        cookies = "; ".join(f"{c.name}={c.value}" for c in self.http.cookies)
        socket = await websocket_connect(HTTPRequest(url, headers={"Cookie": cookies, "X-XSRFToken": self._xsrf(prefix)},
                                                     request_timeout=timeout))
        msg_id = uuid.uuid4().hex
        socket.write_message(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": self.login,
                       "session": uuid.uuid4().hex, "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": False, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True}}))
        deadline = time.monotonic() + timeout
        try:
            while True:
                raw = await asyncio.wait_for(socket.read_message(), max(1.0, deadline - time.monotonic()))
                if raw is None:
                    raise HubClientError(f"{self.login}'s kernel closed its connection")
                message = json.loads(raw)
                if message.get("parent_header", {}).get("msg_id") == msg_id and \
                        message.get("msg_type") == "execute_reply":
                    return message["content"]
        finally:
            stream = socket.protocol.stream if socket.protocol is not None else None
            socket.close()
            try:  # the server answers the close, which shuts the connection; until then it is open
                while await asyncio.wait_for(socket.read_message(), 5) is not None:
                    pass
            except asyncio.TimeoutError:
                pass
            if stream is not None:
                stream.close()  # no answer: shut it here, not when the collector finds it


def main(argv: list[str] | None = None) -> int:
    base, login, password = (argv or sys.argv[1:])[:3]
    with StudentSession(base, login, password) as session:
        started = time.monotonic()
        session.log_in()
        session.start_server()
        print(json.dumps({"login": login, "server_ready_seconds": round(time.monotonic() - started, 1),
                          "status": session.server("GET", "api/status").json()}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
