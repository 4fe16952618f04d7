// The benchmark's generator and audit on a small export, so that the benchmark cannot rot: each
// copy in the synthetic export is a renamed copy of its fixture, so the audit must report on each
// copy exactly what it reports on the fixture itself, and nothing on the padding.
import { expect } from "chai";
import * as path from "path";
import { audit, AuditResult, Finding } from "../../cli/audit/audit";
import { parseExport, readExports } from "../../cli/audit/exports";
import { policies } from "../../policy-pack/policies";
import { defaultFixturesDir, defaultMix, generateExportText, interlinkedMix } from "../../bench/generate";

const key = (f: Finding, urn: string | null) => `${f.policyName}|${urn ?? "<stack>"}|${f.enforcementLevel}|${f.messageId ?? ""}`;

async function auditFixture(name: string): Promise<AuditResult> {
    return audit(policies, readExports([path.join(defaultFixturesDir, `${name}.json`)]));
}

describe("bench: synthetic exports", function () {
    this.timeout(120000);

    const size = 300;
    const { text, generated } = generateExportText({ resources: size });
    let result: AuditResult;
    const fixtures = new Map<string, AuditResult>();

    before(async () => {
        result = await audit(policies, [parseExport("bench.json", text)]);
        for (const t of defaultMix) {
            fixtures.set(t.name, await auditFixture(t.name));
        }
    });

    it("holds exactly the resources asked for, every template of the mix and unique URNs", () => {
        const resources = JSON.parse(text).deployment.resources as { urn: string }[];
        expect(resources).to.have.length(size);
        expect(generated.resources).to.equal(size);
        expect(new Set(resources.map((r) => r.urn)).size).to.equal(size);
        for (const t of defaultMix) {
            expect(generated.copies.filter((c) => c.template === t.name), t.name).to.not.be.empty;
        }
    });

    it("reports on every copy what the audit of its fixture reports, and nothing else", () => {
        const expected: string[] = [];
        for (const copy of generated.copies) {
            for (const f of fixtures.get(copy.template)!.violations) {
                expect(f.urn, `${copy.template}: a finding on the stack as a whole`).to.not.equal(null);
                expect(copy.urns.has(f.urn!), `${copy.template}: finding on ${f.urn}`).to.equal(true);
                expected.push(key(f, copy.urns.get(f.urn!)!));
            }
        }
        const actual = result.violations.map((f) => key(f, f.urn));
        expect(actual.sort()).to.deep.equal(expected.sort());
        // The insecure fixture's findings do show up: the comparison is not between empty lists.
        expect(result.violations.length).to.be.greaterThan(0);
    });

    it("evaluates each copy's resources as its fixture's, and no policy on the padding", () => {
        const perResource = (r: AuditResult) => r.evaluations.filter((e) => e.urn !== null).length;
        let expected = 0;
        for (const copy of generated.copies) {
            const fixture = fixtures.get(copy.template)!;
            expected += fixture.evaluations.filter((e) => e.urn !== null && copy.urns.has(e.urn)).length;
        }
        expect(perResource(result)).to.equal(expected);
        const padding = new Set(generated.padding);
        expect(result.evaluations.filter((e) => e.urn !== null && padding.has(e.urn))).to.deep.equal([]);
    });

    it("keeps the secrets of the secret-holding copies secret", () => {
        const fixtureSecrets = readExports([path.join(defaultFixturesDir, "plaintext-secrets.json")])[0].secrets;
        const expected = new Set(generated.copies.filter((c) => c.template === "plaintext-secrets").flatMap((c) => fixtureSecrets.map(c.rename)));
        const secrets = result.stacks[0].export.secrets;
        expect([...secrets].sort()).to.deep.equal([...expected].sort());
        const messages = result.violations.map((f) => f.message).join("\n");
        for (const s of secrets.filter((s) => s.length >= 4)) {
            expect(messages).to.not.include(s);
        }
    });
});

describe("bench: the interlinked mix", function () {
    this.timeout(120000);

    const size = 500;
    const { text, generated } = generateExportText({ resources: size, mix: interlinkedMix });
    const resources = JSON.parse(text).deployment.resources as { urn: string; type: string; inputs?: Record<string, unknown>; propertyDependencies?: Record<string, string[]> }[];
    const byUrn = new Map(resources.map((r) => [r.urn, r]));

    it("holds the shared resources once and every copy's own resources, with unique URNs", () => {
        expect(resources).to.have.length(size);
        expect(new Set(resources.map((r) => r.urn)).size).to.equal(size);
        expect(generated.copies.length).to.be.greaterThan(5);
        for (const shared of [...interlinkedMix[0].shared!, "aws:iam/policy:Policy::estate-tracing"]) {
            expect(resources.filter((r) => `${r.type}::${r.urn.split("::").pop()!.replace(/^reference-/, "")}` === shared), shared).to.have.length(1);
        }
    });

    it("makes the copies refer to the shared resources: the load balancers' group, the rules' group, the roles' attached policy", () => {
        const dependencyTypes = (type: string, prop: string) => new Set(resources.filter((r) => r.type === type).flatMap((r) => r.propertyDependencies?.[prop] ?? []));
        const groups = dependencyTypes("aws:lb/loadBalancer:LoadBalancer", "securityGroups");
        expect([...groups]).to.have.length(1);
        expect(byUrn.get([...groups][0])!.type).to.equal("aws:ec2/securityGroup:SecurityGroup");
        expect([...dependencyTypes("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "securityGroupId")]).to.deep.equal([...groups]);
        expect(resources.filter((r) => r.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")).to.have.length(4 * generated.copies.length);
        const attachments = resources.filter((r) => r.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment");
        expect(attachments).to.have.length(generated.copies.length);
        expect(new Set(attachments.map((a) => a.inputs!.policyArn)).size).to.equal(1);
        expect(new Set(attachments.map((a) => a.inputs!.role)).size).to.equal(generated.copies.length);
    });

    it("is compliant: the audit finds nothing", async () => {
        const result = await audit(policies, [parseExport("interlinked.json", text)]);
        expect(result.violations.map((f) => `${f.policyName} ${f.urn}: ${f.message}`)).to.deep.equal([]);
        expect(result.evaluations.length).to.be.greaterThan(size / 2);
    });
});
