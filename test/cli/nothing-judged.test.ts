// A run in which no policy judged any resource is never "passed": the summary line says NOTHING
// JUDGED and why, the exit code is 3, and every report format says so (JSON summary.nothingJudged,
// a SARIF warning notification, a skipped JUnit test case per stack). A folder in which some
// stack was judged keeps its verdict; the table and JUnit still name the stack that was not.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Log } from "sarif";
import { packVersion } from "../../policy-pack/lib/pack-info";
import { packName } from "../../policy-pack/lib/policy";
import { expectNothingJudgedInEveryFormat } from "../support/nothing-judged";
import { repoRoot, runCli } from "./golden";

/** What `pulumi stack export` writes for a stack that was never updated: a manifest and no resources. */
const neverUpdated = { version: 3, deployment: { manifest: { time: "0001-01-01T00:00:00Z", magic: "", version: "" } } };

/** A stack of DNS records: AWS resources, of kinds no policy reads. */
const dnsUrn = (type: string, name: string) => `urn:pulumi:prod::dns::${type}::${name}`;
const dns = {
    version: 3,
    deployment: {
        manifest: { time: "2024-05-06T10:00:00.000Z", magic: "", version: "v3.248.0" },
        resources: [
            { urn: dnsUrn("pulumi:pulumi:Stack", "dns-prod"), custom: false, type: "pulumi:pulumi:Stack" },
            { urn: dnsUrn("pulumi:providers:aws", "default_6_0_0"), custom: true, id: "0d2f9c1e", type: "pulumi:providers:aws", inputs: { region: "eu-west-1" }, outputs: { region: "eu-west-1" } },
            {
                urn: dnsUrn("aws:route53/zone:Zone", "example"),
                custom: true,
                id: "Z0123456789ABCDEFGHIJ",
                type: "aws:route53/zone:Zone",
                inputs: { name: "example.org" },
                outputs: { name: "example.org", zoneId: "Z0123456789ABCDEFGHIJ" },
                parent: dnsUrn("pulumi:pulumi:Stack", "dns-prod"),
                provider: `${dnsUrn("pulumi:providers:aws", "default_6_0_0")}::0d2f9c1e`,
            },
        ],
    },
};

/** The stack checks that run on any stack, whatever it holds: each counts as an evaluation, and judges nothing in a stack without its kinds. */
const stackChecksOnAnyStack = [
    "acm-certificate-validated",
    "ec2-security-group-no-plaintext-ingress",
    "iam-no-broad-managed-policies",
    "iam-no-wildcard-resources",
    "lb-listener-acm-certificate",
    "lb-listener-https-only",
    "s3-bucket-default-encryption-kms",
    "tls-certificate-attached",
];

