import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { newTokenSecret } from "../../src/domain/api-token-secret.js";
import { RedactedText, redactSecrets, redactToFit } from "../../src/domain/redaction.js";
import { looksSecret } from "../../src/domain/secret-patterns.js";
import { isSignedUrl, type UriUse, uriField, uriProblem } from "../../src/domain/uri-policy.js";

// Credentials assembled here so secret scanners do not flag the repository.
const ACCESS_KEY = ["AKIA", "ABCDEFGHIJKLMNOP"].join("");
const refusedAs = (uri: string, use: UriUse) => uriProblem(uri, use)?.finding;

describe("URI policy", () => {
  it("accepts http(s) links to public hosts, s3:// and local-dev:// storage, and scheme-less references", () => {
    for (const uri of [
      "https://example.com/a?b=1#c",
      "http://docs.example.co.uk/x",
      "HTTPS://Example.COM/",
      "https://8.8.8.8/x",
      "https://[2001:4860:4860::8888]/",
      "https://172.32.0.1/",
    ])
      for (const use of ["link", "storage", "ref"] as const)
        expect([uri, use, uriProblem(uri, use)]).toEqual([uri, use, undefined]);
    for (const uri of ["s3://bucket/key.wav", "local-dev://files/tsk_1/fil_1"]) {
      expect(uriProblem(uri, "storage")).toBeUndefined();
      expect(uriProblem(uri, "ref")).toBeUndefined();
      expect(refusedAs(uri, "link")).toBe("INVALID_FIELD");
    }
    expect(uriProblem("art_01jabc", "ref")).toBeUndefined();
  });

  it("refuses every other scheme, and anything that is not a URL where one is needed", () => {
    for (const uri of [
      "javascript:alert(1)",
      "data:text/plain,hi",
      "file:///etc/passwd",
      "gopher://example.com/",
      "ftp://example.com/x",
      "JaVaScRiPt:alert(1)",
      "vbscript:msgbox",
      "mailto:a@example.com",
      "https:/example.com",
      "https://exa mple.com/",
      "example.com/x",
    ]) {
      for (const use of ["link", "storage"] as const)
        expect([uri, use, refusedAs(uri, use)]).toEqual([uri, use, "INVALID_FIELD"]);
    }
    for (const uri of ["javascript:alert(1)", "data:text/plain,hi", "file:///etc/passwd", "gopher://x/"])
      expect(refusedAs(uri, "ref")).toBe("INVALID_FIELD");
  });

  it("refuses loopback, private, link-local and local names, however the address is written", () => {
    for (const host of [
      "localhost",
      "LOCALHOST.",
      "app.localhost",
      "printer.local",
      "metadata.google.internal",
      "intranet",
      "127.0.0.1",
      "127.1.2.3",
      "10.0.0.1",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.1.1",
      "169.254.169.254",
      "100.100.100.200",
      "0.0.0.0",
      "0",
      "2130706433",
      "0x7f000001",
      "0177.0.0.1",
      "0x7f.1",
      "3232235777",
      "[::1]",
      "[::]",
      "[::ffff:127.0.0.1]",
      "[::ffff:169.254.169.254]",
      "[::ffff:a9fe:a9fe]",
      "[::127.0.0.1]",
      "[64:ff9b::10.0.0.1]",
      "[2002:c0a8:101::1]",
      "[fc00::1]",
      "[fd12:3456::1]",
      "[fe80::1]",
      "[febf::1]",
      "[ff02::1]",
    ]) {
      for (const scheme of ["http", "https"]) {
        const uri = `${scheme}://${host}/latest/meta-data`;
        for (const use of ["link", "storage", "ref"] as const)
          expect([uri, use, refusedAs(uri, use)]).toEqual([uri, use, "INVALID_FIELD"]);
      }
    }
  });

  it("refuses signed and tokenized URLs: query, fragment and credentials, and secrets anywhere in them", () => {
    for (const uri of [
      "https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20260101&X-Amz-Signature=ab",
      "https://b.s3.amazonaws.com/k?x-amz-credential=x",
      "https://b.s3.amazonaws.com/k?AWSAccessKeyId=AKID&Expires=1&Signature=x",
      "https://b.s3.amazonaws.com/k?X-Amz-Signature=x",
      "s3://bucket/key?X-Amz-Signature=x",
      "https://example.com/cb#access_token=abc&token_type=bearer",
      "https://example.com/cb#id_token=abc",
      "https://user:pass@example.com/f",
      "https://token@example.com/f",
      `https://example.com/keys/${ACCESS_KEY}`,
      `https://example.com/?t=${newTokenSecret()}`,
    ]) {
      expect([uri, refusedAs(uri, "storage"), refusedAs(uri, "ref")]).toEqual([uri, "SIGNED_URL", "SIGNED_URL"]);
      expect(refusedAs(uri, "link") === undefined).toBe(false);
    }
    expect(refusedAs(newTokenSecret(), "ref")).toBe("SECRET_VALUE");
    expect(isSignedUrl("https://example.com/docs#section-2")).toBe(false);
  });

  it("applies through the zod field: blank only where allowed, trimmed, 2000 characters at most", () => {
    expect(uriField("link").safeParse("").success).toBe(false);
    expect(uriField("link", { blankAllowed: true }).safeParse("  ").success).toBe(true);
    expect(uriField("link").parse("  https://example.com/ ")).toBe("https://example.com/");
    expect(uriField("storage").safeParse(`https://example.com/${"a".repeat(2000)}`).success).toBe(false);
    const issue = uriField("storage").safeParse("https://x.example/?X-Amz-Signature=1").error?.issues[0];
    expect(issue).toMatchObject({ code: "custom", params: { finding: "SIGNED_URL" } });
  });
});

