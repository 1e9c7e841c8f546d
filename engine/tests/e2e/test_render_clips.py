"""A 15 s English short whose scenes are video clips from a local server that answers
like Runway's API (POST /v1/image_to_video, GET /v1/tasks/{id}, then the video), with
the real binary: killed after the first clip and resumed (no finished clip is asked for
again), then checked against every STANDARDS.md rule a file can show. The clips the
server hands out are 3 s long, shorter than the scenes, so the composer slows them down
and holds them, and the video must still last as long as its narration (5%)."""
import base64
import http.server
import json
import os
import signal
import subprocess
import tempfile
import threading
from sclib import BIN, check, check_video, finish, storycut, workdir

KEY = "key_e2e0123456789abcdef"
CLIP_SECONDS = 3.0
GREEN = (32, 192, 64)

tmp = tempfile.mkdtemp(prefix="storycut-clips-")
clip_path = os.path.join(tmp, "clip.mp4")
subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i",
                f"color=c=0x{GREEN[0]:02x}{GREEN[1]:02x}{GREEN[2]:02x}:size=720x1280:rate=24:duration={CLIP_SECONDS}",
                "-vf", "scale=out_color_matrix=bt709:out_range=tv,format=yuv420p", "-colorspace", "bt709",
                "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv",
                "-c:v", "libx264", "-movflags", "+faststart", clip_path], check=True)
clip_bytes = open(clip_path, "rb").read()


class Runway(http.server.BaseHTTPRequestHandler):
    """Answers like https://docs.dev.runwayml.com/api/ : a task per image_to_video call,
    RUNNING on its first poll and SUCCEEDED with output[0] after that."""
    lock = threading.Lock()
    tasks = {}      # id -> polls so far
    created = []    # the JSON bodies of image_to_video calls
    problems = []

    def log_message(self, *args):
        pass

    def reply(self, status, body, ctype="application/json"):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def authorised(self):
        ok = (self.headers.get("Authorization") == f"Bearer {KEY}"
              and self.headers.get("X-Runway-Version") == "2024-11-06")
        if not ok:
            with self.lock:
                self.problems.append(f"{self.command} {self.path} without the key or version header")
            self.reply(401, {"error": "Unauthorized"})
        return ok

    def do_POST(self):
        if self.path != "/v1/image_to_video":
            return self.reply(404, {"error": "not found"})
        if not self.authorised():
            return
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        image = body.get("promptImage", "")
        if not image.startswith("data:image/png;base64,") or \
                base64.b64decode(image.split(",", 1)[1])[:8] != b"\x89PNG\r\n\x1a\n":
            with self.lock:
                self.problems.append("promptImage is not a PNG data URI")
        with self.lock:
            task = f"task-{len(self.created) + 1}"
            self.created.append(body)
            self.tasks[task] = 0
        self.reply(200, {"id": task})

    def do_GET(self):
        if self.path.startswith("/files/"):
            return self.reply(200, clip_bytes, "video/mp4")
        if not self.path.startswith("/v1/tasks/") or not self.authorised():
            return self.reply(404, {"error": "not found"}) if not self.path.startswith("/v1/tasks/") else None
        task = self.path.rsplit("/", 1)[1]
        with self.lock:
            if task not in self.tasks:
                return self.reply(404, {"error": "Task not found"})
            self.tasks[task] += 1
            polls = self.tasks[task]
        if polls == 1:
            return self.reply(200, {"id": task, "status": "RUNNING", "createdAt": "2025-01-01T00:00:00Z"})
        port = self.server.server_address[1]
        self.reply(200, {"id": task, "status": "SUCCEEDED", "createdAt": "2025-01-01T00:00:00Z",
                         "output": [f"http://127.0.0.1:{port}/files/{task}.mp4"]})


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Runway)
threading.Thread(target=server.serve_forever, daemon=True).start()
env = {"STORYCUT_PROVIDER_CLIP": "runway", "STORYCUT_RUNWAY_API_KEY": KEY,
       "STORYCUT_RUNWAY_BASE_URL": f"http://127.0.0.1:{server.server_address[1]}",
       "STORYCUT_CLIP_POLL_SECONDS": "0.05"}
out = os.path.join(workdir("clips"), "job")
args = ["make", "a lighthouse keeper who finds a message in a bottle", "--format", "short", "--duration", "15",
        "--lang", "en", "--out", out]

