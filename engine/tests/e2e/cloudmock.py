"""Local stand-ins for the cloud providers, answering in their documented formats, for
the end-to-end test that renders a video with every stage on "cloud" services:
OpenAI (chat completions, images, audio/speech), Gemini (generateContent for stories
and pictures, predictLongRunning for Veo clips), ElevenLabs (voices, text-to-speech
with timestamps), Replicate (predictions, polled), Runway (image_to_video, tasks) and
Luma (generations). Every request is recorded (method, path, headers, body) so the test
can check what the engine sent. Pictures, audio and clips are real media, made with
ffmpeg and Python at start-up."""
import base64
import http.server
import json
import math
import os
import re
import struct
import subprocess
import tempfile
import threading

KEYS = {"openai": "sk-mock-openai-0123456789", "gemini": "AIza-mock-gemini-0123456789",
        "elevenlabs": "el-mock-0123456789", "replicate": "r8_mock_0123456789",
        "runway": "key_mock_runway_0123456789", "luma": "luma-mock-0123456789"}


def ffmpeg(*args):
    subprocess.run(["ffmpeg", "-v", "error", "-y", *args], check=True)


def tone_wav(seconds_per_word, words, rate=24000):
    """16-bit mono WAV: a voiced burst per word with short pauses, like speech."""
    frames = bytearray()
    for i in range(words):
        n = int(seconds_per_word * rate)
        f = 180 + 40 * (i % 5)
        for k in range(n):
            env = min(1.0, k / 400, (n - k) / 400)
            frames += struct.pack("<h", int(9000 * env * math.sin(2 * math.pi * f * k / rate)))
        frames += b"\0\0" * int(0.09 * rate)
    head = struct.pack("<4sI4s4sIHHIIHH4sI", b"RIFF", 36 + len(frames), b"WAVE", b"fmt ", 16, 1, 1, rate,
                       rate * 2, 2, 16, b"data", len(frames))
    return head + bytes(frames)


class Media:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="storycut-cloudmock-")
        p = lambda n: os.path.join(self.dir, n)  # noqa: E731
        ffmpeg("-f", "lavfi", "-i", "testsrc2=s=1024x1536", "-frames:v", "1", p("portrait.png"))
        ffmpeg("-f", "lavfi", "-i", "testsrc2=s=1536x1024", "-frames:v", "1", p("landscape.png"))
        ffmpeg("-f", "lavfi", "-i", "testsrc2=s=720x1280:r=24", "-t", "5", "-c:v", "libx264", "-pix_fmt", "yuv420p",
               p("clip.mp4"))
        self.png = {k: open(p(f"{k}.png"), "rb").read() for k in ("portrait", "landscape")}
        self.clip = open(p("clip.mp4"), "rb").read()

    def mp3(self, wav):
        src = os.path.join(self.dir, f"s{threading.get_ident()}.wav")
        dst = src[:-4] + ".mp3"
        with open(src, "wb") as f:
            f.write(wav)
        ffmpeg("-i", src, "-c:a", "libmp3lame", "-b:a", "64k", dst)
        return open(dst, "rb").read()


