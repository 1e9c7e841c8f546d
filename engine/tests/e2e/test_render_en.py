"""A 15 s English short, rendered offline with the built-in providers and checked
against every STANDARDS.md rule a file can show."""
import os
from sclib import check, check_video, finish, storycut, workdir

out = os.path.join(workdir("en"), "job")
r = storycut("make", "a lighthouse keeper who finds a message in a bottle", "--format", "short",
             "--duration", "15", "--lang", "en", "--out", out)
print(r.stderr[-2000:])
check(r.returncode == 0, f"storycut make exits 0 (got {r.returncode})")
if r.returncode == 0:
    manifest, cues = check_video(out, "short", 15, "en")
    spoken = " ".join(s["narration"] for s in manifest["story"]["scenes"]).lower()
    check("lighthouse" in spoken, "the narration uses the topic's own words")
finish()
