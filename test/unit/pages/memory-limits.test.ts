import {describe, expect, it} from "vitest";
import {imageAttentionMemory, textAttentionBytes} from "../../../src/models/attention/memory.js";
import {GB, attentionBytes, convBytes, formatBytes, largestSide, largestTokens} from "../../../components/memory-limits.js";

describe("memory-limits (chapter 6's memory figure)", () => {
  it("attention bytes are batch · heads · N² · 4, as the model's memory.ts counts them", () => {
    expect(attentionBytes(64 * 64)).toBe(64 * 1024 * 1024);
    expect(attentionBytes(100, 4, 2)).toBe(2 * 4 * 100 * 100 * 4);
    expect(attentionBytes(100, 4, 2)).toBe(textAttentionBytes(100, 4, 2));
    const m = imageAttentionMemory({height: 32, width: 48, channels: 64, heads: 2, batch: 3});
    expect(attentionBytes(32 * 48, 2, 3)).toBe(m.attentionWeights.bytes);
    expect(convBytes(32 * 48, 64, 3)).toBe(m.convWeights.bytes + m.convActivations.bytes);
  });

  it("a 4 GB phone holds the weights of 32 768 tokens (a 181×181 picture); 16 GB: 65 536 (256×256)", () => {
    expect(largestTokens(4 * GB)).toBe(32768);
    expect(largestSide(4 * GB)).toBe(181);
    expect(largestTokens(16 * GB)).toBe(65536);
    expect(largestSide(16 * GB)).toBe(256);
    expect(attentionBytes(256 * 256)).toBe(16 * GB);
  });

  it("heads and batch divide the room: 8 heads × batch 4 on 16 GB leave 11 585 tokens (107×107)", () => {
    const n = largestTokens(16 * GB, 8, 4);
    expect(attentionBytes(n, 8, 4)).toBeLessThanOrEqual(16 * GB);
    expect(attentionBytes(n + 1, 8, 4)).toBeGreaterThan(16 * GB);
    expect(n).toBe(11585);
    expect(largestSide(16 * GB, 8, 4)).toBe(107);
  });

  it("formatBytes uses binary units", () => {
    expect(formatBytes(0)).toBe("0 bytes");
    expect(formatBytes(1)).toBe("1 byte");
    expect(formatBytes(1000)).toBe("1000 bytes");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(4 * GB)).toBe("4 GB");
    expect(formatBytes(64 * 1024 * 1024)).toBe("64 MB");
    expect(formatBytes(1.5 * 1024 ** 4)).toBe("1.5 TB");
    expect(formatBytes(NaN)).toBe("—");
  });
});
