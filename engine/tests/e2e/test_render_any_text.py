"""Any text a user pastes renders (issue 15, "Any text"): scripts with emoji (ZWJ
families, skin tones, flags, keycaps), symbols, markup and mixed scripts (Hangul, Hanja,
kana, accented Latin precomposed and combining), in English (flite) and Korean
(espeak-ng), through the built-in providers. Checked on the real output: the render
exits 0 and meets STANDARDS.md; every word of the script, emoji and all, is in the SRT
in order; the voice says nothing for a sentence or a scene of emoji only (its track is
sample for sample the one without it, or silence); the publishing kit keeps words of any
script in its hashtags and has no < or >. `storycut doctor` names the emoji font's
package when fontconfig cannot find it. The emoji are visible in colour in the burned-in
karaoke captions: read back against a render of the same script with no captions, the
caption holds thousands of saturated, non-yellow (not the highlight) pixels that the
caption of the script without emoji lacks. A character no installed font has is left out of
the burned-in text with one warning, and the job finishes."""
import array
import json
import os
import subprocess
from sclib import check, check_video, finish, parse_srt, storycut, workdir

base = workdir("any-text")
FAMILY = "\U0001F468\u200D\U0001F469\u200D\U0001F467"  # man ZWJ woman ZWJ girl


def srt_words(out):
    cues = parse_srt(open(os.path.join(out, "subtitles.srt"), encoding="utf-8").read())
    return " ".join(" ".join(c["lines"]) for c in cues).split()


def samples(wav):
    """The file's audio as 32-bit floats (mono), decoded by ffmpeg."""
    raw = subprocess.run(["ffmpeg", "-v", "error", "-i", wav, "-f", "f32le", "-ac", "1", "-"],
                         capture_output=True, check=True).stdout
    return array.array("f", raw)


def check_kit(out, lang):
    meta = json.load(open(os.path.join(out, "metadata.json"), encoding="utf-8"))
    for key in ("title", "description"):
        check("<" not in meta[key] and ">" not in meta[key], f"{lang}: no < or > in the {key} ({meta[key][:60]!r})")
    check(all("<" not in t and ">" not in t for t in meta["hashtags"]), f"{lang}: no < or > in the hashtags")
    return meta


def render_script(lang, script):
    out = os.path.join(base, f"script-{lang}")
    r = storycut("make", "--script", "-", "--lang", lang, "--duration", "15", "--out", out, "--quiet", stdin=script)
    check(r.returncode == 0, f"{lang}: make --script with emoji and mixed scripts exits 0 ({r.returncode}: {r.stderr[-300:]})")
    if r.returncode != 0:
        return None
    check_video(out, "short", 15, lang, topic=False)
    shown = srt_words(out)
    check(shown == script.split(), f"{lang}: the SRT carries every word of the script, emoji and symbols too, in order")
    missing = [w for w in script.split() if w not in shown]
    check(not missing, f"{lang}: no word of the script is missing from the SRT ({missing[:5]})")
    return out


# 1. English through flite: emoji, a sentence of emoji only ("🎉🎉!"), markup, symbols,
#    accents precomposed and combining, Hanja and kana.
script_en = ("The harbour woke up slowly \U0001F305 and the gulls called. \U0001F389\U0001F389! "
             "Mara read *every* word of the #harbour notice \u2605 on the wall.\n\n"
             "Her friend Zo\u00eb wrote \u6f22\u5b57 and \u304b\u306a on a cafe\u0301 sign \u2615, "
             f"while a family {FAMILY} walked by \U0001F44B\U0001F3FD.\n\n"
             "The boats flew flags \U0001F1F0\U0001F1F7 \U0001F1EF\U0001F1F5, and the kids counted "
             "1\ufe0f\u20e3 2\ufe0f\u20e3 3\ufe0f\u20e3 shells at the pier today.")
out = render_script("en", script_en)
if out:
    check_kit(out, "en")

