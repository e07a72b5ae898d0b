import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { AllowedHostList, isAllowedHost } from "../../src/engine/actions/http-allowed-hosts.js";

const hosts = (text: string) => AllowedHostList.parse(text);
const allowed = (url: string, list: string) => isAllowedHost(new URL(url), hosts(list));

describe("HTTP_ACTION_ALLOWED_HOSTS", () => {
  it("allows nothing when unset or empty", () => {
    expect(loadConfig({}).engine.httpAllowedHosts).toEqual([]);
    expect(loadConfig({ HTTP_ACTION_ALLOWED_HOSTS: "" }).engine.httpAllowedHosts).toEqual([]);
    expect(allowed("https://api.example.com/", "")).toBe(false);
  });

  it("reads comma-separated hosts and host:port, normalised as URLs write them", () => {
    const config = loadConfig({ HTTP_ACTION_ALLOWED_HOSTS: " API.Example.com , hooks.example.org:8443,[::1]:80," });
    expect(config.engine.httpAllowedHosts).toEqual(["api.example.com", "hooks.example.org:8443", "[::1]:80"]);
  });

  it("stops start-up on an entry that is not a host, naming the variable", () => {
    for (const bad of ["https://api.example.com", "api.example.com/path", "*.example.com", "a.com:0", "a.com:70000"])
      expect(() => loadConfig({ HTTP_ACTION_ALLOWED_HOSTS: bad }), bad).toThrow(/HTTP_ACTION_ALLOWED_HOSTS/);
  });

  it("matches a bare host on the scheme's default port only, and host:port on that port only", () => {
    expect(allowed("https://api.example.com/v1", "api.example.com")).toBe(true);
    expect(allowed("http://api.example.com:80/v1", "api.example.com")).toBe(true);
    expect(allowed("https://api.example.com:8443/v1", "api.example.com")).toBe(false);
    expect(allowed("https://hooks.example.org:8443/", "hooks.example.org:8443")).toBe(true);
    expect(allowed("https://hooks.example.org/", "hooks.example.org:8443")).toBe(false);
    expect(allowed("http://hooks.example.org:443/", "hooks.example.org:443")).toBe(true);
  });

  it("compares hosts as parsed, so other spellings of an address neither pass nor miss", () => {
    expect(allowed("http://0x7f.1:8080/", "127.0.0.1:8080")).toBe(true);
    expect(allowed("http://127.0.0.1:8080/", "2130706433:8080")).toBe(true);
    expect(allowed("http://localhost:8080/", "127.0.0.1:8080")).toBe(false);
    expect(allowed("https://API.example.com./", "api.example.com")).toBe(true);
    expect(allowed("https://api.example.com.evil.test/", "api.example.com")).toBe(false);
    expect(allowed("https://evil.test/?api.example.com", "api.example.com")).toBe(false);
  });
});
