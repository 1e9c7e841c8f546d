"""The fault matrix (issue 7): the real engine (`storycut serve`) behind the real edge
(`wrangler dev`: local D1, R2, queues, Durable Objects), with a switchable proxy on each
side of the link between them. Each case injects one fault a production deployment
meets, waits for the platform to settle, then checks the invariants (invariants.py):
nothing lost, nothing charged twice, nothing shown twice, nothing leaked.

    python3 tests/system/faults/run.py [case numbers...]

Time is compressed by configuration, not by shortcuts in the code: the sweep runs every
10 s (cron: once a minute), a project is stale after 30 s without news (600 s), a queued
one no dispatcher touched after 20 s (60 s), the queue retries after 2, 4, 8, 16 s
(5 s .. 300 s), and the engine takes one job at a time
(STORYCUT_WORKERS=1, STORYCUT_QUEUE=0), so a second job meets a real 429. The results
table goes to bench/results/faults.md."""
import concurrent.futures
import json
import os
import re
import sys
import threading
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)
from stack import FAILURES, ROOT, Platform, check, free_port  # noqa: E402
from proxy import DUPLICATE, HANG, PASS, REFUSE, FaultProxy  # noqa: E402
from live import LiveRecorder  # noqa: E402
import invariants  # noqa: E402
from sclib import signed_headers  # noqa: E402

RESULTS = os.path.join(ROOT, "bench", "results", "faults.md")
HEARTBEAT_TIMEOUT_S = 30
SWEEP_EVERY_S = 10
SETTLE_S = 600
TOPIC = "A lighthouse keeper finds a message in a bottle"


class Suite:
    """The platform (its cron sped up), its two proxies, and what the cases saw."""

    def __init__(self, storycut_bin):
        engine_port, edge_port = free_port(), free_port()
        # edge -> engine: the queue's submits, cancels and re-dispatches.
        self.to_engine = FaultProxy("edge->engine", engine_port, free_port())
        # engine -> edge: every callback (events, artifacts, complete, fail).
        self.to_edge = FaultProxy("engine->edge", edge_port, free_port())
        self.proxies = (self.to_engine, self.to_edge)
        self.platform = Platform(
            storycut_bin, "faults", engine_port=engine_port, edge_port=edge_port,
            engine_env={"STORYCUT_QUEUE": "0"}, cron_every_s=SWEEP_EVERY_S,
            edge_vars={"ENGINE_ORIGINS": self.to_engine.url, "PUBLIC_ORIGIN": self.to_edge.url,
                       "HEARTBEAT_TIMEOUT_S": str(HEARTBEAT_TIMEOUT_S), "MAX_DISPATCHES": "3",
                       "DISPATCH_TIMEOUT_S": "20",
                       "DISPATCH_RETRY_S": "2", "DISPATCH_RETRY_MAX_S": "16"})
        self.password = "correct horse battery staple"
        self.tokens = {}
        self.answers = []  # every JSON or text answer the edge gave the cases
        self.statuses = []  # and every status
        self.results = []  # (case, title, outcome, seconds to settle, checks failed)
        self.extra = ""  # what the running case adds to its outcome

    def start(self):
        self.platform.start()
        self.tokens["admin"] = self.platform.register("admin@faults.test", self.password)
        self.platform.make_admin("admin@faults.test")

    def stop(self):
        for proxy in self.proxies:
            proxy.stop()
        self.platform.stop()

    # -- helpers the cases share -----------------------------------------------------
    def api(self, method, path, body=None, token=None, headers=None, raw=False):
        status, hdrs, payload = self.platform.api(method, path, body, token, headers, raw=True)
        self.statuses.append(status)
        if re.match(r"(application/json|text/)", hdrs.get("Content-Type", "")):
            self.answers.append(payload.decode(errors="replace"))
        if raw:
            return status, hdrs, payload
        return status, (json.loads(payload) if payload else None)

    def user(self, name, credits=None):
        token = self.platform.register(f"{name}@faults.test", self.password)
        self.tokens[name] = token
        _, me = self.api("GET", "/api/me", token=token)
        extra = (credits or 0) - me["credits"]["available"]
        if extra > 0:
            status, body = self.api("POST", "/api/admin/credits/grant",
                                    {"email": f"{name}@faults.test", "amount": extra, "request_id": f"{name}-topup"},
                                    token=self.tokens["admin"])
            if status != 201:
                raise RuntimeError(f"grant to {name}: {status} {body}")
        return token

    def create(self, token):
        status, body = self.api("POST", "/api/projects", {"topic": TOPIC, "format": "short", "duration": 15,
                                                          "lang": "en"}, token=token)
        if status != 202:
            raise RuntimeError(f"create: {status} {body}")
        return body["project"]["id"]

    def project(self, token, pid):
        status, body = self.api("GET", f"/api/projects/{pid}", token=token)
        return body["project"] if status == 200 else None

    def wait_rendering(self, token, pid, progress=0.2, seconds=300):
        """Until the engine is well into the render (its events moved the progress)."""
        deadline = time.time() + seconds
        while time.time() < deadline:
            p = self.project(token, pid)
            if p and p["status"] == "running" and p["progress"] >= progress:
                return p
            if p and p["status"] not in ("queued", "running"):
                raise RuntimeError(f"{pid} ended ({p['status']}) before the fault could be injected")
            time.sleep(0.5)
        raise RuntimeError(f"{pid} did not get to {progress:.0%} in {seconds} s")

    def rendering(self, name, progress=0.2):
        """A new user's project, well into its render, with a browser listening."""
        t = self.user(name)
        pid = self.create(t)
        live = {pid: LiveRecorder(self.platform, pid, t)}
        return t, pid, live, self.wait_rendering(t, pid, progress)

    def settle(self, token, pids, since):
        """Waits for every project to end; returns the seconds from `since` to the last end."""
        for pid in pids:
            self.platform.wait_project(token, pid, SETTLE_S, until=("completed", "failed"))
        return time.time() - since

    def sign(self, method, target, body, ts=None, secret=None):
        return {**signed_headers(secret or self.platform.secret, method, target, body, ts),
                "content-type": "application/json"}

    def engine_jobs(self):
        """The engine's job counts by status, from its /metrics."""
        with urllib.request.urlopen(f"{self.platform.engine_url}/metrics", timeout=10) as r:
            text = r.read().decode()
        return {m[0]: int(m[1]) for m in re.findall(r'storycut_jobs\{status="(\w+)"\} (\d+)', text)}


