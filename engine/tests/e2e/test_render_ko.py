"""A 15 s Korean short, rendered offline with the built-in providers and checked
against every STANDARDS.md rule a file can show (Korean subtitle limits)."""
import os
from sclib import check, check_video, finish, storycut, workdir

out = os.path.join(workdir("ko"), "job")
r = storycut("make", "바다를 건너는 고래와 소녀", "--format", "short", "--duration", "15", "--out", out)
print(r.stderr[-2000:])
check(r.returncode == 0, f"storycut make exits 0 (got {r.returncode})")
if r.returncode == 0:
    manifest, cues = check_video(out, "short", 15, "ko")
    check(manifest["story"]["lang"] == "ko", "Korean topic gives a Korean story")
    spoken = " ".join(s["narration"] for s in manifest["story"]["scenes"])
    check("고래" in spoken, "the narration uses the topic's own words")
finish()
