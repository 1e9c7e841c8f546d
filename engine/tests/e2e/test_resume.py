"""kill -9 in the middle of a render, then `storycut resume`: the video is valid and no
finished scene is made again. Killed twice: once while scenes are being voiced, once in
the middle of composition."""
import json
import os
import signal
import subprocess
from sclib import BIN, check, check_video, finish, storycut, workdir

out = os.path.join(workdir("resume"), "job")


def run_until(args, predicate):
    """Starts storycut with --json and kills it (SIGKILL) at the first event matching."""
    p = subprocess.Popen([BIN, *args, "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    events = []
    for line in p.stdout:
        ev = json.loads(line)
        events.append(ev)
        if predicate(ev):
            p.send_signal(signal.SIGKILL)
            break
    p.wait()
    p.stdout.close()
    p.stderr.close()
    return p.returncode, events


def stamps():
    files = sorted(f for f in os.listdir(out) if f.startswith("scene-"))
    return {f: os.stat(os.path.join(out, f)).st_mtime_ns for f in files}


# 1. Killed while narration is under way (pictures all done, some scenes voiced).
rc, events = run_until(["make", "a clockmaker who can pause time for one minute", "--duration", "20",
                        "--lang", "en", "--out", out],
                       lambda e: e["event"] == "scene_done" and e.get("stage") == "narration")
check(rc == -signal.SIGKILL, f"first run was killed (rc {rc})")
manifest = json.load(open(os.path.join(out, "manifest.json")))
check(manifest["status"] == "running", "the killed run's manifest says running")
check(not os.path.exists(os.path.join(out, "video.mp4")), "no video after the kill")
voiced = [i + 1 for i, s in enumerate(manifest["scenes"]) if s.get("narration_done")]
check(len(voiced) >= 1, f"some scenes were voiced before the kill ({voiced})")
before = stamps()

# 2. Resumed, then killed again in the middle of composition.
rc, events = run_until(["resume", out],
                       lambda e: e.get("stage") == "compose" and e["event"] == "progress" and e["progress"] > 0.55)
check(rc == -signal.SIGKILL, f"second run was killed in composition (rc {rc})")
skipped = {e["stage"] for e in events if e["event"] == "stage_skip"}
check({"story", "plan", "pictures"} <= skipped, f"resume skipped finished stages ({sorted(skipped)})")
redone = [e["scene"] for e in events if e["event"] == "scene_done" and e["stage"] == "narration"]
check(not set(redone) & set(voiced), f"voiced scenes {voiced} were not voiced again (redone {redone})")
scene_skips = [e["scene"] for e in events if e["event"] == "scene_skip" and e["stage"] == "narration"]
if "narration" not in skipped:  # (the kill can land after the last scene was voiced)
    check(set(voiced) <= set(scene_skips), f"voiced scenes reported as done earlier ({scene_skips})")
after = stamps()
same = [f for f in before if f.endswith(".png") or int(f[6:8]) in voiced]
check(all(after.get(f) == before[f] for f in same), "pictures and voiced scenes' files untouched")
check(not os.path.exists(os.path.join(out, "video.mp4")), "no video after the kill in composition")

# 3. Resumed to the end.
r = storycut("resume", out, "--json")
check(r.returncode == 0, f"final resume exits 0 ({r.returncode}: {r.stderr[-500:]})")
events = [json.loads(l) for l in r.stdout.splitlines()]
skipped = {e["stage"] for e in events if e["event"] == "stage_skip"}
check({"story", "plan", "pictures", "narration", "music", "subtitles"} <= skipped, f"only composition and publishing ran again ({sorted(skipped)})")
check(stamps() == after, "no scene file was written again")
if r.returncode == 0:
    check_video(out, "short", 20, "en")
r = storycut("resume", out)
check(r.returncode == 0 and "already complete" in r.stderr, "resuming a finished job says so")
finish()
