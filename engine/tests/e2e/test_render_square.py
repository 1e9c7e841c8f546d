"""A 15 s square (1080x1080) video from a topic, in English and Korean, rendered offline
with the built-in providers and checked against every STANDARDS.md rule a file can show."""
import os
from sclib import check, check_video, finish, storycut, workdir

for lang, topic in (("en", "a lighthouse keeper who finds a message in a bottle"),
                    ("ko", "병 속의 편지를 발견한 등대지기")):
    out = os.path.join(workdir("square-" + lang), "job")
    r = storycut("make", topic, "--format", "square", "--duration", "15", "--lang", lang, "--out", out)
    print(r.stderr[-2000:])
    check(r.returncode == 0, f"{lang}: storycut make --format square exits 0 (got {r.returncode})")
    if r.returncode == 0:
        manifest, _ = check_video(out, "square", 15, lang)
        check(manifest["request"]["format"] == "square", "the manifest keeps the square format")
        check(manifest["story"]["format"] == "square", "the story is written for the square format")
finish()
