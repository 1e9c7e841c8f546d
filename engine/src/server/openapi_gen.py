"""Writes openapi.c, the OpenAPI document served at /openapi.json: run it after changing
a route or a vocabulary. Its enums come from engine/src/model/vocab.def (through
scripts/vocab_gen.py); `python3 scripts/vocab_gen.py --check` (ctest unit/generated)
fails when openapi.c is not this script's output, and unit/test_openapi when a route of
the route table (routes.c) is missing from the paths here, or the other way round."""
import json
import os
import sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "scripts"))
import vocab_gen  # noqa: E402
V = vocab_gen.load()
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'openapi.c')
def vocab(field, **extra):
    """A string property that takes the words of one vocabulary."""
    return {"type": "string", "enum": vocab_gen.words(field, V), **extra}
E = {"$ref": "#/components/responses/Error"}
def errs(*codes):
    return {str(c): E for c in codes}
sec = [{"timestamp": [], "signature": []}]
idp = {"$ref": "#/components/parameters/JobId"}
status_resp = {"description": "Accepted", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/JobStatus"}}}}
doc = {
 "openapi": "3.1.0",
 "info": {"title": "Storycut engine job API", "version": "1.0.0",
   "description": "storycut serve: turns a topic or script into a narrated video. Every /v1/ call is signed: X-Storycut-Timestamp (Unix seconds) and X-Storycut-Signature = hex(HMAC-SHA256(secret, timestamp + \"\\n\" + METHOD + \"\\n\" + path[?query] + \"\\n\" + hex(sha256(body)))). More than 300 s of skew or a bad signature gives 401, and so does a call other than GET whose signature was already accepted (code replayed): sign every call anew. The timestamp and signature headers are checked before the body is read. Without a configured secret the engine listens on 127.0.0.1 only and does not check signatures."},
 "servers": [{"url": "http://127.0.0.1:8787"}],
 "security": sec,
 "paths": {
  "/v1/jobs": {"post": {"operationId": "submitJob", "summary": "Start a job",
     "parameters": [{"name": "Idempotency-Key", "in": "header", "required": False, "description": "A retry with the same key returns the same job.", "schema": {"type": "string", "minLength": 1, "maxLength": 255}}],
     "requestBody": {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/JobRequest"}}}},
     "responses": {"202": {"description": "Accepted (or the job an Idempotency-Key already named)", "headers": {"Location": {"schema": {"type": "string"}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/JobStatus"}}}},
        "429": {"description": "At capacity; retry later", "headers": {"Retry-After": {"schema": {"type": "integer"}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
        **errs(400, 401, 413, 415, 422)}}},
  "/v1/jobs/{id}": {"get": {"operationId": "getJob", "summary": "Job status", "parameters": [idp],
     "responses": {"200": {"description": "The job", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Job"}}}}, **errs(401, 404)}},
   "delete": {"operationId": "deleteJob", "summary": "Delete a job everywhere",
     "description": "Cancels the job if it is queued or running and waits for its worker to stop, then removes its workspace (every artifact) and its job-store rows (events and undelivered callbacks included). Afterwards the job is unknown (404).",
     "parameters": [idp],
     "responses": {"204": {"description": "Deleted"}, "409": {"description": "Its worker did not stop in time; retry later", "headers": {"Retry-After": {"schema": {"type": "integer"}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}, **errs(401, 404)}}},
  "/v1/jobs/{id}/events": {"get": {"operationId": "jobEvents", "summary": "Progress as server-sent events",
     "description": "Each event has `id: <seq>`, `event: <type>`, `data: <json>`. Send Last-Event-ID to receive only later events. Comment lines are sent as a heartbeat about every 15 s. The stream ends when the job is finished and every event was sent.",
     "parameters": [idp, {"name": "Last-Event-ID", "in": "header", "required": False, "schema": {"type": "string", "pattern": "^[0-9]+$"}}],
     "responses": {"200": {"description": "Event stream", "content": {"text/event-stream": {"schema": {"type": "string"}}}}, **errs(401, 404)}}},
  "/v1/jobs/{id}/cancel": {"post": {"operationId": "cancelJob", "summary": "Cancel a job", "parameters": [idp],
     "responses": {"202": status_resp, **errs(401, 404, 409)}}},
  "/v1/jobs/{id}/artifacts/{name}": {"get": {"operationId": "getArtifact", "summary": "Download an artifact (Range supported)",
     "parameters": [idp, {"name": "name", "in": "path", "required": True, "schema": {"type": "string", "pattern": "^(video\\.mp4|thumbnail\\.png|subtitles\\.srt|subtitles\\.vtt|metadata\\.json|manifest\\.json|scene-[0-9]{2,3}\\.(png|wav))$"}},
        {"name": "Range", "in": "header", "required": False, "description": "One range: bytes=a-b, bytes=a- or bytes=-n", "schema": {"type": "string"}}],
     "responses": {"200": {"description": "The file", "headers": {"Accept-Ranges": {"schema": {"type": "string"}}}, "content": {"application/octet-stream": {"schema": {"type": "string", "contentEncoding": "binary"}}}},
        "206": {"description": "The requested range", "headers": {"Content-Range": {"schema": {"type": "string"}}}, "content": {"application/octet-stream": {"schema": {"type": "string", "contentEncoding": "binary"}}}},
        "416": {"description": "Range not satisfiable", "headers": {"Content-Range": {"schema": {"type": "string"}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
        **errs(401, 404)}}},
  "/v1/jobs/{id}/scenes/{n}/regenerate": {"post": {"operationId": "regenerateScene", "summary": "Redo one scene's picture and/or narration, then recompose",
     "parameters": [idp, {"name": "n", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1, "maximum": 999}}],
     "requestBody": {"required": False, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Regenerate"}}}},
     "responses": {"202": status_resp, **errs(400, 401, 404, 409, 413, 415, 422, 429)}}},
  "/v1/jobs/{id}/recompose": {"post": {"operationId": "recomposeJob", "summary": "Compose the video again from the current scenes", "parameters": [idp],
     "responses": {"202": status_resp, **errs(401, 404, 409, 429)}}},
  "/healthz": {"get": {"operationId": "healthz", "security": [], "summary": "Liveness", "responses": {"200": {"description": "Alive", "content": {"application/json": {"schema": {"type": "object", "properties": {"status": {"const": "ok"}}}}}}}}},
  "/readyz": {"get": {"operationId": "readyz", "security": [], "summary": "Readiness and capacity left",
     "responses": {"200": {"description": "Can take a job", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Ready"}}}},
                   "503": {"description": "At capacity", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Ready"}}}}}}},
  "/metrics": {"get": {"operationId": "metrics", "security": [], "summary": "Prometheus text format",
     "description": "Answered to callers on the engine's machine (loopback) and to signed callers; to anyone only with STORYCUT_PUBLIC_DOCS=1. Others get 401.",
     "responses": {"200": {"description": "Metrics", "content": {"text/plain": {"schema": {"type": "string"}}}}}}},
  "/openapi.json": {"get": {"operationId": "openapi", "security": [], "summary": "This document",
     "description": "Answered to callers on the engine's machine (loopback) and to signed callers; to anyone only with STORYCUT_PUBLIC_DOCS=1. Others get 401.",
     "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {"schema": {"type": "object"}}}}}}},
 },
 "components": {
  "securitySchemes": {
    "timestamp": {"type": "apiKey", "in": "header", "name": "X-Storycut-Timestamp", "description": "Unix seconds; within 300 s of the engine's clock"},
    "signature": {"type": "apiKey", "in": "header", "name": "X-Storycut-Signature", "description": "hex HMAC-SHA256 over timestamp, method, path and body hash (see info.description)"}},
  "parameters": {"JobId": {"name": "id", "in": "path", "required": True, "schema": {"type": "string", "pattern": "^[A-Za-z0-9_-]{1,64}$"}}},
  "responses": {"Error": {"description": "Error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}},
  "schemas": {
   "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object", "required": ["code", "message"], "properties": {
      "code": {"type": "string", "enum": ["malformed", "unauthorized", "not_found", "method_not_allowed", "conflict", "too_large", "unsupported_media_type", "range_not_satisfiable", "invalid", "at_capacity", "unavailable", "internal", "bad_request", "replayed", "busy", "gone", "too_long"]},
      "message": {"type": "string"}, "field": {"type": "string", "description": "The request field at fault (422)"}}}}},
   "JobRequest": {"type": "object", "additionalProperties": False, "description": "Exactly one of topic or script. At most 30 MiB (room for the music and logo uploads).",
     "oneOf": [{"required": ["topic"]}, {"required": ["script"]}],
     "properties": {
      "topic": {"type": "string", "maxLength": 500}, "script": {"type": "string", "maxLength": 262144},
      "format": vocab("format", default=vocab_gen.words("format", V)[0]),
      "duration": {"type": "integer", "minimum": 15, "maximum": 600, "description": "Seconds; default 45 (short) or 180 (long)"},
      "max_duration": {"type": "integer", "minimum": 1, "maximum": 600, "description": "Seconds of video paid for. A script whose estimated narration runs more than 10% over it is refused (422, code too_long, field script); a topic's story that does is failed after the story stage, and narration the voice reads longer than that fails the job after the narration stage, before clips, music and compose (error_code too_long). Kept with the job, so a resume keeps it."},
      "lang": vocab("lang"),
      "style": vocab("style", default=vocab_gen.words("style", V)[0]),
      "captions": {**vocab("captions"), "description": "Burned-in captions: karaoke (a few large words, the spoken one highlighted), lines (two subtitle lines) or none (nothing burned in; the .srt/.vtt sidecars are still written). Default karaoke for short and square, lines for long."},
      "voice": {"type": "string", "minLength": 1},
      "pace": {"oneOf": [{"type": "string", "enum": ["slow", "normal", "fast"]}, {"type": "number", "minimum": 0.8, "maximum": 1.25}], "default": "normal",
               "description": "The narration's pace: slow (0.85), normal (1), fast (1.15) or a factor 0.8 to 1.25; kept in the job as the number. A pace whose narration would be faster to read than the captions' limits (20 characters/s Latin, 12 Korean) is slowed to them, with a warning event."},
      "music": {"$ref": "#/components/schemas/Upload", "description": "Your own music instead of the composed score: MP3, WAV, OGG, FLAC, AAC, M4A/MP4 or WebM/Matroska audio (checked on the bytes with FFmpeg: 415 otherwise), at most 20 MiB decoded (413). Looped or trimmed to the video, ducked under the voice and mastered to -14 LUFS. A string (a URL) is refused (422): the engine does not fetch URLs. Kept in the job as inputs/music.<ext>."},
      "logo": {"$ref": "#/components/schemas/Upload", "description": "A PNG (checked on the bytes: 415 otherwise) of at most 2 MiB and 4096x4096 px (413), drawn on every frame in the top-right corner of the safe area, at most 14% of the width and 8% of the height, opacity 0.85. A string is refused (422). Kept in the job as inputs/logo.png."},
      "seed": {"oneOf": [{"type": "integer", "minimum": 0}, {"type": "string", "pattern": "^[0-9]{1,20}$"}]},
      "providers": {"type": "object", "additionalProperties": False, "properties": {k: {"type": "string", "pattern": "^[A-Za-z0-9._-]{1,64}$"} for k in ["story", "image", "voice", "music", "clip"]}},
      "callback": {"type": "string", "format": "uri", "maxLength": 2048, "description": "The edge's base URL for this job (http or https, no credentials)"}}},
   "Upload": {"type": "object", "additionalProperties": False, "required": ["data"], "properties": {
      "filename": {"type": "string", "maxLength": 255, "description": "The file's name; only its extension is used"},
      "data": {"type": "string", "contentEncoding": "base64", "description": "The file's bytes, base64"}}},
   "JobStatus": {"type": "object", "required": ["id", "status"], "properties": {"id": {"type": "string"}, "status": {"$ref": "#/components/schemas/Status"}}},
   "Status": vocab("status"),
   "Job": {"type": "object", "required": ["id", "status"], "properties": {
      "id": {"type": "string"}, "status": {"$ref": "#/components/schemas/Status"}, "stage": {"type": ["string", "null"], "enum": [*vocab_gen.words("stage", V), None]},
      "progress": {"type": "number", "minimum": 0, "maximum": 1},
      "scenes": {"type": "array", "items": {"type": "object", "properties": {
         "n": {"type": "integer", "minimum": 1}, "picture": {"type": "boolean"}, "narration": {"type": "boolean"},
         "picture_error": {"description": "Why this scene has no picture: code refused = the image service refused it (content policy); change the scene's visual and regenerate it.",
            "type": "object", "properties": {"code": {"type": "string", "enum": ["refused"]}, "message": {"type": "string"}}}}}},
      "artifacts": {"type": "array", "items": {"type": "string"}}, "error": {"type": ["string", "null"]},
      "error_code": {"description": "For a failed job: bad_input, failed, refused (a provider refused a scene's content; see scenes[].picture_error), or too_long (the story's estimated narration, or the narration the voice read, runs more than 10% over max_duration; the message names both figures).",
         "type": ["string", "null"], "enum": ["bad_input", "failed", "refused", "too_long", None]}}},
   "Regenerate": {"type": "object", "additionalProperties": False, "properties": {
      "narration": {"type": "string", "maxLength": 8000}, "visual": {"type": "string", "maxLength": 8000},
      "picture": {"type": "boolean"}, "voice": {"type": "boolean"},
      "max_duration": {"type": "integer", "minimum": 1, "maximum": 600, "description": "Replaces the job's max_duration. New narration (or a new limit) that makes the story's estimated narration more than 10% longer than the limit is refused: 422, code too_long, field narration."}}},
   "Ready": {"type": "object", "properties": {"ready": {"type": "boolean"}, "capacity": {"type": "integer"}, "capacity_left": {"type": "integer"}, "workers": {"type": "integer"}, "running": {"type": "integer"}, "queued": {"type": "integer"}}}}}}


def render():
    """openapi.c's text."""
    text = json.dumps(doc, indent=1, ensure_ascii=True)
    out = ['/* The OpenAPI 3.1 document served at /openapi.json. Generated by openapi_gen.py',
           ' * (run it after changing a route or model/vocab.def) and kept as text, so serving it',
           ' * costs nothing and the document is reviewed like code; ctest unit/generated checks',
           ' * it is the script\'s output and unit/test_openapi that it covers the route table. */',
           '#include "server/http_internal.h"', '', 'const char sc_openapi_json[] =']
    for line in text.split('\n'):
        out.append('    "' + line.replace('\\', '\\\\').replace('"', '\\"') + '\\n"')
    out[-1] += ';'
    return '\n'.join(out) + '\n'


if __name__ == "__main__":
    body = render()
    with open(OUT, 'w') as f:
        f.write(body)
    print(len(body))
