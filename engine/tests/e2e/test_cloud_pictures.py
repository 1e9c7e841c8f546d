"""Cloud pictures end to end: `storycut serve` draws with the openai illustrator against a
local stand-in for OpenAI Images. The first picture of the story's character comes from
/images/generations, every later one from /images/edits with that picture as image[],
and the manifest records it in character_refs. A scene whose visual the service refuses
(content policy) fails the job with code refused, naming the scene, and its manifest
entry says why; POST /v1/jobs/{id}/scenes/{n}/regenerate with a new visual then draws
only that scene again and the job completes. The key reaches no manifest or log."""
import base64
import http.server
import json
import os
import re
import socket
import struct
import subprocess
import threading
import time
import zlib
from sclib import BIN, check, engine_call, finish, png_size, wait_listening, workdir

SECRET = "test-secret-cloud-pictures"
KEY = "sk-fake-images-key-0123456789"
POISON = "zorblax"
data_dir = workdir("cloud-pictures")


def make_png(w, h, rgb, figures=()):
    """A w x h PNG of one colour with, like a character standing in the middle, an upright
    block of each colour in figures (the engine checks a picture for its characters'
    colours, so a stand-in answer draws the ones the prompt names)."""
    band = b"".join(bytes(c) * (w // 16) for c in figures)
    left = (w - len(band) // 3) // 2
    plain = b"\x00" + bytes(rgb) * w
    body = b"\x00" + bytes(rgb) * left + band + bytes(rgb) * (w - left - len(band) // 3)
    raw = b"".join(body if h // 3 <= y < h * 9 // 10 else plain for y in range(h))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw, 1)) + chunk(b"IEND", b""))


def picture_for(prompt):
    """The stand-in's drawing of a prompt: the colours it names ("magenta (#c0307a)") on a plain ground."""
    named = [tuple(bytes.fromhex(h)) for h in dict.fromkeys(re.findall(r"#([0-9a-fA-F]{6})\b", prompt))]
    return base64.b64encode(make_png(1024, 1536, (200, 120, 60), named[:8])).decode()


def multipart_field(body, name):
    m = re.search(rb'name="' + re.escape(name.encode()) + rb'"\r\n(?:[^\r\n]+\r\n)*\r\n(.*?)\r\n--', body, re.S)
    return m.group(1) if m else None


class Images(http.server.BaseHTTPRequestHandler):
    """POST /v1/images/generations (JSON) and /v1/images/edits (multipart), as OpenAI answers."""
    seen = []
    lock = threading.Lock()

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.path == "/v1/images/generations":
            prompt = json.loads(body).get("prompt", "")
            refs = 0
        else:
            prompt = (multipart_field(body, "prompt") or b"").decode()
            refs = body.count(b'name="image[]"')
        with Images.lock:
            Images.seen.append({"path": self.path, "prompt": prompt, "refs": refs,
                                "auth": self.headers.get("Authorization")})
        if POISON in prompt:
            status, answer = 400, {"error": {"message": "Your request was rejected by the safety system.",
                                             "type": "image_generation_user_error", "param": None,
                                             "code": "moderation_blocked"}}
        else:
            status, answer = 200, {"created": 1, "data": [{"b64_json": picture_for(prompt)}],
                                   "usage": {"total_tokens": 1100, "input_tokens": 44, "output_tokens": 1056,
                                             "input_tokens_details": {"text_tokens": 44, "image_tokens": 0}}}
        raw = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def log_message(self, *args):
        pass


images = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Images)
threading.Thread(target=images.serve_forever, daemon=True).start()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


port = free_port()
env = dict(os.environ, STORYCUT_SECRET=SECRET, STORYCUT_LISTEN=f"127.0.0.1:{port}", STORYCUT_DATA_DIR=data_dir,
           STORYCUT_WORKERS="1", STORYCUT_PROVIDER_IMAGE="openai", STORYCUT_OPENAI_API_KEY=KEY,
           STORYCUT_OPENAI_BASE_URL=f"http://127.0.0.1:{images.server_address[1]}/v1")
log_path = os.path.join(data_dir, "serve.log")
log = open(log_path, "ab")


def call(method, path, body=None):
    return engine_call(port, SECRET, method, path, body, timeout=60)


def wait_status(job, want, seconds=900):
    info = {}
    for _ in range(seconds * 2):
        _, info = call("GET", f"/v1/jobs/{job}")
        if info.get("status") in want:
            return info
        time.sleep(0.5)
    return info


server = subprocess.Popen([BIN, "serve"], env=env, stdout=log, stderr=log)
try:
    wait_listening(port)
    script = ("Mina walked along the quiet harbour at dawn.\n\n"
              f"Then she saw a {POISON} glowing under the old pier.\n\n"
              "By evening the whole village had come to see it.")
    st, data = call("POST", "/v1/jobs", {"script": script, "format": "short", "duration": 15, "lang": "en"})
    job = data.get("id")
    check(st == 202 and job, f"job submitted ({st} {data})")

    # 1. The refused scene fails the job with code refused, naming the scene.
    info = wait_status(job, ("completed", "failed"))
    manifest_path = os.path.join(data_dir, "jobs", job, "manifest.json")
    manifest = json.load(open(manifest_path))
    story_scenes = manifest["story"]["scenes"]
    bad = [i + 1 for i, s in enumerate(story_scenes) if POISON in s["visual"]]
    check(len(bad) == 1, f"one scene's visual carries the refused word ({bad})")
    n = bad[0] if bad else 0
    check(info.get("status") == "failed" and info.get("error_code") == "refused",
          f"the job failed with code refused ({info.get('status')}, {info.get('error_code')})")
    err = info.get("error") or ""
    check(f"scene {n}: OpenAI refused this picture (content policy): Your request was rejected" in err and
          f"change scene {n}'s visual and regenerate it" in err, f"the error names scene {n} and what to do: {err}")
    check(manifest["error"]["code"] == "refused", "the manifest's error code is refused")
    pe = manifest["scenes"][n - 1].get("picture_error", {})
    check(pe.get("code") == "refused" and "safety system" in pe.get("message", ""),
          f"scene {n}'s manifest entry records the refusal ({pe})")
    api_scene = [s for s in info.get("scenes", []) if s.get("n") == n]
    check(api_scene and api_scene[0].get("picture_error", {}).get("code") == "refused",
          "GET /v1/jobs/{id} shows the scene's picture_error")
    calls = manifest.get("provider_calls", [])
    check(any(c["outcome"] == "refused" and c["scene"] == n and c["provider"] == "openai" for c in calls),
          "the refused call is in provider_calls with outcome refused")

    # 2. Character consistency: the first picture of each character is drawn first, from
    # generations; later scenes go to edits with that picture; the manifest keeps it.
    with Images.lock:
        seen = list(Images.seen)
    hero = manifest["story"]["characters"][0]["id"]
    check(manifest.get("character_refs", {}).get(hero) == "scene-01.png",
          f"character_refs names scene-01.png for {hero} ({manifest.get('character_refs')})")
    check(seen and seen[0]["path"] == "/v1/images/generations" and seen[0]["refs"] == 0,
          "scene 1 (the hero's first) was drawn first, from /images/generations")
    later = seen[1:]
    check(later and all(s["path"] == "/v1/images/edits" and s["refs"] == 1 for s in later),
          f"later scenes went to /images/edits with one image[] ({[(s['path'], s['refs']) for s in later]})")
    check(all(s["auth"] == f"Bearer {KEY}" for s in seen), "every call carried the key")

    # 3. Regenerate the refused scene with a new visual: only it is drawn again.
    before = len(seen)
    new_visual = "Leo on the old pier at dusk, holding a lantern that glows softly"
    st, data = call("POST", f"/v1/jobs/{job}/scenes/{n}/regenerate", {"visual": new_visual})
    check(st in (200, 202), f"regenerate of the failed job accepted ({st} {data})")
    info = wait_status(job, ("completed", "failed"))
    check(info.get("status") == "completed", f"the regenerated job completed ({info.get('status')}, {info.get('error')})")
    check(not info.get("error_code"), "no error code after completing")
    manifest = json.load(open(manifest_path))
    check(manifest["story"]["scenes"][n - 1]["visual"] == new_visual, f"scene {n} carries the new visual")
    check("picture_error" not in manifest["scenes"][n - 1], f"scene {n}'s picture_error is gone")
    with Images.lock:
        again = Images.seen[before:]
    drawn = [s for s in again if new_visual in s["prompt"]]
    check(len(drawn) == 1 and drawn[0]["path"] == "/v1/images/edits" and drawn[0]["refs"] == 1,
          f"scene {n} was drawn again from edits with the hero's picture ({[(s['path'], s['refs']) for s in again]})")
    check(not any(s["path"] == "/v1/images/generations" for s in again), "scene 1 was not drawn again")
    for i in range(1, len(story_scenes) + 1):
        w, h = png_size(os.path.join(data_dir, "jobs", job, f"scene-{i:02d}.png"))
        check(abs(w / h - 9 / 16) < 0.01, f"scene-{i:02d}.png is 9:16 ({w}x{h})")
    check(os.path.isfile(os.path.join(data_dir, "jobs", job, "video.mp4")), "video.mp4 exists")
    ok_calls = [c for c in manifest.get("provider_calls", []) if c["outcome"] == "ok"]
    check(ok_calls and all(c["cost_usd"] > 0 for c in ok_calls) and manifest.get("estimated_cost_usd", 0) > 0,
          f"the calls' estimated cost is recorded ({manifest.get('estimated_cost_usd')})")
finally:
    server.terminate()
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        server.kill()
    images.shutdown()
    log.close()
leaked = [p for p in [manifest_path, log_path] if os.path.exists(p) and KEY in open(p, errors="replace").read()]
check(not leaked, f"the key is in no manifest or log ({leaked})")
finish()
