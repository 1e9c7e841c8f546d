"""Caption styles (issue 15: --captions karaoke|lines|none) and safe zones, on real renders
read back with ffmpeg. The built-in providers are deterministic, so a `none` render of a
script is the same video as a captioned render of it without the captions: the
difference of the two frames at one time is the caption's pixels, wherever they are.

Checked, for short (English and Korean), long and square:
  - every style's caption pixels lie inside the STANDARDS safe area of the format, and
    the frames match outside it (nothing else differs);
  - `none` burns in nothing: where the captioned frame shows white caption text, the
    `none` frame does not; its sidecar .srt/.vtt are still written, the same as the
    captioned render's;
  - `karaoke`: two moments inside one chunk highlight different words (the yellow
    pixels' box moves while the chunk's box stays);
  - `lines`: the words of a line are apart (clear columns between them, where the
    outline used to close the spaces);
  - the format's default (karaoke for short and square, lines for long) is what the
    manifest records and what is drawn;
  - the CLI refuses --captions bogus (exit 2, naming captions)."""
import json
import os
import subprocess
from sclib import check, finish, parse_srt, storycut, workdir

base = workdir("captions")
FPS = 30
DIFF = 60  # a channel differing by more than this is a caption pixel, not coding noise
SHAPES = {"short": (1080, 1920), "long": (1920, 1080), "square": (1080, 1080)}

SCRIPTS = {
    "en": ("Small signs appeared along the harbour wall one morning. Mara read every one of them twice.\n\n"
           "Nobody knew who had painted them, so the whole town talked about it."),
    "ko": ("\ubc14\ub2f7\uac00 \ub9c8\uc744\uc5d0 \uc791\uc740 \uac04\ud310\uc774 \uac78\ub838\ub2e4. "
           "\uce74\ud398 \uc8fc\uc778\uc740 \uc544\ubb34\ub3c4 \ubaa8\ub974\uac8c \uc6c3\uc5c8\ub2e4.\n\n"
           "\uadf8\ub0a0 \ubc24 \ub9c8\uc744 \uc0ac\ub78c\ub4e4\uc740 \ud55c\ucc38 \ub3d9\uc548 \uc774\uc57c\uae30\ud588\ub2e4."),
}


def safe_area(w, h):
    """media/safe_area.c's box: (x0, y0, x1, y1), x1/y1 exclusive."""
    import math
    if h > w:
        l, r, t, b = 0.06, 0.87, 0.13, 0.75
    elif w > h:
        l = t = 0.05
        r = b = 0.95
    else:
        l = t = 0.06
        r = b = 0.94
    return math.ceil(w * l), math.ceil(h * t), math.floor(w * r), math.floor(h * b)


def render(lang, fmt, captions):
    out = os.path.join(base, f"{lang}-{fmt}-{captions or 'default'}")
    args = ["make", "--script", "-", "--lang", lang, "--format", fmt, "--duration", "15", "--out", out, "--quiet"]
    if captions:
        args += ["--captions", captions]
    r = storycut(*args, stdin=SCRIPTS[lang])
    check(r.returncode == 0, f"{lang} {fmt} --captions {captions or '(default)'} renders ({r.returncode}: {r.stderr[-300:]})")
    return out if r.returncode == 0 else None


