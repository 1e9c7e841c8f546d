"""A switchable HTTP proxy for the fault matrix: it sits between the edge and the engine
(either direction) and, by mode, forwards, refuses connections, holds requests without
an answer, or delivers every request twice with the copy late. It keeps what it saw, so
the cases can check what the two sides said to each other."""
import http.client
import http.server
import random
import select
import socket
import sys
import threading
import time

PASS, REFUSE, HANG, DUPLICATE = "pass", "refuse", "hang", "duplicate"
# Hop-by-hop headers are the proxy's own business, not the request's.
HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection", "host",
       "content-length"}


class QuietServer(http.server.ThreadingHTTPServer):
    """A caller killed mid-request (the cases kill -9 the engine) resets its connection:
    that is the fault at work, not a proxy error worth a traceback."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class FaultProxy:
    def __init__(self, name, target_port, port):
        self.name = name
        self.target_port = target_port
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.mode = PASS
        self.lock = threading.Lock()
        self.seen = []  # every forwarded request: method, path, request, status (None: no answer), body, copy
        self.held = 0  # requests held unanswered (HANG)
        self.abandoned = 0  # held requests the caller gave up on (it closed the connection)
        self.server = None
        self.copies = []  # threads delivering late copies
        self._listen()

    # -- switching -----------------------------------------------------------------
    def set(self, mode):
        """REFUSE closes the listening socket (the caller gets ECONNREFUSED); the others
        listen. A held request (HANG) is closed unanswered when the mode changes."""
        with self.lock:
            self.mode = mode
        if mode == REFUSE and self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None
        elif mode != REFUSE and not self.server:
            self._listen()

    def stop(self):
        self.set(REFUSE)
        for t in self.copies:
            t.join(30)

    def _listen(self):
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _any(self):
                proxy._handle(self)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_OPTIONS = _any

            def log_message(self, *args):
                pass

        server = QuietServer(("127.0.0.1", self.port), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self.server = server

    # -- one request ---------------------------------------------------------------
    def _handle(self, h):
        length = int(h.headers.get("content-length") or 0)
        body = h.rfile.read(length) if length else b""
        headers = {k: v for k, v in h.headers.items() if k.lower() not in HOP}
        with self.lock:
            mode = self.mode
            if mode == HANG:
                self.held += 1
        if mode == HANG:
            self._hold(h)
            return
        status, rheaders, rbody = self._forward(h.command, h.path, headers, body)
        if mode == DUPLICATE:
            t = threading.Thread(target=self._late_copy, args=(h.command, h.path, headers, body), daemon=True)
            t.start()
            self.copies.append(t)
        if status is None:
            h.close_connection = True
            h.connection.shutdown(socket.SHUT_RDWR)
            return
        h.send_response(status)
        for k, v in rheaders:
            if k.lower() not in HOP:
                h.send_header(k, v)
        h.send_header("content-length", str(len(rbody)))
        h.end_headers()
        if h.command != "HEAD":
            h.wfile.write(rbody)

    def _hold(self, h):
        """Holds a request unanswered (past the caller's timeout) until the fault ends or
        the caller gives up and closes the connection, which is counted."""
        sock = h.connection
        h.close_connection = True
        while True:
            with self.lock:
                if self.mode != HANG:
                    break
            if select.select([sock], [], [], 0.5)[0]:
                try:
                    closed = sock.recv(1, socket.MSG_PEEK) == b""
                except OSError:
                    closed = True
                if closed:
                    with self.lock:
                        self.abandoned += 1
                    return
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _late_copy(self, method, path, headers, body):
        """The same request again, 0.2 to 3 s later: after requests sent after it."""
        time.sleep(random.uniform(0.2, 3.0))
        self._forward(method, path, headers, body, copy=True)

    def _forward(self, method, path, headers, body, copy=False):
        conn = http.client.HTTPConnection("127.0.0.1", self.target_port, timeout=120)
        try:
            conn.request(method, path, body=body, headers=headers)
            r = conn.getresponse()
            rbody = r.read()
            result = (r.status, r.getheaders(), rbody)
        except OSError:
            result = (None, [], b"")
        finally:
            conn.close()
        with self.lock:
            self.seen.append({"method": method, "path": path, "request": body if "json" in
                              headers.get("content-type", headers.get("Content-Type", "")) else b"",
                              "status": result[0], "body": result[2], "copy": copy})
        return result
