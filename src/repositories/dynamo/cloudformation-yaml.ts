import { readFileSync } from "node:fs";
import { parse, type Tags, type YAMLMap, type YAMLSeq } from "yaml";

const SHORT_FORMS: Record<string, string> = {
  Ref: "Ref",
  Condition: "Condition",
  Sub: "Fn::Sub",
  GetAtt: "Fn::GetAtt",
  Join: "Fn::Join",
  Select: "Fn::Select",
  Split: "Fn::Split",
  If: "Fn::If",
  Equals: "Fn::Equals",
  Not: "Fn::Not",
  And: "Fn::And",
  Or: "Fn::Or",
  FindInMap: "Fn::FindInMap",
  Base64: "Fn::Base64",
  ImportValue: "Fn::ImportValue",
  GetAZs: "Fn::GetAZs",
  Cidr: "Fn::Cidr",
};

/** CloudFormation's short-form tags (`!Ref X`, `!Sub "..."`, `!GetAtt A.Arn`) as their long forms. */
const CLOUDFORMATION_TAGS: Tags = Object.entries(SHORT_FORMS).flatMap(([short, long]) => [
  {
    tag: `!${short}`,
    resolve: (value: string) => ({ [long]: short === "GetAtt" ? value.split(".") : value }),
  },
  { tag: `!${short}`, collection: "seq" as const, resolve: (seq: YAMLSeq) => ({ [long]: seq.toJSON() }) },
  { tag: `!${short}`, collection: "map" as const, resolve: (map: YAMLMap) => ({ [long]: map.toJSON() }) },
]) as unknown as Tags;

export type Template = {
  Resources: Record<
    string,
    { Type: string; DeletionPolicy?: string; UpdateReplacePolicy?: string; Properties: Record<string, unknown> }
  >;
  [section: string]: unknown;
};

export function parseTemplate(text: string): Template {
  return parse(text, { customTags: CLOUDFORMATION_TAGS }) as Template;
}

export const TEMPLATE_PATH = new URL("../../../infra/template.yaml", import.meta.url);

export function readTemplate(): Template {
  return parseTemplate(readFileSync(TEMPLATE_PATH, "utf8"));
}
