"""Shared checks for the end-to-end tests: run the real storycut binary, then inspect
what it wrote with ffprobe, ffmpeg's ebur128 filter and a strict SRT parser, against
the rules in shared/STANDARDS.md."""
import hashlib
import hmac
import http.client
import json
import os
import re
import socket
import struct
import subprocess
import sys
import tempfile
import time
import unicodedata

BIN = os.environ.get("STORYCUT_BIN", "storycut")
FAILURES = []


def check(cond, what):
    """Records a failed expectation (the test goes on, to report every problem)."""
    status = "ok  " if cond else "FAIL"
    print(f"{status} {what}", flush=True)
    if not cond:
        FAILURES.append(what)
    return cond


def finish():
    if FAILURES:
        print(f"{len(FAILURES)} check(s) failed:", *FAILURES, sep="\n  ")
        sys.exit(1)
    print("all checks passed")


def storycut(*args, env=None, stdin=None, timeout=1200):
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run([BIN, *args], input=stdin, capture_output=True, text=True,
                          env=full_env, timeout=timeout)


def signed_headers(secret, method, target, body=b"", ts=None):
    """The service signature between edge and engine (DESIGN.md): HMAC-SHA256 over the
    timestamp, method, path + query and the body's SHA-256; `ts` (Unix seconds) defaults to now."""
    ts = str(int(time.time()) if ts is None else ts)
    msg = f"{ts}\n{method}\n{target}\n{hashlib.sha256(body).hexdigest()}"
    return {"X-Storycut-Timestamp": ts,
            "X-Storycut-Signature": hmac.new(secret.encode(), msg.encode(), hashlib.sha256).hexdigest()}


def wait_listening(port, seconds=30):
    """Waits until something accepts connections on 127.0.0.1:port (a `storycut serve`
    just started); exits the test with a message when nothing does in time."""
    for _ in range(int(seconds * 10)):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"nothing listens on 127.0.0.1:{port} after {seconds} s")


def engine_call(port, secret, method, path, body=None, ts=None, timeout=120):
    """A signed call to `storycut serve` on 127.0.0.1:port with a JSON body; returns
    (status, the JSON answer or {})."""
    raw = json.dumps(body).encode() if body is not None else b""
    h = {"Content-Type": "application/json"} if body is not None else {}
    h.update(signed_headers(secret, method, path, raw, ts))
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    c.request(method, path, body=raw if body is not None else None, headers=h)
    resp = c.getresponse()
    data = resp.read()
    c.close()
    try:
        return resp.status, json.loads(data)
    except ValueError:
        return resp.status, {}


def workdir(name):
    return tempfile.mkdtemp(prefix=f"storycut-{name}-")


def ffprobe(path):
    out = subprocess.run(["ffprobe", "-v", "error", "-show_streams", "-show_format", "-of", "json", path],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def loudness(path):
    """Integrated loudness (LUFS) and true peak (dBTP) by ffmpeg's ebur128 filter."""
    err = subprocess.run(["ffmpeg", "-nostats", "-hide_banner", "-i", path, "-map", "0:a", "-af",
                          "ebur128=peak=true", "-f", "null", "-"], capture_output=True, text=True).stderr
    summary = err[err.rfind("Summary:"):]
    integrated = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))
    peak = float(re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary).group(1))
    return integrated, peak


def top_level_boxes(path):
    boxes = []
    with open(path, "rb") as f:
        while True:
            head = f.read(8)
            if len(head) < 8:
                break
            size, kind = struct.unpack(">I4s", head)
            if size == 1:
                size = struct.unpack(">Q", f.read(8))[0]
                f.seek(size - 16, 1)
            else:
                f.seek(size - 8, 1)
            boxes.append(kind.decode("latin-1"))
            if size == 0:
                break
    return boxes


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", head[16:24])


