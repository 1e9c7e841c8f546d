"""The user's own touch (issue 15 item 6): --music, --logo and --pace on real renders, and
the same music and logo uploaded through `storycut serve` (and used again when a scene is
regenerated).

- music: the user's tone (440 Hz looped from a 4 s MP3, 660 Hz trimmed from a 60 s OGG)
  is heard in every second of the video, is the stronger of the two tones in its own
  render, fades out at the end, is ducked under the voice and the mix meets the loudness
  rules (check_video).
- logo: a magenta PNG is drawn in the top-right corner of the safe area on frames read
  back at several times, and nowhere else in the frame's top.
- pace: the same script read fast takes about 1/1.15 of the time read normally; 1.25 is
  clamped (one warning line), and the captions still meet the reading limits.
"""
import base64
import json
import math
import os
import socket
import struct
import subprocess
import time
import zlib
from sclib import BIN, check, check_subtitles, check_video, engine_call, finish, parse_srt, storycut, wait_listening, workdir

base = workdir("own-touch")
SCRIPT = ("The lighthouse keeper climbed the stairs for the last time. The lamp was cold and the sea was quiet. "
          "She lit it anyway, one more night for the ships.\n\n"
          "Far out a small boat turned toward the light. Its captain waved, though no one could see him. "
          "The keeper smiled and wrote it in her book.")
script_file = os.path.join(base, "script.txt")
with open(script_file, "w", encoding="utf-8") as f:
    f.write(SCRIPT)


def tone(path, freq, seconds, codec):
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    f"sine=frequency={freq}:duration={seconds}:sample_rate=44100", "-ac", "2", "-c:a", codec, path],
                   check=True)


def png(path, w, h, rgba):
    """A solid w x h RGBA PNG, written by hand (zlib + CRC'd chunks)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + bytes(rgba) * w for _ in range(h))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


loop_mp3 = os.path.join(base, "loop.mp3")
long_ogg = os.path.join(base, "long.ogg")
tone(loop_mp3, 440, 4, "libmp3lame")
tone(long_ogg, 660, 60, "libvorbis")
logo_png = os.path.join(base, "logo.png")
png(logo_png, 200, 100, (255, 0, 255, 255))


def pcm(video, rate=8000):
    """The video's audio as mono floats at rate."""
    raw = subprocess.run(["ffmpeg", "-loglevel", "error", "-i", video, "-map", "0:a", "-ac", "1", "-ar", str(rate),
                          "-f", "s16le", "-"], capture_output=True, check=True).stdout
    return [v / 32768 for v in struct.unpack(f"<{len(raw) // 2}h", raw)], rate


def level_db(samples, rate, freq):
    """The amplitude of freq in samples (Goertzel), in dBFS of a full-scale sine."""
    w = 2 * math.pi * freq / rate
    c = 2 * math.cos(w)
    s1 = s2 = 0.0
    for x in samples:
        s1, s2 = x + c * s1 - s2, s1
    power = s1 * s1 + s2 * s2 - c * s1 * s2
    amp = 2 * math.sqrt(max(power, 1e-30)) / len(samples)
    return 20 * math.log10(max(amp, 1e-12))


def check_music(out, freq, other, what):
    video = os.path.join(out, "video.mp4")
    samples, rate = pcm(video)
    seconds = len(samples) / rate
    # every whole second before the final fade-out holds the user's tone
    levels = [level_db(samples[i * rate:(i + 1) * rate], rate, freq) for i in range(int(seconds - 2.5))]
    check(len(levels) >= 10 and min(levels) > -50,
          f"{what}: the {freq} Hz music is heard in every second ({min(levels):.1f} dBFS at the quietest)")
    mine, theirs = level_db(samples, rate, freq), level_db(samples, rate, other)
    check(mine > theirs + 20, f"{what}: {freq} Hz ({mine:.1f} dB) is the music, not {other} Hz ({theirs:.1f} dB)")
    tail = level_db(samples[-int(0.25 * rate):], rate, freq)
    check(tail < max(levels) - 10, f"{what}: the music fades out at the end ({tail:.1f} dB)")
    m = json.load(open(os.path.join(out, "manifest.json"), encoding="utf-8"))
    check(m["audio"]["music_duck_db"] <= -10, f"{what}: music ducked {m['audio']['music_duck_db']:.1f} dB under the voice")
    return m