# 2. Korean through espeak-ng: Hanja and kana (espeak-ng reads them a character at a time
#    and named the same word several times: "sentence N word M has a bad byte range"),
#    numbers, accented Latin and emoji.
script_ko = ("\ubc14\ub2f7\uac00 \ub9c8\uc744\uc5d0 \u6f22\u5b57 and \u304b\u306a \uac04\ud310\uc774 "
             "\uac78\ub838\ub2e4 \U0001F3EE. \uce74\ud398 \uc8fc\uc778 Zo\u00eb\ub294 cafe\u0301\uc5d0\uc11c "
             "12,345\uc6d0\uc744 \ubc1b\uace0 \uc6c3\uc5c8\ub2e4 \U0001F60A.\n\n"
             f"\uac00\uc871 {FAMILY} \uc774 \U0001F1F0\U0001F1F7 \uad6d\uae30\ub97c \ub4e4\uace0 "
             "\u3072\u3089\u304c\u306a \ub178\ub798\ub97c \ubd88\ub800\ub2e4. \U0001F389\U0001F389!")
out = render_script("ko", script_ko)
if out:
    meta = check_kit(out, "ko")
    check("#\u6f22\u5b57" in meta["hashtags"], f"ko: a Hanja word is a hashtag too ({meta['hashtags']})")

# 3. The voice says nothing for emoji: a scene of emoji only is a short silence, and a
#    sentence of emoji only adds not one sample to its scene's narration (scenes 3 and 4
#    differ only by it, with the same voice and speed).
r = storycut("story", "a lighthouse keeper who finds a letter", "--lang", "en", "--duration", "15")
check(r.returncode == 0, "storycut story exits 0")
story = json.loads(r.stdout)
check(len(story["scenes"]) >= 4, f"the story has at least 4 scenes ({len(story['scenes'])})")
lanterns = "The lanterns came on one by one."
narrations = {2: "\U0001F305\U0001F304\u2728!", 3: lanterns, 4: f"{lanterns} \U0001F389\U0001F389!"}
for n, text in narrations.items():
    story["scenes"][n - 1]["narration"] = text
    story["scenes"][n - 1]["speaker"] = "narrator"
story_file = os.path.join(base, "story.json")
with open(story_file, "w", encoding="utf-8") as f:
    json.dump(story, f, ensure_ascii=False, indent=2)
out = os.path.join(base, "story")
r = storycut("make", "--story", story_file, "--out", out, "--quiet")
check(r.returncode == 0, f"make --story with an emoji-only scene exits 0 ({r.returncode}: {r.stderr[-300:]})")
if r.returncode == 0:
    check_video(out, "short", 15, "en", topic=False)
    quiet = samples(os.path.join(out, "scene-02.wav"))
    seconds = len(quiet) / 48000
    check(0.7 <= seconds <= 0.9, f"the emoji-only scene is a short silence ({seconds:.2f} s)")
    check(max(map(abs, quiet), default=0) < 1e-4, "the emoji-only scene has no speech (digital silence)")
    plain, with_emoji = samples(os.path.join(out, "scene-03.wav")), samples(os.path.join(out, "scene-04.wav"))
    check(len(plain) > 0 and plain == with_emoji,
          f"an emoji-only sentence adds no speech ({len(plain)} vs {len(with_emoji)} samples)")
    shown = srt_words(out)
    for text in narrations.values():
        check(all(w in shown for w in text.split()), f"the SRT shows {text!r}")

