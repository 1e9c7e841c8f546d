/** The limits the edge enforces and the price formula it charges by, in one place with no
 * imports, so the web app (web/src/) bundles this same file and shows users exactly the
 * rules the API will apply before they send anything. The words a field takes (format,
 * lang, style, ...) are the engine's, in vocab.gen.ts. */

export const TOPIC_MAX_CHARS = 500;
export const SCRIPT_MAX_BYTES = 256 * 1024;
export const VOICE_MAX_CHARS = 100;
/** A scene's new narration or picture description (regenerate). */
export const EDIT_TEXT_MAX = 2000;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export interface Price {
  base: number;
  per_minute: number;
}

/** "a, b or c": the words a message asks for. */
export function wordsOr(words: readonly string[]): string {
  return words.length < 2 ? words.join("") : `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

/** Credits for a video of `seconds`: the base plus each started minute. */
export function videoCost(p: Price, seconds: number): number {
  return p.base + p.per_minute * Math.ceil(seconds / 60);
}

/** Credits for regenerating a scene of a video billed for `billed` seconds that will be
 * billed for `after`: the edit's price plus the cost of any added time. */
export function regenerateCost(p: Price & { regenerate: number }, billed: number, after: number): number {
  return p.regenerate + videoCost(p, after) - videoCost(p, billed);
}

/** A render may run this much past the seconds paid for (a share, plus the music's tail)
 * before the difference is charged. */
export const OVERAGE_SHARE = 0.1;
export const MUSIC_TAIL_S = 1.5;

/** Credits owed for a render of `rendered` seconds when `billed` were paid for. */
export function overageCost(p: Price, billed: number, rendered: number): number {
  if (rendered <= billed * (1 + OVERAGE_SHARE) + MUSIC_TAIL_S) return 0;
  return videoCost(p, rendered) - videoCost(p, billed);
}

/** Burned-in captions when a request names none (the engine's default too): karaoke for
 * the vertical and square formats, subtitle lines for long (16:9) videos. */
export function defaultCaptions(format: string): "karaoke" | "lines" {
  return format === "long" ? "lines" : "karaoke";
}

/** The narration's pace: a name or a factor from PACE_MIN to PACE_MAX. */
export const PACES = { slow: 0.85, normal: 1, fast: 1.15 } as const;
export const PACE_MIN = 0.8;
export const PACE_MAX = 1.25;

/** The user's own music and logo, uploaded with the request (decoded bytes). */
export const MUSIC_MAX_BYTES = 20 * 1024 * 1024;
export const LOGO_MAX_BYTES = 2 * 1024 * 1024;
export const LOGO_MAX_PX = 4096;
/** UTF-8 bytes, what the engine takes (engine/src/server/request_parse.c UPLOAD_NAME_MAX). */
export const INPUT_FILENAME_MAX = 255;
