"""What a user's browser hears on a project's live channel, recorded for the invariants:
a background WebSocket client that reconnects like the web app does (the edge may be
restarted under it) and keeps every message of every connection."""
import json
import threading
import time

import websocket  # Debian's python3-websocket (websocket-client)


class LiveRecorder:
    def __init__(self, platform, project, token):
        self.platform, self.project, self.token = platform, project, token
        self.connections = []  # one list of decoded messages per connection
        self.closed = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self.closed.is_set():
            try:
                # Each connection needs a fresh one-time ticket.
                ws = websocket.create_connection(self.platform.live_url(self.token, self.project), timeout=2)
            except (OSError, RuntimeError, ValueError, websocket.WebSocketException):
                time.sleep(0.5)
                continue
            messages = []
            self.connections.append(messages)
            try:
                while not self.closed.is_set():
                    try:
                        text = ws.recv()
                    except websocket.WebSocketTimeoutException:
                        continue
                    if not text:
                        break
                    messages.append(json.loads(text))
            except (OSError, websocket.WebSocketException, ValueError):
                pass
            finally:
                ws.close()
            time.sleep(0.5)

    def stop(self):
        self.closed.set()
        self.thread.join(10)

    def problems(self):
        """What a user would have seen wrong: an event seq that does not go up within a
        connection (so none shown twice), the same file announced twice in one connection (a
        file that changed, such as the manifest the story stage sends early, has another size)."""
        found = []
        for n, messages in enumerate(self.connections, 1):
            last = None
            files = set()
            for m in messages:
                if m.get("type") == "snapshot":
                    seqs = [e["seq"] for e in m["events"]]
                    if seqs != sorted(set(seqs)):
                        found.append(f"connection {n}: snapshot events not strictly increasing {seqs}")
                    last = m["seq"]
                    files = {(a["name"], a["size"]) for a in m.get("artifacts", [])}
                elif m.get("type") == "event":
                    if last is not None and m["seq"] <= last:
                        found.append(f"connection {n}: event seq {m['seq']} after {last}")
                    last = m["seq"]
                elif m.get("type") == "artifact":
                    if (m["name"], m["size"]) in files:
                        found.append(f"connection {n}: {m['name']} ({m['size']} bytes) announced again")
                    files.add((m["name"], m["size"]))
        return found

    def events(self):
        return sum(1 for c in self.connections for m in c if m.get("type") == "event")