# 1. Killed once the first clip is in.
full_env = dict(os.environ, **env)
p = subprocess.Popen([BIN, *args, "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=full_env)
stages = []
for line in p.stdout:
    ev = json.loads(line)
    if ev["event"] == "stage_start":
        stages.append((ev["stage"], ev["stage_index"], ev["stage_count"]))
    if ev["event"] == "scene_done" and ev.get("stage") == "clips":
        p.send_signal(signal.SIGKILL)
        break
p.wait()
p.stdout.close()
p.stderr.close()
check(p.returncode == -signal.SIGKILL, f"first run was killed after a clip (rc {p.returncode})")
check(("clips", 5, 9) in stages, f"clips is stage 5 of 9, after narration ({stages})")
manifest = json.load(open(os.path.join(out, "manifest.json")))
made = [i for i, s in enumerate(manifest["scenes"]) if s.get("clip_done")]
check(len(made) >= 1, f"a clip was made before the kill ({made})")
seeds_before = [b["seed"] for b in Runway.created]

# 2. Resumed to the end: finished clips are not asked for again.
r = storycut("resume", out, "--json", env=env)
print(r.stderr[-2000:])
check(r.returncode == 0, f"resume exits 0 (got {r.returncode})")
events = [json.loads(line) for line in r.stdout.splitlines()]
skipped = [e["scene"] for e in events if e["event"] == "scene_skip" and e.get("stage") == "clips"]
check(set(i + 1 for i in made) <= set(skipped), f"clips made before the kill were kept ({skipped})")
seeds_after = [b["seed"] for b in Runway.created[len(seeds_before):]]
seed = int(manifest["request"]["seed"])
check(not set(seeds_after) & {(seed * 1000003 + i) % 2**64 % 2**32 for i in made},
      "no finished scene's clip was asked for again")
check(not Runway.problems, f"every call carried the key, the version and a PNG ({Runway.problems})")

if r.returncode == 0:
    manifest, cues = check_video(out, "short", 15, "en")
    n = len(manifest["story"]["scenes"])
    asked = {b["seed"] for b in Runway.created}  # (a scene in flight at the kill is asked for twice)
    check(len(asked) == n, f"a clip asked for each scene ({len(asked)} scenes for {n})")
    for b in Runway.created:
        check(b["model"] == "gen4_turbo" and b["ratio"] == "720:1280" and b["duration"] in (5, 10),
              f"asked for a portrait gen4_turbo clip of 5 or 10 s ({b['model']}, {b['ratio']}, {b['duration']})")
    for i, s in enumerate(manifest["scenes"], 1):
        check(s.get("clip_done") is True and s.get("clip") == f"scene-{i:02d}.mp4",
              f"scene {i} records its clip ({s.get('clip')})")
        check(os.path.isfile(os.path.join(out, "work", f"scene-{i:02d}.mp4")), f"work/scene-{i:02d}.mp4 exists")
        check(abs(s.get("clip_seconds", 0) - CLIP_SECONDS) < 0.05, f"scene {i}'s clip is {s.get('clip_seconds')} s")
    calls = [c for c in manifest.get("provider_calls", []) if c.get("kind") == "clip"]
    check(len(calls) >= n and all(c["provider"] == "runway" and c["outcome"] == "ok" for c in calls),
          f"each clip is in provider_calls ({len(calls)})")
    check(all(c.get("cost_usd", 0) > 0 for c in calls), "each clip call has a cost")
    # The narration decides the length, clips or not.
    speech = sum(s["narration"]["seconds"] for s in manifest["scenes"])
    probe = json.loads(subprocess.run(["ffprobe", "-v", "error", "-show_format", "-of", "json",
                                       os.path.join(out, "video.mp4")], capture_output=True, text=True).stdout)
    got = float(probe["format"]["duration"])
    check(abs(got - manifest["duration"]) <= 0.05 * manifest["duration"] and got >= speech,
          f"video {got:.2f} s matches the narration's timeline {manifest['duration']:.2f} s (speech {speech:.2f} s)")
    # The clip is what is on screen: the centre of a frame mid-scene is its green.
    rgb = subprocess.run(["ffmpeg", "-v", "error", "-ss", "1.0", "-i", os.path.join(out, "video.mp4"),
                          "-frames:v", "1", "-vf", "crop=4:4:iw/2:ih/2,scale=1:1", "-f", "rawvideo",
                          "-pix_fmt", "rgb24", "-"], capture_output=True).stdout
    check(len(rgb) == 3 and all(abs(a - b) <= 12 for a, b in zip(rgb, GREEN)),
          f"the first scene shows its clip (centre {tuple(rgb)}, clip {GREEN})")
server.shutdown()
finish()