def frames(cmd_inputs, filt, times, w, h):
    """Full-size rgb24 frames at the given times (nearest frame), through filt."""
    sel = "+".join(f"eq(n\\,{round(t * FPS)})" for t in times)
    args = ["ffmpeg", "-v", "error"]
    for i in cmd_inputs:
        args += ["-i", i]
    args += ["-filter_complex", f"{filt}select='{sel}',format=rgb24", "-vsync", "0", "-f", "rawvideo", "-"]
    raw = subprocess.run(args, capture_output=True, check=True).stdout
    size = w * h * 3
    return [raw[k * size:(k + 1) * size] for k in range(len(raw) // size)]


def frames_of(video, times, w, h):
    return frames([video], "[0:v]", times, w, h)


def diffs(a, b, times, w, h):
    """|a - b| per channel at each time."""
    return frames([a, b], "[0:v]format=gbrp[a];[1:v]format=gbrp[b];[a][b]blend=all_mode=difference,", times, w, h)


HOT = bytes(1 if i > DIFF else 0 for i in range(256))


def caption_box(diff, w, h):
    """The box (x0, y0, x1, y1, pixels) of the pixels that differ, or None."""
    x0 = y0 = 10 ** 9
    x1 = y1 = -1
    count = 0
    for y in range(h):
        row = diff[y * w * 3:(y + 1) * w * 3].translate(HOT)
        c = row.count(1)
        if c == 0:
            continue
        count += c
        lead = (len(row) - len(row.lstrip(b"\0"))) // 3
        tail = (len(row.rstrip(b"\0")) - 1) // 3
        x0, x1, y0, y1 = min(x0, lead), max(x1, tail + 1), min(y0, y), y + 1
    return (x0, y0, x1, y1, count) if count else None


def pixels(frame, w, box, test, step=1):
    x0, y0, x1, y1 = box[:4]
    hits = []
    for y in range(y0, y1, step):
        row = frame[y * w * 3:(y + 1) * w * 3]
        for x in range(x0, x1, step):
            r, g, b = row[3 * x], row[3 * x + 1], row[3 * x + 2]
            if test(r, g, b):
                hits.append((x, y))
    return hits


def white(r, g, b):
    return r > 225 and g > 225 and b > 225


def yellow(r, g, b):
    return r > 200 and g > 160 and b < 110


def cue_times(out, n=3):
    cues = parse_srt(open(os.path.join(out, "subtitles.srt"), encoding="utf-8").read())
    picked = cues[:n]
    return cues, [(c["start"] + c["end"]) / 2 for c in picked]


def check_style_against_none(label, styled, none, fmt, times):
    """The styled render's captions: inside the safe area, nothing differs outside it,
    and the none render shows no caption text there. Returns the boxes per time."""
    w, h = SHAPES[fmt]
    sx0, sy0, sx1, sy1 = safe_area(w, h)
    boxes = []
    styled_frames = frames_of(os.path.join(styled, "video.mp4"), times, w, h)
    none_frames = frames_of(os.path.join(none, "video.mp4"), times, w, h)
    for t, d, sf, nf in zip(times, diffs(os.path.join(styled, "video.mp4"), os.path.join(none, "video.mp4"), times, w, h),
                            styled_frames, none_frames):
        box = caption_box(d, w, h)
        boxes.append(box)
        if not check(box is not None and box[4] > 2000, f"{label} at {t:.2f} s: a caption is burned in ({box})"):
            continue
        x0, y0, x1, y1, _ = box
        check(sx0 <= x0 and sy0 <= y0 and x1 <= sx1 and y1 <= sy1,
              f"{label} at {t:.2f} s: the caption's pixels {x0},{y0}..{x1},{y1} lie inside the safe area "
              f"{sx0},{sy0}..{sx1},{sy1}")
        text = pixels(sf, w, box, white, 2)
        bare = pixels(nf, w, box, white, 2)
        check(len(text) > 300 and len(bare) < len(text) * 0.05,
              f"{label} at {t:.2f} s: the none render has no caption text there ({len(bare)} white pixels "
              f"against the caption's {len(text)})")
    return boxes, styled_frames


def check_none(label, none, styled):
    for ext in ("srt", "vtt"):
        a, b = os.path.join(none, f"subtitles.{ext}"), os.path.join(styled, f"subtitles.{ext}")
        check(os.path.exists(a) and open(a, "rb").read() == open(b, "rb").read(),
              f"{label}: none still writes subtitles.{ext}, the same as with burned-in captions")
    m = json.load(open(os.path.join(none, "manifest.json"), encoding="utf-8"))
    check(m["request"].get("captions") == "none", f"{label}: the manifest records captions none")


def check_karaoke_moves(label, karaoke, none, fmt, cue):
    """Frames every 0.1 s through the cue: some two with the same chunk on screen (the
    caption box unchanged) have their yellow highlight on different words."""
    w, h = SHAPES[fmt]
    times = [cue["start"] + 0.05 + 0.1 * k for k in range(int((cue["end"] - cue["start"]) / 0.1))][:20]
    kf = frames_of(os.path.join(karaoke, "video.mp4"), times, w, h)
    ds = diffs(os.path.join(karaoke, "video.mp4"), os.path.join(none, "video.mp4"), times, w, h)
    seen = []  # (caption box, yellow box centre x, y)
    for t, f, d in zip(times, kf, ds):
        box = caption_box(d, w, h)
        if not box:
            continue
        ys = pixels(f, w, box, yellow, 2)
        if len(ys) < 50:
            continue
        cx = sum(p[0] for p in ys) / len(ys)
        cy = sum(p[1] for p in ys) / len(ys)
        seen.append((t, box, cx, cy))
    moved = any(abs(a[1][0] - b[1][0]) <= 4 and abs(a[1][2] - b[1][2]) <= 4 and abs(a[1][1] - b[1][1]) <= 4
                and (abs(a[2] - b[2]) > 30 or abs(a[3] - b[3]) > 30)
                for i, a in enumerate(seen) for b in seen[i + 1:])
    check(len(seen) >= 2 and moved,
          f"{label}: inside one chunk the highlight moves to another word "
          f"({[(round(s[0], 2), round(s[2]), round(s[3])) for s in seen[:12]]})")


def check_lines_gaps(label, lines, none, fmt):
    """At a cue of several words on its first line, the caption's columns on that line
    have clear gaps between the words (at least words - 1 of them, each 15% of the
    text's height wide)."""
    w, h = SHAPES[fmt]
    cues = parse_srt(open(os.path.join(lines, "subtitles.srt"), encoding="utf-8").read())
    cue = max(cues[:4], key=lambda c: len(c["lines"][0].split()))
    words = len(cue["lines"][0].split())
    t = (cue["start"] + cue["end"]) / 2
    d = diffs(os.path.join(lines, "video.mp4"), os.path.join(none, "video.mp4"), [t], w, h)[0]
    box = caption_box(d, w, h)
    if not check(box is not None, f"{label}: a cue is burned in at {t:.2f} s"):
        return
    x0, y0, x1, y1, _ = box
    # the first line's rows: from the top to the first row with no caption pixel
    line_end = y0
    while line_end < y1 and d[line_end * w * 3:(line_end + 1) * w * 3].translate(HOT).count(1) > 0:
        line_end += 1
    height = line_end - y0
    cols = [False] * w
    for y in range(y0, line_end):
        row = d[y * w * 3:(y + 1) * w * 3].translate(HOT)
        for x in range(x0, x1):
            if row[3 * x] or row[3 * x + 1] or row[3 * x + 2]:
                cols[x] = True
    gaps, run = [], 0
    for x in range(x0, x1):
        if cols[x]:
            if run:
                gaps.append(run)
            run = 0
        else:
            run += 1
    wide = [g for g in gaps if g >= max(3, height * 0.15)]
    check(len(wide) >= words - 1,
          f"{label}: {cue['lines'][0]!r} shows {words - 1} clear gaps between its words "
          f"({len(wide)} gaps of >= {max(3, height * 0.15):.0f} px; all gaps {sorted(gaps)[-12:]}, line {height} px)")


# The CLI refuses an unknown style before any work.
r = storycut("make", "a topic", "--captions", "bogus", "--out", os.path.join(base, "bogus"))
lines = [l for l in r.stderr.splitlines() if l.strip()]
check(r.returncode == 2 and len(lines) == 1 and "captions" in lines[0] and "karaoke" in lines[0],
      f"--captions bogus exits 2 naming captions and the styles ({r.returncode}: {lines})")

for lang, fmt, styles in (("en", "short", ("karaoke", "lines")), ("ko", "short", ("karaoke", "lines")),
                          ("en", "long", ("lines", "karaoke")), ("en", "square", ("karaoke",))):
    label = f"{lang} {fmt}"
    # The first style is the format's default: rendered without --captions.
    none = render(lang, fmt, "none")
    outs = {styles[0]: render(lang, fmt, None)}
    for s in styles[1:]:
        outs[s] = render(lang, fmt, s)
    if not none or not all(outs.values()):
        continue
    m = json.load(open(os.path.join(outs[styles[0]], "manifest.json"), encoding="utf-8"))
    check(m["request"].get("captions") == styles[0], f"{label}: the default captions are {styles[0]} "
          f"({m['request'].get('captions')})")
    check_none(label, none, outs[styles[0]])
    cues, times = cue_times(none)
    for style, out in outs.items():
        boxes, _ = check_style_against_none(f"{label} {style}", out, none, fmt, times)
        if style == "karaoke":
            check_karaoke_moves(f"{label} karaoke", out, none, fmt, cues[0])
        if style == "lines":
            check_lines_gaps(f"{label} lines", out, none, fmt)
finish()
