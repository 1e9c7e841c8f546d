"""The two ways users bring their own words: --script (every word kept, split into
scenes, spoken and subtitled) and the review step (`storycut story` → edit →
`storycut make --story FILE`)."""
import json
import os
import re
from sclib import check, check_video, finish, parse_srt, storycut, workdir

base = workdir("own-words")

# 1. Direct script from stdin: every word is spoken and shows up in the subtitles.
script = ("The old bridge had stood for two hundred years. Every morning, Mara crossed it on her way to the bakery.\n\n"
          "One day she found a brass key wedged between the stones. It was warm, as if someone had just dropped it.\n\n"
          "By evening the whole village was talking about the key, and about the door it might open.")
out = os.path.join(base, "script")
r = storycut("make", "--script", "-", "--duration", "25", "--out", out, "--quiet", stdin=script)
check(r.returncode == 0, f"make --script - exits 0 ({r.returncode}: {r.stderr[-300:]})")
if r.returncode == 0:
    manifest, cues = check_video(out, "short", 25, "en", topic=False)
    scenes = manifest["story"]["scenes"]
    check(len(scenes) >= 2, f"the script is split into scenes ({len(scenes)})")
    spoken = " ".join(s["narration"] for s in scenes)
    check(spoken.split() == script.split(), "the scenes keep every word of the script, in order")
    words = lambda t: re.findall(r"[a-z']+", t.lower())
    shown = words(" ".join(" ".join(c["lines"]) for c in cues))
    check(shown == words(script), "the subtitles carry every word of the script, in order")

# 2. Review step: print the story, edit a scene, render the edited story.
r = storycut("story", "a fox who opens a tea shop in the forest", "--lang", "en", "--duration", "15")
check(r.returncode == 0, "storycut story exits 0")
story = json.loads(r.stdout)
for key in ("title", "logline", "lang", "format", "style", "characters", "setting", "scenes"):
    check(key in story, f"the story has '{key}'")
again = storycut("story", "a fox who opens a tea shop in the forest", "--lang", "en", "--duration", "15")
check(again.stdout == r.stdout, "the same topic and seed give the same story")
other = storycut("story", "a fox who opens a tea shop in the forest", "--lang", "en", "--duration", "15", "--seed", "7")
check(other.stdout != r.stdout, "another seed gives another story")
edited_line = "Nobody expected the fox to brew the best tea in the valley."
story["scenes"][0]["narration"] = edited_line
story_file = os.path.join(base, "story.json")
with open(story_file, "w", encoding="utf-8") as f:
    json.dump(story, f, ensure_ascii=False, indent=2)
out = os.path.join(base, "story")
r = storycut("make", "--story", story_file, "--duration", "15", "--out", out, "--quiet")
check(r.returncode == 0, f"make --story exits 0 ({r.returncode}: {r.stderr[-300:]})")
if r.returncode == 0:
    # an edited story lasts its own narration (the edit here is longer than the line it replaces)
    manifest, cues = check_video(out, "short", 15, "en", topic=False)
    check(manifest["story"]["scenes"][0]["narration"] == edited_line, "the edited narration is the one rendered")
    first = " ".join(" ".join(c["lines"]) for c in cues[:3])
    check(first.startswith("Nobody expected the fox"), f"the subtitles open with the edit ({first[:60]!r})")
finish()
