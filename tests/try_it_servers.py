"""Servers the try-it console tests send to: Prism (Stoplight's validating mock, from the pinned
npm packages) on a spec, a small local server that records requests or misbehaves on purpose
(no CORS, a reply that breaks its schema, a huge reply, no reply in time), and a tiny OAuth 2
provider that checks PKCE."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import http.server
import json
import secrets
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

PRISM = Path(__file__).parent / "node_modules" / ".bin" / "prism"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def prism_mock(spec: Path) -> Iterator[str]:
    """Prism mocking `spec` on 127.0.0.1; yields its base URL. Prism validates each request
    against the spec (a 422 or 400 with `sl-violations` when it breaks it, 401 without the
    credentials it needs) and answers CORS preflights."""
    assert PRISM.is_file(), f"{PRISM} missing: run `npm ci --prefix tests`"
    port = free_port()
    process = subprocess.Popen(
        [str(PRISM), "mock", str(spec), "-h", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    seen = []
    try:
        deadline = time.monotonic() + 90
        for line in process.stdout:
            seen.append(line)
            if "Prism is listening" in line:
                break
            if time.monotonic() > deadline:
                break
        else:
            raise AssertionError("Prism stopped:\n" + "".join(seen[-30:]))
        assert "Prism is listening" in seen[-1], "Prism did not start:\n" + "".join(seen[-30:])
        threading.Thread(target=lambda: [None for _ in process.stdout], daemon=True).start()
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)


class FaultServer(http.server.ThreadingHTTPServer):
    """Answers every request as `mode` says: `record` (CORS allowed, `{}` back, the request
    kept in `received`), `no-cors` (a reply without CORS headers), `bad-schema` (`reply`
    with CORS), `big` (a JSON array of about 1.7 MB), `slow` (no reply for 5 s)."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _FaultHandler)
        self.mode = "record"
        self.reply: object = {}
        self.received: list[dict] = []

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


BIG = json.dumps([{"id": n, "text": "x" * 40} for n in range(25000)]).encode()


class _FaultHandler(http.server.BaseHTTPRequestHandler):
    def _cors(self) -> None:
        if self.server.mode != "no-cors":
            self.send_header("Access-Control-Allow-Origin", self.headers.get("Origin") or "*")
            self.send_header("Access-Control-Allow-Headers", "*, Authorization")
            self.send_header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE")
            self.send_header("Access-Control-Expose-Headers", "*")

    def do_OPTIONS(self) -> None:  # noqa: N802 - the stdlib's naming
        self.send_response(204)
        self._cors()
        self.end_headers()

    def _handle(self) -> None:
        server = self.server
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if server.mode == "record":
            server.received.append(
                {
                    "method": self.command,
                    "target": self.path,
                    "headers": {k.lower(): v for k, v in self.headers.items()},
                    "body": body,
                }
            )
        if server.mode == "slow":
            time.sleep(5)
        data = BIG if server.mode == "big" else json.dumps(server.reply).encode()
        try:
            self.send_response(200)
            self._cors()
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the console gave up (the timeout test)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle

    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def running(server: http.server.HTTPServer):
    """`server` serving on a thread until the block ends."""
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def fault_server():
    return running(FaultServer())


class OAuthServer(http.server.ThreadingHTTPServer):
    """A tiny OAuth 2 provider for the authorization code flow with PKCE: `/authorize` sends
    the browser back to `redirect_uri` with a code; `/token` gives `TOKEN` for that code only
    when the `code_verifier` hashes (S256) to the challenge `/authorize` was given."""

    daemon_threads = True
    TOKEN = "tok_from_pkce"

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _OAuthHandler)
        self.challenges: dict[str, tuple[str, str]] = {}
        """code -> (code_challenge, redirect_uri)."""
        self.refused: list[str] = []

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _OAuthHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        query = dict(parse_qsl(urlsplit(self.path).query))
        if query.get("code_challenge_method") != "S256" or not query.get("client_id"):
            self.server.refused.append(f"authorize: {query}")
            self.send_response(400)
            self.end_headers()
            return
        code = secrets.token_urlsafe(8)
        self.server.challenges[code] = (query["code_challenge"], query["redirect_uri"])
        target = f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query['state']})}"
        self.send_response(302)
        self.send_header("Location", target)
        self.end_headers()

    def do_OPTIONS(self) -> None:  # noqa: N802
        self.send_response(204)
        self._cors()
        self.end_headers()

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        form = dict(parse_qsl(self.rfile.read(length).decode()))
        challenge, redirect = self.server.challenges.pop(form.get("code", ""), ("", ""))
        digest = hashlib.sha256(form.get("code_verifier", "").encode()).digest()
        computed = base64.urlsafe_b64encode(digest).decode().rstrip("=")
        good = challenge and computed == challenge and form.get("redirect_uri") == redirect
        if not good:
            self.server.refused.append(f"token: {form}")
        body = json.dumps(
            {"access_token": OAuthServer.TOKEN, "token_type": "bearer"}
            if good
            else {"error": "invalid_grant"}
        ).encode()
        self.send_response(200 if good else 400)
        self._cors()
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _cors(self) -> None:
        self.send_header("Access-Control-Allow-Origin", self.headers.get("Origin") or "*")
        self.send_header("Access-Control-Allow-Headers", "*")

    def log_message(self, *args) -> None:
        pass


def oauth_server():
    return running(OAuthServer())
