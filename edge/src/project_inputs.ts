/** The user's own files sent with a create request: `music` (any common audio container)
 * and `logo` (a PNG), each `{filename, data}` with the file's bytes in base64. They are
 * checked on their bytes (never the name), stored in R2 under the project
 * (projects/<id>/inputs/<field>) and only their keys go into the project's spec; the
 * queue consumer reads them back and sends them to the engine as the same base64
 * objects (queue messages stay small). The engine checks them again in depth (it opens
 * the audio with libavformat, loads the PNG with cairo). */
import { encodeBase64 } from "./base64";
import type { Env } from "./env";
import { ApiError } from "./http";
import { INPUT_FILENAME_MAX, LOGO_MAX_BYTES, LOGO_MAX_PX, MUSIC_MAX_BYTES } from "./rules";

export const INPUT_FIELDS = ["music", "logo"] as const;
export type InputField = (typeof INPUT_FIELDS)[number];

const MAX_BYTES: Record<InputField, number> = { music: MUSIC_MAX_BYTES, logo: LOGO_MAX_BYTES };

/** The base64 length of `bytes` bytes (padded). */
export const base64Length = (bytes: number) => 4 * Math.ceil(bytes / 3);

/** What the create body's inputs can add to it: both files' base64 and their filenames. */
export const INPUTS_BODY_MAX = base64Length(MUSIC_MAX_BYTES) + base64Length(LOGO_MAX_BYTES) + 4096;

/** An input as the project's spec keeps it. */
export interface StoredInput {
  key: string;
  filename: string;
}

/** A checked upload, ready to store. */
export interface InputUpload {
  field: InputField;
  filename: string;
  bytes: Uint8Array;
  contentType: string;
}

export const inputsPrefix = (project: string) => `projects/${project}/inputs/`;
export const inputKey = (project: string, field: InputField) => `${inputsPrefix(project)}${field}`;

const invalid = (field: InputField, what: string) => new ApiError(422, "invalid", `${field}: ${what}`, field);

/** Takes `music` and `logo` out of a create body (a null counts as absent), leaving the
 * rest for parseProjectSpec; checkInputs checks them once the cheaper checks passed. */
export function takeInputs(body: Record<string, unknown>): Partial<Record<InputField, unknown>> {
  const raw: Partial<Record<InputField, unknown>> = {};
  for (const field of INPUT_FIELDS) {
    if (body[field] !== undefined && body[field] !== null) raw[field] = body[field];
    delete body[field];
  }
  return raw;
}

export function checkInputs(raw: Partial<Record<InputField, unknown>>): InputUpload[] {
  return INPUT_FIELDS.filter((f) => raw[f] !== undefined).map((f) => checkUpload(f, raw[f]));
}

function checkUpload(field: InputField, value: unknown): InputUpload {
  if (typeof value === "string")
    throw invalid(field, "upload the file itself as {filename, data}; the engine does not fetch URLs");
  if (typeof value !== "object" || Array.isArray(value)) throw invalid(field, "must be an object {filename, data}");
  const { filename, data, ...rest } = value as Record<string, unknown>;
  const extra = Object.keys(rest)[0];
  if (extra !== undefined) throw invalid(field, `${extra.slice(0, 40)} is not a known field; send {filename, data}`);
  const name = checkFilename(field, filename);
  if (typeof data !== "string" || data.length === 0) throw invalid(field, "data must be the file's bytes in base64");
  const max = MAX_BYTES[field];
  // Refused by its length before any decoding.
  if (data.length > base64Length(max)) throw tooLarge(field, max);
  const bytes = decodeBase64(data);
  if (!bytes) throw invalid(field, "data is not valid base64 (A-Z, a-z, 0-9, + and /, padded with =, nothing else)");
  if (bytes.byteLength > max) throw tooLarge(field, max);
  const contentType = field === "music" ? audioType(bytes) : logoType(bytes);
  return { field, filename: name, bytes, contentType };
}

