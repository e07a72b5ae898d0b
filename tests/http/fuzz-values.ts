import fc from "fast-check";

/**
 * Values for generated request bodies: ordinary JSON, and the edges where stores and parsers differ.
 * A deep value is a marker that `bodyText` writes out by hand: JSON.stringify itself overflows the call
 * stack on the deepest of them.
 */
class Deep {
  constructor(
    readonly levels: number,
    readonly kind: "array" | "object",
  ) {}
  text(): string {
    return this.kind === "array"
      ? `${"[".repeat(this.levels)}1${"]".repeat(this.levels)}`
      : `${'{"a":'.repeat(this.levels)}1${"}".repeat(this.levels)}`;
  }
}

const deep = fc
  .tuple(
    fc.constantFrom(30, 31, 32, 33, 100, 2_000, 5_000, 50_000),
    fc.constantFrom("array", "object") as fc.Arbitrary<"array" | "object">,
  )
  .map(([levels, kind]) => new Deep(levels, kind));

const longString = fc.oneof(
  fc.constantFrom(80, 81, 200, 201, 255, 256, 1000, 1001, 2000, 2001, 5000, 5001, 70_000).map((n) => "x".repeat(n)),
  fc.string({ unit: "grapheme", maxLength: 400 }),
);

const edgeDate = fc.oneof(
  fc.constantFrom(
    "0000-01-01",
    "0001-01-01",
    "1969-12-31",
    "2024-02-29",
    "2023-02-29",
    "2026-12-31",
    "9999-12-31",
    "10000-01-01",
    "0000-01-01T00:00:00Z",
    "0001-01-01T00:00:00.000Z",
    "9999-12-31T23:59:59.999Z",
    "2026-03-01T24:00:00Z",
    "2026-03-02T09:00:00.123456789Z",
    "2026-03-02T09:00:00+14:00",
    "+275760-09-13T00:00:00.000Z",
  ),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
);

const edgeNumber = fc.oneof(
  fc.constantFrom(-0, 0.5, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 53 - 1, 2 ** 53, -(2 ** 53), 1e308, 5e-324, 1e-131),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.maxSafeInteger(),
);

/** One value for any field: ordinary JSON, or an edge. */
export const fieldValue = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom("2026-02-31", "https://x.example/a?token=1", "", " ", -1, 0, 1, "tsk_x", "usr_host"),
  fc.constantFrom(
    "http://169.254.169.254/",
    "javascript:alert(1)",
    "s3://b/k?X-Amz-Signature=1",
    "https://example.com/#access_token=1",
  ),
  longString,
  edgeDate,
  edgeNumber,
  deep,
);

/** The request body as text, deep markers written out where they stand. */
export function bodyText(payload: unknown): string {
  const deepValues: Deep[] = [];
  const text = JSON.stringify(payload, (_key, value) => {
    if (!(value instanceof Deep)) return value;
    deepValues.push(value);
    return `\u0001deep-${deepValues.length - 1}\u0001`;
  });
  return text.replace(/"\\u0001deep-(\d+)\\u0001"/g, (_match, i: string) => (deepValues[Number(i)] as Deep).text());
}