def frame_rgb(video, t, x, y, w, h):
    raw = subprocess.run(["ffmpeg", "-loglevel", "error", "-ss", f"{t:.2f}", "-i", video, "-frames:v", "1", "-vf",
                          f"crop={w}:{h}:{x}:{y}", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
                         capture_output=True, check=True).stdout
    return raw


def safe_area(width, height):
    if height > width:
        l, r, t, b = 0.06, 0.87, 0.13, 0.75
    elif width > height:
        l, t, r, b = 0.05, 0.05, 0.95, 0.95
    else:
        l, t, r, b = 0.06, 0.06, 0.94, 0.94
    x0, x1 = math.ceil(width * l), math.floor(width * r)
    y0, y1 = math.ceil(height * t), math.floor(height * b)
    return x0, y0, x1 - x0, y1 - y0


def check_logo(out, width, height, logo_w, logo_h, what):
    video = os.path.join(out, "video.mp4")
    sx, sy, sw, sh = safe_area(width, height)
    duration = float(json.load(open(os.path.join(out, "manifest.json"), encoding="utf-8"))["duration"])
    # the frame's top half, right half: where the logo is and around it
    rx, ry, rw, rh = width // 2, 0, width - width // 2, height // 2
    for t in (0.2, duration / 2, duration - 0.3):
        raw = frame_rgb(video, t, rx, ry, rw, rh)
        box = None
        for yy in range(0, rh, 2):
            row = raw[yy * rw * 3:(yy + 1) * rw * 3]
            for xx in range(0, rw, 2):
                r, g, b = row[xx * 3], row[xx * 3 + 1], row[xx * 3 + 2]
                if r > 170 and b > 170 and g < 90:
                    X, Y = rx + xx, ry + yy
                    box = [X, Y, X, Y] if box is None else [min(box[0], X), min(box[1], Y), max(box[2], X), max(box[3], Y)]
        check(box is not None, f"{what}: the logo is on the frame at {t:.1f} s")
        if box is None:
            continue
        bw, bh = box[2] - box[0] + 2, box[3] - box[1] + 2
        check(box[0] >= sx and box[1] >= sy and box[2] < sx + sw and box[3] < sy + sh,
              f"{what}: at {t:.1f} s the logo {box} lies inside the safe area {sx, sy, sx + sw, sy + sh}")
        check(abs(box[2] - (sx + sw - 1)) <= 3 and abs(box[1] - sy) <= 3,
              f"{what}: at {t:.1f} s the logo is in the safe area's top-right corner")
        check(bw <= 0.14 * width + 2 and bh <= 0.08 * height + 2 and abs(bw / bh - logo_w / logo_h) < 0.1,
              f"{what}: at {t:.1f} s the logo is {bw}x{bh}, within 14%/8% of the frame, aspect kept")
    # drawn at 0.85 opacity: the picture shows through a little, so it is not pure magenta
    cx, cy = (box[0] + box[2]) // 2, (box[1] + box[3]) // 2
    px = frame_rgb(video, duration / 2, cx - cx % 2, cy - cy % 2, 2, 2)[:3]
    check(px[0] < 250 or px[2] < 250 or px[1] > 5, f"{what}: the logo is drawn translucent (pixel {tuple(px)})")


def narration_seconds(out):
    m = json.load(open(os.path.join(out, "manifest.json"), encoding="utf-8"))
    return sum(s["narration"]["seconds"] for s in m["scenes"])


def make(name, *args):
    out = os.path.join(base, name)
    r = storycut("make", *args, "--out", out, "-q")
    check(r.returncode == 0, f"{name}: make exits 0 ({r.returncode}) {r.stderr[-500:]}")
    return out, r


def refused(args, needle):
    out = os.path.join(base, f"bad{len(os.listdir(base))}")
    r = storycut("make", "--out", out, *args)
    lines = [l for l in r.stderr.splitlines() if l.strip()]
    check(r.returncode == 2 and len(lines) == 1 and needle in lines[0],
          f"`{' '.join(args)}` exits 2 with one line naming {needle} ({r.returncode}: {lines})")
    check(not os.path.exists(os.path.join(out, "manifest.json")), f"`{' '.join(args)}` starts no job")


# Bad files and values: exit 2 before any work.
not_audio = os.path.join(base, "notes.mp3")
with open(not_audio, "w") as f:
    f.write("these are words, not sound\n" * 20)
huge_png = os.path.join(base, "huge.png")
png(huge_png, 4097, 2, (0, 0, 0, 255))
refused(["a topic", "--music", "/nonexistent/song.mp3"], "--music")
refused(["a topic", "--music", not_audio], "--music")
refused(["a topic", "--music", base], "--music")
refused(["a topic", "--logo", loop_mp3], "--logo")
refused(["a topic", "--logo", huge_png], "--logo")
refused(["a topic", "--logo", "/nonexistent/logo.png"], "--logo")
for bad in ("quick", "0.5", "1.3", "x1"):
    refused(["a topic", "--pace", bad], "--pace")

# A: the script at the normal pace, a 4 s MP3 looped under it, the logo.
a, _ = make("normal", "--script", script_file, "--format", "short", "--music", loop_mp3, "--logo", logo_png)
manifest, _ = check_video(a, "short", 0, "en", topic=False)
check(manifest["request"]["music"] == "inputs/music.mp3" and manifest["request"]["logo"] == "inputs/logo.png",
      f"the request records the kept files ({manifest['request'].get('music')}, {manifest['request'].get('logo')})")
check(os.path.getsize(os.path.join(a, "inputs", "music.mp3")) == os.path.getsize(loop_mp3), "the music is kept in inputs/")
check(manifest["request"]["pace"] == 1.0, f"pace stored as the number 1 ({manifest['request']['pace']})")
check_music(a, 440, 660, "looped mp3")
check_logo(a, 1080, 1920, 200, 100, "short")

# B: the same script fast, a 60 s OGG trimmed to the video.
b, _ = make("fast", "--script", script_file, "--format", "short", "--music", long_ogg, "--pace", "fast")
manifest_b, _ = check_video(b, "short", 0, "en", topic=False)
check(manifest_b["request"]["pace"] == 1.15, f"pace fast stored as 1.15 ({manifest_b['request']['pace']})")
check_music(b, 660, 440, "trimmed ogg")
ratio = narration_seconds(a) / narration_seconds(b)
check(1.08 <= ratio <= 1.22, f"fast narration takes 1/{ratio:.3f} of the normal one (about 1/1.15)")
srt_a = parse_srt(open(os.path.join(a, "subtitles.srt"), encoding="utf-8").read())
srt_b = parse_srt(open(os.path.join(b, "subtitles.srt"), encoding="utf-8").read())
check(srt_b[-1]["end"] < srt_a[-1]["end"] * 0.95, f"the last caption ends sooner ({srt_b[-1]['end']} < {srt_a[-1]['end']})")
no_logo = frame_rgb(os.path.join(b, "video.mp4"), 1.0, 0, 0, 1080, 400)
check(not any(no_logo[i] > 170 and no_logo[i + 2] > 170 and no_logo[i + 1] < 90 for i in range(0, len(no_logo), 3 * 7)),
      "without --logo no logo is drawn")

# C: a topic at 1.25: clamped to the reading limit with one warning; still the asked length.
out_c = os.path.join(base, "clamped")
r = storycut("make", "a lighthouse keeper's last night", "--duration", "15", "--pace", "1.25", "--out", out_c)
check(r.returncode == 0, f"pace 1.25: make exits 0 ({r.returncode})")
said = (r.stdout + r.stderr).splitlines()
warned = [l for l in said if "faster than viewers can read" in l]
check(len(warned) == 1, f"pace 1.25: one warning line about the clamp ({warned})")
check_video(out_c, "short", 15, "en", topic=True)
m_c = json.load(open(os.path.join(out_c, "manifest.json"), encoding="utf-8"))
check(m_c["request"]["pace"] == 1.25, "pace 1.25 is stored as asked")
check(m_c["plan"]["speed"] < 1.25 * manifest["plan"]["speed"] - 0.01,
      f"the voice speaks slower than asked ({m_c['plan']['speed']:.3f} < 1.25 x {manifest['plan']['speed']:.3f})")

# D: the API: music and logo uploaded as {filename, data} objects.
SECRET = "own-touch-secret"
data_dir = workdir("own-touch-serve")
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
env = dict(os.environ, STORYCUT_SECRET=SECRET, STORYCUT_LISTEN=f"127.0.0.1:{port}", STORYCUT_DATA_DIR=data_dir,
           STORYCUT_WORKERS="1")
log = open(os.path.join(data_dir, "serve.log"), "ab")
server = subprocess.Popen([BIN, "serve"], env=env, stdout=log, stderr=log)


def call(method, path, body=None):
    # a distinct timestamp per call: the same request signed twice in one second is a replay
    call.n += 1
    return engine_call(port, SECRET, method, path, body, ts=int(time.time()) - call.n % 200)


call.n = 0


def upload(path, name):
    return {"filename": name, "data": base64.b64encode(open(path, "rb").read()).decode()}


try:
    wait_listening(port)
    job = {"topic": "a lighthouse keeper's last night", "format": "short", "duration": 15, "pace": "slow"}
    for field, value, status in (("music", "https://example.com/song.mp3", 422),
                                 ("logo", "https://example.com/logo.png", 422),
                                 ("music", upload(not_audio, "song.mp3"), 415),
                                 ("logo", upload(loop_mp3, "logo.png"), 415),
                                 ("logo", upload(huge_png, "logo.png"), 413),
                                 ("pace", "quick", 422)):
        st, body = call("POST", "/v1/jobs", {**job, field: value})
        err = body.get("error", {})
        check(st == status and err.get("field") == field, f"API {field} {str(value)[:40]!r}: {st} field {err.get('field')}")
    st, body = call("POST", "/v1/jobs", {**job, "music": upload(loop_mp3, "Loop.MP3"), "logo": upload(logo_png, "me.png")})
    check(st == 202, f"API submit with music and logo: 202 ({st} {body})")
    job_id = body.get("id", "")
    info = {}
    for _ in range(1800):
        st, info = call("GET", f"/v1/jobs/{job_id}")
        if info.get("status") in ("completed", "failed", "canceled"):
            break
        time.sleep(0.5)
    check(info.get("status") == "completed", f"API job completed ({info.get('status')} {info.get('error')})")
    d = os.path.join(data_dir, "jobs", job_id)
    check(sorted(os.listdir(os.path.join(d, "inputs"))) == ["logo.png", "music.mp3"] if os.path.isdir(os.path.join(d, "inputs")) else False,
          "API: the uploads are kept in the job's inputs/")
    m_d = json.load(open(os.path.join(d, "manifest.json"), encoding="utf-8"))
    check(m_d["request"].get("music") == "inputs/music.mp3" and m_d["request"].get("pace") == 0.85,
          f"API: the manifest records the kept music and the pace ({m_d['request'].get('music')}, {m_d['request'].get('pace')})")
    check_video(d, "short", 15, "en", topic=True)
    check_music(d, 440, 660, "API music")
    check_logo(d, 1080, 1920, 200, 100, "API logo")
    # New narration for scene 1 redoes the music and the compose from the kept files.
    before = m_d["duration"]
    st, body = call("POST", f"/v1/jobs/{job_id}/scenes/1/regenerate",
                    {"narration": "The keeper climbed the stairs, slowly, one step at a time, for the very last time."})
    check(st == 202, f"API regenerate scene 1: 202 ({st} {body})")
    for _ in range(1800):
        time.sleep(0.5)
        st, info = call("GET", f"/v1/jobs/{job_id}")
        if info.get("status") in ("completed", "failed", "canceled"):
            break
    check(info.get("status") == "completed", f"API regenerated job completed ({info.get('status')} {info.get('error')})")
    m_r = json.load(open(os.path.join(d, "manifest.json"), encoding="utf-8"))
    check(m_r["duration"] != before, f"the video was made again ({before:.2f} s -> {m_r['duration']:.2f} s)")
    check_music(d, 440, 660, "API music after regenerate")
    check_logo(d, 1080, 1920, 200, 100, "API logo after regenerate")
finally:
    server.terminate()
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        server.kill()

finish()
