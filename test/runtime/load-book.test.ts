import { describe, expect, it } from "vitest";
import { LoadBook } from "../../src/runtime/load-book.js";

describe("LoadBook", () => {
  it("tells each repository the loads in the others, by repository", () => {
    const book = new LoadBook();
    book.record("acme/site", { alice: 3, bob: 1 });
    book.record("Globex/Shop", { Alice: 1, carol: 0 });
    expect(book.elsewhere("acme/site")).toEqual({ alice: { "Globex/Shop": 1 } });
    expect(book.elsewhere("globex/shop")).toEqual({ alice: { "acme/site": 3 }, bob: { "acme/site": 1 } });
    expect(book.elsewhere("initech/app")).toEqual({ alice: { "acme/site": 3, "Globex/Shop": 1 }, bob: { "acme/site": 1 } });
  });

  it("replaces a repository's counts when it is listed again, and adjusts them between listings", () => {
    const book = new LoadBook();
    book.record("acme/site", { alice: 3 });
    book.adjust("acme/site", "alice", 1);
    book.adjust("acme/site", "bob", 1);
    expect(book.elsewhere("x/y")).toEqual({ alice: { "acme/site": 4 }, bob: { "acme/site": 1 } });
    book.adjust("acme/site", "bob", -1);
    book.adjust("acme/site", "carol", -1);
    expect(book.elsewhere("x/y")).toEqual({ alice: { "acme/site": 4 } });
    book.record("acme/site", { bob: 2 });
    expect(book.elsewhere("x/y")).toEqual({ bob: { "acme/site": 2 } });
  });
});
