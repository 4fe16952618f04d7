// Tables of named cases for one policy: each case is a set of resources (usually the compliant
// baseline with one change) and the exact findings of that policy on it.
import { expect } from "chai";
import { BaselinePolicy } from "../../policy-pack/lib/policy";
import { policies } from "../../policy-pack/policies";
import { ResourceState, RunOptions, runPolicies } from "../../policy-pack/lib/runner";
import { PolicyPackConfigFile } from "../../policy-pack/lib/config";

/** One expected finding: on which resource (by name), with which message id, at which level. */
export interface Expected {
    on: string;
    /** A message id of the policy, or "undecided" for the advisory "can't run … during preview". */
    id: string;
    level?: "mandatory" | "advisory";
}

export interface Case {
    name: string;
    resources: ResourceState[];
    expect: Expected[];
    /** Resources (by name) on which the policy must say it does not apply. */
    notApplicable?: string[];
    config?: PolicyPackConfigFile;
}

/** A case of a table with the policy it is about; the differential test replays them all through the real server. */
export interface RegisteredCase {
    policy: BaselinePolicy;
    case: Case;
}

/** Every case `caseTable` has declared in this process, in declaration order. */
export const registeredCases: RegisteredCase[] = [];

export async function findings(policy: BaselinePolicy, resources: ResourceState[], options: RunOptions = {}) {
    const result = await runPolicies(policies, resources, { ...options, config: caseConfig(policy, options.config) });
    const byUrn = new Map(resources.map((r) => [r.urn, r.name ?? r.urn]));
    const got = result.diagnostics
        .filter((d) => d.policyName === policy.name)
        .map((d) => ({ on: d.urn ? byUrn.get(d.urn) ?? d.urn : "(stack)", id: d.messageId ?? "undecided", level: d.enforcementLevel }));
    const notApplicable = result.notApplicable.filter((n) => n.policyName === policy.name && n.urn).map((n) => byUrn.get(n.urn!)!);
    return { got: sortFindings(got), notApplicable: [...new Set(notApplicable)].sort(), result };
}

/** Runs every case of the table as its own mocha test. */
export function caseTable(policy: BaselinePolicy, cases: Case[]): void {
    describe(policy.name, () => {
        for (const c of cases) {
            registeredCases.push({ policy, case: c });
            it(c.name, async () => {
                const { got, notApplicable } = await findings(policy, c.resources, { config: c.config });
                const defaultLevel = policy.enforcementLevel === "advisory" ? "advisory" : "mandatory";
                const want = sortFindings(c.expect.map((e) => ({ on: e.on, id: e.id, level: e.level ?? (e.id === "undecided" ? "advisory" : defaultLevel) })));
                expect(got).to.deep.equal(want);
                if (c.notApplicable) {
                    expect(notApplicable).to.deep.equal([...c.notApplicable].sort());
                }
            });
        }
    });
}

/** The case's config with every other policy disabled, so a case sees only the policy under test. */
export function caseConfig(policy: BaselinePolicy, config: PolicyPackConfigFile = {}): PolicyPackConfigFile {
    const result: PolicyPackConfigFile = {};
    for (const p of policies) {
        result[p.name] = p.name === policy.name ? config[p.name] ?? {} : "disabled";
    }
    return result;
}

function sortFindings<T extends { on: string; id: string; level: string }>(list: T[]): T[] {
    return [...list].sort((a, b) => `${a.on}|${a.id}|${a.level}`.localeCompare(`${b.on}|${b.id}|${b.level}`));
}
