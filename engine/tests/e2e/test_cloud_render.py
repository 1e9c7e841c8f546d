"""Every stage on "cloud" providers: local servers answering as OpenAI, Gemini,
ElevenLabs, Replicate and Runway/Veo document (cloudmock.py). Two 15 s shorts — story
by OpenAI, pictures by Replicate, voice by ElevenLabs, clips by Runway; then story and
pictures by Gemini, voice by OpenAI, clips by Veo — must pass the same checks as the
offline renders, record every provider call with an estimated cost, and never write a
key anywhere. A service that is down, and a picture refused for content policy, fail
with one line naming the provider (and the scene)."""
import glob
import json
import os
from cloudmock import KEYS, CloudMock
from sclib import check, check_video, finish, storycut, workdir

TOPIC = "a lighthouse keeper who finds a message in a bottle"
ARGS = ["--format", "short", "--duration", "15", "--lang", "en"]
base = workdir("cloud")

r = storycut("story", TOPIC, *ARGS)
check(r.returncode == 0, "the built-in writer gives the story the mock LLMs will answer with")
mock = CloudMock(r.stdout)
env = mock.env()


def no_keys_in(out_dir, streams):
    leaked = []
    for path in glob.glob(os.path.join(out_dir, "**", "*"), recursive=True):
        if os.path.isfile(path) and os.path.getsize(path) < 50_000_000:
            data = open(path, "rb").read()
            leaked += [f"{os.path.basename(path)}:{v}" for v, k in KEYS.items() if k.encode() in data]
    for text in streams:
        leaked += [f"output:{v}" for v, k in KEYS.items() if k in text]
    return leaked


def render(name, providers, kinds):
    out = os.path.join(base, name)
    r = storycut("make", TOPIC, *ARGS, "--out", out, "--provider", providers, env=env)
    print(r.stderr[-3000:])
    check(r.returncode == 0, f"{name}: storycut make --provider {providers} exits 0 (got {r.returncode})")
    if r.returncode != 0:
        return None
    # The mock LLM answers one fixed story and the mock voices read at their own rate,
    # so the length follows that narration rather than the duration asked (topic=False).
    manifest, _ = check_video(out, "short", 15, "en", topic=False)
    calls = manifest.get("provider_calls", [])
    for kind in kinds:
        mine = [c for c in calls if c["kind"] == kind]
        check(mine and all(c["outcome"] == "ok" and c["cost_usd"] > 0 for c in mine),
              f"{name}: {kind} calls recorded with a cost ({len(mine)})")
    check(manifest.get("estimated_cost_usd", 0) > 0, f"{name}: the manifest totals the cost "
                                                      f"({manifest.get('estimated_cost_usd')})")
    check(not no_keys_in(out, [r.stdout, r.stderr]), f"{name}: no key in any file or output "
                                                     f"({no_keys_in(out, [r.stdout, r.stderr])})")
    return manifest


m = render("openai-replicate-elevenlabs-runway", "story=openai,image=replicate,voice=elevenlabs,clip=runway",
           ["story", "image", "voice", "clip"])
if m:
    chat = mock.requests(r"/v1/chat/completions$")
    check(chat and chat[0]["headers"].get("authorization") == f"Bearer {KEYS['openai']}",
          "OpenAI got the key as a Bearer token")
    check(chat and chat[0]["body"]["response_format"]["type"] == "json_schema", "OpenAI was asked for the story schema")
    preds = mock.requests(r"/predictions$")
    check(len(preds) == len(m["story"]["scenes"]), f"Replicate made one picture per scene ({len(preds)})")
    tts = mock.requests(r"/with-timestamps")
    check(tts and tts[0]["headers"].get("xi-api-key") == KEYS["elevenlabs"], "ElevenLabs got its key")
    runs = mock.requests(r"/v1/image_to_video$")
    check(runs and runs[0]["body"]["promptImage"].startswith("data:image/png;base64,"),
          "Runway got the scene's picture as a data URI")

m = render("gemini-openai-veo", "story=gemini,image=gemini,voice=openai,clip=veo", ["story", "image", "voice", "clip"])
if m:
    gen = mock.requests(r":generateContent$")
    check(gen and gen[0]["headers"].get("x-goog-api-key") == KEYS["gemini"], "Gemini got its key")
    speech = mock.requests(r"/v1/audio/speech$")
    check(speech and speech[0]["body"]["input"].strip() != "", "OpenAI TTS got the narration")

# A picture refused for content policy: exit 2, one line naming the scene; nothing else.
mock.fault(r"/v1/images/generations", 400, {"error": {"message": "Your request was rejected by the safety system.",
                                                      "type": "image_generation_user_error",
                                                      "code": "moderation_blocked"}}, times=1000)
out = os.path.join(base, "refused")
r = storycut("make", TOPIC, *ARGS, "--out", out, "--provider", "image=openai", "--threads", "1", env=env)
lines = [l for l in r.stderr.splitlines() if l.startswith("storycut: ")]
check(r.returncode == 2, f"a refused picture exits 2 (got {r.returncode})")
check(lines and "scene" in lines[-1] and "safety" in lines[-1], f"the error names the scene and the reason: {lines}")
check(not os.path.exists(os.path.join(out, "video.mp4")), "no video is passed off after a refusal")
mock.faults.clear()

# A service that cannot be reached fails loudly.
down = dict(env, STORYCUT_ELEVENLABS_BASE_URL="http://127.0.0.1:1")
r = storycut("make", TOPIC, *ARGS, "--out", os.path.join(base, "down"), "--provider", "voice=elevenlabs", env=down)
lines = [l for l in r.stderr.splitlines() if l.startswith("storycut: ")]
check(r.returncode == 1, f"an unreachable voice service exits 1 (got {r.returncode})")
check(lines and "ElevenLabs" in lines[-1], f"the error names the service: {lines}")
mock.stop()
finish()
