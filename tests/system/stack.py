"""The whole Storycut platform on one machine, for system tests: the C engine
(`storycut serve`) and the edge Worker (`wrangler dev` with local D1, R2, queues and
Durable Objects), wired with a shared secret and the callback origin, and a stand-in
for Turnstile's siteverify (these machines are offline). Each run gets its own ports and
state folder, so nothing leaks between tests."""
import http.server
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# The engine's end-to-end checks (check(), FAILURES, the STANDARDS.md video checks) are
# shared with the system tests.
sys.path.insert(0, os.path.join(ROOT, "engine", "tests", "e2e"))
from sclib import FAILURES, check  # noqa: E402,F401
EDGE = os.path.join(ROOT, "edge")
WRANGLER_ENV = {"WRANGLER_SEND_METRICS": "false", "CLOUDFLARE_CF_FETCH_ENABLED": "false",
                "WRANGLER_HIDE_BANNER": "true", "NO_COLOR": "1"}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url, seconds, proc=None, log=None):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{url}: the process exited ({proc.returncode}); log: {tail(log)}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {seconds} s; log: {tail(log)}")


# Cloudflare's documented Turnstile test keys: this site key's widget always passes and
# yields DUMMY_TOKEN (the web app sends it without loading the widget), this secret
# always passes siteverify.
TURNSTILE_TEST_SITE_KEY = "1x00000000000000000000AA"
TURNSTILE_TEST_SECRET = "1x0000000000000000000000000000000AA"
TURNSTILE_DUMMY_TOKEN = "XXXX.DUMMY.TOKEN.XXXX"
TURNSTILE_ANSWERS = {
    TURNSTILE_TEST_SECRET: {"success": True, "error-codes": []},
    "2x0000000000000000000000000000000AA": {"success": False, "error-codes": ["invalid-input-response"]},
    "3x0000000000000000000000000000000AA": {"success": False, "error-codes": ["timeout-or-duplicate"]},
}


