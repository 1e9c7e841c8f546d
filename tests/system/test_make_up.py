"""`make up`'s script (scripts/up.py): it starts the engine and the edge, prints the URL,
serves the web app and the API there, stops both on Ctrl-C (SIGINT), and a second start
on the same state folder keeps the account, its session and its videos."""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from stack import FAILURES, ROOT, check, free_port


def get(url, token=None, body=None):
    headers = {"content-type": "application/json"} if body is not None else {}
    if token:
        headers["authorization"] = f"Bearer {token}"
    req = urllib.request.Request(url, data=None if body is None else json.dumps(body).encode(), headers=headers)
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.status, r.read()


def listening(port):
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def start(binary, state, edge_port, engine_port):
    proc = subprocess.Popen([sys.executable, os.path.join(ROOT, "scripts", "up.py"), binary, "--state", state,
                             "--port", str(edge_port), "--engine-port", str(engine_port), "--demo"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out = []
    deadline = time.time() + 180
    for line in proc.stdout:
        out.append(line)
        if "Storycut is running" in line or time.time() > deadline:
            break
    return proc, "".join(out)


def stop(proc):
    proc.send_signal(signal.SIGINT)
    try:
        rest = proc.communicate(timeout=60)[0]
    except subprocess.TimeoutExpired:
        proc.kill()
        rest = proc.communicate()[0]
    return proc.returncode, rest


def main():
    binary = os.environ.get("STORYCUT_BIN", os.path.join(ROOT, "build", "release", "storycut"))
    state = tempfile.mkdtemp(prefix="storycut-up-")
    edge_port, engine_port = free_port(), free_port()
    url = f"http://127.0.0.1:{edge_port}"
    try:
        proc, out = start(binary, state, edge_port, engine_port)
        check(f"open {url}" in out, f"it prints the URL to open ({out.strip().splitlines()[-1:]})")
        check("LOCAL-ONLY demo account" in out, "the demo account is marked local-only")
        status, page = get(url + "/")
        check(status == 200 and b'<script type="module" src="/app.js">' in page, "the web app is served at the URL")
        status, page = get(url + "/projects/anything")
        check(status == 200 and b"app.js" in page, "app paths get the app (single-page fallback)")
        status, js = get(url + "/app.js")
        check(status == 200 and len(js) > 1000, "the built app.js is served")
        status, body = get(url + "/api/auth/login", body={"email": "demo@storycut.local", "password": "storycut-demo"})
        token = json.loads(body)["token"]
        check(status == 200 and token, "the demo account signs in")
        status, body = get(url + "/api/projects", token, {"topic": "A lantern festival", "duration": 15})
        project = json.loads(body)["project"]["id"]
        check(status == 202, "a project can be created")
        code, rest = stop(proc)
        check(code == 0, f"Ctrl-C stops it cleanly (exit {code}; {rest.strip().splitlines()[-1:]})")
        check(not listening(edge_port) and not listening(engine_port), "nothing listens on either port afterwards")

        proc, out = start(binary, state, edge_port, engine_port)
        status, body = get(url + "/api/projects/" + project, token)
        check(status == 200, "after a restart on the same state the old session and the project are still there")
        deadline = time.time() + 600
        while json.loads(body)["project"]["status"] not in ("completed", "failed") and time.time() < deadline:
            time.sleep(2)
            status, body = get(url + "/api/projects/" + project, token)
        last = json.loads(body)["project"]
        check(last["status"] == "completed", f"the project queued before the restart completes "
                                             f"({last['status']}, {last['stage']}, {last['error']})")
        code, _ = stop(proc)
        check(code == 0, "the second run stops cleanly too")
    finally:
        shutil.rmtree(state, ignore_errors=True)
    print("all checks passed" if not FAILURES else f"{len(FAILURES)} checks failed")
    sys.exit(1 if FAILURES else 0)


if __name__ == "__main__":
    main()
