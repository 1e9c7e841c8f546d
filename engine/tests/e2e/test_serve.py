"""`storycut serve` end to end on a loopback port: signed submit, idempotent resubmit,
429 at capacity, cancel, live events (SSE) with a Last-Event-ID reconnect, the finished
video fetched with a Range request, signed callbacks to a local edge stand-in (scene
files and the manifest sent while the render runs, each scene file once), recompose and
regenerate, unsigned/forged/stale requests refused, kill -9 in the middle of a render
followed by a restart that finishes the job, a canceled job's fail callback with its
error code, a job the edge says stop to, one job's callbacks held by the edge while
another's go on; an unsigned large body refused before it is sent and a replayed signed
call refused; max_duration (a script refused, an overlong topic story failed too_long,
an overlong regenerate refused); DELETE of a running and of a finished job; and, after
a restart, retention of an aged finished job and a callback given up."""
import hmac
import http.client
import http.server
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import threading
import time
import urllib.parse
from sclib import BIN, check, finish, signed_headers, wait_listening, workdir

SECRET = "test-secret-not-for-production"
data_dir = workdir("serve")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sign(method, path, body=b"", ts=None, secret=SECRET):
    return signed_headers(secret, method, path, body, ts)


class Edge(http.server.BaseHTTPRequestHandler):
    """Stands in for the edge's /internal/jobs/:id/... callbacks; checks signatures.
    Callbacks about /SLOW/ are held unanswered until `release` is set."""
    received = []  # (method, path without the query, signature good, body)
    queries = []  # (method, path, query as a dict) of every callback
    while_held = []  # paths received while a /SLOW/ callback was being held
    holding = 0
    release = threading.Event()
    lock = threading.Lock()

    def do_any(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        ts = self.headers.get("X-Storycut-Timestamp", "")
        good = hmac.compare_digest(signed_headers(SECRET, self.command, self.path, body, ts)["X-Storycut-Signature"],
                                   self.headers.get("X-Storycut-Signature", ""))
        slow = "/SLOW/" in self.path
        with Edge.lock:
            path, _, query = self.path.partition("?")
            Edge.received.append((self.command, path, good, body))
            Edge.queries.append((self.command, path, urllib.parse.parse_qs(query)))
            if Edge.holding:
                Edge.while_held.append(self.path)
            Edge.holding += slow
        if slow:
            Edge.release.wait(600)
            with Edge.lock:
                Edge.holding -= 1
        # A project the edge gave up on (failed, deleted): it takes the callback and says stop.
        answer = b'{"ok":true,"ignored":"the project is already failed","stop":true}' \
            if "/UNWANTED/" in self.path else b"{}"
        try:
            self.send_response(200 if good else 401)
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)
        except OSError:
            pass  # a held callback the engine gave up on

    do_POST = do_PUT = do_any

    def log_message(self, *args):
        pass


edge = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Edge)
threading.Thread(target=edge.serve_forever, daemon=True).start()
callback_base = f"http://127.0.0.1:{edge.server_address[1]}/internal/jobs"

port = free_port()
env = dict(os.environ, STORYCUT_SECRET=SECRET, STORYCUT_LISTEN=f"127.0.0.1:{port}", STORYCUT_DATA_DIR=data_dir,
           STORYCUT_WORKERS="1", STORYCUT_QUEUE="1")
log = open(os.path.join(data_dir, "serve.log"), "ab")


def start_server():
    p = subprocess.Popen([BIN, "serve"], env=env, stdout=log, stderr=log)
    wait_listening(port)
    return p


signed_calls = [0]


def call(method, path, body=None, headers=None, signed=True, timeout=60):
    raw = json.dumps(body).encode() if body is not None else b""
    h = {"Content-Type": "application/json"} if body is not None else {}
    if signed:
        # The engine accepts a signature once; like the edge, each call is signed anew
        # (calls within one second get earlier, still fresh, timestamps).
        signed_calls[0] += 1
        h.update(sign(method, path, raw, ts=int(time.time()) - signed_calls[0] % 250))
    h.update(headers or {})
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    c.request(method, path, body=raw if body is not None else None, headers=h)
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, dict(r.getheaders()), data


