const QUOTE = 0x22;

/**
 * Reads Postgres row literals, as `ROW(...)::text` prints them, field by field: `(a,"b c",,"x""y")`.
 * An empty position is NULL and `""` is the empty string. Inside quotes Postgres doubles `"` and `\`
 * (and reads `\x` as `x`); it quotes any value holding a quote, backslash, comma, parenthesis or
 * whitespace, so an unquoted value runs to the next comma, or to `)` for the last field. Several
 * literals may follow one another, each ended by `separator`.
 */
export class RowLiteralReader {
  #text: string;
  #at = 0;
  #backslash = -1; // the next backslash at or after the read position; Infinity when there is none

  constructor(text: string) {
    this.#text = text;
  }

  get done(): boolean {
    return this.#at >= this.#text.length;
  }

  /** Enters the next literal. */
  open(): void {
    this.#expect("(");
  }

  /** Leaves the literal just read, and the separator after it unless it was the last. */
  close(separator: string): void {
    this.#expect(")");
    if (this.#at < this.#text.length) this.#expect(separator);
  }

  /** The next field; `last` says it is the literal's final one (ended by `)`, not `,`). */
  field(last: boolean): string | null {
    const text = this.#text;
    let value: string | null;
    if (text.charCodeAt(this.#at) === QUOTE) value = this.#quoted();
    else {
      const stop = text.indexOf(last ? ")" : ",", this.#at);
      if (stop < 0) throw new Error(`row literal ends early at ${this.#at}`);
      value = stop === this.#at ? null : text.slice(this.#at, stop);
      this.#at = stop;
    }
    if (!last) this.#expect(",");
    return value;
  }

  #quoted(): string {
    const text = this.#text;
    let value = "";
    let from = this.#at + 1;
    for (;;) {
      const quote = text.indexOf('"', from);
      if (quote < 0) throw new Error(`unterminated quoted field in row literal at ${this.#at}`);
      if (this.#backslash < from) {
        const found = text.indexOf("\\", from);
        this.#backslash = found < 0 ? Number.POSITIVE_INFINITY : found;
      }
      if (this.#backslash < quote) {
        value += text.slice(from, this.#backslash) + text.charAt(this.#backslash + 1);
        from = this.#backslash + 2;
      } else if (text.charCodeAt(quote + 1) === QUOTE) {
        value += text.slice(from, quote + 1);
        from = quote + 2;
      } else {
        this.#at = quote + 1;
        return value + text.slice(from, quote);
      }
    }
  }

  #expect(char: string): void {
    if (this.#text[this.#at] !== char) {
      throw new Error(`malformed row literal: expected ${JSON.stringify(char)} at ${this.#at}`);
    }
    this.#at++;
  }
}
