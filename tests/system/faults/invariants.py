"""The checks every fault case ends with (issue 7): each project settled, with a video
that meets STANDARDS.md or a reason a user can read; one hold and one capture or
release per project and a balance that adds up; a live channel that never showed an
event twice or out of order; no secret in any log and no stack trace in any answer."""
import contextlib
import io
import os
import re
import sys
import tempfile

from stack import check
import sclib

# What a stack trace, a crash or an internal path looks like in text a user or the engine is sent.
TRACE = re.compile(r"Traceback \(most recent|\n\s+at \S.*:\d+:\d+|\.(?:ts|js|c|py):\d+|AddressSanitizer|"
                   r"runtime error:|/(?:tmp|work|root|home)/\S|\[object Object\]|\bundefined\b")
# What a sanitizer report looks like in the engine's log.
SANITIZER = re.compile(r"ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:")


def readable(reason):
    """A failure reason a user can act on: words, not codes or traces."""
    return bool(reason) and 10 <= len(reason) <= 400 and not TRACE.search(reason) and \
        not re.fullmatch(r"(HTTP )?\d{3}.*", reason)


def ledger_rows(suite, token):
    """Every ledger row the user can see, oldest first (GET /api/credits, all pages)."""
    rows, cursor = [], None
    while True:
        path = "/api/credits?limit=100" + (f"&cursor={cursor}" if cursor else "")
        status, body = suite.api("GET", path, token=token)
        if status != 200:
            raise RuntimeError(f"GET {path}: {status} {body}")
        rows += body["history"]
        cursor = body.get("next_cursor")
        if not cursor:
            return list(reversed(rows)), body["balance"]


def check_video(suite, token, pid, result):
    """Downloads every file the project lists and holds them to STANDARDS.md."""
    names = result.get("artifacts", [])
    with tempfile.TemporaryDirectory(prefix="storycut-faults-") as d:
        for name in names:
            status, _, data = suite.api("GET", f"/api/projects/{pid}/assets/{name}", token=token, raw=True)
            if not check(status == 200, f"{pid}: {name} can be downloaded ({status})"):
                return
            with open(os.path.join(d, name), "wb") as f:
                f.write(data)
        before = len(sclib.FAILURES)
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            try:
                sclib.check_video(d, "short", 15, "en")
            except (OSError, ValueError, KeyError, AssertionError) as e:
                sclib.check(False, f"the files could be checked: {e}")
        failed = [line for line in out.getvalue().splitlines() if line.startswith("FAIL")]
        checks = len(out.getvalue().splitlines())
        for line in failed:
            print(line)
        check(len(sclib.FAILURES) == before, f"{pid}: the video meets STANDARDS.md ({checks} checks, "
                                              f"{len(names)} files from R2)")


def check_projects(suite, token, projects, deleted=()):
    """Each project ended completed (video checked) or failed (reason readable), and its
    ledger holds one hold and one capture or release; returns {pid: status}."""
    ended = {}
    for pid in projects:
        status, body = suite.api("GET", f"/api/projects/{pid}", token=token)
        if pid in deleted:
            check(status == 404, f"{pid}: deleted, and gone ({status})")
            ended[pid] = "deleted"
            continue
        p = body["project"]
        ended[pid] = p["status"]
        check(p["status"] in ("completed", "failed"), f"{pid}: settled as {p['status']} (stage {p['stage']})")
        if p["status"] == "completed":
            names = (p["result"] or {}).get("artifacts", [])
            check(len(names) == len(set(names)), f"{pid}: each file listed once ({len(names)} files)")
            check_video(suite, token, pid, p["result"] or {})
        elif p["status"] == "failed":
            check(readable(p["error"]), f"{pid}: the reason is readable: {p['error']!r}")
    rows, bal = ledger_rows(suite, token)
    for pid in projects:
        kinds = sorted(r["kind"] for r in rows if r.get("project_id") == pid)
        want = ["capture", "hold"] if ended[pid] == "completed" else ["hold", "release"]
        check(kinds == want, f"{pid}: ledger {kinds} (want {want})")
    held = [r["project_id"] for r in rows if r["kind"] == "hold"]
    check(sorted(held) == sorted(projects), f"a hold for each project and no other ({len(held)} holds)")
    granted = sum(r["amount"] for r in rows if r["kind"] == "grant")
    captured = sum(r["amount"] for r in rows if r["kind"] == "capture")
    check(bal["available"] == granted - captured and bal["held"] == 0 and bal["available"] >= 0,
          f"balance {bal['available']} = grants {granted} - captures {captured}, nothing held, not negative")
    return ended


def check_live(recorders):
    for pid, rec in recorders.items():
        rec.stop()
        problems = rec.problems()
        check(rec.connections and not problems,
              f"{pid}: the live channel ({len(rec.connections)} connection(s), {rec.events()} events) "
              f"showed no event twice or out of order, no file twice" + ("".join(f"\n     {x}" for x in problems)))


def check_logs_and_answers(suite):
    """No secret in either log; no stack trace in any answer either side gave."""
    p = suite.platform
    secrets = {"the engine secret": p.secret, "the JWT secret": p.jwt_secret, "a password": suite.password}
    secrets.update({f"{who}'s session token": t for who, t in suite.tokens.items()})
    for log in (p.engine_log, p.edge_log):
        text = open(log, errors="replace").read()
        leaked = [what for what, s in secrets.items() if s and s in text]
        check(not leaked, f"{os.path.basename(log)} holds none of the {len(secrets)} secrets"
                           + (f" (found {', '.join(leaked)})" if leaked else ""))
    engine_log = open(p.engine_log, errors="replace").read()
    check(not SANITIZER.search(engine_log), "the engine's log has no sanitizer report")
    statuses = suite.statuses + [s["status"] for s in suite.to_edge.seen if s["status"] is not None]
    check(all(st < 500 for st in statuses), f"the edge answered none of {len(statuses)} requests with a 5xx "
          f"({sorted(st for st in statuses if st >= 500)})")
    answers = suite.answers + [s["body"].decode(errors="replace") for proxy in suite.proxies for s in proxy.seen]
    traced = [a[:200] for a in answers if TRACE.search(a)]
    check(not traced, f"no stack trace in {len(answers)} answers from the edge and the engine" +
          "".join(f"\n     {t!r}" for t in traced[:3]))


def print_on_failure(suite):
    p = suite.platform
    print("--- engine log ---\n" + open(p.engine_log, errors="replace").read()[-4000:], file=sys.stderr)
    print("--- edge log ---\n" + open(p.edge_log, errors="replace").read()[-6000:], file=sys.stderr)
