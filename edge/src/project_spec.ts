/** What a user may ask for when creating a project, checked against the engine's own
 * limits (engine/src/model/request.c, server/request_parse.c) so that a request the
 * edge accepts — and holds credits for — is one the engine will accept too. */
import { z } from "zod";
import { FORMATS, type VideoFormat } from "./config";
import { defaultCaptions, PACE_MAX, PACE_MIN, PACES, SCRIPT_MAX_BYTES, TOPIC_MAX_CHARS, VOICE_MAX_CHARS, wordsOr } from "./rules";
import { CAPTIONS, type Captions, FORMATS as FORMAT_WORDS, LANGS, type Lang, STYLES, type Style } from "./vocab.gen";
import { INPUTS_BODY_MAX, type InputField, type StoredInput } from "./project_inputs";
import { ApiError } from "./http";
import { billedSeconds } from "./speech_estimate";
import { parseWith } from "./validate";

// The engine's limits are the same for both formats (config.ts FORMATS).
const DURATION_MIN = Math.min(...Object.values(FORMATS).map((f) => f.min_duration));
const DURATION_MAX = Math.max(...Object.values(FORMATS).map((f) => f.max_duration));

/** The largest create body: a 256 KiB script can grow when JSON escapes it (1 MiB, as the
 * engine allows for the text), plus the base64 of the largest music and logo. */
export const SPEC_BODY_MAX = 1024 * 1024 + INPUTS_BODY_MAX;

export interface ProjectSpec {
  topic?: string;
  script?: string;
  format: VideoFormat;
  duration: number;
  lang?: Lang;
  style?: Style;
  voice?: string;
  /** Absent in projects made before captions could be chosen (the engine's default). */
  captions?: Captions;
  /** The narration's pace factor; absent means normal (1). */
  pace?: number;
  /** R2 keys of the user's own files (project_inputs.ts), never the bytes. */
  music?: StoredInput;
  logo?: StoredInput;
}

const utf8Bytes = (s: string) => new TextEncoder().encode(s).length;
// The engine is C: a NUL would cut its string short, and a lone surrogate is not UTF-8.
const cleanText = (s: string) => !s.includes("\u0000") && !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
const squeeze = (s: string) => s.trim().replace(/\s+/g, " ");

const topic = z
  .string({ error: "must be text" })
  .transform(squeeze)
  .refine((s) => s.length > 0, "is empty; give a topic such as \"a lighthouse keeper's last night\"")
  .refine(cleanText, "contains characters that are not text")
  .refine((s) => [...s].length <= TOPIC_MAX_CHARS, `is longer than ${TOPIC_MAX_CHARS} characters`);

const script = z
  .string({ error: "must be text" })
  .refine((s) => s.trim().length > 0, "is empty")
  .refine(cleanText, "contains characters that are not text")
  .refine((s) => utf8Bytes(s) <= SCRIPT_MAX_BYTES, `is longer than ${SCRIPT_MAX_BYTES / 1024} KiB`);

const voice = z
  .string({ error: "must be text" })
  .transform((s) => s.trim())
  .refine((s) => s.length > 0, "is empty; leave it out for the default voice")
  .refine((s) => s.length <= VOICE_MAX_CHARS && !/[\u0000-\u001f\u007f]/.test(s) && cleanText(s), `must be a voice name of at most ${VOICE_MAX_CHARS} characters`);

const paceWords = Object.keys(PACES) as (keyof typeof PACES)[];
const paceHint = `use ${wordsOr(paceWords)}, or a factor from ${PACE_MIN} to ${PACE_MAX}`;
const pace = z.union(
  [
    z.enum(paceWords).transform((w) => PACES[w]),
    z.number().min(PACE_MIN).max(PACE_MAX),
  ],
  { error: paceHint },
);

const schema = z
  .strictObject({
    topic: topic.optional(),
    script: script.optional(),
    format: z.enum(FORMAT_WORDS, { error: `use ${wordsOr(FORMAT_WORDS)}` }).optional(),
    duration: z
      .number({ error: "must be a whole number of seconds" })
      .int("must be a whole number of seconds")
      .min(DURATION_MIN, `use ${DURATION_MIN} to ${DURATION_MAX} seconds`)
      .max(DURATION_MAX, `use ${DURATION_MIN} to ${DURATION_MAX} seconds`)
      .optional(),
    lang: z.enum(LANGS, { error: `use ${wordsOr(LANGS)}` }).optional(),
    style: z.enum(STYLES, { error: `use one of ${STYLES.join(", ")}` }).optional(),
    voice: voice.optional(),
    captions: z.enum(CAPTIONS, { error: `use ${wordsOr(CAPTIONS)}` }).optional(),
    pace: pace.optional(),
  })
  .refine((s) => (s.topic === undefined) !== (s.script === undefined), {
    path: ["topic"],
    message: "give either a topic or a script (exactly one)",
  });

/** Validates a create body and applies the defaults; a bad field is a 422 naming it.
 * A null value counts as absent, as the engine treats it. */
export function parseProjectSpec(body: Record<string, unknown>): ProjectSpec {
  const present = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== null));
  const v = parseWith(schema, present, "topic");
  const format = v.format ?? FORMAT_WORDS[0]; // the first format is the default (vocab.def)
  return {
    ...(v.topic !== undefined ? { topic: v.topic } : { script: v.script! }),
    format,
    duration: v.duration ?? FORMATS[format].default_duration,
    ...(v.lang ? { lang: v.lang } : {}),
    ...(v.style ? { style: v.style } : {}),
    ...(v.voice ? { voice: v.voice } : {}),
    captions: v.captions ?? defaultCaptions(format),
    ...(v.pace !== undefined ? { pace: v.pace } : {}),
  };
}

/** The seconds the project is billed for (billedSeconds); 422 naming the script when its
 * narration needs a longer video than the format allows. */
export function billedDuration(spec: ProjectSpec): number {
  const billed = billedSeconds(spec.duration, FORMATS[spec.format].min_duration, spec.script, spec.pace);
  const max = FORMATS[spec.format].max_duration;
  if (billed > max)
    throw new ApiError(422, "too_long", `script: read aloud, this script needs a video of about ${billed} seconds; a ${spec.format} video can be at most ${max} seconds, so shorten it`, "script");
  return billed;
}

/** The user's files as the engine takes them (project_inputs.ts loadInputs). */
export type EngineInputs = Partial<Record<InputField, { filename: string; data: string }>>;

/** The engine's POST /v1/jobs body: only the keys it knows, in a fixed order.
 * max_duration is what was paid for: the engine refuses (too_long) to plan more. */
export function engineJobBody(spec: ProjectSpec, inputs: EngineInputs, callback: string, maxDuration: number): Record<string, unknown> {
  const body: Record<string, unknown> = spec.script !== undefined ? { script: spec.script } : { topic: spec.topic };
  body.format = spec.format;
  body.duration = spec.duration;
  body.max_duration = maxDuration;
  if (spec.lang !== undefined) body.lang = spec.lang;
  if (spec.style !== undefined) body.style = spec.style;
  if (spec.voice !== undefined) body.voice = spec.voice;
  if (spec.captions !== undefined) body.captions = spec.captions;
  if (spec.pace !== undefined) body.pace = spec.pace;
  if (inputs.music) body.music = inputs.music;
  if (inputs.logo) body.logo = inputs.logo;
  body.callback = callback;
  return body;
}
