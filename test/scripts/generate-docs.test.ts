import { expect } from "chai";
import * as fs from "fs";
import { expectedReference, referencePath } from "../../scripts/generate-docs";
import { policies } from "../../policy-pack/policies";
import { docsUrl } from "../../policy-pack/lib/policy";

describe("policy reference (docs/policies.md)", () => {
    it("is in sync with the policies' metadata (run `npm run docs` to regenerate)", () => {
        expect(fs.readFileSync(referencePath, "utf8")).to.equal(expectedReference());
    });

    it("has a section for every policy, which the policy's url points at", () => {
        const text = fs.readFileSync(referencePath, "utf8");
        for (const p of policies) {
            expect(text, p.name).to.contain(`\n### ${p.name}\n`);
            expect(p.url).to.equal(`${docsUrl}#${p.name}`);
        }
    });

    it("documents every policy completely: rationale, remediation, severity, parameter defaults", () => {
        for (const p of policies) {
            expect(p.rationale, p.name).to.match(/\S{3}/);
            expect(p.remediationSteps, p.name).to.match(/\S{3}/);
            expect(p.severity, p.name).to.be.oneOf(["low", "medium", "high", "critical"]);
            for (const [key, schema] of Object.entries(p.configSchema?.properties ?? {})) {
                expect((schema as { default?: unknown }).default, `${p.name}.${key}`).to.not.equal(undefined);
                expect((schema as { description?: string }).description, `${p.name}.${key}`).to.be.a("string");
            }
        }
    });
});
