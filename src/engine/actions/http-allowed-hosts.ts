import { z } from "zod";

/*
 * Where `http.request` may send: HTTP_ACTION_ALLOWED_HOSTS, comma-separated `host` or `host:port`.
 * `host` alone allows the scheme's default port (80 for http, 443 for https); `host:port` that port
 * only. Hosts compare as WHATWG URL parsing writes them (lower case, IPv4 in dotted decimal, IPv6
 * bracketed), so `http://0x7f.1/` cannot slip past an entry written `127.0.0.1`, nor the reverse.
 */

const ENTRY = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)(?::(\d{1,5}))?$/;
const MAX_ENTRIES = 100;

const withoutTrailingDots = (host: string) => host.replace(/\.+$/, "");

/** An entry as matching compares it (`host` or `host:port`), or undefined when it is not one. */
function normalised(entry: string): string | undefined {
  const match = ENTRY.exec(entry);
  if (!match || !URL.canParse(`http://${match[1]}/`)) return undefined;
  const host = withoutTrailingDots(new URL(`http://${match[1]}/`).hostname);
  if (host === "") return undefined;
  if (match[2] === undefined) return host;
  const port = Number(match[2]);
  return port >= 1 && port <= 65535 ? `${host}:${port}` : undefined;
}

/** The variable's text as a list of normalised entries; empty or unset allows nothing. */
export const AllowedHostList = z
  .string()
  .max(10_000)
  .optional()
  .transform((text, issue) => {
    const entries = (text ?? "")
      .split(",")
      .map((e) => e.trim())
      .filter((e) => e !== "");
    if (entries.length > MAX_ENTRIES) issue.addIssue({ code: "custom", message: `at most ${MAX_ENTRIES} hosts` });
    const hosts: string[] = [];
    for (const entry of entries) {
      const host = normalised(entry);
      if (host === undefined)
        issue.addIssue({ code: "custom", message: `'${entry.slice(0, 100)}' is not a host or host:port` });
      else if (!hosts.includes(host)) hosts.push(host);
    }
    return hosts;
  });

/** Whether `url` (http or https) names an allowed host and port. */
export function isAllowedHost(url: URL, allowed: readonly string[]): boolean {
  const host = withoutTrailingDots(url.hostname.toLowerCase());
  const port = url.port === "" ? (url.protocol === "https:" ? 443 : 80) : Number(url.port);
  return allowed.includes(`${host}:${port}`) || (url.port === "" && allowed.includes(host));
}