describe("secure-baseline audit: a run that judges nothing", () => {
    let dir: string;
    const audit = (args: string[]) => runCli(["audit", ...args], { cwd: dir });

    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "nothing-judged-"));
        fs.writeFileSync(path.join(dir, "new.json"), JSON.stringify(neverUpdated, null, 4));
        fs.writeFileSync(path.join(dir, "dns.json"), JSON.stringify(dns, null, 4));
        fs.mkdirSync(path.join(dir, "stacks"));
        fs.writeFileSync(path.join(dir, "stacks", "new.json"), JSON.stringify(neverUpdated, null, 4));
        fs.copyFileSync(path.join(repoRoot, "test/fixtures/exports/reference.json"), path.join(dir, "stacks", "reference.json"));
        fs.writeFileSync(path.join(dir, "truncated.json"), JSON.stringify(dns).slice(0, 100));
    });

    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    describe("an export with no resources (a stack never updated)", () => {
        const line = "1 stack, 0 resources, 8 evaluations: 0 mandatory, 0 advisory, 0 waived; NOTHING JUDGED: the stack holds no resources";

        it("table: the stack says nothing was judged rather than 'No violations.', and the summary line says NOTHING JUDGED; exit code 3", async () => {
            const run = await audit(["new.json", "--format", "table"]);
            expect(run).to.deep.equal({
                code: 3,
                stderr: "",
                stdout: [`${packName} ${packVersion}`, "", "Stack new (new.json)", "  Nothing judged: the stack holds no resources.", "", "1 stack, 0 resources, 8 evaluations: 0 mandatory, 0 advisory, 0 waived; NOTHING", "JUDGED: the stack holds no resources", ""].join("\n"),
            });
        });

        it("with --output: the line on stdout, and the exit code 3 whatever --fail-on says", async () => {
            for (const failOn of ["mandatory", "advisory", "none"]) {
                const run = await audit(["new.json", "--output", "new.sarif", "--fail-on", failOn]);
                expect({ failOn, ...run }).to.deep.equal({ failOn, code: 3, stderr: "", stdout: `${line} (sarif report in new.sarif)\n` });
            }
        });

        it("JSON: summary.nothingJudged, and nothing else that was not there", async () => {
            const run = await audit(["new.json", "--format", "json"]);
            expect(run.code).to.equal(3);
            const report = JSON.parse(run.stdout);
            expect(report.summary).to.deep.equal({ stacks: 1, resources: 0, evaluated: 8, violations: { mandatory: 0, advisory: 0 }, waived: 0, nothingJudged: true });
            expect([report.violations, report.waived, report.notes]).to.deep.equal([[], [], []]);
        });

        it("SARIF: no results, and a warning notification that says the absence of results is not a pass", async () => {
            const run = await audit(["new.json", "--format", "sarif"]);
            expect(run.code).to.equal(3);
            const sarif = JSON.parse(run.stdout) as Log;
            expect(sarif.runs[0].results).to.deep.equal([]);
            expect(sarif.runs[0].invocations).to.deep.equal([
                {
                    executionSuccessful: true,
                    toolExecutionNotifications: [{ level: "warning", message: { text: "Nothing judged: the stack holds no resources. No policy looked at anything, so the absence of results is not a pass." } }],
                },
            ]);
        });

        it("JUnit: the stack's suite has a skipped test case 'nothing judged' beside the stack checks that ran on it", async () => {
            const run = await audit(["new.json", "--format", "junit"]);
            expect(run.code).to.equal(3);
            const lines = run.stdout.split("\n");
            expect(lines[1]).to.equal(`<testsuites name="${packName} ${packVersion}" tests="9" failures="0" errors="0" skipped="1">`);
            expect(lines[2]).to.equal('  <testsuite name="new" tests="9" failures="0" errors="0" skipped="1" file="new.json">');
            expect(lines.filter((l) => l.startsWith("    <testcase ")).map((l) => / name="([^"]+)"/.exec(l)![1])).to.deep.equal([...stackChecksOnAnyStack, "nothing judged"].sort());
            expect(run.stdout).to.include('    <testcase classname="new" name="nothing judged" file="new.json">\n      <skipped message="Nothing judged: the stack holds no resources."/>\n    </testcase>\n');
        });
    });

    describe("an export whose resources no policy reads (a DNS zone)", () => {
        it("every format: NOTHING JUDGED with the number of resources; exit code 3", async () => {
            const runs = await Promise.all(["table", "json", "sarif", "junit"].map((format) => audit(["dns.json", "--format", format])));
            expectNothingJudgedInEveryFormat(runs, {
                tableLines: [
                    "Stack dns/prod (dns.json)",
                    "  Nothing judged: no policy judges any of the 3 resources.",
                    "",
                    "1 stack, 3 resources, 8 evaluations: 0 mandatory, 0 advisory, 0 waived; NOTHING",
                    "JUDGED: no policy judges any of the 3 resources",
                    "",
                ],
                resources: 3,
                evaluated: 8,
                reason: "no policy judges any of the 3 resources",
                classname: "dns/prod",
                file: "dns.json",
            });
        });

        it("so is a selection of policies none of which applies: --policy kms-key-rotation-enabled (0 evaluations)", async () => {
            const run = await audit(["dns.json", "--policy", "kms-key-rotation-enabled", "--format", "json", "--output", "dns-report.json"]);
            expect(run).to.deep.equal({ code: 3, stderr: "", stdout: "1 stack, 3 resources, 0 evaluations: 0 mandatory, 0 advisory, 0 waived; NOTHING JUDGED: no policy judges any of the 3 resources (json report in dns-report.json)\n" });
        });
    });

    describe("a folder with a stack never updated and a judged one", () => {
        it("is judged as a whole (passed, exit code 0); the table and JUnit name the stack that judged nothing, JSON and SARIF say nothing of it", async () => {
            // On worker threads (the default for a folder) and one after the other alike.
            for (const jobs of ["2", "1"]) {
                const [table, json, sarif, junit] = await Promise.all(["table", "json", "sarif", "junit"].map((format) => audit(["stacks", "--jobs", jobs, "--format", format])));
                expect([table, json, sarif, junit].map((r) => [r.code, r.stderr]), `--jobs ${jobs}`).to.deep.equal([
                    [0, ""],
                    [0, ""],
                    [0, ""],
                    [0, ""],
                ]);
                const stacks = table.stdout.split("\n").filter((l) => l.startsWith("Stack ") || l.startsWith("  Nothing judged") || l === "  No violations.");
                expect(stacks, `--jobs ${jobs}`).to.deep.equal([
                    `Stack new (${path.join("stacks", "new.json")})`,
                    "  Nothing judged: the stack holds no resources.",
                    `Stack aws-secure-baseline-reference/dev (${path.join("stacks", "reference.json")})`,
                    "  No violations.",
                ]);
                expect(table.stdout.trimEnd().split("\n\n").slice(-1)[0].replace(/\n/g, " "), `--jobs ${jobs}`).to.equal("2 stacks, 48 resources, 71 evaluations: 0 mandatory, 0 advisory, 0 waived; passed");
                expect(JSON.parse(json.stdout).summary, `--jobs ${jobs}`).to.deep.equal({ stacks: 2, resources: 48, evaluated: 71, violations: { mandatory: 0, advisory: 0 }, waived: 0 });
                expect((JSON.parse(sarif.stdout) as Log).runs[0].invocations![0].toolExecutionNotifications, `--jobs ${jobs}`).to.deep.equal([]);
                expect(junit.stdout.split("\n").filter((l) => l.includes("<skipped ")), `--jobs ${jobs}`).to.deep.equal(['      <skipped message="Nothing judged: the stack holds no resources."/>']);
            }
        });
    });

    it("an input that could not be read besides a stack never updated: NOTHING JUDGED and the input not read, exit code 2", async () => {
        const run = await audit(["new.json", "truncated.json", "--format", "json", "--output", "partial.json"]);
        expect(run.code).to.equal(2);
        expect(run.stdout).to.equal("1 stack, 0 resources, 8 evaluations: 0 mandatory, 0 advisory, 0 waived; NOTHING JUDGED: the stack holds no resources; 1 input not read (json report in partial.json)\n");
        expect(JSON.parse(fs.readFileSync(path.join(dir, "partial.json"), "utf8")).summary).to.deep.equal({
            stacks: 1,
            resources: 0,
            evaluated: 8,
            violations: { mandatory: 0, advisory: 0 },
            waived: 0,
            unreadable: 1,
            nothingJudged: true,
        });
    });
});
