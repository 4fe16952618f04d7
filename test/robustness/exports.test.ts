// Malformed stack exports through the audit (issue 7): truncated files, wrong types at every level,
// odd values in every input and output, duplicate URNs, references to nothing, cyclic parents,
// unknowns where references go, deep nesting and huge strings. Every entry of the corpus (see
// export-corpus.ts) either gives exit code 0 or 1 and a consistent JSON report, or exit code 2 with
// exactly one line on stderr naming the file and the field; never a stack trace, never a secret.
// Most entries run in process through the command's main(); a subset, and everything huge, runs
// through the installed binary with a timeout, so that a hang fails the test instead of stalling it.
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { InputError, parseExport } from "../../cli/audit/exports";
import { policies } from "../../policy-pack/policies";
import { CliRun, repoRoot, runCli } from "../cli/golden";
import {
    Doc,
    Entry,
    Outcome,
    baseDocument,
    deepEntries,
    exportText,
    liveCount,
    oddValueEntries,
    referenceEntries,
    secretSig,
    sig,
    truncationMessage,
    wrongTypeEntries,
} from "./export-corpus";

const bin = path.join(repoRoot, "bin", "secure-baseline.js");
const policyNames = new Set(policies.map((p) => p.name));

/** The installed command, killed after `timeout` ms: a hang fails the test. */
function runBinary(args: string[], timeout = 60000): CliRun {
    const result = spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, encoding: "utf8", timeout, maxBuffer: 1024 * 1024 * 1024, env: { ...process.env, NO_COLOR: "1" } });
    expect(result.error, `${args.join(" ")}: ${result.error}`).to.equal(undefined);
    expect(result.signal, `${args.join(" ")} was killed (hung?)`).to.equal(null);
    return { code: result.status!, stdout: result.stdout, stderr: result.stderr };
}

/** The plaintext strings of the good export's secrets (none of them may ever be shown). */
function plaintextSecrets(doc: Doc): string[] {
    const found = new Set<string>();
    const strings = (v: unknown): void => {
        if (typeof v === "string") {
            found.add(v);
        } else if (v !== null && typeof v === "object") {
            Object.values(v).forEach(strings);
        }
    };
    const walk = (v: unknown): void => {
        if (v !== null && typeof v === "object") {
            const o = v as Record<string, unknown>;
            if (o[sig] === secretSig && typeof o.plaintext === "string") {
                strings(JSON.parse(o.plaintext));
            } else {
                Object.values(o).forEach(walk);
            }
        }
    };
    walk(doc);
    return [...found].filter((s) => s.length >= 4);
}

