import { z } from "zod";

/** A UI component that applies to a bundle now, as `GET /api/bundles/{id}/ui` lists it. */
export const ShownUiComponent = z.object({
  componentId: z.string(),
  priority: z.number().int(),
  context: z.record(z.string(), z.unknown()),
});
export type ShownUiComponent = z.infer<typeof ShownUiComponent>;

/** A component whose condition could not be evaluated (or gave no boolean): left out, saying why. */
export const SkippedUiComponent = z.object({ componentId: z.string(), reason: z.string() });
export type SkippedUiComponent = z.infer<typeof SkippedUiComponent>;

/** The components of a bundle's workflow version that apply, by priority (lower first), then declaration order. */
export const BundleUi = z.object({
  bundleId: z.string(),
  components: z.array(ShownUiComponent),
  skipped: z.array(SkippedUiComponent),
});
export type BundleUi = z.infer<typeof BundleUi>;
