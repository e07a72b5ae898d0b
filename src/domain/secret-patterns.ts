import { TOKEN_SECRET_PATTERN } from "./api-token-secret.js";

/** Object keys that name something secret, wherever they appear below a record's own fields. */
const SECRET_KEY = /pass(word)?|secret|token|api[-_]?key|credential|private[-_]?key|authori[sz]ation|cookie|session/i;

/**
 * Values that are credentials by their form, whatever field holds them. No leading word boundary:
 * a prefix such as `E_` or `x` in front of a token must not hide it.
 */
export const SECRET_VALUES: readonly RegExp[] = [
  /AKIA[0-9A-Z]{16}/,
  /-----BEGIN [A-Z ]*PRIVATE KEY/,
  /gh[pousr]_[A-Za-z0-9]{20,}/,
  /xox[abpr]-[A-Za-z0-9-]{10,}/,
  /sk_(live|test)_[A-Za-z0-9]{10,}/,
  /Bearer\s+[A-Za-z0-9._~+/-]{16,}/i,
  /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\./,
  /AIza[0-9A-Za-z_-]{35}/,
  TOKEN_SECRET_PATTERN,
];

/** Whether an object key names something secret (password, token, api key, ...). */
export const isSecretKey = (key: string) => SECRET_KEY.test(key);

/**
 * Whether a text holds something that looks like a credential (access keys, private keys, tokens),
 * as written or once percent-decoded (`we_%65...` in a URL is the same token).
 */
export const looksSecret = (value: string) =>
  [value, percentDecoded(value)].some((text) => SECRET_VALUES.some((pattern) => pattern.test(text)));

function percentDecoded(value: string): string {
  if (!value.includes("%")) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  }
}
