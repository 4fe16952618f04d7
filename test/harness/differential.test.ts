// Holds the in-process runner against the real analyzer server: every case of every case table
// is replayed through one pack process started as the Pulumi CLI starts it, with the case's
// config, and must produce exactly the runner's diagnostics and not-applicable answers.
//
// The CLI starts a pack process per preview, and a process keeps the inputs its policies recorded
// at Analyze until it exits (policy-pack/lib/inputs.ts). A case whose Analyze records nothing for a
// resource that an earlier case recorded (its policy has no resource side, say) would see the
// earlier case's inputs, which no fresh process does, so the pack is started afresh before it.
//
// The case tables register their cases while mocha loads the spec files, and mocha loads every
// file before it runs a test, so the registry is complete when the test below runs even though
// this file sorts before most tables.
import { expect } from "chai";
import { policies } from "../../policy-pack/policies";
import { Diagnostic, NotApplicable, recordsInputsAtAnalyze, runPolicies } from "../../policy-pack/lib/runner";
import { caseConfig, registeredCases } from "../lib/cases";
import { PackRun, PolicyPackServer } from "./cli-harness";

/** What the CLI shows of a diagnostic (the message id exists only in the runner). */
function comparable(diagnostics: Diagnostic[]): string[] {
    return diagnostics
        .map((d) => JSON.stringify({ policyName: d.policyName, urn: d.urn, phase: d.phase, enforcementLevel: d.enforcementLevel, severity: d.severity, message: d.message }))
        .sort();
}

function notApplicableByResource(entries: NotApplicable[]): string[] {
    return [...new Set(entries.map((n) => `${n.urn ?? "(stack)"} ${n.policyName}: ${n.reason}`))].sort();
}

async function outcome(run: () => Promise<PackRun>): Promise<{ diagnostics: string[]; notApplicable: string[] } | { error: string }> {
    try {
        const result = await run();
        return { diagnostics: comparable(result.diagnostics), notApplicable: notApplicableByResource(result.notApplicable) };
    } catch (e) {
        return { error: String((e as Error).message ?? e).split("\n")[0] };
    }
}

describe("differential: case tables through the real analyzer server", function () {
    let pack: PolicyPackServer | undefined;
    /** What every pack process closed so far wrote on stdout, stderr and the engine log. */
    const output = { stdout: [] as string[], stderr: "", engineLogs: [] as unknown[] };

    async function close(): Promise<void> {
        if (pack) {
            output.stdout.push(...pack.stdout);
            output.stderr += pack.stderr;
            output.engineLogs.push(...pack.engineLogs);
            await pack.close();
            pack = undefined;
        }
    }

    before(async function () {
        pack = await PolicyPackServer.start();
    });

    after(close);

    it("every registered case gets the runner's findings from the server", async function () {
        if (registeredCases.length === 0) {
            // Run on its own (only this folder), no case table was loaded.
            this.skip();
        }
        this.timeout(180000);
        const mismatches: string[] = [];
        /** The URNs whose inputs the running pack process holds. */
        let recorded = new Set<string>();
        let starts = 1;
        for (const { policy, case: c } of registeredCases) {
            const config = caseConfig(policy, c.config);
            const records = recordsInputsAtAnalyze(policies, config);
            if (c.resources.some((r) => recorded.has(r.urn) && !records(r.type))) {
                await close();
                pack = await PolicyPackServer.start();
                recorded = new Set();
                starts++;
            }
            for (const r of c.resources) {
                if (records(r.type)) {
                    recorded.add(r.urn);
                }
            }
            const expected = await outcome(() => runPolicies(policies, c.resources, { config }));
            const got = await outcome(async () => {
                await pack!.configure(config);
                return pack!.run(c.resources);
            });
            // Both sides failing counts as agreement: the RPC error and the runner's error word the
            // failure differently, and the case's own test reports it.
            if ("error" in expected && "error" in got) {
                continue;
            }
            try {
                expect(got).to.deep.equal(expected);
            } catch {
                mismatches.push(`${policy.name} / ${c.name}\n  runner: ${JSON.stringify(expected)}\n  server: ${JSON.stringify(got)}`);
            }
        }
        const policiesCovered = new Set(registeredCases.map((r) => r.policy.name)).size;
        this.test!.title += ` (${registeredCases.length} cases of ${policiesCovered} policies, ${starts} pack processes)`;
        expect(mismatches, mismatches.join("\n")).to.deep.equal([]);
        await close();
        expect(output).to.deep.equal({ stdout: [], stderr: "", engineLogs: [] });
    });
});
