import { z } from "zod";
import { uriField } from "./uri-policy.js";

/** Shared field shapes used by several entities. */

/** A link a person or an http request may follow: http(s), a public host, nothing signed (./uri-policy.ts). */
export const HttpUrl = uriField("link");

/** A link field: blank (after trimming) means "no link yet"; otherwise an http(s) URL, as `HttpUrl`. */
export const OptionalLink = uriField("link", { blankAllowed: true });

export const Tag = z.string().trim().min(1).max(64);
export const Tags = z.array(Tag).max(50);

export const Reference = z.strictObject({ name: z.string().trim().min(1).max(200), url: HttpUrl });
export type Reference = z.infer<typeof Reference>;

/** A named link a bundle must carry; `url` is "" while it is still a placeholder. */
export const BundleLink = z.strictObject({
  name: z.string().trim().min(1).max(100),
  url: OptionalLink,
  required: z.boolean(),
});
export type BundleLink = z.infer<typeof BundleLink>;

export const Version = z.number().int().min(1);
