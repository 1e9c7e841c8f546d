"""Long form: 1920x1080, a 1280x720 thumbnail and YouTube chapters in the publishing kit
(check_video checks the chapters of a long video)."""
import os
from sclib import check, check_video, finish, storycut, workdir

out = os.path.join(workdir("long"), "job")
r = storycut("make", "the last train through a snowy mountain pass", "--format", "long", "--duration", "40",
             "--style", "cinematic", "--out", out, "--quiet")
check(r.returncode == 0, f"storycut make --format long exits 0 ({r.returncode}: {r.stderr[-300:]})")
if r.returncode == 0:
    check_video(out, "long", 40, "en")
finish()
