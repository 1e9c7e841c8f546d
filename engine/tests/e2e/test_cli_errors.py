"""Bad input exits 2 with one line that says what to fix, and leaves no output behind."""
import json
import os
from sclib import check, finish, storycut, workdir

base = workdir("errors")


def refused(args, needle, env=None, stdin=None, name=None):
    out = os.path.join(base, name or f"case{len(os.listdir(base))}")
    if args and args[0] == "make":
        args = ["make", "--out", out, *args[1:]]
    r = storycut(*args, env=env, stdin=stdin)
    lines = [l for l in r.stderr.splitlines() if l.strip()]
    label = " ".join(a if len(a) < 40 else a[:37] + "..." for a in args if a != out)
    check(r.returncode == 2, f"`{label}` exits 2 (got {r.returncode})")
    check(len(lines) == 1 and lines[0].startswith("storycut: "), f"`{label}` says one line: {lines}")
    check(bool(lines) and needle in lines[0], f"`{label}` names '{needle}'")
    check(not os.path.exists(os.path.join(out, "video.mp4")), f"`{label}` leaves no video")


refused(["make", ""], "topic")
refused(["make", "   \t  "], "topic")
refused(["make", "x" * 501], "topic")
refused(["make", "a topic", "--format", "portrait"], "format")
refused(["make", "a topic", "--lang", "fr"], "lang")
refused(["make", "a topic", "--duration", "14"], "duration")
refused(["make", "a topic", "--duration", "601"], "duration")
refused(["make", "a topic", "--duration", "abc"], "duration")
refused(["make", "a topic", "--style", "vaporwave"], "style")
refused(["make", "a topic", "--bogus"], "--bogus")
refused(["make", "a topic", "--format"], "format")
refused(["make", "--script", "/nonexistent/script.txt"], "script")
refused(["make", "--script", "-"], "script", stdin="   \n\n  ")
refused(["make", "a topic", "--seed", "minus"], "seed")
refused(["make", "a topic", "--max-duration", "0"], "max_duration")
# A story that would run past what the job may last stops after the story stage (too_long).
refused(["make", "a long saga of keepers", "--duration", "60", "--max-duration", "10", "-q"], "max_duration of 10 s")
refused(["make", "a topic"], "soundfont", env={"STORYCUT_SOUNDFONT": "/nonexistent/x.sf2"})
refused(["make", "a topic"], "font", env={"STORYCUT_FONT": "No Such Font Family Anywhere"})
refused(["resume", base], "manifest")
refused(["frobnicate"], "unknown command")
refused(["make", "a topic", "--provider", "story"], "KIND=NAME")
refused(["make", "a topic", "--provider", "paint=openai"], "'paint' is not a kind")
refused(["make", "a topic", "--provider", "story=nosuch"], "no story provider named 'nosuch'")
refused(["make", "a topic", "--config", "/nonexistent/storycut.conf"], "config file")
bad_config = os.path.join(base, "bad.conf")
with open(bad_config, "w") as f:
    f.write("# keys\nSTORYCUT_PROVIDER_STORY=builtin\nnot a setting\n")
refused(["make", "a topic", "--config", bad_config], "line 3")
with open(bad_config, "w") as f:
    f.write("HOME=/tmp\n")
refused(["make", "a topic", "--config", bad_config], "'HOME' is not a Storycut setting")
refused(["make", "a topic"], "config file", env={"STORYCUT_CONFIG": bad_config + ".missing"})

bad_story = os.path.join(base, "story.json")
with open(bad_story, "w") as f:
    json.dump({"title": "t", "logline": "l", "lang": "en", "format": "short", "style": "storybook",
               "setting": "sea", "characters": [], "scenes": [{"narration": "x", "visual": "y",
                                                               "camera": "dolly", "mood": "calm"}]}, f)
refused(["make", "--story", bad_story], "scenes[0].camera")

r = storycut("--help")
check(r.returncode == 0 and "storycut make" in r.stdout and "STORYCUT_SOUNDFONT" in r.stdout, "--help documents commands and environment")
r = storycut("doctor")
check(r.returncode == 0 and "subtitle font" in r.stdout, "doctor passes on this machine and lists the font check")
r = storycut("doctor", env={"STORYCUT_SOUNDFONT": "/nonexistent.sf2"})
check(r.returncode == 2 and "MISS" in r.stdout and "fluid-soundfont-gm" in r.stdout, "doctor names what is missing and the fix")
r = storycut("providers")
check(r.returncode == 0 and "builtin" in r.stdout, "providers lists the built-in providers")
good_config = os.path.join(base, "good.conf")
with open(good_config, "w") as f:
    f.write("export STORYCUT_PROVIDER_STORY=\"builtin\"\n# a comment\n\nSTORYCUT_PROVIDER_VOICE = builtin\n")
r = storycut("providers", "--config", good_config)
check(r.returncode == 0 and "* builtin" in r.stdout, "a config file with export, quotes, comments and spaces is read")
finish()
