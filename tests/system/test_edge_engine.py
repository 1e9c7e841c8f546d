"""The real engine behind the real edge: a user signs up, asks for a 15 s short, the
queue hands it to `storycut serve`, the engine's signed callbacks land the artifacts in
local R2 and complete the project, the credit hold is captured once, the video is read
back through the edge with Range requests and checked with ffprobe; another user sees
nothing; a recompose goes round the same loop; delete removes it all."""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from stack import FAILURES, Platform, check  # noqa: E402


def main():
    p = Platform(os.environ.get("STORYCUT_BIN", "storycut"), "edge-engine").start()
    ok = False
    try:
        run(p)
        ok = not FAILURES
    finally:
        if not ok:
            print("--- engine log ---\n" + open(p.engine_log, errors="replace").read()[-4000:])
            print("--- edge log ---\n" + open(p.edge_log, errors="replace").read()[-4000:])
        p.stop()
    if FAILURES:
        print(f"{len(FAILURES)} check(s) failed:", *FAILURES, sep="\n  ")
        sys.exit(1)
    print("all checks passed")


def run(p):
    alice = p.register("alice@example.test")
    bob = p.register("bob@example.test")
    _, me = p.api("GET", "/api/me", token=alice)
    granted = me["credits"]["available"]
    check(granted > 0, f"sign-up grant credited ({granted})")

    status, body = p.api("POST", "/api/projects", {"topic": "A lighthouse keeper finds a message in a bottle",
                                                    "format": "short", "duration": 15, "lang": "en"}, token=alice)
    check(status == 202, f"create answers 202 ({status} {body})")
    project = body["project"]
    pid, cost = project["id"], project["cost"]
    _, me = p.api("GET", "/api/me", token=alice)
    check(me["credits"]["available"] == granted - cost and me["credits"]["held"] == cost,
          f"the cost ({cost}) is held while it renders ({me['credits']})")

    done = p.wait_project(alice, pid, 600)
    check(done["status"] == "completed", f"the project completes ({done['status']}, {done.get('error')})")
    arts = (done.get("result") or {}).get("artifacts", [])
    for name in ("video.mp4", "thumbnail.png", "subtitles.srt", "subtitles.vtt", "metadata.json"):
        check(name in arts, f"artifact {name} recorded")

    status, hdrs, head = p.api("GET", f"/api/projects/{pid}/assets/video.mp4", token=alice,
                               headers={"range": "bytes=0-99"}, raw=True)
    check(status == 206 and len(head) == 100, f"a Range read gives 206 and 100 bytes ({status}, {len(head)})")
    check(hdrs.get("Content-Range", "").startswith("bytes 0-99/"), f"Content-Range ({hdrs.get('Content-Range')})")
    status, hdrs, video = p.api("GET", f"/api/projects/{pid}/assets/video.mp4", token=alice, raw=True)
    check(status == 200 and hdrs.get("Content-Type") == "video/mp4", f"the video is served ({status})")
    check(video[:100] == head, "the ranged bytes match the whole file")
    with tempfile.NamedTemporaryFile(suffix=".mp4") as f:
        f.write(video)
        f.flush()
        probe = json.loads(subprocess.run(["ffprobe", "-v", "error", "-show_streams", "-show_format", "-of", "json",
                                           f.name], capture_output=True, text=True, check=True).stdout)
    v = [s for s in probe["streams"] if s["codec_type"] == "video"]
    a = [s for s in probe["streams"] if s["codec_type"] == "audio"]
    check(v and v[0]["codec_name"] == "h264" and (v[0]["width"], v[0]["height"]) == (1080, 1920),
          "H.264 1080x1920 video stream")
    check(a and a[0]["codec_name"] == "aac", "AAC audio stream")
    dur = float(probe["format"]["duration"])
    check(13.5 <= dur <= 16.5, f"duration {dur:.2f} s within 10% of 15 s (a topic; STANDARDS.md Pacing)")

    status, _, srt = p.api("GET", f"/api/projects/{pid}/assets/subtitles.srt", token=alice, raw=True)
    check(status == 200 and b"-->" in srt, "the subtitles are served")

    _, me = p.api("GET", "/api/me", token=alice)
    check(me["credits"]["available"] == granted - cost and me["credits"]["held"] == 0
          and me["credits"]["spent"] == cost, f"the hold is captured ({me['credits']})")

    status, _ = p.api("GET", f"/api/projects/{pid}", token=bob)
    check(status == 404, f"another user gets 404 for the project ({status})")
    status, _, _ = p.api("GET", f"/api/projects/{pid}/assets/video.mp4", token=bob, raw=True)
    check(status == 404, f"another user gets 404 for the video ({status})")

    status, body = p.api("POST", f"/api/projects/{pid}/recompose", token=alice)
    check(status == 202, f"recompose answers 202 ({status} {body})")
    again = p.wait_project(alice, pid, 600)
    check(again["status"] == "completed", f"the recomposed project completes ({again['status']})")
    _, credits = p.api("GET", "/api/credits", token=alice)
    kinds = [e["kind"] for e in credits["history"] if e.get("project_id") == pid]
    check(sorted(kinds) == ["capture", "capture", "hold", "hold"],
          f"the render and the recompose each held and captured once ({kinds})")
    _, pricing = p.api("GET", "/api/pricing")
    _, me = p.api("GET", "/api/me", token=alice)
    check(me["credits"]["spent"] == cost + pricing["recompose"] and me["credits"]["held"] == 0,
          f"the recompose costs its listed price ({pricing['recompose']}: {me['credits']})")

    status, _ = p.api("DELETE", f"/api/projects/{pid}", token=alice)
    check(status == 204, f"delete answers 204 ({status})")
    status, _ = p.api("GET", f"/api/projects/{pid}", token=alice)
    check(status == 404, f"a deleted project is gone ({status})")


if __name__ == "__main__":
    main()