def say(what):
    print(f"   inject: {what}", flush=True)


# -- the cases ---------------------------------------------------------------------------
# Each returns (token, its projects, seconds to settle, live recorders by project, deleted
# projects); s.extra may add words to its outcome.

def engine_down_at_submit(s):
    t = s.user("c1")
    s.platform.kill_engine()
    say("the engine is stopped; the user submits; the engine starts 30 s later")
    since = time.time()
    pid = s.create(t)
    live = {pid: LiveRecorder(s.platform, pid, t)}
    time.sleep(15)
    p = s.project(t, pid)
    check(p["status"] == "queued" and p["stage"] == "waiting_for_engine",
          f"meanwhile the project says it waits for an engine ({p['status']}, {p['stage']})")
    time.sleep(15)
    s.platform.start_engine()
    return t, [pid], s.settle(t, [pid], since), live, ()


def engine_killed_mid_render(s):
    t, pid, live, p = s.rendering("c2")
    say(f"kill -9 the engine at {p['progress']:.0%} ({p['stage']}); start it again 3 s later")
    since = time.time()
    s.platform.kill_engine()
    time.sleep(3)
    s.platform.start_engine()
    return t, [pid], s.settle(t, [pid], since), live, ()


def engine_killed_for_good(s):
    t, pid, live, p = s.rendering("c3")
    canceled = s.engine_jobs().get("canceled", 0)
    say(f"kill -9 the engine at {p['progress']:.0%} ({p['stage']}) and leave it down")
    since = time.time()
    s.platform.kill_engine()
    took = s.settle(t, [pid], since)
    # The engine comes back (for the cases after this one) and resumes the job: the edge's
    # answer to its first callback tells it to stop rather than render for nobody.
    s.platform.start_engine()
    deadline = time.time() + 60
    while time.time() < deadline and s.engine_jobs().get("canceled", 0) == canceled:
        time.sleep(0.5)
    jobs = s.engine_jobs()
    check(jobs.get("canceled", 0) == canceled + 1 and jobs.get("running", 0) == 0,
          f"the engine, back, stopped the job the edge had given up on ({jobs})")
    return t, [pid], took, live, ()


