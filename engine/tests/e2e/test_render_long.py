"""Long form: 1920x1080, a 1280x720 thumbnail and YouTube chapters in the publishing kit."""
import json
import os
from sclib import check, check_video, finish, storycut, workdir

out = os.path.join(workdir("long"), "job")
r = storycut("make", "the last train through a snowy mountain pass", "--format", "long", "--duration", "40",
             "--style", "cinematic", "--out", out, "--quiet")
check(r.returncode == 0, f"storycut make --format long exits 0 ({r.returncode}: {r.stderr[-300:]})")
if r.returncode == 0:
    manifest, cues = check_video(out, "long", 40, "en")
    meta = json.load(open(os.path.join(out, "metadata.json"), encoding="utf-8"))
    chapters = meta["chapters"]
    check(len(chapters) >= 3, f"at least three chapters ({len(chapters)})")
    check(bool(chapters) and chapters[0]["time"] == "0:00", "the first chapter starts at 0:00")
    starts = [c["start"] for c in chapters] + [meta["duration"]]
    check(all(b - a >= 10 for a, b in zip(starts, starts[1:])), f"every chapter lasts 10 s or more ({starts})")
    check(all(f"{c['time']} {c['title']}" in meta["description"] for c in chapters), "the description lists the chapters")
finish()
