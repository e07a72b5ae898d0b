/** How the engine's drivers behave; from the environment (src/config.ts) or a test. */
export type EngineSettings = {
  /** Runs one worker process advances at once; 0 turns the in-process worker off. */
  concurrency: number;
  /** How long a claimed run stays claimed without its worker renewing it: a crashed worker's runs wait this long. */
  leaseMs: number;
  /** How often an idle worker looks for due runs. */
  pollMs: number;
  /** Where `http.request` may send (HTTP_ACTION_ALLOWED_HOSTS, normalised `host` or `host:port`); empty: nowhere. */
  httpAllowedHosts: readonly string[];
};

export const DEFAULT_ENGINE_SETTINGS: EngineSettings = {
  concurrency: 4,
  leaseMs: 60_000,
  pollMs: 1000,
  httpAllowedHosts: [],
};