def engine_at_capacity(s):
    t = s.user("c4", credits=30)
    first = s.create(t)
    s.wait_rendering(t, first, progress=0.05)
    say("the engine (one job at a time) is busy: the second project meets 429 until the first is done")
    since = time.time()
    second = s.create(t)
    live = {pid: LiveRecorder(s.platform, pid, t) for pid in (first, second)}
    deadline = time.time() + 60
    waited = False
    while time.time() < deadline and not waited:
        p = s.project(t, second)
        waited = p["stage"] == "waiting_for_engine"
        time.sleep(0.5)
    check(waited, "the second project says it waits for an engine")
    took = s.settle(t, [first, second], since)
    busy = [x for x in s.to_engine.seen if x["status"] == 429]
    check(busy, f"the engine answered 429 ({len(busy)} times) and the edge tried again later")
    return t, [first, second], took, live, ()


def callbacks_twice_out_of_order(s):
    t = s.user("c5")
    say("every engine->edge callback is delivered twice, the copy 0.2-3 s late (after later ones)")
    s.to_edge.set(DUPLICATE)
    since = time.time()
    pid = s.create(t)
    live = {pid: LiveRecorder(s.platform, pid, t)}
    try:
        took = s.settle(t, [pid], since)
    finally:
        s.to_edge.set(PASS)
    copies = [x for x in s.to_edge.seen if x["copy"] and pid in x["path"]]
    late = 0
    events = [x for x in s.to_edge.seen if pid in x["path"] and x["path"].endswith("/events")]
    for i, x in enumerate(events):
        if x["copy"]:
            seq = json.loads(x["request"])["seq"]
            late += any(not y["copy"] and json.loads(y["request"])["seq"] > seq for y in events[:i])
    check(len(copies) >= 10 and late >= 1,
          f"{len(copies)} callbacks were delivered twice, {late} event copies after newer events")
    return t, [pid], took, live, ()