function checkFilename(field: InputField, v: unknown): string {
  if (typeof v !== "string") throw invalid(field, "filename must be the file's name, such as \"song.mp3\"");
  const name = v.trim();
  // A name, not a path; and text the engine (C) can carry.
  if (!name || new TextEncoder().encode(name).length > INPUT_FILENAME_MAX || /[\u0000-\u001f\u007f/\\]/.test(name) || /[\ud800-\udfff]/.test(name) || name === "." || name === "..")
    throw invalid(field, `filename must be a file name (no folders) of at most ${INPUT_FILENAME_MAX} bytes (UTF-8)`);
  return name;
}

const tooLarge = (field: InputField, max: number) =>
  new ApiError(413, "too_large", `${field}: the file is larger than ${max / (1024 * 1024)} MiB`, field);

/** Strict base64 (RFC 4648 §4, padded): null for anything else, whitespace included. */
export function decodeBase64(s: string): Uint8Array | null {
  if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s)) return null;
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const ascii = (b: Uint8Array, at: number, text: string) => [...text].every((c, i) => b[at + i] === c.charCodeAt(0));

/** The audio container by its magic number (ID3 or an MPEG/ADTS frame sync, RIFF/WAVE,
 * OggS, fLaC, an ISO-BMFF ftyp box (M4A), EBML (WebM/Matroska)); 415 for anything else. */
function audioType(b: Uint8Array): string {
  if (ascii(b, 0, "ID3") || (b.length >= 2 && b[0] === 0xff && (b[1]! & 0xe0) === 0xe0)) return "audio/mpeg";
  if (ascii(b, 0, "RIFF") && ascii(b, 8, "WAVE")) return "audio/wav";
  if (ascii(b, 0, "OggS")) return "audio/ogg";
  if (ascii(b, 0, "fLaC")) return "audio/flac";
  if (ascii(b, 4, "ftyp")) return "audio/mp4";
  if (b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) return "audio/webm";
  throw new ApiError(415, "unsupported_media_type", "music: the file is not audio this service reads (MP3, WAV, Ogg, FLAC, M4A or WebM)", "music");
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A PNG: the signature, then the IHDR chunk (13 bytes) with its size; 415 when either is
 * missing, 413 past LOGO_MAX_PX on a side. */
function logoType(b: Uint8Array): string {
  const notPng = () => new ApiError(415, "unsupported_media_type", "logo: the file is not a PNG image", "logo");
  if (b.length < 33 || !PNG_SIGNATURE.every((x, i) => b[i] === x)) throw notPng();
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (view.getUint32(8) !== 13 || !ascii(b, 12, "IHDR")) throw notPng();
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  if (width === 0 || height === 0) throw notPng();
  if (width > LOGO_MAX_PX || height > LOGO_MAX_PX)
    throw new ApiError(413, "too_large", `logo: the picture is ${width}x${height} pixels; use at most ${LOGO_MAX_PX}x${LOGO_MAX_PX}`, "logo");
  return "image/png";
}

/** The spec's entries for the uploads of project `id`. */
export function storedInputs(id: string, uploads: InputUpload[]): Partial<Record<InputField, StoredInput>> {
  return Object.fromEntries(uploads.map((u) => [u.field, { key: inputKey(id, u.field), filename: u.filename }]));
}

export async function storeInputs(env: Env, id: string, uploads: InputUpload[]): Promise<void> {
  for (const u of uploads)
    await env.MEDIA.put(inputKey(id, u.field), u.bytes, { httpMetadata: { contentType: u.contentType }, customMetadata: { filename: u.filename } });
}

export async function deleteInputs(env: Env, id: string): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await env.MEDIA.list({ prefix: inputsPrefix(id), cursor });
    if (page.objects.length) await env.MEDIA.delete(page.objects.map((o) => o.key));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
}

/** The engine's `{filename, data}` objects for the inputs a spec names, read from R2; a
 * string naming the field when its object is gone. */
export async function loadInputs(
  env: Env,
  spec: Partial<Record<InputField, StoredInput>>,
): Promise<Partial<Record<InputField, { filename: string; data: string }>> | InputField> {
  const out: Partial<Record<InputField, { filename: string; data: string }>> = {};
  for (const field of INPUT_FIELDS) {
    const stored = spec[field];
    if (!stored) continue;
    const obj = await env.MEDIA.get(stored.key);
    if (!obj) return field;
    out[field] = { filename: stored.filename, data: encodeBase64(new Uint8Array(await obj.arrayBuffer())) };
  }
  return out;
}
