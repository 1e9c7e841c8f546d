/** The edge estimates a script's speaking time exactly as the engine plans it: the same
 * cases as the engine's unit test (test_speech_estimates.c), from one fixture. */
import { describe, expect, it } from "vitest";
import fixture from "../../engine/tests/fixtures/speech_estimates.json";
import { billedSeconds, editedSeconds, estimateSpeechSeconds } from "../src/speech_estimate";
import { SPEECH } from "../src/vocab.gen";

describe("estimateSpeechSeconds", () => {
  it("agrees with the engine on every case of the shared fixture", () => {
    expect(fixture.cases.length).toBeGreaterThan(5);
    for (const c of fixture.cases) expect(estimateSpeechSeconds(c.text), JSON.stringify(c.text)).toBeCloseTo(c.seconds, 6);
  });

  it("counts words hidden behind commas, digits and emoji (the billing dodge)", () => {
    // 40,000 words joined by commas were one word (0.4 s, billed 15 s); they are 16,000 s.
    expect(estimateSpeechSeconds(Array(40000).fill("w").join(","))).toBeCloseTo(16000, 6);
    expect(billedSeconds(15, 15, Array(40000).fill("w").join(","))).toBe(21334);
    expect(estimateSpeechSeconds("1234567890123456789")).toBeCloseTo(19 / 2.5, 6);
    expect(estimateSpeechSeconds("🙂word🙂word🙂")).toBeCloseTo(0.8, 6);
  });

  it("uses the engine's figures", () => {
    expect(SPEECH).toEqual({ enWordsPerSecond: 2.5, koSyllablesPerSecond: 6.5, fill: 0.75 });
  });
});

describe("billedSeconds", () => {
  it("is the asked duration for a topic, and for a script the length its narration needs", () => {
    expect(billedSeconds(45, 15)).toBe(45);
    // 100 words: 40 s of speech fill 75% of a 54 s video (53.33 rounded up), whatever was asked.
    expect(billedSeconds(15, 15, Array(100).fill("word").join(" "))).toBe(54);
    expect(billedSeconds(180, 15, Array(100).fill("word").join(" "))).toBe(54);
    // A short script is billed as the shortest video, not the duration asked.
    expect(billedSeconds(45, 15, "Once upon a time.")).toBe(15);
    // Read slowly (0.85) the 40 s take 47 s, a 63 s video; fast (1.15) a 47 s one.
    expect(billedSeconds(15, 15, Array(100).fill("word").join(" "), 0.85)).toBe(63);
    expect(billedSeconds(15, 15, Array(100).fill("word").join(" "), 1.15)).toBe(47);
  });
});

describe("editedSeconds", () => {
  it("follows the edited narration, never below what was billed", () => {
    const narrations = [Array(50).fill("word").join(" "), Array(50).fill("word").join(" ")];
    expect(editedSeconds(54, narrations, 2, Array(100).fill("word").join(" "))).toBe(80);
    expect(editedSeconds(54, narrations, 2, "Short.")).toBe(54);
  });
});
