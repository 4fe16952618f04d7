// Remediation at enforcement level `remediate`, through the runner (which calls each policy's
// remediateResource as the analyzer server does, before Analyze): each fix changes exactly the
// properties named, Analyze then judges the fixed resource, and what no safe fix covers stays
// mandatory. A fix never touches an unknown value, a waived resource, or a policy at another level.
import { expect } from "chai";
import { policies } from "../../policy-pack/policies";
import { applyChanges, describeChange, diffProperties, plaintext } from "../../policy-pack/lib/remediation";
import { runPolicies } from "../../policy-pack/lib/runner";
import { cases, key, resourcesOf } from "./remediation-cases";
import { resource } from "./fixtures";

const Secret: new (value: unknown) => { value: unknown } = require("@pulumi/policy/policy").Secret;

describe("remediation at enforcement level remediate", function () {
    for (const c of cases) {
        it(`${c.policy}: ${c.name}`, async function () {
            const policy = policies.find((p) => p.name === c.policy)!;
            const { subject: target, resources } = resourcesOf(c);
            const result = await runPolicies([policy], resources, { config: { [c.policy]: c.level ?? "remediate" } });
            const changes = result.remediations.flatMap((r) => r.changes.map(describeChange));
            expect(changes.sort()).to.deep.equal([...c.changes].sort());
            expect(result.remediations.every((r) => r.policyName === c.policy && r.urn === target.urn)).to.equal(true);
            const left = result.diagnostics.filter((d) => d.enforcementLevel === "mandatory").map((d) => d.messageId);
            expect(left.sort()).to.deep.equal([...c.left].sort());
        });
    }

    it("a resource whose waiver tag excuses the policy is left as declared", async function () {
        const policy = policies.find((p) => p.name === "kms-key-rotation-enabled")!;
        const tagged = resource(key, "kept", { enableKeyRotation: false, tags: { "secure-baseline:waive:kms-key-rotation-enabled": "until 2999-01-01: imported key material rotated by hand" } });
        const result = await runPolicies([policy], [tagged], { config: { "kms-key-rotation-enabled": "remediate" } });
        expect(result.remediations).to.deep.equal([]);
        expect(result.diagnostics.map((d) => [d.messageId, d.enforcementLevel])).to.deep.equal([["rotationDisabled", "advisory"]]);
    });

    it("every policy either declares a safe fix or says why it has none", function () {
        const silent = policies.filter((p) => p.remediation === undefined && (p.noRemediation ?? "") === "").map((p) => p.name);
        expect(silent).to.deep.equal([]);
    });

    it("a change under a secret keeps the secret, and the fix reads its plaintext", function () {
        const props = { domainEndpointOptions: new Secret({ enforceHttps: false, customEndpoint: "search.example.com" }) };
        expect(plaintext(props)).to.deep.equal({ domainEndpointOptions: { enforceHttps: false, customEndpoint: "search.example.com" } });
        const fixed = applyChanges(props, [{ path: ["domainEndpointOptions", "enforceHttps"], value: true }]);
        expect(fixed.domainEndpointOptions).to.be.instanceOf(Secret);
        expect((fixed.domainEndpointOptions as { value: unknown }).value).to.deep.equal({ enforceHttps: true, customEndpoint: "search.example.com" });
        expect((props.domainEndpointOptions as { value: { enforceHttps: boolean } }).value.enforceHttps).to.equal(false);
        expect(diffProperties(plaintext(props), plaintext(fixed)).map(describeChange)).to.deep.equal(["domainEndpointOptions.enforceHttps: false → true"]);
    });
});
