/** The edge estimates a script's speaking time exactly as the engine plans it: the same
 * cases as the engine's unit test (test_speech_estimates.c), from one fixture. */
import { describe, expect, it } from "vitest";
import fixture from "../../engine/tests/fixtures/speech_estimates.json";
import { billedSeconds, estimateSpeechSeconds } from "../src/speech_estimate";
import { SPEECH } from "../src/vocab.gen";

describe("estimateSpeechSeconds", () => {
  it("agrees with the engine on every case of the shared fixture", () => {
    expect(fixture.cases.length).toBeGreaterThan(5);
    for (const c of fixture.cases) expect(estimateSpeechSeconds(c.text), JSON.stringify(c.text)).toBeCloseTo(c.seconds, 6);
  });

  it("counts words hidden behind commas, digits and emoji (the billing dodge)", () => {
    // 40,000 words joined by commas were one word (0.4 s, billed 15 s); they are 16,000 s.
    expect(estimateSpeechSeconds(Array(40000).fill("w").join(","))).toBeCloseTo(16000, 6);
    expect(billedSeconds(15, Array(40000).fill("w").join(","))).toBe(21334);
    expect(estimateSpeechSeconds("1234567890123456789")).toBeCloseTo(19 / 2.5, 6);
    expect(estimateSpeechSeconds("🙂word🙂word🙂")).toBeCloseTo(0.8, 6);
  });

  it("uses the engine's figures", () => {
    expect(SPEECH).toEqual({ enWordsPerSecond: 2.5, koSyllablesPerSecond: 6.5, fill: 0.75 });
  });
});

describe("billedSeconds", () => {
  it("is the asked duration, or the length the narration needs when that is longer", () => {
    expect(billedSeconds(45)).toBe(45);
    expect(billedSeconds(45, "Once upon a time.")).toBe(45);
    // 100 words: 40 s of speech fill 75% of a 54 s video (53.33 rounded up).
    expect(billedSeconds(15, Array(100).fill("word").join(" "))).toBe(54);
  });
});