# 4. Colour emoji in the burned-in captions. Caption pixels are where a render differs
#    from the `none` render of the same script (the builtin providers are deterministic;
#    the pictures follow the text, so each script has its own `none` render).
def frames_at(video, times, other=None):
    sel = "+".join(f"eq(n\\,{round(t * 30)})" for t in times)
    inputs = ["-i", video] + (["-i", other] if other else [])
    filt = ("[0:v]format=gbrp[a];[1:v]format=gbrp[b];[a][b]blend=all_mode=difference," if other else "[0:v]")
    raw = subprocess.run(["ffmpeg", "-v", "error", *inputs, "-filter_complex", f"{filt}select='{sel}',format=rgb24",
                          "-vsync", "0", "-f", "rawvideo", "-"], capture_output=True, check=True).stdout
    size = 1080 * 1920 * 3
    return [raw[k * size:(k + 1) * size] for k in range(len(raw) // size)]


def emoji_pixels(frame, diff):
    """Caption pixels (differing from the none render) that are saturated and not the
    yellow highlight or its edges: what only a colour glyph draws in a caption."""
    n = 0
    for i in range(0, len(frame), 3 * 2):
        if max(diff[i], diff[i + 1], diff[i + 2]) <= 60:
            continue
        r, g, b = frame[i], frame[i + 1], frame[i + 2]
        yellowish = b < min(r, g) - 40 and abs(r - g) < 80
        if max(r, g, b) - min(r, g, b) > 90 and not yellowish:
            n += 1
    return n


plain = ("Mara waved at the boats in the harbour. The gulls called back to her.\n\n"
         "She laughed and ran home before the rain.")
with_emoji = ("Mara waved \U0001F499 at the boats in the harbour. The gulls \U0001F499 called back to her.\n\n"
              "She laughed \U0001F499 and ran home before the rain.")
videos = {}
for name, text, extra in (("emoji", with_emoji, []), ("emoji-none", with_emoji, ["--captions", "none"]),
                          ("plain", plain, []), ("plain-none", plain, ["--captions", "none"])):
    out = os.path.join(base, f"captions-{name}")
    r = storycut("make", "--script", "-", "--lang", "en", "--duration", "15", "--out", out, "--quiet", *extra,
                 stdin=text)
    check(r.returncode == 0, f"captions with emoji: the {name} render exits 0 ({r.returncode}: {r.stderr[-200:]})")
    videos[name] = os.path.join(out, "video.mp4")
if all(os.path.exists(v) for v in videos.values()):
    cues = parse_srt(open(os.path.join(base, "captions-emoji", "subtitles.srt"), encoding="utf-8").read())
    times = [c["start"] + 0.1 + 0.4 * k for c in cues if "\U0001F499" in " ".join(c["lines"])
             for k in range(int((c["end"] - c["start"]) / 0.4))][:10]
    e_frames, e_diffs = frames_at(videos["emoji"], times), frames_at(videos["emoji"], times, videos["emoji-none"])
    p_frames, p_diffs = frames_at(videos["plain"], times), frames_at(videos["plain"], times, videos["plain-none"])
    counts = [(round(t, 2), emoji_pixels(ef, ed), emoji_pixels(pf, pd))
              for t, ef, ed, pf, pd in zip(times, e_frames, e_diffs, p_frames, p_diffs)]
    best = max((e - p for _, e, p in counts), default=0)
    check(len(times) > 0 and best > 1000,
          f"the blue-heart emoji is visible in colour in the burned-in captions (best {best} colour pixels "
          f"over the caption without it, sampled every other pixel; {counts[:8]})")

# 5. A character no installed font has (private use) is left out of the burned-in captions
#    and the thumbnail's title with one warning each; the job finishes and the SRT keeps it.
out = os.path.join(base, "no-font")
r = storycut("make", "--script", "-", "--duration", "15", "--out", out,
             stdin="The keeper wrote \ue000 a note by the lamp. Then he slept \ue001 until dawn.")
said = r.stdout + r.stderr
check(r.returncode == 0, f"a character no font has does not fail the job ({r.returncode}: {r.stderr[-200:]})")
check(said.count("left out of the burned-in captions") == 1 and "2 characters" in said,
      "one warning says 2 characters are left out of the burned-in captions")
check(said.count("left out of the thumbnail's title") == 1, "one warning says the thumbnail's title lost one")
if r.returncode == 0:
    check("\ue000" in " ".join(srt_words(out)), "the SRT keeps the character")

# 6. doctor: the emoji font is checked; without it, a warning naming the package (a
#    render still finishes, so the exit status stays 0).
r = storycut("doctor")
check(r.returncode == 0 and "ok   emoji font" in r.stdout, "doctor finds Noto Color Emoji (installed by the set-up)")
fc_dir = os.path.join(base, "fontconfig")
os.makedirs(fc_dir)
with open(os.path.join(fc_dir, "fonts.conf"), "w") as f:
    f.write(f'<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>'
            f'<dir>/usr/share/fonts/opentype/noto</dir><cachedir>{fc_dir}/cache</cachedir></fontconfig>\n')
r = storycut("doctor", env={"FONTCONFIG_FILE": os.path.join(fc_dir, "fonts.conf")})
check(r.returncode == 0 and "warn emoji font" in r.stdout and "fonts-noto-color-emoji" in r.stdout,
      f"doctor without the emoji font warns and names fonts-noto-color-emoji (exit {r.returncode})")
finish()
