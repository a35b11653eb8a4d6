import {describe, expect, it} from "vitest";
import {Rng, fromRows, mat, normalInit, orthogonal} from "../../../src/engine/index.js";
import {largestSingularValue, scaleToSingularValue, spectralRadius} from "../../../src/models/spectral.js";

describe("largest singular value and spectral radius", () => {
  it("are exact on small matrices with known answers", () => {
    const diag = fromRows([[0.5, 0, 0], [0, -2, 0], [0, 0, 1]], "float64");
    expect(largestSingularValue(diag).value).toBeCloseTo(2, 10);
    expect(spectralRadius(diag)).toBeCloseTo(2, 10);
    // A rotation by 0.7 rad scaled by 1.3: eigenvalues 1.3·e^(±0.7i), all singular values 1.3.
    const c = 1.3 * Math.cos(0.7), s = 1.3 * Math.sin(0.7);
    const rot = fromRows([[c, -s], [s, c]], "float64");
    expect(largestSingularValue(rot).value).toBeCloseTo(1.3, 10);
    expect(spectralRadius(rot)).toBeCloseTo(1.3, 8);
    // A Jordan block: ρ = 0.9 but σ_max = (1 + √(1 + 4·0.81)... computed directly from WᵀW.
    const J = fromRows([[0.9, 1], [0, 0.9]], "float64");
    const ata = [[0.81, 0.9], [0.9, 1.81]];
    const tr = ata[0][0] + ata[1][1], det = ata[0][0] * ata[1][1] - ata[0][1] ** 2;
    expect(largestSingularValue(J).value).toBeCloseTo(Math.sqrt((tr + Math.sqrt(tr * tr - 4 * det)) / 2), 10);
    expect(spectralRadius(J)).toBeCloseTo(0.9, 6);
    expect(spectralRadius(fromRows([[0, 1, 5], [0, 0, 2], [0, 0, 0]], "float64"))).toBe(0); // nilpotent
  });

  it("agrees with the eigenvalues of a random 2×2 matrix, real or complex", () => {
    const rng = new Rng(3);
    for (let trial = 0; trial < 20; trial++) {
      const [a, b, c, d] = [rng.normal(), rng.normal(), rng.normal(), rng.normal()];
      const tr = a + d, det = a * d - b * c, disc = tr * tr - 4 * det;
      const rho = disc >= 0 ? Math.max(Math.abs((tr + Math.sqrt(disc)) / 2), Math.abs((tr - Math.sqrt(disc)) / 2)) : Math.sqrt(det);
      expect(spectralRadius(fromRows([[a, b], [c, d]], "float64"))).toBeCloseTo(rho, 7);
    }
  });

  it("scales a random matrix to a chosen σ_max, with ρ ≤ σ_max, and an orthogonal one to ρ = σ_max", () => {
    const rng = new Rng(5);
    const W = normalInit(mat(24, 24, "float64"), rng, 1);
    scaleToSingularValue(W, 1.7);
    expect(largestSingularValue(W).value).toBeCloseTo(1.7, 9);
    // σ_max is a maximum over directions: no random direction is stretched more.
    for (let t = 0; t < 50; t++) {
      const v = Float64Array.from({length: 24}, () => rng.normal());
      const Wv = Array.from({length: 24}, (_, i) => v.reduce((s, vj, j) => s + W.data[i * 24 + j] * vj, 0));
      expect(Math.hypot(...Wv) / Math.hypot(...v)).toBeLessThanOrEqual(1.7 + 1e-9);
    }
    const rho = spectralRadius(W);
    expect(rho).toBeLessThan(1.7);
    expect(rho).toBeGreaterThan(0.3);
    const Q = orthogonal(mat(16, 16, "float64"), rng);
    scaleToSingularValue(Q, 0.8);
    expect(spectralRadius(Q)).toBeCloseTo(0.8, 8);
  });
});
