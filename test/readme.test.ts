// README.md describes the repository as it is: its Layout table names every service folder of the pack.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "./cli/golden";

describe("README.md", () => {
    it("the Layout table lists every service folder under policy-pack/", () => {
        const readme = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");
        const row = readme.split("\n").find((l) => l.startsWith("| `policy-pack/<service>/` |"))!;
        const listed = [...row.matchAll(/`([a-z0-9-]+)\/`/g)].map((m) => m[1]);
        const folders = fs
            .readdirSync(path.join(repoRoot, "policy-pack"), { withFileTypes: true })
            .filter((d) => d.isDirectory() && !["lib", "data"].includes(d.name))
            .map((d) => d.name)
            .sort();
        expect(listed).to.deep.equal(folders);
    });
});
