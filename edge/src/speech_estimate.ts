/** How long a script takes to speak, and so how long its video is billed for, with the
 * figures the engine plans narration with (SPEECH, generated from
 * engine/src/model/story_length.h). A port of sc_estimate_speech_seconds
 * (story_length.c); engine/tests/fixtures/speech_estimates.json holds cases both must
 * agree on. Imports only vocab.gen.ts, so the web app bundles it to show the price. */
import { SPEECH } from "./vocab.gen";

type SpeechClass = "mark" | "letter" | "syllable" | "digit";

/** engine/src/model/story_length.c's SPEECH_RANGES, the same explicit ranges (sorted,
 * disjoint; story_length.h says why each is there), not \p{L}: the two must agree on
 * every code point, and the fixture has a case at each range's ends. */
const SPEECH_RANGES: readonly (readonly [number, number, SpeechClass])[] = [
  [0x0030, 0x0039, "digit"],
  [0x0041, 0x005a, "letter"],
  [0x0061, 0x007a, "letter"],
  [0x00c0, 0x00d6, "letter"],
  [0x00d8, 0x00f6, "letter"],
  [0x00f8, 0x024f, "letter"],
  [0x0300, 0x036f, "mark"],
  [0x0370, 0x0373, "letter"],
  [0x0376, 0x037d, "letter"],
  [0x037f, 0x0383, "letter"],
  [0x0386, 0x0386, "letter"],
  [0x0388, 0x0481, "letter"],
  [0x0483, 0x052f, "letter"],
  [0x1100, 0x11ff, "letter"],
  [0x1e00, 0x1eff, "letter"],
  [0x3040, 0x30ff, "syllable"],
  [0x3130, 0x318f, "letter"],
  [0x3400, 0x4dbf, "syllable"],
  [0x4e00, 0x9fff, "syllable"],
  [0xac00, 0xd7a3, "syllable"],
  [0xff10, 0xff19, "digit"],
  [0xff21, 0xff3a, "letter"],
  [0xff41, 0xff5a, "letter"],
  [0xff66, 0xff9f, "syllable"],
];

function speechClassOf(cp: number): SpeechClass | undefined {
  let lo = 0;
  let hi = SPEECH_RANGES.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const [first, last, cls] = SPEECH_RANGES[mid]!;
    if (cp < first) hi = mid;
    else if (cp > last) lo = mid + 1;
    else return cls;
  }
  return undefined;
}

/** Seconds to speak `text` (sc_estimate_speech_seconds): each run of letters is a word
 * and each digit a word, 1/2.5 s; each Hangul syllable, kana or CJK ideograph 1/6.5 s;
 * punctuation, symbols, emoji and spaces separate words and cost nothing. */
export function estimateSpeechSeconds(text: string): number {
  let words = 0;
  let syllables = 0;
  let inWord = false;
  for (const ch of text) {
    switch (speechClassOf(ch.codePointAt(0)!)) {
      case "letter":
        if (!inWord) words++;
        inWord = true;
        break;
      case "mark":
        break;
      case "syllable":
        syllables++;
        inWord = false;
        break;
      case "digit":
        words++;
        inWord = false;
        break;
      default:
        inWord = false;
    }
  }
  return words / SPEECH.enWordsPerSecond + syllables / SPEECH.koSyllablesPerSecond;
}

/** The video a narration needs read at `pace` (1 normal, 0.85 slow: longer): its speech
 * fills SPEECH.fill of it. */
export function narrationVideoSeconds(narration: string, pace = 1): number {
  return Math.ceil(estimateSpeechSeconds(narration) / pace / SPEECH.fill);
}

/** The seconds a video is billed for, its planned length: a topic's video lasts the
 * duration asked; a script's as long as its narration needs at the pace asked
 * (narrationVideoSeconds), never padded to the duration, and never billed under `floor`
 * (the format's shortest video). */
export function billedSeconds(duration: number, floor: number, narration?: string, pace = 1): number {
  if (narration === undefined) return duration;
  return Math.max(floor, narrationVideoSeconds(narration, pace));
}

/** The seconds a video billed for `billed` is billed for once scene `scene` (from 1) of
 * its story (`narrations`, scene 1 first) is narrated with `narration`: an edit never
 * lowers what was billed. */
export function editedSeconds(billed: number, narrations: readonly string[], scene: number, narration: string, pace = 1): number {
  return Math.max(billed, narrationVideoSeconds(narrations.map((t, i) => (i + 1 === scene ? narration : t)).join(" "), pace));
}