def jbody(data):
    try:
        return json.loads(data)
    except ValueError:
        return {}


def events(job, last_id=None, until=("job_done", "job_failed"), timeout=900):
    """Reads the SSE stream until an event whose type is in `until`."""
    path = f"/v1/jobs/{job}/events"
    h = sign("GET", path)
    if last_id is not None:
        h["Last-Event-ID"] = str(last_id)
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    c.request("GET", path, headers=h)
    r = c.getresponse()
    got, cur = [], {}
    while True:
        line = r.fp.readline()
        if not line:
            break
        line = line.decode().rstrip("\n")
        if line.startswith("id: "):
            cur["id"] = int(line[4:])
        elif line.startswith("event: "):
            cur["event"] = line[7:]
        elif line.startswith("data: "):
            cur["data"] = json.loads(line[6:])
        elif line == "" and cur:
            got.append(cur)
            if cur.get("event") in until:
                break
            cur = {}
    c.close()
    return r.status, r.getheader("Content-Type", ""), got


def received_at(path, seconds=60):
    """The bodies of the callbacks the edge stand-in took at `path`, waiting up to
    `seconds` for the first."""
    deadline = time.time() + seconds
    while True:
        with Edge.lock:
            bodies = [b for _, p, _, b in Edge.received if p == path]
        if bodies or time.time() >= deadline:
            return bodies
        time.sleep(0.5)


def wait_status(job, want, seconds=900):
    for _ in range(seconds * 2):
        st, _, data = call("GET", f"/v1/jobs/{job}")
        if jbody(data).get("status") in want:
            return jbody(data)
        time.sleep(0.5)
    return jbody(data)