def replayed_and_forged_callbacks(s):
    t, pid, live, _ = s.rendering("c6")
    job = next(json.loads(x["request"])["job"] for x in s.to_edge.seen
               if pid in x["path"] and x["path"].endswith("/events"))
    since = time.time()
    base = f"/internal/jobs/{pid}"
    fail = json.dumps({"job": job, "status": "failed", "error": "replayed"}).encode()
    done = json.dumps({"job": job, "status": "completed", "artifacts": [], "duration": 15}).encode()
    event = json.dumps({"job": job, "seq": 999999, "type": "progress", "data": {"progress": 1}}).encode()
    attempts = [
        ("a fail callback replayed an hour later (genuine signature, stale timestamp)",
         f"{base}/fail", fail, s.sign("POST", f"{base}/fail", fail, ts=int(time.time()) - 3600)),
        ("a complete callback with a forged signature", f"{base}/complete", done,
         s.sign("POST", f"{base}/complete", done, secret="not-the-engine-secret")),
        ("an event with a forged signature", f"{base}/events", event,
         s.sign("POST", f"{base}/events", event, secret="not-the-engine-secret")),
        ("a fail callback without a signature", f"{base}/fail", fail, {"content-type": "application/json"}),
    ]
    for what, path, body, headers in attempts:
        say(what)
        req = urllib.request.Request(s.platform.edge_url + path, data=body, method="POST", headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                status, text = r.status, r.read().decode(errors="replace")
        except urllib.error.HTTPError as e:
            status, text = e.code, e.read().decode(errors="replace")
        s.answers.append(text)
        s.statuses.append(status)
        code = (json.loads(text).get("error") or {}).get("code") if text.startswith("{") else None
        check(status == 401, f"refused with 401 {code} ({status})")
    p = s.project(t, pid)
    check(p["status"] == "running", f"the project is still rendering ({p['status']})")
    return t, [pid], s.settle(t, [pid], since), live, ()


def edge_restarted_mid_job(s):
    t, pid, live, p = s.rendering("c7")
    say(f"with the first project at {p['progress']:.0%} ({p['stage']}), submit a second and at once stop "
        "wrangler dev; start it again on the same state 10 s later")
    second = s.create(t)
    since = time.time()
    s.platform.stop_edge()
    time.sleep(10)
    s.platform.start_edge()
    live[second] = LiveRecorder(s.platform, second, t)
    took = s.settle(t, [pid, second], since)
    check(len(live[pid].connections) >= 2, f"the browser reconnected ({len(live[pid].connections)} connections)")
    return t, [pid, second], took, live, ()


def concurrent_creates(s):
    t = s.user("c8", credits=45)
    say("20 creates at once by one user whose 45 credits cover three 15-credit videos")
    since = time.time()
    lowest = [45]
    stop = threading.Event()

    def watch():
        while not stop.is_set():
            _, me = s.api("GET", "/api/me", token=t)
            lowest[0] = min(lowest[0], me["credits"]["available"])

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    body = {"topic": TOPIC, "format": "short", "duration": 15, "lang": "en"}
    with concurrent.futures.ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(lambda _: s.api("POST", "/api/projects", body, token=t), range(20)))
    stop.set()
    watcher.join()
    made = [b["project"]["id"] for st, b in answers if st == 202]
    refused = [b for st, b in answers if st == 402]
    check(len(made) == 3 and len(refused) == 17, f"3 accepted and 17 refused with 402 "
          f"({len(made)}, {len(refused)}; others {[st for st, _ in answers if st not in (202, 402)]})")
    check(all("credit" in (b.get("error") or {}).get("message", "") for b in refused),
          "each refusal says the credits do not cover it")
    check(lowest[0] >= 0, f"the balance never went below zero (lowest seen {lowest[0]})")
    s.extra = f"{len(refused)} creates refused (402)"
    live = {pid: LiveRecorder(s.platform, pid, t) for pid in made}
    return t, made, s.settle(t, made, since), live, ()


def network_trouble(s):
    t, pid, live, p = s.rendering("c9", progress=0.1)
    since = time.time()
    gave_up = {x.name: x.abandoned for x in s.proxies}
    say(f"at {p['progress']:.0%}: both directions take requests and never answer for 75 s "
        "(past the engine's 30 s stall limit, and the edge's 15 s once the sweep re-dispatches)")
    for x in s.proxies:
        x.set(HANG)
    time.sleep(75)
    say("then both directions refuse connections for 20 s")
    for x in s.proxies:
        x.set(REFUSE)
    time.sleep(20)
    say("then the network recovers")
    for x in s.proxies:
        x.set(PASS)
    took = s.settle(t, [pid], since)
    for x, who in ((s.to_edge, "the engine"), (s.to_engine, "the edge")):
        n = x.abandoned - gave_up[x.name]
        check(n >= 1, f"{who} gave up on {n} unanswered request(s) and tried again")
    return t, [pid], took, live, ()


def deleted_while_rendering(s):
    t, pid, live, p = s.rendering("c10")
    jobs_dir = os.path.join(s.platform.dir, "engine", "jobs")
    before, workspaces = sum(s.engine_jobs().values()), set(os.listdir(jobs_dir))
    say(f"the user deletes the project at {p['progress']:.0%} ({p['stage']})")
    since = time.time()
    status, _ = s.api("DELETE", f"/api/projects/{pid}", token=t)
    check(status == 204, f"delete answers 204 ({status})")
    # The edge asks the engine to delete the job: cancelled, then its rows and workspace gone.
    deadline = time.time() + 30
    while time.time() < deadline and sum(s.engine_jobs().values()) == before:
        time.sleep(0.5)
    took = time.time() - since
    jobs = s.engine_jobs()
    check(sum(jobs.values()) == before - 1 and jobs.get("running", 0) == 0,
          f"the engine stopped the render and deleted the job ({jobs})")
    gone = workspaces - set(os.listdir(jobs_dir))
    check(len(gone) == 1, f"the engine removed the job's workspace ({sorted(gone)})")
    time.sleep(5)  # callbacks in flight arrive, and must leave nothing behind
    files = s.platform.r2_keys(f"jobs/{pid}/")
    check(not files, f"no file of the project is left in R2 ({files})")
    return t, [pid], took, live, (pid,)


