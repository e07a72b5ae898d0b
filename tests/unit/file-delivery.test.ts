import { describe, expect, it } from "vitest";
import { attachment, deliveryOf } from "../../src/domain/file-delivery.js";

describe("how a file is served", () => {
  it("serves only inert types as recorded, without parameters, and everything else as octet-stream", () => {
    const served = (contentType: string) => deliveryOf({ contentType, filename: "f" }).contentType;
    expect(
      [
        "text/html",
        "text/html; charset=utf-8",
        "image/svg+xml",
        "application/xhtml+xml",
        "text/xml",
        "application/javascript",
        "text/css",
        "application/octet-stream",
        "x".repeat(200),
      ].map(served),
    ).toEqual(Array(9).fill("application/octet-stream"));
    expect(["image/PNG", "text/plain; charset=utf-7", "application/pdf", " audio/wav "].map(served)).toEqual([
      "image/png",
      "text/plain",
      "application/pdf",
      "audio/wav",
    ]);
  });

  it("names the file in an RFC 6266 attachment: an ASCII fallback and the exact name in UTF-8", () => {
    expect(attachment("report.pdf")).toBe(`attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`);
    expect(attachment(`a"b\\c%d;e'f(g)*.txt`)).toBe(
      `attachment; filename="a_b_c_d;e'f(g)*.txt"; filename*=UTF-8''a%22b%5Cc%25d%3Be%27f%28g%29%2A.txt`,
    );
    expect(attachment("Übung 🎙.wav")).toBe(
      `attachment; filename="_bung __.wav"; filename*=UTF-8''%C3%9Cbung%20%F0%9F%8E%99.wav`,
    );
    const decoded = decodeURIComponent(attachment('Übung 🎙 "x".wav').split("UTF-8''")[1] ?? "");
    expect(decoded).toBe('Übung 🎙 "x".wav');
  });
});
