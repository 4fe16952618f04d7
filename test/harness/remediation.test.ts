// Remediation through the real analyzer server: the built pack, started as the CLI starts it and
// configured with each case's level, answers Remediate with the properties the engine then
// analyzes. The runner (in process) must remediate the same properties and report the same
// findings, and the server must answer a remediating policy at `mandatory` without a fix.
import { expect } from "chai";
import { describeChange } from "../../policy-pack/lib/remediation";
import { RunResult, runPolicies } from "../../policy-pack/lib/runner";
import { policies } from "../../policy-pack/policies";
import { cases, resourcesOf } from "../lib/remediation-cases";
import { PackRun, PolicyPackServer } from "./cli-harness";

/** A value with its object keys sorted: a protobuf Struct orders keys, the program's objects need not. */
function canonical(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(canonical);
    }
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
    }
    return value;
}

/** What both sides must agree on: each remediation's changes, and each finding with its level and text. */
function outcome(run: PackRun | RunResult) {
    return {
        remediations: run.remediations.map((r) => `${r.policyName} ${r.urn}: ${r.changes.map((c) => describeChange({ path: c.path, from: canonical(c.from), to: canonical(c.to) })).sort().join("; ")}`),
        findings: run.diagnostics.map((d) => `${d.policyName} ${d.urn ?? "(stack)"} ${d.enforcementLevel}: ${d.message}`).sort(),
    };
}

describe("remediation through the analyzer server", function () {
    let pack: PolicyPackServer;

    before(async function () {
        pack = await PolicyPackServer.start();
    });

    after(async function () {
        await pack?.close();
    });

    for (const c of cases) {
        it(`${c.policy}: ${c.name}`, async function () {
            const config = { all: "disabled" as const, [c.policy]: c.level ?? "remediate" };
            const { resources } = resourcesOf(c);
            await pack.configure(config);
            const served = await pack.run(resources);
            const inProcess = await runPolicies(policies, resources, { config });
            expect(outcome(served)).to.deep.equal(outcome(inProcess));
            expect(served.remediations.flatMap((r) => r.changes.map(describeChange)).length).to.equal(c.changes.length);
        });
    }
});
