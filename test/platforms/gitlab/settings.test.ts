import { describe, expect, it } from "vitest";
import { GitLabSettingsError, isWithinScope, parseWebhookSecrets, readGitLabSettings } from "../../../src/platforms/gitlab/settings.js";
import { admit, gitLabTenant, matchSecrets } from "../../../src/platforms/gitlab/webhook.js";

describe("GITLAB_WEBHOOK_SECRET", () => {
  it("keeps a single secret exactly as before: valid for every project", () => {
    expect(readGitLabSettings({ GITLAB_TOKEN: "t", GITLAB_WEBHOOK_SECRET: "hook-secret" }).webhookSecrets).toEqual([{ secret: "hook-secret" }]);
  });

  it("reads a list of plain and scoped secrets, scopes lower-cased, blanks around entries ignored", () => {
    expect(parseWebhookSecrets("all-secret, Acme:acme-secret ,acme/Clients/Big:big:secret")).toEqual([
      { secret: "all-secret" },
      { scope: "acme", secret: "acme-secret" },
      // The secret is what follows the first colon, colons included.
      { scope: "acme/clients/big", secret: "big:secret" },
    ]);
  });

  it.each([
    ["an empty entry", "a-secret,,another", "GITLAB_WEBHOOK_SECRET entry 2 of 3 is empty"],
    ["a trailing comma", "a-secret,", "GITLAB_WEBHOOK_SECRET entry 2 of 2 is empty"],
    ["an empty scope", ":secret-1", 'GITLAB_WEBHOOK_SECRET: what comes before ":" must be a group path such as acme or acme/clients'],
    ["a scope with a blank", "acme corp:secret-2", 'GITLAB_WEBHOOK_SECRET: what comes before ":" must be a group path such as acme or acme/clients'],
    ["a scope with an empty segment", "x,acme//site:secret-3", 'GITLAB_WEBHOOK_SECRET entry 2 of 2: what comes before ":" must be a group path such as acme or acme/clients'],
    ["a scope ending in a slash", "acme/:secret-4", 'GITLAB_WEBHOOK_SECRET: what comes before ":" must be a group path such as acme or acme/clients'],
    ["a scope without a secret", "acme:", "GITLAB_WEBHOOK_SECRET has no secret after its group path"],
  ])("refuses %s at start, naming the entry by position and never quoting it", (_name, value, message) => {
    const read = () => readGitLabSettings({ GITLAB_TOKEN: "t", GITLAB_WEBHOOK_SECRET: value });
    expect(read).toThrow(new GitLabSettingsError(message));
    for (const secret of value.split(/[,:]/u).filter((part) => part.startsWith("secret"))) expect(message).not.toContain(secret);
  });

  it.each([
    ["acme/site", "acme", true],
    ["ACME/Site", "acme", true],
    ["acme/clients/site", "acme/clients", true],
    ["acme/site", "acme/site", true],
    ["acme-corp/site", "acme", false],
    ["acme/clientsx/site", "acme/clients", false],
    ["beta/site", "acme", false],
    ["acme", "acme/site", false],
    ["anything/at/all", undefined, true],
  ])("places %s under scope %s: %s", (path, scope, within) => {
    expect(isWithinScope(path, scope)).toBe(within);
  });
});

describe("admitting a delivery by its token", () => {
  const secrets = [{ secret: "all" }, { scope: "acme", secret: "shared" }, { scope: "beta", secret: "shared" }, { scope: "beta", secret: "beta-only" }];

  it("compares the token with every entry, not just until the first match", () => {
    expect(matchSecrets("shared", secrets)).toEqual([secrets[1], secrets[2]]);
    expect(matchSecrets("nope", secrets)).toEqual([]);
    expect(matchSecrets(undefined, secrets)).toEqual([]);
  });

  it("admits a secret for every project anywhere, and a group's only for projects the payload places in that group", () => {
    expect(admit(matchSecrets("all", secrets), "zeta/site")).toEqual({});
    expect(admit(matchSecrets("all", secrets), undefined)).toEqual({});
    expect(admit(matchSecrets("shared", secrets), "beta/site")).toEqual({ scope: "beta" });
    expect(admit(matchSecrets("beta-only", secrets), "Beta/Sub/Site")).toEqual({ scope: "beta" });
    expect(admit(matchSecrets("beta-only", secrets), "acme/site")).toBeUndefined();
    expect(admit(matchSecrets("beta-only", secrets), "beta-corp/site")).toBeUndefined();
    expect(admit(matchSecrets("beta-only", secrets), undefined)).toBeUndefined();
  });

  it("names the fairness unit after the instance and the top-level group the payload names, lower-cased", () => {
    expect(gitLabTenant("https://gitlab.example.test", "Acme/Clients/Site")).toBe("gitlab:https://gitlab.example.test:acme");
    expect(gitLabTenant("https://gitlab.example.test", undefined)).toBe("gitlab:https://gitlab.example.test:(no project)");
  });
});
