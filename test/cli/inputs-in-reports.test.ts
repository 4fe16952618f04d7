// Every report names the input each finding came from, tells apart stacks of the same name read
// from different files (two copies of one stack's state), and names each input it could not read:
// SARIF as a failed run with an error notification per input, JUnit as an error per input, and
// a report file is written even when no input could be read.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Log } from "sarif";
import { repoRoot, runCli } from "./golden";

const violations = fs.readFileSync(path.join(repoRoot, "test/fixtures/exports/violations.json"), "utf8");
const reference = fs.readFileSync(path.join(repoRoot, "test/fixtures/exports/reference.json"), "utf8");

describe("secure-baseline audit: inputs in reports", () => {
    let dir: string;
    const audit = (args: string[]) => runCli(["audit", ...args], { cwd: dir });

    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "inputs-in-reports-"));
        // The same stack exported on two days into two folders: both insecure-counterpart/dev.
        for (const day of ["monday", "tuesday"]) {
            fs.mkdirSync(path.join(dir, day));
            fs.writeFileSync(path.join(dir, day, "dev.json"), violations);
        }
        fs.writeFileSync(path.join(dir, "reference.json"), reference);
        fs.writeFileSync(path.join(dir, "truncated.json"), violations.slice(0, 500));
        fs.writeFileSync(path.join(dir, "not-state.json"), JSON.stringify({ name: "a package.json, not state" }));
    });

    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    const monday = path.join("monday", "dev.json");
    const tuesday = path.join("tuesday", "dev.json");

    describe("findings name their state file", () => {
        it("JSON: every finding and note has its source", async () => {
            const one = JSON.parse((await audit([monday, "--format", "json"])).stdout);
            const both = JSON.parse((await audit([monday, tuesday, "--format", "json"])).stdout);
            expect(one.violations.length).to.be.greaterThan(0);
            expect(one.violations.map((v: { source: string }) => v.source)).to.deep.equal(one.violations.map(() => monday));
            // Sorted by stack, then source: Monday's findings, then Tuesday's same ones.
            expect(both.violations).to.deep.equal([...one.violations, ...one.violations.map((v: object) => ({ ...v, source: tuesday }))]);
        });

        it("SARIF: every result has its source, and the two copies' results are distinct alerts whose fingerprints do not depend on order", async () => {
            const results = async (args: string[]) => ((JSON.parse((await audit([...args, "--format", "sarif"])).stdout) as Log).runs[0].results ?? []);
            const one = await results([monday]);
            const both = await results([monday, tuesday]);
            const reversed = await results([tuesday, monday]);
            expect(both.length).to.equal(2 * one.length);
            expect(both.map((r) => r.properties!.source)).to.deep.equal([...one.map(() => monday), ...one.map(() => tuesday)]);
            const fingerprints = both.map((r) => r.partialFingerprints!["secureBaseline/v1"]);
            expect(new Set(fingerprints).size).to.equal(both.length);
            const bySource = (list: typeof both) => list.map((r) => `${r.properties!.source} ${r.partialFingerprints!["secureBaseline/v1"]}`).sort();
            expect(bySource(reversed)).to.deep.equal(bySource(both));
            // A stack read from one file only keeps the fingerprints it has always had.
            const alone = await results([monday, "reference.json"]);
            expect(alone.filter((r) => r.properties!.source === monday).map((r) => r.partialFingerprints)).to.deep.equal(one.map((r) => r.partialFingerprints));
        });

        it("JUnit: the two suites are named by their files, and every test case names its file", async () => {
            const xml = (await audit([monday, tuesday, "--format", "junit"])).stdout;
            const suites = xml.split("\n").filter((l) => l.startsWith("  <testsuite "));
            expect(suites.map((l) => /name="([^"]*)"/.exec(l)![1])).to.deep.equal([`insecure-counterpart/dev (${monday})`, `insecure-counterpart/dev (${tuesday})`]);
            const cases = xml.split("\n").filter((l) => l.startsWith("    <testcase "));
            expect(cases.length).to.be.greaterThan(0);
            expect(cases.filter((l) => !l.includes(` file="${monday}"`) && !l.includes(` file="${tuesday}"`))).to.deep.equal([]);
            // A stack of a name no other input holds keeps its name.
            const single = (await audit([monday, "reference.json", "--format", "junit"])).stdout;
            expect(single.split("\n").filter((l) => l.startsWith("  <testsuite ")).map((l) => /name="([^"]*)"/.exec(l)![1])).to.deep.equal(["insecure-counterpart/dev", "aws-secure-baseline-reference/dev"]);
        });
    });

    describe("inputs that could not be read", () => {
        const problems = [
            "truncated.json: not valid JSON: the text ends at line 17 before the JSON is complete (truncated?)",
            "not-state.json: not a stack export: expected {version, deployment} as written by `pulumi stack export`, a file backend's checkpoint, or a deployment object",
        ];

        it("SARIF: the run is not successful, with an error notification at each file", async () => {
            const run = await audit(["reference.json", "truncated.json", "not-state.json", "--format", "sarif"]);
            expect(run.code).to.equal(2);
            expect(run.stderr.split("\n")).to.deep.equal([...problems.map((p) => `secure-baseline: ${p}`), ""]);
            const invocation = (JSON.parse(run.stdout) as Log).runs[0].invocations![0];
            expect(invocation.executionSuccessful).to.equal(false);
            expect(invocation.toolExecutionNotifications!.filter((n) => n.level === "error")).to.deep.equal([
                { level: "error", message: { text: problems[0] }, locations: [{ physicalLocation: { artifactLocation: { uri: "truncated.json" } } }] },
                { level: "error", message: { text: problems[1] }, locations: [{ physicalLocation: { artifactLocation: { uri: "not-state.json" } } }] },
            ]);
        });

        it("JUnit: an error for each, counted in the totals", async () => {
            const run = await audit(["reference.json", "truncated.json", "not-state.json", "--format", "junit"]);
            expect(run.code).to.equal(2);
            const lines = run.stdout.split("\n");
            expect(lines.filter((l) => l.includes("<error "))).to.deep.equal([
                `      <error type="unreadable input" message="${problems[0]}"/>`,
                `      <error type="unreadable input" message="${problems[1]}"/>`,
            ]);
            expect(lines.filter((l) => l.startsWith("  <testsuite ")).slice(1)).to.deep.equal([
                '  <testsuite name="truncated.json" tests="1" failures="0" errors="1" skipped="0" file="truncated.json">',
                '  <testsuite name="not-state.json" tests="1" failures="0" errors="1" skipped="0" file="not-state.json">',
            ]);
            expect(lines[1]).to.match(/^<testsuites name="[^"]+" tests="\d+" failures="0" errors="2" skipped="0">$/);
        });

        it("--output is written even when no input could be read; stdout has the summary line, and the exit code stays 2", async () => {
            for (const [format, file] of [
                ["sarif", "bad.sarif"],
                ["junit", "bad.xml"],
                ["json", "bad.json.out"],
            ]) {
                const run = await audit(["truncated.json", "not-state.json", "--format", format, "--output", file]);
                expect({ format, code: run.code, stderr: run.stderr.split("\n") }).to.deep.equal({ format, code: 2, stderr: [...problems.map((p) => `secure-baseline: ${p}`), ""] });
                expect(run.stdout).to.equal(`0 stacks, 0 resources, 0 evaluations: 0 mandatory, 0 advisory, 0 waived; NOTHING JUDGED: no stack was read; 2 inputs not read (${format} report in ${file})\n`);
                const report = fs.readFileSync(path.join(dir, file), "utf8");
                if (format === "sarif") {
                    const log = JSON.parse(report) as Log;
                    expect(log.runs[0].invocations![0].executionSuccessful).to.equal(false);
                    expect(log.runs[0].invocations![0].toolExecutionNotifications!.map((n) => [n.level, n.message.text])).to.deep.equal([
                        ...problems.map((p) => ["error", p]),
                        ["warning", "Nothing judged: no stack was read. No policy looked at anything, so the absence of results is not a pass."],
                    ]);
                } else if (format === "junit") {
                    expect(report.split("\n").filter((l) => l.includes("<error ")).length).to.equal(2);
                } else {
                    expect(JSON.parse(report).summary).to.deep.equal({ stacks: 0, resources: 0, evaluated: 0, violations: { mandatory: 0, advisory: 0 }, waived: 0, unreadable: 2, nothingJudged: true });
                    expect(JSON.parse(report).unreadable).to.deep.equal([
                        { source: "truncated.json", message: problems[0] },
                        { source: "not-state.json", message: problems[1] },
                    ]);
                }
            }
        });

        it("without --output, stdout stays empty when no input could be read", async () => {
            const run = await audit(["truncated.json", "--format", "sarif"]);
            expect({ code: run.code, stdout: run.stdout }).to.deep.equal({ code: 2, stdout: "" });
        });
    });
});
