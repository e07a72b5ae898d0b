import { mkdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { serve } from "@hono/node-server";
import { createLogger } from "../src/log/logger.js";
import { BENCH_BACKENDS } from "./backends.js";
import { benchApp } from "./bench-app.js";
import { seedHttpBench } from "./http-seed.js";

/**
 * The server `npm run bench -- http` loads, in a process of its own as in production: it seeds the
 * chosen backend, serves on a free loopback port, prints `{url, data}` as its first line, and closes
 * everything on SIGTERM. With BENCH_PROFILE=<dir> it writes a CPU profile of the serving alone there.
 */
const name = process.argv[2] as keyof typeof BENCH_BACKENDS;
const backend = BENCH_BACKENDS[name]();
const seeded = await backend.open();
const data = await seedHttpBench(seeded);
const repo = (await backend.settle?.(seeded)) ?? seeded;
const app = benchApp(repo, backend.name, createLogger("info"));
const profiler = process.env.BENCH_PROFILE ? await startProfiler() : undefined;
const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
await new Promise((resolve) => server.once("listening", resolve));
process.stdout.write(
  `${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, data })}\n`,
);
process.once("SIGTERM", () => {
  server.close(async () => {
    await profiler?.stop(join(process.env.BENCH_PROFILE ?? ".", `${name}.cpuprofile`));
    await repo.close();
    await backend.cleanup?.();
    await backend.shutdown?.();
    process.exit(0);
  });
});

/** The V8 CPU profiler over the requests only, not the seeding before them. */
async function startProfiler() {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  return {
    async stop(file: string) {
      const { profile } = await session.post("Profiler.stop");
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(profile));
    },
  };
}