def parse_srt(text):
    """Strict SRT: index line, timing line, 1+ text lines, blank line."""
    def seconds(stamp):
        h, m, rest = stamp.split(":")
        s, ms = rest.split(",")
        return int(h) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000

    cues = []
    blocks = [b for b in text.replace("\r\n", "\n").strip().split("\n\n") if b.strip()]
    for i, block in enumerate(blocks, 1):
        lines = block.split("\n")
        assert lines[0].strip() == str(i), f"cue {i}: index line is {lines[0]!r}"
        m = re.fullmatch(r"(\d\d:\d\d:\d\d,\d\d\d) --> (\d\d:\d\d:\d\d,\d\d\d)", lines[1].strip())
        assert m, f"cue {i}: timing line is {lines[1]!r}"
        cues.append({"start": seconds(m.group(1)), "end": seconds(m.group(2)), "lines": lines[2:]})
    return cues


def is_hangul(ch):
    return "\uac00" <= ch <= "\ud7a3"


def check_subtitles(srt_path, lang, words_of_speech=None):
    """Every STANDARDS.md subtitle rule a file can show."""
    cues = parse_srt(open(srt_path, encoding="utf-8").read())
    check(len(cues) > 0, f"{os.path.basename(srt_path)} has cues ({len(cues)})")
    max_line, max_cps = (16, 12.0) if lang == "ko" else (42, 20.0)
    prev_end = 0.0
    for i, c in enumerate(cues, 1):
        dur = c["end"] - c["start"]
        chars = sum(len(line) for line in c["lines"])
        check(1 <= len(c["lines"]) <= 2, f"cue {i}: {len(c['lines'])} line(s) (at most 2)")
        for line in c["lines"]:
            check(len(line) <= max_line, f"cue {i}: line of {len(line)} chars <= {max_line}: {line!r}")
            check(line == line.strip() and line != "", f"cue {i}: line has no stray spaces")
        check(dur >= 5 / 6 - 0.002 and dur <= 7.0 + 0.002, f"cue {i}: lasts {dur:.3f} s (5/6 to 7 s)")
        check(chars / dur <= max_cps + 0.05, f"cue {i}: {chars / dur:.1f} chars/s <= {max_cps}")
        check(c["start"] >= prev_end - 0.0005, f"cue {i}: starts after the previous cue ends")
        prev_end = c["end"]
    return cues


def check_chapters(meta):
    """YouTube chapters by STANDARDS.md: the first at 0:00, at least three, each at least
    10 s, ascending, each a short title of its own (at most 40 characters, never a
    sentence cut off with an ellipsis), listed in the description."""
    chapters = meta["chapters"]
    check(len(chapters) >= 3, f"at least three chapters ({len(chapters)})")
    check(bool(chapters) and chapters[0]["time"] == "0:00", "the first chapter starts at 0:00")
    starts = [c["start"] for c in chapters] + [meta["duration"]]
    check(all(b - a >= 10 for a, b in zip(starts, starts[1:])), f"every chapter lasts 10 s or more ({starts})")
    titles = [c["title"] for c in chapters]
    check(all(t.strip() and len(t) <= 40 and "\u2026" not in t and "..." not in t for t in titles),
          f"chapter titles are short titles, none cut off ({titles})")
    check(len(set(titles)) == len(titles), f"each chapter has a title of its own ({titles})")
    check(all(f"{c['time']} {c['title']}" in meta["description"] for c in chapters), "the description lists the chapters")


