// The audit's verdicts are the analyzer server's: every fixture export, read as the audit reads
// it, is replayed through one pack process started as the Pulumi CLI starts it, and must get
// exactly the runner's diagnostics (waivers included). Creation times are left out on both sides:
// the analyzer protocol does not carry them.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { parseExport } from "../../cli/audit/exports";
import { PolicyPackConfigFile } from "../../policy-pack/lib/config";
import { Diagnostic, runPolicies } from "../../policy-pack/lib/runner";
import { policies } from "../../policy-pack/policies";
import { PolicyPackServer } from "../harness/cli-harness";
import { exportsDir, repoRoot } from "./golden";

function comparable(diagnostics: Diagnostic[]): string[] {
    return diagnostics
        .map((d) => JSON.stringify({ policyName: d.policyName, urn: d.urn, phase: d.phase, enforcementLevel: d.enforcementLevel, severity: d.severity, message: d.message }))
        .sort();
}

describe("differential: audit fixtures through the real analyzer server", function () {
    this.timeout(120000);
    let pack: PolicyPackServer | undefined;

    before(async () => {
        pack = await PolicyPackServer.start({ dryRun: false });
    });

    after(async () => {
        await pack?.close();
    });

    const waivers = JSON.parse(fs.readFileSync(path.join(repoRoot, exportsDir, "config", "waivers.json"), "utf8")) as PolicyPackConfigFile;
    const cases: [string, PolicyPackConfigFile][] = [
        ["reference.json", {}],
        ["violations.json", {}],
        ["violations.json", waivers],
        ["plaintext-secrets.json", {}],
        ["ciphertext-secrets.json", {}],
        ["deleted-and-pending.json", {}],
    ];
    for (const [file, config] of cases) {
        it(`${file}${config === waivers ? " with waivers" : ""}`, async () => {
            const stackExport = parseExport(file, fs.readFileSync(path.join(repoRoot, exportsDir, file), "utf8"));
            const runner = await runPolicies(policies, stackExport.resources, { config, created: {} });
            await pack!.configure(config);
            const server = await pack!.run(stackExport.resources);
            expect(comparable(server.diagnostics)).to.deep.equal(comparable(runner.diagnostics));
            if (file === "reference.json") {
                // The reference stack's state passes every policy: agreement there is agreement on nothing found.
                expect(runner.diagnostics.map((d) => `${d.policyName} ${d.urn}`)).to.deep.equal([]);
            } else {
                expect(runner.diagnostics.length, "the fixture exercises the policies").to.be.greaterThan(0);
            }
        });
    }

    it("left the pack nothing to say on stdout, stderr or the engine log", () => {
        expect({ stdout: pack!.stdout, stderr: pack!.stderr, engineLogs: pack!.engineLogs }).to.deep.equal({ stdout: [], stderr: "", engineLogs: [] });
    });
});
