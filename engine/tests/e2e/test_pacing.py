"""Pacing that follows the narration (STANDARDS.md "Pacing"), on real renders with the
built-in providers: a topic short, a topic long video and a pasted script, in English
and Korean. The narration track is read back: each scene's voice stem (scene-NN.wav) by
ffmpeg's silencedetect, placed on the video's clock by the SRT (a cue starts on the first
word it carries). Checked: the first word within 0.5 s, at most 0.4 s of silence between
sentences, at most 0.8 s (1.2 s long form) at a scene change, at most 1.5 s after the last
word; a topic lasts the duration asked +/-10%; a shorter script gives a shorter video and
one warning line, never padding."""
import json
import os
import re
import subprocess
import unicodedata
from sclib import check, ffprobe, finish, parse_srt, storycut, workdir

SILENCE_DB = -40  # the voices' own pauses are digital silence or near it
BASE = workdir("pacing")


def silences(wav):
    """[(start, end)] of the stem's silent stretches (at least 50 ms)."""
    err = subprocess.run(["ffmpeg", "-nostats", "-hide_banner", "-i", wav, "-af",
                          f"silencedetect=n={SILENCE_DB}dB:d=0.05", "-f", "null", "-"],
                         capture_output=True, text=True).stderr
    starts = [float(x) for x in re.findall(r"silence_start: (-?[\d.]+)", err)]
    ends = [float(x) for x in re.findall(r"silence_end: ([\d.]+)", err)]
    length = float(ffprobe(wav)["format"]["duration"])
    ends += [length] * (len(starts) - len(ends))
    return [(max(0.0, s), e) for s, e in zip(starts, ends)], length


def letters(text):
    return "".join(ch for ch in unicodedata.normalize("NFC", text) if ch.isalnum())


def scene_offsets(manifest, cues):
    """Where each scene's voice stem starts on the video's clock: the cue that begins with
    the scene's first words starts at its first word."""
    offsets, k = [], 0
    for sc in manifest["scenes"]:
        first = sc["narration"]["sentences"][0]
        head = letters(first["text"])[:6]
        while k < len(cues) and not letters("".join(cues[k]["lines"])).startswith(head):
            k += 1
        if not check(k < len(cues), f"scene {sc['n']}: a cue starts with its first words ({head})"):
            return None
        offsets.append(cues[k]["start"] - first["words"][0][0])
        k += 1
    return offsets


def check_pacing(out, fmt, lang):
    manifest = json.load(open(os.path.join(out, "manifest.json"), encoding="utf-8"))
    cues = parse_srt(open(os.path.join(out, "subtitles.srt"), encoding="utf-8").read())
    total = float(ffprobe(os.path.join(out, "video.mp4"))["format"]["duration"])
    scene_gap = 1.2 if fmt == "long" else 0.8
    offsets = scene_offsets(manifest, cues)
    if offsets is None:
        return total, manifest
    # Every scene's voice, its speech boundaries on the video's clock.
    speech_from, speech_to, worst_sentence = [], [], 0.0
    for sc, at in zip(manifest["scenes"], offsets):
        wav = os.path.join(out, f"scene-{sc['n']:02d}.wav")
        quiet, length = silences(wav)
        lead = next((e for s, e in quiet if s <= 0.001), 0.0)
        trail = next((length - s for s, e in quiet if e >= length - 0.001), 0.0)
        speech_from.append(at + lead)
        speech_to.append(at + length - trail)
        # Silence spanning each boundary between two sentences of the scene.
        for a, b in zip(sc["narration"]["sentences"], sc["narration"]["sentences"][1:]):
            mid = (a["end"] + b["start"]) / 2
            span = next((e - s for s, e in quiet if s <= mid <= e), 0.0)
            worst_sentence = max(worst_sentence, span)
    check(0 <= speech_from[0] <= 0.5, f"{lang} {fmt}: first word at {speech_from[0]:.2f} s (within 0.5 s)")
    check(worst_sentence <= 0.4, f"{lang} {fmt}: longest silence between sentences {worst_sentence:.2f} s (<= 0.4)")
    gaps = [b - a for a, b in zip(speech_to, speech_from[1:])]
    check(bool(gaps) and max(gaps) <= scene_gap and min(gaps) > 0,
          f"{lang} {fmt}: scene changes {min(gaps):.2f}-{max(gaps):.2f} s of silence (<= {scene_gap})")
    after = total - speech_to[-1]
    check(0 < after <= 1.5, f"{lang} {fmt}: {after:.2f} s after the last word (<= 1.5)")
    check(abs(total - manifest["duration"]) <= 0.1, f"video {total:.2f} s is the narration's timeline {manifest['duration']:.2f} s")
    return total, manifest


def warnings(stderr):
    """Warning lines, as a terminal shows them ("warning: ...") or as the plain progress
    log does ("[4/8] narration warning 35% ...")."""
    return [line for line in stderr.splitlines() if re.match(r"(warning: |\[\d+/\d+\] \S+ warning )", line)]


# Topic mode: the story is written to fill the duration asked.
TOPICS = {"en": "a lighthouse keeper who finds a message in a bottle", "ko": "바다를 건너는 고래와 소녀"}
for lang, topic in TOPICS.items():
    for fmt, duration in (("short", 20), ("long", 45)):
        out = os.path.join(BASE, f"{lang}-{fmt}")
        r = storycut("make", topic, "--lang", lang, "--format", fmt, "--duration", str(duration), "--out", out)
        if not check(r.returncode == 0, f"{lang} {fmt} topic renders ({r.returncode}: {r.stderr[-300:]})"):
            continue
        total, _ = check_pacing(out, fmt, lang)
        check(abs(total - duration) <= 0.10 * duration, f"{lang} {fmt}: {total:.2f} s within 10% of {duration} s")

# A pasted script shorter than the duration: a shorter video and one line saying so.
SCRIPTS = {
    "en": "The tide went out at dawn. Mara found a bottle in the sand.\n\n"
          "Inside was a map. She followed it to the old pier.\n\n"
          "Under the boards she found a box. It held her grandmother's letters.\n\n"
          "She read them all that night. Now she knew where she came from.\n",
    "ko": "새벽에 물이 빠졌다. 마라는 모래에서 병을 찾았다.\n\n"
          "병 안에는 지도가 있었다. 그녀는 낡은 부두로 갔다.\n\n"
          "판자 밑에서 상자를 찾았다. 할머니의 편지였다.\n\n"
          "그날 밤 편지를 모두 읽었다. 이제 그녀는 알았다.\n",
}
for lang, script in SCRIPTS.items():
    out = os.path.join(BASE, f"{lang}-script")
    r = storycut("make", "--script", "-", "--lang", lang, "--format", "short", "--duration", "45", "--out", out,
                 stdin=script)
    if not check(r.returncode == 0, f"{lang} script renders ({r.returncode}: {r.stderr[-300:]})"):
        continue
    total, _ = check_pacing(out, "short", lang)
    check(total < 45 * 0.9, f"{lang} script: the video ({total:.2f} s) is shorter than the 45 s asked, not padded")
    said = warnings(r.stderr)
    check(len(said) == 1 and "less than the 45 s asked for" in said[0], f"{lang} script: one warning line ({said})")
finish()
