/** How long a script takes to speak, and so how long its video is billed for, with the
 * figures the engine plans narration with (SPEECH, generated from
 * engine/src/model/story_length.h). A port of sc_estimate_speech_seconds
 * (story_length.c); engine/tests/fixtures/speech_estimates.json holds cases both must
 * agree on. Imports only vocab.gen.ts, so the web app bundles it to show the price. */
import { SPEECH } from "./vocab.gen";

// sc_is_space_cp (engine/src/core/text.c)
const SPACES = /[ \t\n\r\v\f\u00a0\u3000\u2000-\u200a]+/;
const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;

/** Seconds to speak `text`: each Hangul syllable 1/6.5 s; each other word (a run of
 * non-space characters without Hangul) 1/2.5 s. */
export function estimateSpeechSeconds(text: string): number {
  let secs = 0;
  for (const word of text.split(SPACES)) {
    if (!word) continue;
    let syllables = 0;
    for (const ch of word) {
      const cp = ch.codePointAt(0)!;
      if (cp >= HANGUL_FIRST && cp <= HANGUL_LAST) syllables++;
    }
    secs += syllables ? syllables / SPEECH.koSyllablesPerSecond : 1 / SPEECH.enWordsPerSecond;
  }
  return secs;
}

/** The seconds a video is billed for: what was asked, or the length the narration needs
 * (speech fills SPEECH.fill of a video) when that is longer. */
export function billedSeconds(duration: number, narration?: string): number {
  if (narration === undefined) return duration;
  return Math.max(duration, Math.ceil(estimateSpeechSeconds(narration) / SPEECH.fill));
}

/** The seconds a video billed for `billed` is billed for once scene `scene` (from 1) of
 * its story (`narrations`, scene 1 first) is narrated with `narration`. */
export function editedSeconds(billed: number, narrations: readonly string[], scene: number, narration: string): number {
  return billedSeconds(billed, narrations.map((t, i) => (i + 1 === scene ? narration : t)).join(" "));
}
