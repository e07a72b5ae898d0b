import { TOKEN_SECRET_PATTERN } from "./api-token-secret.js";

/** Object keys that name something secret, wherever they appear below a record's own fields. */
const SECRET_KEY = /pass(word)?|secret|token|api[-_]?key|credential|private[-_]?key|authori[sz]ation|cookie|session/i;

/** Values that are credentials by their form, whatever field holds them. */
export const SECRET_VALUES: readonly RegExp[] = [
  /AKIA[0-9A-Z]{16}/,
  /-----BEGIN [A-Z ]*PRIVATE KEY/,
  /\bgh[pousr]_[A-Za-z0-9]{20,}/,
  /\bxox[abpr]-[A-Za-z0-9-]{10,}/,
  /\bsk_(live|test)_[A-Za-z0-9]{10,}/,
  /\bBearer\s+[A-Za-z0-9._~+/-]{16,}/i,
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\./,
  TOKEN_SECRET_PATTERN,
];

/** Whether an object key names something secret (password, token, api key, ...). */
export const isSecretKey = (key: string) => SECRET_KEY.test(key);

/** Whether a text holds something that looks like a credential (access keys, private keys, tokens). */
export const looksSecret = (value: string) => SECRET_VALUES.some((pattern) => pattern.test(value));