class CloudMock(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, story_json):
        super().__init__(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server_address[1]}"
        self.story = story_json
        self.media = Media()
        self.seen = []
        self.lock = threading.Lock()
        self.polls = {}
        self.faults = []  # [regex, status, body, times left], applied in order
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.shutdown()

    def env(self):
        """The engine's settings that point every provider here."""
        e = {f"STORYCUT_{v.upper()}_API_KEY": k for v, k in KEYS.items() if v != "replicate"}
        e["STORYCUT_REPLICATE_API_TOKEN"] = KEYS["replicate"]
        for v in ("OPENAI",):
            e[f"STORYCUT_{v}_BASE_URL"] = self.url + "/v1"
        for v in ("GEMINI", "ELEVENLABS", "REPLICATE", "RUNWAY", "LUMA"):
            e[f"STORYCUT_{v}_BASE_URL"] = self.url
        return e

    def fault(self, pattern, status, body, times=1):
        """The next `times` requests whose path matches answer status/body instead."""
        with self.lock:
            self.faults.append([pattern, status, body, times])

    def requests(self, pattern):
        with self.lock:
            return [r for r in self.seen if re.search(pattern, r["path"])]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body, ctype="application/json"):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def record(self):
        n = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(n) if n else b""
        try:
            body = json.loads(raw) if raw and "json" in (self.headers.get("Content-Type") or "") else None
        except ValueError:
            body = None
        rec = {"method": self.command, "path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()},
               "body": body, "raw": raw}
        with self.server.lock:
            self.server.seen.append(rec)
        return rec

    def do_GET(self):
        self.route(self.record())

    def do_POST(self):
        self.route(self.record())

    # -- routes --------------------------------------------------------------------
    def route(self, r):
        with self.server.lock:
            for f in self.server.faults:
                if f[3] > 0 and re.search(f[0], self.path):
                    f[3] -= 1
                    fault = f
                    break
            else:
                fault = None
        if fault:
            return self.reply(fault[1], fault[2])
        m = self.server.media
        path = self.path.split("?")[0]
        u = self.server.url
        if path == "/v1/chat/completions":
            return self.reply(200, {"id": "chatcmpl-1", "object": "chat.completion", "model": r["body"]["model"],
                                    "choices": [{"index": 0, "finish_reason": "stop", "message": {
                                        "role": "assistant", "content": self.server.story, "refusal": None}}],
                                    "usage": {"prompt_tokens": 1200, "completion_tokens": 900,
                                              "total_tokens": 2100}})
        if path in ("/v1/images/generations", "/v1/images/edits"):
            return self.reply(200, {"created": 1, "data": [{"b64_json": base64.b64encode(m.png["portrait"]).decode()}],
                                    "usage": {"input_tokens": 50, "output_tokens": 4160, "total_tokens": 4210}})
        if path == "/v1/audio/speech":
            words = len((r["body"] or {}).get("input", "x").split())
            return self.reply(200, tone_wav(0.28, max(1, words)), "audio/wav")
        if re.match(r"^/v1beta/models/[^/]+:generateContent$", path):
            cfg = (r["body"] or {}).get("generationConfig", {})
            if "IMAGE" in cfg.get("responseModalities", []):
                part = {"inlineData": {"mimeType": "image/png", "data": base64.b64encode(m.png["portrait"]).decode()}}
            else:
                part = {"text": self.server.story}
            return self.reply(200, {"candidates": [{"content": {"role": "model", "parts": [part]},
                                                    "finishReason": "STOP"}],
                                    "usageMetadata": {"promptTokenCount": 1000, "candidatesTokenCount": 800,
                                                      "totalTokenCount": 1800}})
        if re.match(r"^/v1beta/models/[^/]+:predictLongRunning$", path):
            return self.reply(200, {"name": "models/veo/operations/op1"})
        if path.startswith("/v1beta/models/veo/operations/"):
            if self.poll(path) < 2:
                return self.reply(200, {"name": path[8:], "done": False})
            return self.reply(200, {"name": path[8:], "done": True, "response": {"generateVideoResponse": {
                "generatedSamples": [{"video": {"uri": f"{u}/files/clip.mp4"}}]}}})
        if path == "/v1/voices":
            return self.reply(200, {"voices": [
                {"voice_id": "21m00Tcm4TlvDq8ikWAM", "name": "Rachel", "labels": {"gender": "female"}},
                {"voice_id": "pNInz6obpgDQGcFmaJgB", "name": "Adam", "labels": {"gender": "male"}},
                {"voice_id": "EXAVITQu4vr4xnSDxMaL", "name": "Sarah", "labels": {"gender": "female"}}]})
        if re.match(r"^/v1/text-to-speech/[^/]+/with-timestamps$", path):
            return self.eleven(r)
        if re.match(r"^/v1/models/[^/]+/[^/]+/predictions$", path):
            pid = f"p{len(self.server.seen)}"
            return self.reply(201, {"id": pid, "status": "starting", "urls": {"get": f"{u}/v1/predictions/{pid}"}})
        if path.startswith("/v1/predictions/"):
            done = self.poll(path) >= 1
            return self.reply(200, {"id": path.rsplit("/", 1)[1], "status": "succeeded" if done else "processing",
                                    "output": [f"{u}/files/portrait.png"] if done else None,
                                    "metrics": {"predict_time": 1.2}})
        if path == "/v1/image_to_video":
            return self.reply(200, {"id": f"task{len(self.server.seen)}"})
        if path.startswith("/v1/tasks/"):
            if self.poll(path) < 1:
                return self.reply(200, {"id": path.rsplit("/", 1)[1], "status": "RUNNING", "progress": 0.5})
            return self.reply(200, {"id": path.rsplit("/", 1)[1], "status": "SUCCEEDED", "output": [f"{u}/files/clip.mp4"]})
        if path == "/dream-machine/v1/generations":
            return self.reply(201, {"id": f"gen{len(self.server.seen)}", "state": "queued"})
        if path.startswith("/dream-machine/v1/generations/"):
            done = self.poll(path) >= 1
            return self.reply(200, {"id": path.rsplit("/", 1)[1], "state": "completed" if done else "dreaming",
                                    "assets": {"video": f"{u}/files/clip.mp4"} if done else None})
        if path == "/files/portrait.png":
            return self.reply(200, m.png["portrait"], "image/png")
        if path == "/files/clip.mp4":
            return self.reply(200, m.clip, "video/mp4")
        return self.reply(404, {"error": {"message": f"the mock does not know {self.command} {path}"}})

    def poll(self, key):
        with self.server.lock:
            n = self.server.polls.get(key, 0)
            self.server.polls[key] = n + 1
        return n

    def eleven(self, r):
        text = (r["body"] or {}).get("text", "")
        chars = list(text)
        per = 0.07
        wav = tone_wav(per * max(1, len(chars)) / max(1, len(text.split())), max(1, len(text.split())))
        fmt = (re.search(r"output_format=([a-z0-9_]+)", self.path) or [None, "mp3_44100_128"])[1]
        if fmt.startswith("pcm_"):
            audio = wav[44:]  # the mock's WAV is 24 kHz 16-bit mono; only pcm_24000 matches it exactly
            if fmt != "pcm_24000":
                rate = int(fmt.split("_")[1])
                audio = resample(wav[44:], 24000, rate)
        else:
            audio = self.server.media.mp3(wav)
        total = (len(wav) - 44) / 2 / 24000
        starts = [total * i / max(1, len(chars)) for i in range(len(chars))]
        ends = [total * (i + 1) / max(1, len(chars)) for i in range(len(chars))]
        align = {"characters": chars, "character_start_times_seconds": starts, "character_end_times_seconds": ends}
        return self.reply(200, {"audio_base64": base64.b64encode(audio).decode(), "alignment": align,
                                "normalized_alignment": align})


def resample(pcm, src, dst):
    samples = struct.unpack(f"<{len(pcm) // 2}h", pcm)
    n = int(len(samples) * dst / src)
    return struct.pack(f"<{n}h", *(samples[min(len(samples) - 1, int(i * src / dst))] for i in range(n)))