def check_video(out_dir, fmt, duration, lang, topic=True):
    """The finished job folder against STANDARDS.md. A video from a topic lasts the
    duration asked +/-10%; any video lasts its narration's timeline (never padded)."""
    width, height = {"short": (1080, 1920), "long": (1920, 1080), "square": (1080, 1080)}[fmt]
    video = os.path.join(out_dir, "video.mp4")
    check(os.path.isfile(video), "video.mp4 exists")
    info = ffprobe(video)
    v = [s for s in info["streams"] if s["codec_type"] == "video"][0]
    a = [s for s in info["streams"] if s["codec_type"] == "audio"][0]
    check(v["codec_name"] == "h264" and v.get("profile") == "High", f"H.264 High ({v['codec_name']} {v.get('profile')})")
    check(v["pix_fmt"] == "yuv420p", f"yuv420p ({v['pix_fmt']})")
    check((v["width"], v["height"]) == (width, height), f"{width}x{height} ({v['width']}x{v['height']})")
    check(v.get("field_order", "progressive") == "progressive", "progressive")
    check(v.get("color_primaries") == "bt709" and v.get("color_space") == "bt709", "BT.709 colour")
    check(v["r_frame_rate"] == "30/1" and v["avg_frame_rate"] == "30/1", f"30 fps CFR ({v['avg_frame_rate']})")
    check(a["codec_name"] == "aac" and a.get("profile") == "LC", f"AAC-LC ({a['codec_name']} {a.get('profile')})")
    check(int(a["sample_rate"]) == 48000 and a["channels"] == 2, f"48 kHz stereo ({a['sample_rate']}, {a['channels']})")
    sync = float(a.get("start_time", 0)) - float(v.get("start_time", 0))
    check(-0.040 <= sync <= 0.060, f"audio starts with the video ({sync * 1000:.0f} ms; EBU R37 -40..+60)")
    check(abs(float(a["duration"]) - float(v["duration"])) <= 1 / 30 + 0.025, "audio and video end together")
    got = float(info["format"]["duration"])
    if topic:
        check(abs(got - duration) <= 0.10 * duration, f"duration {got:.2f} s within 10% of {duration}")
    boxes = top_level_boxes(video)
    check("moov" in boxes and "mdat" in boxes and boxes.index("moov") < boxes.index("mdat"),
          f"faststart: moov before mdat ({boxes})")
    keyframes = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v", "-show_entries", "packet=flags",
                                "-of", "csv=p=0", video], capture_output=True, text=True).stdout.split()
    key_at = [i for i, f in enumerate(keyframes) if f.startswith("K")]
    gaps = [b - a for a, b in zip(key_at, key_at[1:])]
    check(bool(gaps) and max(gaps) <= 16, f"keyframe every ~15 frames (largest gap {max(gaps) if gaps else None})")
    integrated, peak = loudness(video)
    check(abs(integrated - (-14.0)) <= 1.0, f"integrated loudness {integrated} LUFS (-14 +/- 1)")
    check(peak <= -1.0, f"true peak {peak} dBTP (<= -1)")

    thumb = os.path.join(out_dir, "thumbnail.png")
    tw, th = png_size(thumb)
    want = {"short": (1080, 1920), "long": (1280, 720), "square": (1080, 1080)}[fmt]
    check((tw, th) == want, f"thumbnail {tw}x{th} ({want[0]}x{want[1]})")
    check(os.path.getsize(thumb) < 2 * 1024 * 1024, f"thumbnail under 2 MB ({os.path.getsize(thumb)} bytes)")

    manifest = json.load(open(os.path.join(out_dir, "manifest.json"), encoding="utf-8"))
    check(manifest["status"] == "completed", f"manifest status {manifest['status']}")
    check(abs(got - manifest["duration"]) <= 0.1, f"duration {got:.2f} s is the narration's {manifest['duration']:.2f} s")
    n = len(manifest["story"]["scenes"])
    for i, (scene, done) in enumerate(zip(manifest["story"]["scenes"], manifest["scenes"]), 1):
        if scene.get("characters"):
            check("picture_check" in done, f"scene {i}'s picture was checked for its characters")
    for i in range(1, n + 1):
        png = os.path.join(out_dir, f"scene-{i:02d}.png")
        pw, ph = png_size(png)
        check(abs(pw / ph - width / height) < 0.01, f"scene-{i:02d}.png aspect matches the video ({pw}x{ph})")
        check(os.path.isfile(os.path.join(out_dir, f"scene-{i:02d}.wav")), f"scene-{i:02d}.wav exists")
    meta = json.load(open(os.path.join(out_dir, "metadata.json"), encoding="utf-8"))
    check(meta["title"].strip() != "" and meta["description"].strip() != "", "metadata has title and description")
    if fmt == "long":
        check_chapters(meta)
    check(len(meta["hashtags"]) >= 2 and all(t.startswith("#") for t in meta["hashtags"]), f"hashtags {meta['hashtags']}")
    vtt = open(os.path.join(out_dir, "subtitles.vtt"), encoding="utf-8").read()
    check(vtt.startswith("WEBVTT"), "subtitles.vtt is WebVTT")
    cues = check_subtitles(os.path.join(out_dir, "subtitles.srt"), lang)
    text = "".join("".join(c["lines"]) for c in cues)
    if lang == "ko":
        check(sum(map(is_hangul, text)) > 10, "Korean subtitles are in Hangul")
    return manifest, cues
