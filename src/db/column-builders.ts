import { integer, jsonb, timestamp } from "drizzle-orm/pg-core";

/** The column shapes every table shares, named once so each table file reads as plain as the others. */
export const ts = () => timestamp({ withTimezone: true, mode: "date" });
export const created = () => ts().notNull();
export const version = () => integer().notNull().default(1);
export const strings = () => jsonb().$type<string[]>().notNull().default([]);
