import { z } from "zod";

/** Shared field shapes used by several entities. */
export const HttpUrl = z
  .string()
  .trim()
  .refine((value) => /^https?:\/\/[^\s]+$/i.test(value) && URL.canParse(value), "expected an http(s) URL");

/** A link field: blank (after trimming) means "no link yet"; otherwise an http(s) URL. */
export const OptionalLink = z
  .string()
  .trim()
  .refine(
    (value) => value === "" || (/^https?:\/\/[^\s]+$/i.test(value) && URL.canParse(value)),
    "expected an http(s) URL or blank",
  );

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
