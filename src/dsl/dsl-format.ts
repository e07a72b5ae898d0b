/** The two spellings of the workflow DSL: YAML (what content/ holds) and JSON. */
export const DSL_FORMATS = ["yaml", "json"] as const;
export type DslFormat = (typeof DSL_FORMATS)[number];

export function isDslFormat(value: string): value is DslFormat {
  return (DSL_FORMATS as readonly string[]).includes(value);
}

/** A `.json` file is JSON; anything else is read as YAML. */
export function dslFormatOf(path: string): DslFormat {
  return /\.json$/i.test(path) ? "json" : "yaml";
}
