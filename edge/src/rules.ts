/** The limits the edge enforces and the price formula it charges by, in one place with no
 * imports, so the web app (web/src/) bundles this same file and shows users exactly the
 * rules the API will apply before they send anything. */

export const TOPIC_MAX_CHARS = 500;
export const SCRIPT_MAX_BYTES = 256 * 1024;
export const VOICE_MAX_CHARS = 100;
export const LANGS = ["en", "ko"] as const;
export const STYLES = ["storybook", "cinematic", "noir", "pastel"] as const;
/** A scene's new narration or picture description (regenerate). */
export const EDIT_TEXT_MAX = 2000;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export interface Price {
  base: number;
  per_minute: number;
}

/** Credits for a video of `seconds`: the base plus each started minute. */
export function videoCost(p: Price, seconds: number): number {
  return p.base + p.per_minute * Math.ceil(seconds / 60);
}
