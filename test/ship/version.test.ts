// One version, in the three places users and Pulumi Cloud read it: package.json (what npm
// publishes and what the pack reports), PulumiPolicy.yaml (which overrides it for
// `pulumi policy publish`, so a mismatch would publish under another number) and the changelog.
import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import { parse } from "yaml";
import { policies } from "../../policy-pack/policies";

/** This file runs from dist/test/ship. */
const repoRoot = path.resolve(__dirname, "..", "..", "..");

const read = (file: string) => fs.readFileSync(path.join(repoRoot, file), "utf8");
const version: string = JSON.parse(read("package.json")).version;

describe("the package version", function () {
    it("is the same in package.json and PulumiPolicy.yaml", function () {
        expect(parse(read("PulumiPolicy.yaml")).version).to.equal(version);
    });

    it("has a section in CHANGELOG.md that names every policy shipped so far", function () {
        const changelog = read("CHANGELOG.md");
        expect(changelog).to.match(new RegExp(`^## ${version.replace(/\./g, "\\.")}\\b`, "m"));
        const unnamed = policies.map((p) => p.name).filter((name) => !changelog.includes(`\`${name}\``));
        expect(unnamed, "add these policies to the changelog").to.deep.equal([]);
    });
});