CASES = [  # number, fault, case, how its projects must end once the fault is over
    (1, "engine down at submit, up 30 s later", engine_down_at_submit, "completed"),
    (2, "engine killed (kill -9) mid-render, restarted", engine_killed_mid_render, "completed"),
    (3, "engine killed and never restarted", engine_killed_for_good, "failed"),
    (4, "engine at capacity (429) for a while", engine_at_capacity, "completed"),
    (5, "every callback twice, some out of order", callbacks_twice_out_of_order, "completed"),
    (6, "callback replayed an hour later; forged signature", replayed_and_forged_callbacks, "completed"),
    (7, "edge restarted mid-job (and right after a submit) on the same state", edge_restarted_mid_job, "completed"),
    (8, "20 concurrent creates, balance for 3", concurrent_creates, "completed"),
    (9, "network: hang past the timeouts, then refused, then recovery", network_trouble, "completed"),
    (10, "user deletes a project while it renders", deleted_while_rendering, "deleted"),
]


def run_case(s, n, title, fn, want):
    print(f"\n== case {n}: {title}", flush=True)
    before = len(FAILURES)
    s.extra = ""
    started = time.time()
    outcome, took = "error", time.time() - started
    try:
        token, pids, took, live, deleted = fn(s)
        print(f"   settled in {took:.0f} s; invariants:", flush=True)
        invariants.check_live(live)
        ended = invariants.check_projects(s, token, pids, deleted)
        words = {"completed": "completed (charged)", "failed": "failed (refunded)", "deleted": "deleted (refunded)"}
        # A fault that passes must not cost the user the video.
        check(all(v == want for v in ended.values()), f"every project {want} ({sorted(ended.values())})")
        outcome = ", ".join([f"{sum(1 for v in ended.values() if v == k)} {w}"
                             for k, w in words.items() if k in ended.values()] + ([s.extra] if s.extra else []))
    except (RuntimeError, OSError, KeyError, TypeError, ValueError) as e:
        check(False, f"case {n} ran to the end: {e}")
    invariants.check_logs_and_answers(s)
    failed = len(FAILURES) - before
    s.results.append((n, title, outcome, took, failed))


def write_table(s):
    lines = ["# Fault matrix", "",
             "Written by `tests/system/faults/run.py` (`make system-faults`, part of `make test`): the real",
             "engine behind the real edge, one fault per case, then the invariants of issue 7. Seconds to",
             "settle run from the fault to the last project's end (compressed timing: see run.py).", "",
             f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {os.cpu_count()} cores with "
             f"`{os.path.relpath(s.platform.bin, ROOT)}`.", "",
             "| case | fault | outcome | seconds to settle | invariants |",
             "| ---: | --- | --- | ---: | --- |"]
    for n, title, outcome, took, failed in s.results:
        lines.append(f"| {n} | {title} | {outcome} | {took:.0f} | {'all held' if not failed else f'{failed} FAILED'} |")
    os.makedirs(os.path.dirname(RESULTS), exist_ok=True)
    with open(RESULTS, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n" + "\n".join(lines[7:]))
    print(f"table written to {os.path.relpath(RESULTS, ROOT)}")


def main():
    wanted = {int(a) for a in sys.argv[1:]}
    s = Suite(os.environ.get("STORYCUT_BIN", os.path.join(ROOT, "build", "release", "storycut")))
    s.start()
    try:
        for n, title, fn, want in CASES:
            if not wanted or n in wanted:
                run_case(s, n, title, fn, want)
    finally:
        if FAILURES:
            invariants.print_on_failure(s)
        s.stop()
        write_table(s)
    if FAILURES:
        print(f"{len(FAILURES)} check(s) failed:", *FAILURES, sep="\n  ")
        sys.exit(1)
    print("all checks passed")


if __name__ == "__main__":
    main()