server = start_server()
try:
    st, _, data = call("GET", "/healthz", signed=False)
    check(st == 200, f"/healthz answers 200 ({st})")
    st, _, data = call("GET", "/openapi.json", signed=False)
    check(st == 200 and jbody(data).get("openapi", "").startswith("3.1"), "/openapi.json is an OpenAPI 3.1 document")

    # Security: unsigned, forged and replayed requests.
    req = {"topic": "a lighthouse keeper who finds a message in a bottle", "format": "short", "duration": 15,
           "lang": "en"}
    raw = json.dumps(req).encode()
    st, _, _ = call("POST", "/v1/jobs", req, signed=False)
    check(st == 401, f"unsigned submit is refused with 401 ({st})")
    st, _, _ = call("POST", "/v1/jobs", req, signed=False, headers=sign("POST", "/v1/jobs", raw, secret="forged"))
    check(st == 401, f"a forged signature is refused with 401 ({st})")
    st, _, _ = call("POST", "/v1/jobs", req, signed=False,
                    headers=sign("POST", "/v1/jobs", raw, ts=int(time.time()) - 3600))
    check(st == 401, f"a replayed request an hour old is refused with 401 ({st})")
    # A caller without a signature declares a large body and sends only the headers: it is
    # answered 401 at once; the engine does not wait for the body, let alone keep it.
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        t0 = time.time()
        s.sendall(b"POST /v1/jobs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  b"Content-Length: 1000000\r\n\r\n")
        first = s.recv(200)
        check(first.startswith(b"HTTP/1.1 401") and time.time() - t0 < 3,
              f"an unsigned 1 MB body is refused 401 before it is sent ({first[:20]}, {time.time() - t0:.1f} s)")
    # The same signed request twice (a captured call replayed inside the 300 s window).
    probe = {"topic": "x", "duration": "long"}
    replay = sign("POST", "/v1/jobs", json.dumps(probe).encode())
    st, _, _ = call("POST", "/v1/jobs", probe, signed=False, headers=replay)
    st2, _, data = call("POST", "/v1/jobs", probe, signed=False, headers=replay)
    check(st == 422 and st2 == 401 and jbody(data).get("error", {}).get("code") == "replayed",
          f"a signed request sent again is refused 401 replayed ({st}, {st2} {data[:100]})")
    st, _, data = call("GET", "/metrics", signed=False)
    check(st == 200, f"/metrics answers a caller on this machine ({st})")
    st, _, data = call("POST", "/v1/jobs", {"topic": "x", "duration": "long"})
    check(st == 422 and jbody(data).get("error", {}).get("field") == "duration", f"a bad field is 422 naming it ({st} {data[:120]})")
    st, _, data = call("POST", "/v1/jobs", {"topic": "x", "captions": "bogus"})
    check(st == 422 and jbody(data).get("error", {}).get("field") == "captions",
          f"an unknown captions style is 422 naming captions ({st} {data[:120]})")

    # max_duration (what the edge was paid for): a script that would run longer is refused
    # before any work (40 words, about 16 s of narration, against 10 s).
    st, _, data = call("POST", "/v1/jobs", {"script": "The keeper climbs the stairs. " * 8, "max_duration": 10})
    err = jbody(data).get("error", {})
    check(st == 422 and err.get("code") == "too_long" and err.get("field") == "script" and "10 s" in err.get("message", ""),
          f"a script longer than max_duration is 422 too_long on the script ({st} {data[:160]})")
    st, _, data = call("POST", "/v1/jobs", {"topic": "x", "max_duration": 0})
    check(st == 422 and jbody(data).get("error", {}).get("field") == "max_duration",
          f"a max_duration under 1 s is 422 naming it ({st} {data[:120]})")

    # Submit, idempotent resubmit.
    req["callback"] = callback_base + "/JOB"
    st, _, data = call("POST", "/v1/jobs", req, headers={"Idempotency-Key": "first-job"})
    job = jbody(data).get("id")
    check(st == 202 and job and jbody(data).get("status") in ("queued", "running"), f"submit answers 202 with an id ({st} {data[:120]})")
    st, _, data = call("POST", "/v1/jobs", req, headers={"Idempotency-Key": "first-job"})
    check(jbody(data).get("id") == job, "the same Idempotency-Key returns the same job")

    # Capacity: one worker + a queue of one.
    st, _, data = call("POST", "/v1/jobs", {"topic": "a second job that waits", "duration": 15})
    second = jbody(data).get("id")
    check(st == 202, f"a second job is queued ({st})")
    st, headers, data = call("POST", "/v1/jobs", {"topic": "a third job, one too many", "duration": 15})
    check(st == 429 and "Retry-After" in headers, f"beyond capacity: 429 with Retry-After ({st})")
    # A job the engine already has is answered at capacity too: the edge re-sends a job
    # it has not heard from, and a 429 would make it move or fail a job that is running.
    st, _, data = call("POST", "/v1/jobs", req, headers={"Idempotency-Key": "first-job"})
    check(st in (200, 202) and jbody(data).get("id") == job,
          f"at capacity, a re-sent job gets its own id back, not 429 ({st} {data[:100]})")
    st, _, data = call("POST", f"/v1/jobs/{second}/cancel")
    check(st in (200, 202) and jbody(data).get("status") == "canceled", f"the queued job is canceled ({st} {data[:100]})")

    # Live events, then a reconnect that resumes after a given event.
    st, ctype, evs = events(job)
    check(st == 200 and ctype.startswith("text/event-stream"), f"events stream as SSE ({st} {ctype})")
    kinds = [e.get("event") for e in evs]
    ids = [e.get("id") for e in evs]
    check(kinds and kinds[-1] == "job_done", f"the stream ends with job_done ({kinds[-3:]})")
    check(ids == sorted(ids) and len(set(ids)) == len(ids), "event ids increase without repeats")
    middle = ids[len(ids) // 2]
    st, _, later = events(job, last_id=middle)
    check([e["id"] for e in later] == [i for i in ids if i > middle], "Last-Event-ID replays exactly the later events")

    info = wait_status(job, ("completed",))
    check(info.get("status") == "completed" and "video.mp4" in info.get("artifacts", []), "the job completed with video.mp4")
    st, headers, data = call("GET", f"/v1/jobs/{job}/artifacts/video.mp4", headers={"Range": "bytes=0-99"})
    check(st == 206 and len(data) == 100 and headers.get("Content-Type") == "video/mp4", f"Range request: 206, 100 bytes, video/mp4 ({st}, {len(data)})")
    check(data[4:8] == b"ftyp", "the bytes are an MP4's start")
    st, _, _ = call("GET", f"/v1/jobs/{job}/artifacts/..%2fmanifest.json")
    check(st in (400, 404), f"an artifact name cannot leave the workspace ({st})")
    st, _, _ = call("GET", "/v1/jobs/nosuchjob")
    check(st == 404, f"unknown job: 404 ({st})")

    # Callbacks reach the edge, signed: events, every artifact, complete.
    received_at("/internal/jobs/JOB/complete")
    with Edge.lock:
        received = list(Edge.received)
    check(all(good for _, _, good, _ in received), "every callback carries a valid signature")
    check(any(p.endswith("/events") for _, p, _, _ in received), "progress events reached the edge")
    check(("PUT", "/internal/jobs/JOB/artifacts/video.mp4") in [(m, p) for m, p, _, _ in received], "video.mp4 was uploaded to the edge")
    check(("POST", "/internal/jobs/JOB/complete") in [(m, p) for m, p, _, _ in received], "complete was sent")
    with Edge.lock:
        uploads = [q for m, p, q in Edge.queries if m == "PUT" and p.startswith("/internal/jobs/JOB/artifacts/")]
    check(uploads and all(q.get("job") == [job] for q in uploads),
          f"every artifact upload names its engine job (?job={job}), under the signature: {uploads[:3]}")

    # While the render runs: the manifest (the story's words) once the story is written,
    # each scene's picture and narration once it is made; nothing twice in this run, and
    # the final manifest after the last scene file. The outbox sends in the order things
    # were queued, so the events POSTed around the uploads date them.
    done_at = [(m, p) for m, p, _, _ in received].index(("POST", "/internal/jobs/JOB/complete"))
    run = [(i, m, p, b) for i, (m, p, _, b) in enumerate(received[:done_at]) if p.startswith("/internal/jobs/JOB/")]

    def stage_event(kind, stage):
        return next((i for i, m, p, b in run if p.endswith("/events") and jbody(b).get("type") == kind
                     and jbody(b).get("data", {}).get("stage") == stage), None)

    scene_puts = [(i, p.rsplit("/", 1)[1]) for i, m, p, _ in run
                  if m == "PUT" and re.fullmatch(r"/internal/jobs/JOB/artifacts/scene-\d{2,3}\.(png|wav)", p)]
    manifest_puts = [(i, jbody(b)) for i, m, p, b in run if (m, p) == ("PUT", "/internal/jobs/JOB/artifacts/manifest.json")]
    pictures_start, compose_start = stage_event("stage_start", "pictures"), stage_event("stage_start", "compose")
    check(pictures_start is not None and compose_start is not None, "the edge heard pictures and compose start")
    check(manifest_puts and manifest_puts[0][0] < (pictures_start or 0),
          f"manifest.json was PUT before the pictures stage began ({[i for i, _ in manifest_puts]} vs {pictures_start})")
    early_scenes = manifest_puts[0][1].get("story", {}).get("scenes", []) if manifest_puts else []
    check(early_scenes and all(sc.get("narration") and sc.get("visual") for sc in early_scenes),
          f"that early manifest carries every scene's narration and visual ({len(early_scenes)} scenes)")
    early_pngs = [n for i, n in scene_puts if n.endswith(".png") and i < (compose_start or 0)]
    check(early_pngs, f"scene pictures were PUT before composing began ({early_pngs})")
    names = [n for _, n in scene_puts]
    final = json.load(open(os.path.join(data_dir, "jobs", job, "manifest.json")))
    want = {f"scene-{k:02d}.{ext}" for k in range(1, len(final["story"]["scenes"]) + 1) for ext in ("png", "wav")}
    check(sorted(names) == sorted(want), f"each scene's picture and narration was PUT exactly once in the run ({sorted(names)})")
    check(len(manifest_puts) >= 2 and scene_puts and manifest_puts[-1][0] > max(i for i, _ in scene_puts)
          and manifest_puts[-1][1].get("status") == "completed",
          "the final manifest.json, completed, was PUT after the last scene file")

    # Recompose (seconds, not minutes) and regenerate one scene with new words.
    st, _, data = call("POST", f"/v1/jobs/{job}/recompose")
    check(st in (200, 202), f"recompose accepted ({st} {data[:100]})")
    st, _, evs = events(job, last_id=ids[-1])
    ran = {e["data"].get("stage") for e in evs if e.get("event") == "stage_start"}
    check(ran == {"compose", "publish"}, f"recompose ran only compose and publish ({sorted(ran)})")
    new_line = "The keeper read the letter twice, then climbed the stairs."
    st, _, data = call("POST", f"/v1/jobs/{job}/scenes/1/regenerate", {"narration": new_line})
    check(st in (200, 202), f"regenerate accepted ({st} {data[:100]})")
    info = wait_status(job, ("completed", "failed"))
    check(info.get("status") == "completed", f"regenerated job completed ({info.get('status')}, {info.get('error')})")
    manifest = json.load(open(os.path.join(data_dir, "jobs", job, "manifest.json")))
    check(manifest["story"]["scenes"][0]["narration"] == new_line, "scene 1 carries the new narration")
    srt = open(os.path.join(data_dir, "jobs", job, "subtitles.srt")).read()
    check("The keeper read the letter" in srt, "the subtitles carry the new narration")
    # New words that would make the video run past a (new) max_duration are refused, and
    # nothing of them is kept.
    long_line = "The keeper counted every wave that broke against the rocks below the tower. " * 12
    st, _, data = call("POST", f"/v1/jobs/{job}/scenes/1/regenerate", {"narration": long_line, "max_duration": 15})
    err = jbody(data).get("error", {})
    check(st == 422 and err.get("code") == "too_long" and err.get("field") == "narration",
          f"regenerate with narration over max_duration is 422 too_long ({st} {data[:160]})")
    manifest = json.load(open(os.path.join(data_dir, "jobs", job, "manifest.json")))
    check(manifest["story"]["scenes"][0]["narration"] == new_line and "max_duration" not in manifest["request"],
          "the refused narration and limit were not kept")

    # A topic whose story runs past max_duration (asked for 60 s, paid for 15 s; a cloud
    # writer may overshoot the same way) fails after the story stage with too_long.
    st, _, data = call("POST", "/v1/jobs", {"topic": "a saga of three lighthouse keepers", "duration": 60,
                                            "max_duration": 15, "callback": callback_base + "/LONG"})
    long_job = jbody(data).get("id")
    check(st == 202 and long_job, f"a topic job with max_duration is taken ({st} {data[:100]})")
    info = wait_status(long_job, ("completed", "failed", "canceled"))
    check(info.get("status") == "failed" and info.get("error_code") == "too_long"
          and "15 s" in (info.get("error") or "") and re.search(r"about \d+ s", info.get("error") or ""),
          f"the overlong story fails the job with too_long, naming both figures ({info.get('status')}, "
          f"{info.get('error_code')}, {info.get('error')})")
    check(not info.get("artifacts") or "video.mp4" not in info.get("artifacts"), "no video was made of it")
    long_manifest = json.load(open(os.path.join(data_dir, "jobs", long_job, "manifest.json")))
    check(long_manifest["request"].get("max_duration") == 15, "max_duration is kept in the job's manifest")
    failed = [jbody(b) for b in received_at("/internal/jobs/LONG/fail")]
    check(failed and failed[0].get("code") == "too_long", f"the fail callback says too_long ({failed[:1]})")

    # kill -9 in the middle of a render, restart: the job completes.
    st, _, data = call("POST", "/v1/jobs", {"topic": "a clockmaker who can pause time", "duration": 15,
                                            "callback": callback_base + "/THIRD"})
    third = jbody(data).get("id")
    for _ in range(600):
        st, _, data = call("GET", f"/v1/jobs/{third}")
        if jbody(data).get("stage") in ("narration", "music", "subtitles", "compose"):
            break
        time.sleep(0.1)
    server.send_signal(signal.SIGKILL)
    server.wait()
    server = start_server()
    info = wait_status(third, ("completed", "failed"))
    check(info.get("status") == "completed", f"after kill -9 and a restart the job completed ({info.get('status')})")
    done = received_at("/internal/jobs/THIRD/complete")
    check(len(done) >= 1 and json.loads(done[0])["status"] == "completed", "the restarted job's complete callback arrived")
    check(len({bytes(b) for b in done}) == 1, "repeated deliveries of a callback carry identical content")

    # A running job canceled: the fail callback names the error code.
    st, _, data = call("POST", "/v1/jobs", {"topic": "a baker who bakes the moon", "duration": 15,
                                            "callback": callback_base + "/FOURTH"})
    fourth = jbody(data).get("id")
    wait_status(fourth, ("running", "completed", "failed", "canceled"))
    st, _, data = call("POST", f"/v1/jobs/{fourth}/cancel")
    info = wait_status(fourth, ("completed", "failed", "canceled"))
    check(info.get("status") == "canceled", f"the running job was canceled ({info.get('status')})")
    failed = [jbody(b) for b in received_at("/internal/jobs/FOURTH/fail")]
    check(failed and failed[0].get("status") == "canceled" and failed[0].get("code") == "canceled",
          f"the fail callback says status and code canceled ({failed[:1]})")

    # A job the edge no longer wants ({"stop": true} in a callback's answer) is canceled.
    st, _, data = call("POST", "/v1/jobs", {"topic": "a lighthouse nobody visits", "duration": 15,
                                            "callback": callback_base + "/UNWANTED"})
    unwanted = jbody(data).get("id")
    info = wait_status(unwanted, ("completed", "failed", "canceled"))
    check(info.get("status") == "canceled", f"the job the edge said stop to was canceled ({info.get('status')})")

    # An edge that does not answer about one job (held past the engine's stall limit)
    # holds up no other job's callbacks: each job has its own sender.
    st, _, data = call("POST", "/v1/jobs", {"topic": "a ferry that waits for the fog", "duration": 15,
                                            "callback": callback_base + "/SLOW"})
    slow = jbody(data).get("id")
    st, _, data = call("POST", "/v1/jobs", {"topic": "a kite that will not come down", "duration": 15,
                                            "callback": callback_base + "/FAST"})
    fast = jbody(data).get("id")
    check(slow and fast, f"two more jobs taken ({st} {data[:100]})")
    info = wait_status(fast, ("completed", "failed", "canceled"))
    fast_done = received_at("/internal/jobs/FAST/complete")
    with Edge.lock:
        fast_while_held = [p for p in Edge.while_held if p.startswith("/internal/jobs/FAST/")]
    check(info.get("status") == "completed" and fast_done and fast_while_held,
          f"the other job's callbacks, complete too, reached the edge while one about the held job waited "
          f"({len(fast_while_held)} of them)")
    Edge.release.set()
    slow_done = received_at("/internal/jobs/SLOW/complete", seconds=120)
    check(slow_done, "once the edge answers again, the held job's callbacks follow, complete included")

    # DELETE /v1/jobs/{id}: a running job is stopped and removed, a finished one removed;
    # either way its workspace is gone and the engine no longer knows it.
    st, _, data = call("POST", "/v1/jobs", {"topic": "a job deleted while it renders", "duration": 15,
                                            "callback": callback_base + "/DELETED"})
    doomed = jbody(data).get("id")
    info = wait_status(doomed, ("running", "completed", "failed", "canceled"))
    check(info.get("status") == "running", f"the job to delete is running ({info.get('status')})")
    t0 = time.time()
    st, _, data = call("DELETE", f"/v1/jobs/{doomed}")
    check(st == 204 and data == b"", f"DELETE of a running job answers 204 ({st} {data[:100]}, {time.time() - t0:.1f} s)")
    st, _, _ = call("GET", f"/v1/jobs/{doomed}")
    check(st == 404, f"the deleted job is unknown afterwards ({st})")
    check(not os.path.exists(os.path.join(data_dir, "jobs", doomed)), "the deleted running job's workspace is gone")
    time.sleep(1)
    check(not os.path.exists(os.path.join(data_dir, "jobs", doomed)), "and its stopped worker did not bring it back")
    check(os.path.isdir(os.path.join(data_dir, "jobs", third)), "the finished job's workspace is there before its delete")
    st, _, data = call("DELETE", f"/v1/jobs/{third}")
    check(st == 204, f"DELETE of a finished job answers 204 ({st} {data[:100]})")
    st, _, _ = call("GET", f"/v1/jobs/{third}")
    st2, _, _ = call("GET", f"/v1/jobs/{third}/artifacts/video.mp4")
    check(st == 404 and st2 == 404, f"the deleted job and its video are unknown afterwards ({st}, {st2})")
    check(not os.path.exists(os.path.join(data_dir, "jobs", third)), "the deleted finished job's workspace is gone")
    st, _, _ = call("DELETE", f"/v1/jobs/{third}")
    check(st == 404, f"deleting it again: 404 ({st})")

    # Retention and giving up callbacks: with the engine stopped, one finished job is made
    # eight days old (the retention is 7) and a callback no edge took is made two days old
    # (the give-up time is one); the restarted engine removes both, and counts the callback.
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=60)
    db = sqlite3.connect(os.path.join(data_dir, "storycut.db"))
    now = time.time()
    db.execute("UPDATE jobs SET updated_at = ? WHERE id = ?", (now - 8 * 86400, fourth))
    db.execute("INSERT INTO outbox(job_id, kind, dedupe_key, method, url, body, attempts, next_attempt_at, created_at) "
               "VALUES(?, 'event', 'never-taken', 'POST', 'http://127.0.0.1:9/internal/jobs/GONE/events', '{}', 3, ?, ?)",
               (job, now, now - 2 * 86400))
    db.commit()
    db.close()
    check(os.path.isdir(os.path.join(data_dir, "jobs", fourth)), "the aged job's workspace is there before the restart")
    server = start_server()
    for _ in range(60):
        st, _, _ = call("GET", f"/v1/jobs/{fourth}")
        if st == 404:
            break
        time.sleep(0.5)
    check(st == 404 and not os.path.exists(os.path.join(data_dir, "jobs", fourth)),
          f"a finished job past STORYCUT_RETAIN_DAYS is removed, workspace and all ({st})")
    st, _, _ = call("GET", f"/v1/jobs/{job}")
    check(st == 200, f"a recent job is kept ({st})")
    for _ in range(60):
        st, _, data = call("GET", "/metrics", signed=False)
        given_up = re.search(rb"^storycut_callbacks_given_up_total (\d+)$", data, re.M)
        if given_up and int(given_up.group(1)) >= 1:
            break
        time.sleep(0.5)
    check(given_up and int(given_up.group(1)) == 1, f"the callback past the give-up time is counted in /metrics ({given_up and given_up.group(0)})")
    db = sqlite3.connect(os.path.join(data_dir, "storycut.db"))
    left = db.execute("SELECT COUNT(*) FROM outbox WHERE dedupe_key = 'never-taken'").fetchone()[0]
    db.close()
    check(left == 0, f"and dropped from the outbox ({left} left)")
finally:
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        server.kill()
    edge.shutdown()
finish()