describe("secrets and redaction", () => {
  it("recognises our own API tokens as secrets, and nothing merely shaped like their prefix", () => {
    expect(looksSecret(newTokenSecret())).toBe(true);
    expect(looksSecret(`token was ${newTokenSecret()}.`)).toBe(true);
    expect(looksSecret("we_are_fine")).toBe(false);
    expect(redactSecrets(`failed with ${newTokenSecret()}`)).toBe("failed with [redacted]");
  });

  it("redacts error text to a fixed point that fits, so what is stored validates as redacted", () => {
    const secretish = fc.constantFrom(
      ACCESS_KEY,
      "token=abc",
      "password: hunter2",
      "Bearer abcdefghijklmnopqrstuvwxyz",
      "https://x.example/a?X-Amz-Signature=1",
      "https://x.example/cb#access_token=1",
      newTokenSecret(),
      "[redacted]",
      "api_key=",
      "secret=https://x.example/?sig=1",
      " ",
      "token",
      "=",
    );
    const text = fc.array(fc.oneof(secretish, fc.string({ maxLength: 12 })), { maxLength: 30 }).map((p) => p.join(""));
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 120 }), (raw, max) => {
        const once = redactSecrets(raw);
        expect(redactSecrets(once)).toBe(once);
        const fit = redactToFit(raw, max);
        expect(fit.length).toBeLessThanOrEqual(max);
        expect(raw === "" || fit.length > 0).toBe(true);
        expect(RedactedText.safeParse(fit).success).toBe(true);
      }),
      { numRuns: 500 },
    );
    expect(RedactedText.safeParse(`code ${ACCESS_KEY}`).error?.issues[0]).toMatchObject({
      params: { finding: "SECRET_VALUE" },
    });
  });
});

describe("what probing the running server found", () => {
  it("finds our tokens and other credentials whatever stands before or after them, and percent-encoded", () => {
    const token = newTokenSecret();
    for (const text of [`E_${token}`, `x${token}`, `1${token}`, `${token}XYZ`, `https://example.com/${token}`])
      expect([text, looksSecret(text)]).toEqual([text, true]);
    const encoded = `https://example.com/we_%${token.charCodeAt(3).toString(16)}${token.slice(4)}`;
    expect(refusedAs(encoded, "link")).toBe("SIGNED_URL");
    expect(looksSecret(`E_${["gh", "p_"].join("")}${"a".repeat(36)}`)).toBe(true);
    expect(redactSecrets(`E_${token}`)).toBe("E_[redacted]");
  });

  it("takes a reference without a scheme only as a plain ID or name", () => {
    for (const ref of ["art_01jabc", "episode-12.wav", "A1"]) expect(uriProblem(ref, "ref")).toBeUndefined();
    for (const ref of ["//169.254.169.254/latest/meta-data/", "art_x/../y", "art_x?y", "art_x#y", "%2e%2e", "../x", ""])
      expect([ref, refusedAs(ref, "ref")]).toEqual([ref, "INVALID_FIELD"]);
    expect(refusedAs("art_x#access_token=abc", "ref")).toBe("INVALID_FIELD");
  });

  it("refuses dot segments in storage URIs, backslashes, and hosts outside public unicast", () => {
    for (const uri of ["local-dev://../../../etc/passwd", "local-dev://files/%2e%2e/x", "s3://bucket/a/../b"])
      expect([uri, refusedAs(uri, "storage")]).toEqual([uri, "INVALID_FIELD"]);
    for (const uri of [
      "http://example.com\\@127.0.0.1/",
      "http://[::ffff:0:7f00:1]/",
      "http://[64:ff9b:1::7f00:1]/",
      "http://[2001::1]/",
      "http://[100::1]/",
      "http://[2001:db8::1]/",
      "http://[3fff::1]/",
      "http://192.0.2.1/",
      "http://198.51.100.7/",
      "http://203.0.113.9/",
    ])
      expect([uri, refusedAs(uri, "link")]).toEqual([uri, "INVALID_FIELD"]);
    expect(uriProblem("https://[2606:4700::1111]/", "link")).toBeUndefined();
  });

  it("finds signing parameters in matrix parameters, fragment routes and common key names", () => {
    for (const uri of [
      "https://example.com/x#/cb?access_token=abc",
      "https://example.com/x;token=abc",
      "https://example.com/x?api-key=abc",
      "https://example.com/x?key=abc",
      "https://example.com/x?session=abc",
      "https://example.com/x?%61ccess_token=abc",
    ])
      expect([uri, isSignedUrl(uri)]).toEqual([uri, true]);
    expect(isSignedUrl("https://example.com/keys/monkey?page=2")).toBe(false);
  });
});