class Siteverify(http.server.ThreadingHTTPServer):
    """POST /turnstile/v0/siteverify (JSON or form {secret, response, remoteip}) answered as
    Cloudflare answers its test secrets; any other secret is invalid-input-secret."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), SiteverifyHandler)
        self.url = f"http://127.0.0.1:{self.server_address[1]}/turnstile/v0/siteverify"
        threading.Thread(target=self.serve_forever, daemon=True).start()


class SiteverifyHandler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        raw = self.rfile.read(int(self.headers.get("content-length") or 0)).decode()
        if self.headers.get("content-type", "").startswith("application/json"):
            fields = json.loads(raw or "{}")
        else:
            fields = {k: v[0] for k, v in urllib.parse.parse_qs(raw).items()}
        answer = TURNSTILE_ANSWERS.get(fields.get("secret"), {"success": False, "error-codes": ["invalid-input-secret"]})
        if not fields.get("response"):
            answer = {"success": False, "error-codes": ["missing-input-response"]}
        body = json.dumps(answer).encode()
        self.send_response(200 if self.path == "/turnstile/v0/siteverify" else 404)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def tail(path, n=3000):
    if not path or not os.path.exists(path):
        return ""
    with open(path, errors="replace") as f:
        return f.read()[-n:]


class Platform:
    """Tests get a fresh folder, fresh secrets and free ports; `make up` passes its own
    folder (kept between runs, secrets included) and fixed ports."""

    def __init__(self, storycut_bin, name="system", engine_workers=1, edge_vars=None,
                 state_dir=None, engine_port=None, edge_port=None, engine_env=None, cron_every_s=60):
        self.bin = storycut_bin
        self.dir = state_dir or tempfile.mkdtemp(prefix=f"storycut-{name}-")
        os.makedirs(self.dir, exist_ok=True)
        self.secret, self.jwt_secret = self._secrets(state_dir is not None)
        self.engine_port = engine_port or free_port()
        self.edge_port = edge_port or free_port()
        self.engine_url = f"http://127.0.0.1:{self.engine_port}"
        self.edge_url = f"http://127.0.0.1:{self.edge_port}"
        self.engine_workers = engine_workers
        self.edge_vars = edge_vars or {}
        self.engine_env = engine_env or {}
        self.cron_every_s = cron_every_s
        self.cron_stop = threading.Event()
        self.engine = None
        self.edge = None
        self.siteverify = None
        self.engine_log = os.path.join(self.dir, "engine.log")
        self.edge_log = os.path.join(self.dir, "edge.log")

    def _secrets(self, keep):
        """Random secrets; with `keep` they are stored in the folder (mode 600) and reused,
        so sessions and share links survive a restart."""
        path = os.path.join(self.dir, "secrets.json")
        if keep and os.path.exists(path):
            with open(path) as f:
                saved = json.load(f)
            return saved["engine_secret"], saved["jwt_secret"]
        engine_secret, jwt_secret = os.urandom(24).hex(), os.urandom(32).hex()
        if keep:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w") as f:
                json.dump({"engine_secret": engine_secret, "jwt_secret": jwt_secret}, f)
        return engine_secret, jwt_secret

    # -- engine --------------------------------------------------------------------
    def start_engine(self):
        env = dict(os.environ, STORYCUT_DATA_DIR=os.path.join(self.dir, "engine"),
                   STORYCUT_LISTEN=f"127.0.0.1:{self.engine_port}", STORYCUT_SECRET=self.secret,
                   STORYCUT_WORKERS=str(self.engine_workers), **self.engine_env)
        log = open(self.engine_log, "a")
        self.engine = subprocess.Popen([self.bin, "serve"], env=env, stdout=log, stderr=subprocess.STDOUT)
        wait_http(f"{self.engine_url}/healthz", 30, self.engine, self.engine_log)

    def kill_engine(self, sig=signal.SIGKILL):
        if self.engine and self.engine.poll() is None:
            self.engine.send_signal(sig)
            self.engine.wait(30)
        self.engine = None

    # -- edge ----------------------------------------------------------------------
    def _wrangler(self, *args, **kw):
        env = dict(os.environ, **WRANGLER_ENV)
        return subprocess.run(["npx", "--no-install", "wrangler", *args], cwd=EDGE, env=env, **kw)

    def start_edge(self):
        state = os.path.join(self.dir, "edge-state")
        env_file = os.path.join(self.dir, "edge.env")
        with open(env_file, "w") as f:
            f.write(f"JWT_SECRET={self.jwt_secret}\nENGINE_SECRET={self.secret}\n"
                    f"TURNSTILE_SECRET_KEY={TURNSTILE_TEST_SECRET}\n")
        self.siteverify = self.siteverify or Siteverify()
        # Every start: wrangler applies only the migrations this state has not had yet.
        r = self._wrangler("d1", "migrations", "apply", "storycut", "--local", "--persist-to", state,
                           capture_output=True, text=True, timeout=120)
        if r.returncode != 0:
            raise RuntimeError(f"d1 migrations apply failed: {r.stdout[-2000:]} {r.stderr[-2000:]}")
        # Every account is made from 127.0.0.1, so the sign-up limit is raised for the tests.
        vars_ = {"ENGINE_ORIGINS": self.engine_url, "PUBLIC_ORIGIN": self.edge_url,
                 "CORS_ORIGIN": self.edge_url, "TURNSTILE_SITE_KEY": TURNSTILE_TEST_SITE_KEY,
                 "TURNSTILE_VERIFY_URL": self.siteverify.url, "REGISTER_LIMIT": "100", **self.edge_vars}
        args = ["dev", "--local", "--ip", "127.0.0.1", "--port", str(self.edge_port),
                "--inspector-port", str(free_port()), "--persist-to", state, "--env-file", env_file,
                "--test-scheduled", "--show-interactive-dev-session=false"]
        for k, v in vars_.items():
            args += ["--var", f"{k}:{v}"]
        log = open(self.edge_log, "a")
        env = dict(os.environ, **WRANGLER_ENV)
        self.edge = subprocess.Popen(["npx", "--no-install", "wrangler", *args], cwd=EDGE, env=env,
                                     stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        wait_http(f"{self.edge_url}/api/health", 120, self.edge, self.edge_log)

    def stop_edge(self):
        if self.edge and self.edge.poll() is None:
            os.killpg(self.edge.pid, signal.SIGTERM)
            try:
                self.edge.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.edge.pid, signal.SIGKILL)
                self.edge.wait(10)
        self.edge = None

    def start(self):
        self.start_engine()
        self.start_edge()
        self.cron_stop.clear()
        threading.Thread(target=self._cron, daemon=True).start()
        return self

    def _cron(self):
        """The edge's cron trigger (`* * * * *` in production), which wrangler dev does not
        fire by itself: without it no lost dispatch or silent engine would ever be swept."""
        while not self.cron_stop.wait(self.cron_every_s):
            if self.edge is None:
                continue
            try:
                self.scheduled()
            except OSError:
                pass  # the edge is restarting

    def stop(self, keep=False):
        self.cron_stop.set()
        self.stop_edge()
        self.kill_engine(signal.SIGTERM)
        if self.siteverify:
            self.siteverify.shutdown()
            self.siteverify.server_close()
            self.siteverify = None
        if not keep:
            shutil.rmtree(self.dir, ignore_errors=True)

    # -- the edge's API ------------------------------------------------------------
    def api(self, method, path, body=None, token=None, headers=None, raw=False):
        data = None if body is None else json.dumps(body).encode()
        h = dict(headers or {})
        if data is not None:
            h["content-type"] = "application/json"
        if token:
            h["authorization"] = f"Bearer {token}"
        req = urllib.request.Request(self.edge_url + path, data=data, method=method, headers=h)
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                payload = r.read()
                status, hdrs = r.status, dict(r.headers)
        except urllib.error.HTTPError as e:
            payload, status, hdrs = e.read(), e.code, dict(e.headers)
        if raw:
            return status, hdrs, payload
        return status, (json.loads(payload) if payload else None)

    def register(self, email, password="correct horse battery"):
        status, body = self.api("POST", "/api/auth/register", {"email": email, "password": password,
                                                               "turnstile_token": TURNSTILE_DUMMY_TOKEN})
        if status != 201:
            raise RuntimeError(f"register {email}: {status} {body}")
        return body["token"]

    def make_admin(self, email):
        """Grants the admin role the way the deployment guide says, with wrangler d1 execute
        on the edge's local D1 (no restart needed: the role is read on every request)."""
        sql = f"UPDATE users SET role = 'admin' WHERE email = '{email}'"
        r = self._wrangler("d1", "execute", "storycut", "--local", "--persist-to", os.path.join(self.dir, "edge-state"),
                           "--command", sql, capture_output=True, text=True, timeout=120)
        if r.returncode != 0:
            raise RuntimeError(f"d1 execute failed: {r.stdout[-2000:]} {r.stderr[-2000:]}")

    def live_url(self, token, project):
        """A WebSocket URL for the project's live channel, with a fresh one-time ticket."""
        status, body = self.api("POST", f"/api/projects/{project}/live-ticket", token=token)
        if status != 200:
            raise RuntimeError(f"live-ticket {project}: {status} {body}")
        return self.edge_url.replace("http://", "ws://") + f"/api/projects/{project}/live?ticket={body['ticket']}"

    def wait_project(self, token, pid, seconds, until=("completed", "failed", "canceled")):
        deadline = time.time() + seconds
        last = None
        while time.time() < deadline:
            status, body = self.api("GET", f"/api/projects/{pid}", token=token)
            if status == 200:
                last = body["project"]
                if last["status"] in until:
                    return last
            time.sleep(1)
        raise RuntimeError(f"project {pid} did not settle in {seconds} s; last seen {last}")

    def r2_keys(self, prefix):
        """The keys under `prefix` in the edge's local R2, read (read-only) from the object
        index wrangler dev keeps in its state folder: a test can see what is stored without
        the edge's help."""
        root = os.path.join(self.dir, "edge-state", "v3", "r2", "miniflare-R2BucketObject")
        keys = []
        for name in sorted(os.listdir(root)) if os.path.isdir(root) else []:
            if name.endswith(".sqlite") and name != "metadata.sqlite":
                with sqlite3.connect(f"file:{os.path.join(root, name)}?mode=ro", uri=True) as db:
                    keys += [k for (k,) in db.execute("SELECT key FROM _mf_objects WHERE substr(key, 1, ?) = ?",
                                                      (len(prefix), prefix))]
        return keys

    def scheduled(self):
        """Runs the edge's cron handler once (wrangler dev --test-scheduled)."""
        with urllib.request.urlopen(f"{self.edge_url}/__scheduled?cron=*+*+*+*+*", timeout=60) as r:
            return r.status