describe("robustness: malformed stack exports through the audit", function () {
    this.timeout(300000);
    let dir: string;
    let base: Doc;
    let baseReport: { violations: unknown[]; waived: unknown[]; summary: { resources: number } };
    let secrets: string[];
    let written = 0;
    const totals = { inProcess: 0, binary: 0, rejected: 0, reported: 0 };

    before(async function () {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "malformed-exports-"));
        base = baseDocument();
        secrets = plaintextSecrets(base);
        expect(secrets.length).to.be.greaterThan(4);
        const run = await runCli(["audit", write(exportText(base)), "--format", "json"]);
        expect({ code: run.code, stderr: run.stderr }).to.deep.equal({ code: 1, stderr: "" });
        baseReport = JSON.parse(run.stdout);
        expect(baseReport.summary.resources).to.equal(liveCount(base));
    });

    after(function () {
        fs.rmSync(dir, { recursive: true, force: true });
        console.log(
            `    malformed exports: ${totals.inProcess} audited in process, ${totals.binary} through the binary; ${totals.rejected} refused with one line, ${totals.reported} reported`,
        );
    });

    function write(text: string): string {
        const file = path.join(dir, `export-${++written}.json`);
        fs.writeFileSync(file, text);
        return file;
    }

    /** Holds one run to the entry's outcome; `file` is how the command was given the export. */
    function expectOutcome(entry: { name: string; outcome: Outcome }, file: string, run: CliRun): void {
        const label = entry.name;
        for (const secret of secrets) {
            expect(run.stdout.includes(secret) || run.stderr.includes(secret), `${label}: shows the secret '${secret.slice(0, 12)}…'`).to.equal(false);
        }
        if ("reject" in entry.outcome) {
            expect({ code: run.code, stdout: run.stdout, stderr: run.stderr }, label).to.deep.equal({ code: 2, stdout: "", stderr: `secure-baseline: ${file}: ${entry.outcome.reject}\n` });
            totals.rejected++;
            return;
        }
        expect(run.stderr, label).to.equal("");
        const report = JSON.parse(run.stdout);
        const mandatory = report.violations.filter((v: { enforcementLevel: string }) => v.enforcementLevel === "mandatory").length;
        expect(report.summary.violations, label).to.deep.equal({ mandatory, advisory: report.violations.length - mandatory });
        // A malformed export read as holding nothing a policy judges (no resources, say) is never passed.
        expect([undefined, true], label).to.include(report.summary.nothingJudged);
        if (report.summary.nothingJudged) {
            expect(report.violations.length + report.waived.length, label).to.equal(0);
        }
        expect(run.code, label).to.equal(mandatory > 0 ? 1 : report.summary.nothingJudged ? 3 : 0);
        for (const v of [...report.violations, ...report.waived]) {
            expect(policyNames.has(v.policyName), `${label}: ${v.policyName}`).to.equal(true);
            expect(v.message, label).to.be.a("string").and.not.equal("");
            expect(["mandatory", "advisory"], label).to.include(v.enforcementLevel);
        }
        if (entry.outcome.resources !== undefined) {
            expect(report.summary.resources, label).to.equal(entry.outcome.resources);
        }
        if (entry.outcome.report === "same") {
            // The same findings, each naming this run's input as its source.
            const fromThisFile = (findings: unknown[]) => findings.map((f) => ({ ...(f as object), source: file }));
            expect({ violations: report.violations, waived: report.waived, resources: report.summary.resources }, label).to.deep.equal({
                violations: fromThisFile(baseReport.violations),
                waived: fromThisFile(baseReport.waived),
                resources: baseReport.summary.resources,
            });
        }
        totals.reported++;
    }

    async function auditInProcess(entries: Entry[]): Promise<void> {
        for (const entry of entries) {
            const file = write(entry.text);
            let run: CliRun;
            try {
                run = await runCli(["audit", file, "--format", "json"]);
            } catch (e) {
                throw new Error(`${entry.name}: the command threw ${(e as Error)?.stack ?? e}`);
            }
            expectOutcome(entry, file, run);
            fs.rmSync(file);
            totals.inProcess++;
        }
    }

    function auditBinary(entries: Entry[], timeout?: number): void {
        for (const entry of entries) {
            const file = write(entry.text);
            expectOutcome(entry, file, runBinary(["audit", file, "--format", "json"], timeout));
            fs.rmSync(file);
            totals.binary++;
        }
    }

    describe("truncated files", function () {
        it("cut after every character: the line where the text ends, never a quoted byte", function () {
            const text = exportText(base);
            const end = text.lastIndexOf("}");
            let checked = 0;
            for (let length = 0; length < end; length++) {
                let message: string | undefined;
                try {
                    parseExport("state.json", text.slice(0, length));
                } catch (e) {
                    expect(e, `cut at ${length}`).to.be.instanceOf(InputError);
                    message = (e as Error).message;
                }
                expect(message, `cut at ${length}: ${JSON.stringify(text.slice(Math.max(0, length - 20), length))}`).to.equal(`state.json: ${truncationMessage(text, length)}`);
                checked++;
            }
            expect(checked).to.equal(end);
            this.test!.title += ` (${checked} cuts)`;
        });

        it("cut inside a secret, a \\u escape and a number, through the binary", function () {
            const text = exportText(base);
            const cuts = [11, text.indexOf("hunter2") + 4, text.indexOf("\\u00e9") + 3, text.indexOf("-1.25e-7") + 6];
            expect(cuts.every((c) => c > 10)).to.equal(true);
            for (const length of cuts) {
                auditBinary([{ name: `cut at ${length}`, text: text.slice(0, length), outcome: { reject: truncationMessage(text, length) } }]);
            }
        });
    });

    describe("wrong types at every level", function () {
        it("the document, deployment, its lists, each resource and each field the reader reads or ignores", async function () {
            const entries = wrongTypeEntries(base);
            await auditInProcess(entries);
            this.test!.title += ` (${entries.length} exports)`;
        });

        it("a sample through the binary gives what the in-process command gives", async function () {
            const entries = wrongTypeEntries(base);
            const sample = entries.filter((_, i) => i % Math.ceil(entries.length / 4) === 0);
            expect(sample.map((e) => "reject" in e.outcome)).to.include.members([true, false]);
            for (const entry of sample) {
                const file = write(entry.text);
                const binary = runBinary(["audit", file, "--format", "json"]);
                expectOutcome(entry, file, binary);
                const inProcess = await runCli(["audit", file, "--format", "json"]);
                expect(binary, entry.name).to.deep.equal(inProcess);
                totals.binary++;
            }
        });

        it("odd values (unknowns of every kind, broken secrets, outputs, references, assets) in every input and output", async function () {
            const entries = oddValueEntries(base);
            await auditInProcess(entries);
            this.test!.title += ` (${entries.length} exports)`;
        });
    });

    describe("references", function () {
        it("duplicate URNs, dangling dependencies, parents and providers, cycles, unknowns where URNs go", async function () {
            await auditInProcess(referenceEntries(base));
        });
    });

    describe("deep nesting", function () {
        it("100,000 levels where values are read are refused naming the property; up to the bound and where nothing is read, a report", async function () {
            await auditInProcess(deepEntries(base));
        });

        it("through the binary", function () {
            const entries = deepEntries(base);
            auditBinary([entries[2], entries[9]]);
        });

        it("a parser that runs out of stack is one line, not a stack trace", function () {
            const parse = JSON.parse;
            JSON.parse = () => {
                throw new RangeError("Maximum call stack size exceeded");
            };
            try {
                expect(() => parseExport("state.json", exportText(base))).to.throw(InputError, /^state\.json: cannot read the JSON \(it is nested too deeply or too large\)$/);
            } finally {
                JSON.parse = parse;
            }
        });
    });

    describe("huge strings (50 MB), through the binary", function () {
        const huge = "x".repeat(50 * 1024 * 1024);
        const r = (d: Doc, end: string) => d.deployment.resources.find((x: Doc) => x.delete !== true && x.urn.endsWith(end));
        const variant = (change: (d: Doc) => void) => {
            const d = structuredClone(base);
            change(d);
            return exportText(d);
        };

        it("as a bucket name, a resource name, a policy document and a secret: a report, the secret never shown", function () {
            const secretHead = "s3cr3t-huge-";
            const entries: Entry[] = [
                { name: "bucket name", text: variant((d) => (r(d, "::ledger").inputs.bucket = r(d, "::ledger").outputs.bucket = huge)), outcome: { report: "any" } },
                // A resource no finding names (its name would be in the finding's message).
                { name: "resource name", text: variant((d) => (r(d, "::ledger-encryption").urn += huge)), outcome: { report: "same" } },
                {
                    name: "a statement's Sid in a bucket policy",
                    text: variant((d) => (r(d, "::ledger-policy").inputs.policy = `{"Version":"2012-10-17","Statement":[{"Sid":"${huge}","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}`)),
                    outcome: { report: "any" },
                },
                {
                    name: "a secret listener policy",
                    text: variant((d) => (r(d, "::api-https").inputs.sslPolicy = { [sig]: secretSig, plaintext: JSON.stringify(secretHead + huge) })),
                    outcome: { report: "any" },
                },
            ];
            for (const entry of entries) {
                const file = write(entry.text);
                const run = runBinary(["audit", file, "--format", "json"], 120000);
                expectOutcome(entry, file, run);
                expect(run.stdout.includes(secretHead), entry.name).to.equal(false);
                fs.rmSync(file);
                totals.binary++;
            }
        });

        it("cut short inside the huge string: one line, the text not quoted", function () {
            const text = variant((d) => (r(d, "::ledger").inputs.bucket = huge));
            const length = text.indexOf(huge) + 1000;
            auditBinary([{ name: "truncated huge", text: text.slice(0, length), outcome: { reject: truncationMessage(text, length) } }], 120000);
        });
    });
});
