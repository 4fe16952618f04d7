import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Log } from "sarif";
import { policies } from "../../policy-pack/policies";
import { CliRun, exportsDir, expectedFile, goldenCases, goldenFormats, goldenReport, repoRoot, runCli, sarifValidator, secretStrings } from "./golden";

const update = "run `npm run update-audit-fixtures -- --reports-only` and review the diff";
const fixture = (name: string) => path.join(repoRoot, exportsDir, name);
const json = (run: CliRun) => JSON.parse(run.stdout);

describe("secure-baseline audit", () => {
    describe("golden reports (test/fixtures/exports/expected)", () => {
        for (const c of goldenCases) {
            for (const { format, extension } of goldenFormats) {
                it(`${c.name} as ${format}`, async () => {
                    const run = await goldenReport(c, format);
                    expect(run.stderr).to.equal("");
                    const expected = fs.readFileSync(expectedFile(c, extension), "utf8");
                    if (format === "json" || format === "sarif") {
                        expect(JSON.parse(run.stdout), `${c.name}.${extension} differs: ${update}`).to.deep.equal(JSON.parse(expected));
                    }
                    expect(run.stdout, `${c.name}.${extension} differs: ${update}`).to.equal(expected);
                });
            }
        }

        it("SARIF reports are valid SARIF 2.1.0 as code scanning reads it", async () => {
            const validate = sarifValidator();
            for (const c of goldenCases) {
                const log = json(await goldenReport(c, "sarif")) as Log;
                expect(validate(log), `${c.name}: ${JSON.stringify(validate.errors, null, 1)}`).to.equal(true);
                const run = log.runs[0];
                const ruleIds = run.tool.driver.rules!.map((r) => r.id);
                for (const rule of run.tool.driver.rules!) {
                    expect(rule.help!.text, rule.id).to.include("How to fix:");
                    expect(rule.helpUri, rule.id).to.match(/^https:\/\/.*#/);
                    expect(rule.properties!["security-severity"], rule.id).to.match(/^\d+\.\d$/);
                }
                for (const result of run.results!) {
                    expect(ruleIds).to.include(result.ruleId);
                    expect(run.tool.driver.rules![result.ruleIndex!].id).to.equal(result.ruleId);
                    // Code scanning shows a result only with a file location.
                    expect(result.locations![0].physicalLocation!.artifactLocation!.uri, `${c.name} ${result.ruleId}`).to.be.a("string");
                    expect(result.locations![0].physicalLocation!.region!.startLine).to.be.greaterThan(0);
                }
                const fingerprints = run.results!.map((r) => r.partialFingerprints!["secureBaseline/v1"]);
                expect(new Set(fingerprints).size, `${c.name}: fingerprints are unique`).to.equal(fingerprints.length);
            }
        });

        it("the schema rejects what is not SARIF (the validation is real)", () => {
            const validate = sarifValidator();
            expect(validate({ version: "2.1.0", runs: [{ tool: { driver: {} }, results: [{ message: {} }] }] })).to.equal(false);
            expect(validate({ version: "2.1.0", runs: [{ tool: { driver: { name: "x", informationUri: "not a uri" } } }] })).to.equal(false);
        });

        it("tables fit 80 columns", async () => {
            for (const c of goldenCases) {
                const long = (await goldenReport(c, "table")).stdout.split("\n").filter((l) => l.length > 80);
                expect(long, c.name).to.deep.equal([]);
            }
        });
    });

    describe("fixtures", () => {
        it("the reference stack has no violations (exit code 0)", async () => {
            const run = await runCli(["audit", fixture("reference.json"), "--format", "json"]);
            expect({ violations: json(run).violations, waived: json(run).waived }).to.deep.equal({ violations: [], waived: [] });
            expect(run.code).to.equal(0);
        });

        it("the insecure stack violates every policy of the pack", async () => {
            const run = await runCli(["audit", fixture("violations.json"), "--format", "json"]);
            const caught = new Set(json(run).violations.map((v: { policyName: string }) => v.policyName));
            expect(policies.map((p) => p.name).filter((name) => !caught.has(name))).to.deep.equal([]);
            expect(run.code).to.equal(1);
        });

        it("creation times show buckets that got SSE-KMS after objects may have been written", async () => {
            const run = await runCli(["audit", fixture("violations.json"), "--format", "json", "--policy", "s3-existing-objects-encrypted"]);
            expect(json(run).violations.map((v: { name: string }) => v.name)).to.deep.equal(["aws-managed-key", "report-sse-s3"]);
        });

        it("plaintext secrets are checked as their values; ciphertext ones as '[secret]'", async () => {
            const findings = async (file: string) =>
                json(await runCli(["audit", fixture(file), "--format", "json"])).violations.map((v: { policyName: string; name: string }) => `${v.name} ${v.policyName}`);
            const plaintext = await findings("plaintext-secrets.json");
            const ciphertext = await findings("ciphertext-secrets.json");
            // Rotation (a secret `true`) and the bucket policy (a secret document) pass only when readable.
            expect(plaintext).to.not.include("ledger-key kms-key-rotation-enabled");
            expect(ciphertext).to.include("ledger-key kms-key-rotation-enabled");
            expect(plaintext.filter((f: string) => f.startsWith("ledger s3-bucket-policy"))).to.deep.equal([]);
            expect(ciphertext.filter((f: string) => f.startsWith("ledger s3-bucket-policy"))).to.have.length(2);
        });

        it("no secret value appears in any report format, nor on stderr", async () => {
            for (const file of ["plaintext-secrets.json", "ciphertext-secrets.json", "violations.json"]) {
                const secrets = secretStrings(fixture(file));
                expect(secrets.length, file).to.be.greaterThan(0);
                for (const { format } of goldenFormats) {
                    const run = await runCli(["audit", fixture(file), "--format", format]);
                    for (const secret of secrets) {
                        expect(run.stdout.includes(secret) || run.stderr.includes(secret), `${file} as ${format} shows a secret`).to.equal(false);
                    }
                }
            }
            // The listener's secret sslPolicy is what the finding is about: the message names it redacted.
            const run = await runCli(["audit", fixture("plaintext-secrets.json"), "--format", "json"]);
            expect(json(run).violations.find((v: { policyName: string }) => v.policyName === "lb-listener-tls-policy").message).to.include("'[secret]'");
        });

        it("secrets of the b64 secrets provider are checked as their values, and no report format shows them", async () => {
            const sig = "4dabf18193072939515e22adb298388d";
            const state = JSON.parse(fs.readFileSync(fixture("plaintext-secrets.json"), "utf8"));
            // The b64 provider's ciphertext is the base64 of the plaintext the CLI would show.
            const encode = (v: unknown): unknown => {
                if (Array.isArray(v)) {
                    return v.map(encode);
                }
                if (v === null || typeof v !== "object") {
                    return v;
                }
                const o = v as Record<string, unknown>;
                if (typeof o[sig] === "string" && typeof o.plaintext === "string") {
                    return { [sig]: o[sig], ciphertext: Buffer.from(o.plaintext).toString("base64") };
                }
                return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, encode(x)]));
            };
            const sourceArn = "arn:aws:sns:eu-west-1:111122223333:ledger-s3cr3t-events";
            const secretArn = { [sig]: "1b47061264138c4ac30d75fd1eb44270", plaintext: JSON.stringify(sourceArn) };
            const fn = state.deployment.resources.find((r: { type: string }) => r.type === "aws:lambda/function:Function");
            const permissionInputs = { action: "lambda:InvokeFunction", function: "ledger-export", principal: "sns.amazonaws.com", sourceArn: secretArn };
            state.deployment.resources.push({
                ...fn,
                urn: fn.urn.replace("aws:lambda/function:Function::ledger-export", "aws:lambda/permission:Permission::ledger-events"),
                id: "ledger-events-20240506",
                type: "aws:lambda/permission:Permission",
                inputs: permissionInputs,
                outputs: { ...permissionInputs, id: "ledger-events-20240506", statementId: "terraform-20240506" },
                dependencies: [fn.urn],
                propertyDependencies: { function: [fn.urn] },
            });
            const plaintextFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "b64-")), "plaintext.json");
            fs.writeFileSync(plaintextFile, JSON.stringify(state));
            const b64File = path.join(path.dirname(plaintextFile), "b64.json");
            fs.writeFileSync(b64File, JSON.stringify({ ...state, deployment: { ...(encode(state.deployment) as object), secrets_providers: { type: "b64" } } }));
            const findings = async (file: string) =>
                json(await runCli(["audit", file, "--format", "json"])).violations.map((v: { policyName: string; name: string; message: string }) => `${v.name} ${v.policyName} ${v.message}`);
            // Decoded, the stack is judged as with --show-secrets: the permission names its topic's account.
            const decoded = await findings(b64File);
            expect(decoded).to.deep.equal(await findings(plaintextFile));
            expect(decoded.filter((f: string) => f.includes("lambda-permission-source-scoped"))).to.deep.equal([]);
            const secrets = [...secretStrings(plaintextFile), ...secretStrings(b64File)];
            expect(secrets).to.include(sourceArn);
            for (const { format } of goldenFormats) {
                const run = await runCli(["audit", b64File, "--format", format]);
                for (const secret of secrets) {
                    expect(run.stdout.includes(secret) || run.stderr.includes(secret), `the b64 stack as ${format} shows a secret`).to.equal(false);
                }
            }
        });

        it("deleted resources are skipped and pending operations are a note, not an error", async () => {
            const run = await runCli(["audit", fixture("deleted-and-pending.json"), "--format", "json"]);
            const report = json(run);
            expect(report.violations.map((v: { name: string }) => v.name)).to.deep.equal(["static"]);
            expect(report.notes.map((n: { message: string }) => n.message.split(":")[0])).to.deep.equal([
                "2 pending operations (creating incoming, updating static)",
                "2 resources are marked for deletion and were not audited.",
            ]);
            expect(run.stderr).to.equal("");
        });

        it("a recorded source position locates the SARIF result in the program", async () => {
            const log = json(await runCli(["audit", fixture("deleted-and-pending.json"), "--format", "sarif"])) as Log;
            expect(log.runs[0].results!.map((r) => r.locations![0])).to.deep.equal([
                {
                    physicalLocation: { artifactLocation: { uri: "keys/static.ts" }, region: { startLine: 4, startColumn: 5 } },
                    logicalLocations: [{ name: "static", fullyQualifiedName: "urn:pulumi:staging::legacy-app::aws:kms/key:Key::static", kind: "resource" }],
                },
            ]);
        });
    });

    describe("waivers", () => {
        const config = path.join(exportsDir, "config", "waivers.json");

        it("list waived findings apart and do not fail the audit for them", async () => {
            const run = await runCli(["audit", fixture("violations.json"), "--format", "json", "--policy-pack-config", config, "--policy", "kms-key-rotation-enabled"]);
            const report = json(run);
            expect(report.waived.map((w: { name: string; reason: string; expires: string; enforcementLevel: string }) => [w.name, w.enforcementLevel, w.reason, w.expires])).to.deep.equal([
                ["no-rotation", "advisory", "Key material is imported and rotated by the HSM team (SEC-142).", "2999-12-31"],
            ]);
            expect(report.summary.waived).to.equal(1);
            expect(report.violations.map((v: { name: string }) => v.name)).to.not.include("no-rotation");
        });

        it("report an expired or reason-less waiver as an advisory finding of its own", async () => {
            const run = await runCli(["audit", fixture("violations.json"), "--format", "json", "--policy-pack-config", config, "--policy", "s3-bucket-no-website", "--policy", "s3-bucket-block-sse-c"]);
            const invalid = json(run).violations.filter((v: { message: string }) => v.message.startsWith("Waiver #"));
            expect(invalid.map((v: { name: string; policyName: string; enforcementLevel: string }) => `${v.name} ${v.policyName} ${v.enforcementLevel}`)).to.deep.equal([
                "sse-s3 s3-bucket-block-sse-c advisory",
                "website s3-bucket-no-website advisory",
            ]);
        });

        it("appear as suppressed SARIF results and skipped JUnit test cases", async () => {
            const args = ["audit", fixture("violations.json"), "--policy-pack-config", config, "--policy", "kms-key-rotation-enabled"];
            const log = json(await runCli([...args, "--format", "sarif"])) as Log;
            const suppressed = log.runs[0].results!.filter((r) => r.suppressions);
            expect(suppressed.map((r) => r.suppressions)).to.deep.equal([
                [{ kind: "external", status: "accepted", justification: "Key material is imported and rotated by the HSM team (SEC-142). (waived until 2999-12-31 by waiver #1 in the policy pack config)" }],
            ]);
            const junit = (await runCli([...args, "--format", "junit"])).stdout;
            expect(junit).to.match(/<testcase classname="[^"]*::no-rotation" name="kms-key-rotation-enabled" file="[^"]*">\n\s*<skipped message="Waived until 2999-12-31: /);
        });
    });

    describe("waiver tags", () => {
        it("are read from the resources' inputs of a stack export: each waives its policy on its resource, and the report names it", async () => {
            const run = await runCli(["audit", fixture("tag-waivers.json"), "--format", "json"]);
            expect(run.stderr).to.equal("");
            expect(run.code).to.equal(1);
            const report = json(run);
            const tag = (policy: string) => `tag 'secure-baseline:waive:${policy}'`;
            expect(report.waived.map((w: { name: string; policyName: string; reason: string; expires: string; waivedBy: string }) => [w.name, w.policyName, w.expires, w.reason, w.waivedBy])).to.deep.equal([
                ["vendor-key", "kms-key-rotation-enabled", "2999-12-31", "the vendor client caches key material - SEC-142", tag("kms-key-rotation-enabled")],
                // Its tag was computed from the other bucket's name: known in the state.
                ["partner-archive", "s3-bucket-block-sse-c", "2999-12-31", "archive of partner-uploads-f691199", tag("s3-bucket-block-sse-c")],
                ["partner-uploads", "s3-bucket-block-sse-c", "2999-12-31", "partner uploads with SSE-C until its KMS migration - SEC-200", tag("s3-bucket-block-sse-c")],
            ]);
            const on = (policy: string) =>
                report.violations.filter((v: { policyName: string }) => v.policyName === policy).map((v: { name: string; enforcementLevel: string }) => `${v.name} ${v.enforcementLevel}`);
            // Not the other resources, not the other policies.
            expect(on("kms-key-rotation-enabled")).to.deep.equal(["comma-key advisory", "comma-key mandatory", "expired-key advisory", "expired-key mandatory", "untagged-key mandatory"]);
            expect(on("kms-key-policy-explicit")).to.deep.equal(["comma-key mandatory", "expired-key mandatory", "untagged-key mandatory", "vendor-key mandatory"]);
            expect(on("s3-bucket-block-sse-c")).to.deep.equal([]);
            const sarif = json(await runCli(["audit", fixture("tag-waivers.json"), "--format", "sarif"])) as Log;
            expect(sarif.runs[0].results!.filter((r) => r.suppressions).map((r) => r.suppressions![0].justification)).to.deep.equal([
                `the vendor client caches key material - SEC-142 (waived until 2999-12-31 by ${tag("kms-key-rotation-enabled")})`,
                `archive of partner-uploads-f691199 (waived until 2999-12-31 by ${tag("s3-bucket-block-sse-c")})`,
                `partner uploads with SSE-C until its KMS migration - SEC-200 (waived until 2999-12-31 by ${tag("s3-bucket-block-sse-c")})`,
            ]);
        });

        it("a waiver tag whose value is a secret the export cannot show waives nothing, and no report shows the ciphertext", async () => {
            const state = JSON.parse(fs.readFileSync(fixture("tag-waivers.json"), "utf8"));
            const key = state.deployment.resources.find((r: { urn: string }) => r.urn.endsWith("::vendor-key"));
            const ciphertext = "v1:c2VjcmV0LXRhZw==:d2FpdmVy";
            // As the engine records a tag the program made secret: in the inputs and in both tag outputs.
            for (const tags of [key.inputs.tags, key.outputs.tags, key.outputs.tagsAll]) {
                tags["secure-baseline:waive:kms-key-rotation-enabled"] = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext };
            }
            const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tag-waivers-")), "secret-tag.json");
            fs.writeFileSync(file, JSON.stringify(state));
            const run = await runCli(["audit", file, "--format", "json", "--policy", "kms-key-rotation-enabled"]);
            const report = json(run);
            expect(report.waived).to.deep.equal([]);
            const vendor = report.violations.filter((v: { name: string }) => v.name === "vendor-key").map((v: { enforcementLevel: string; message: string }) => `${v.enforcementLevel} ${v.message}`);
            expect(vendor).to.deep.equal([
                "advisory Waiver tag 'secure-baseline:waive:kms-key-rotation-enabled' on 'vendor-key' does not waive the finding: its value is a secret this run cannot read (export the stack with --show-secrets). " +
                    "Set its value to 'until YYYY-MM-DD: reason' (the last day it holds, and why) in at most 256 letters, digits, spaces and _ . : / = + - @, or remove the tag and fix the resource.",
                "mandatory KMS key 'vendor-key' does not rotate its key material. Set enableKeyRotation: true.",
            ]);
            expect(run.stdout).to.not.include(ciphertext);
        });
    });

    describe("docs/audit.md", () => {
        it("shows the table the command prints for its example", async () => {
            const run = await runCli([
                "audit",
                `${exportsDir}/violations.json`,
                "--policy-pack-config",
                `${exportsDir}/config/waivers.json`,
                "--policy",
                "kms-key-rotation-enabled",
                "--policy",
                "s3-existing-objects-encrypted",
                "--format",
                "table",
            ]);
            const docs = fs.readFileSync(path.join(repoRoot, "docs/audit.md"), "utf8");
            const neutral = (text: string) => text.replace(/^aws-secure-baseline \S+$/m, "aws-secure-baseline <version>");
            expect(neutral(docs), "docs/audit.md: paste the command's current output into the table example").to.include(neutral(run.stdout));
        });

        it("shows the JSON report of the same example in the shape the command writes it: its keys, summary, and each finding's fields", async () => {
            const run = await runCli([
                "audit",
                `${exportsDir}/violations.json`,
                "--policy-pack-config",
                `${exportsDir}/config/waivers.json`,
                "--policy",
                "kms-key-rotation-enabled",
                "--policy",
                "s3-existing-objects-encrypted",
                "--format",
                "json",
            ]);
            const docs = fs.readFileSync(path.join(repoRoot, "docs/audit.md"), "utf8");
            const example = JSON.parse(/\*\*json\*\*[\s\S]*?```json\n([\s\S]*?)\n```/.exec(docs)![1]);
            const actual = JSON.parse(run.stdout);
            expect(Object.keys(example)).to.deep.equal(Object.keys(actual));
            expect({ ...example.pack, version: "-" }).to.deep.equal({ ...actual.pack, version: "-" });
            expect(example.summary).to.deep.equal(actual.summary);
            // The first finding in full (its message abridged), the others abridged with "…".
            const fields = (f: Record<string, unknown>) => Object.keys(f).filter((k) => k !== "…");
            expect(fields(example.violations[0])).to.deep.equal(fields(actual.violations[0]));
            expect({ ...example.violations[0], message: "-" }).to.deep.equal({ ...actual.violations[0], message: "-" });
            expect(actual.violations[0].message.startsWith(example.violations[0].message.replace(/ …$/, ""))).to.equal(true);
            expect(example.violations.length).to.equal(actual.violations.length);
            expect(example.waived.map((w: Record<string, unknown>) => [w.policyName, w.reason, w.expires])).to.deep.equal(actual.waived.map((w: Record<string, unknown>) => [w.policyName, w.reason, w.expires]));
            expect(example.notes).to.deep.equal(actual.notes);
        });
    });

    describe("command line", () => {
        it("exits 1 on failing violations, 0 with --fail-on none, and on advisory ones only with --fail-on advisory", async () => {
            const violations = fixture("violations.json");
            expect((await runCli(["audit", violations])).code).to.equal(1);
            expect((await runCli(["audit", violations, "--fail-on", "none"])).code).to.equal(0);
            const advisoryOnly = ["audit", violations, "--policy", "s3-bucket-key-enabled"];
            expect(json(await runCli(advisoryOnly)).summary.violations).to.deep.equal({ mandatory: 0, advisory: 1 });
            expect((await runCli(advisoryOnly)).code).to.equal(0);
            expect((await runCli([...advisoryOnly, "--fail-on", "advisory"])).code).to.equal(1);
        });

        it("runs only the policies named with --policy", async () => {
            const report = json(await runCli(["audit", fixture("violations.json"), "--policy", "kms-key-rotation-enabled", "--policy", "lb-listener-tls-policy"]));
            expect([...new Set(report.violations.map((v: { policyName: string }) => v.policyName))]).to.deep.equal(["kms-key-rotation-enabled", "lb-listener-tls-policy"]);
        });

        it("takes levels and parameters from a --policy-pack-config file as the Pulumi CLI does", async () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "audit-config-"));
            try {
                fs.writeFileSync(path.join(dir, "config.json"), JSON.stringify({ all: "advisory", "kms-key-rotation-enabled": { enforcementLevel: "disabled" } }));
                const run = await runCli(["audit", fixture("violations.json"), "--policy-pack-config", path.join(dir, "config.json")]);
                const report = json(run);
                expect(report.summary.violations.mandatory).to.equal(0);
                expect(report.violations.map((v: { policyName: string }) => v.policyName)).to.not.include("kms-key-rotation-enabled");
                expect(run.code).to.equal(0);
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });

        it("chooses the format: --format, else the --output extension, else table on a terminal and JSON in a pipe", async () => {
            const file = fixture("deleted-and-pending.json");
            expect((await runCli(["audit", file])).stdout.startsWith("{")).to.equal(true);
            const terminal = await runCli(["audit", file], { stdoutIsTTY: true, columns: 100 });
            expect(terminal.stdout).to.include("\u001b[31mmandatory\u001b[0m");
            expect((await runCli(["audit", file], { stdoutIsTTY: true, env: { NO_COLOR: "1" } })).stdout).to.match(/^aws-secure-baseline [^\n]*\n\nStack legacy-app\/staging/);
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "audit-output-"));
            try {
                for (const [name, start] of [["report.sarif", '{\n  "$schema"'], ["report.xml", "<?xml"], ["report.json", '{\n  "pack"'], ["report.txt", "aws-secure-baseline"]]) {
                    const run = await runCli(["audit", file, "--output", path.join(dir, name)], { stdoutIsTTY: true });
                    expect(fs.readFileSync(path.join(dir, name), "utf8").startsWith(start), name).to.equal(true);
                    expect(run.stdout).to.match(/^1 stack, 5 resources, \d+ evaluations: 1 mandatory, 0 advisory, 0 waived; FAILED \(--fail-on mandatory\) \(\w+ report in /);
                    expect(run.code).to.equal(1);
                }
                expect(fs.readFileSync(path.join(dir, "report.txt"), "utf8")).to.not.include("\u001b[");
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });

        it("audits several exports, directories of them and standard input in one report", async () => {
            const all = json(await runCli(["audit", exportsDir, "--format", "json"]));
            expect(all.summary.stacks).to.equal(6);
            const one = json(await runCli(["audit", fixture("deleted-and-pending.json"), "--format", "json"]));
            const viaStdin = await runCli(["audit", "-", "--format", "sarif"], { readStdin: () => fs.readFileSync(fixture("ciphertext-secrets.json"), "utf8") });
            // The same report, each entry naming standard input as its source.
            const fromStdin = JSON.stringify(json(await runCli(["audit", "-"], { readStdin: () => fs.readFileSync(fixture("deleted-and-pending.json"), "utf8") })));
            expect(fromStdin).to.include('"source":"<stdin>"');
            expect(JSON.parse(fromStdin.split('"source":"<stdin>"').join(`"source":${JSON.stringify(fixture("deleted-and-pending.json"))}`))).to.deep.equal(one);
            expect(all.violations.filter((v: { stack: string }) => v.stack === "legacy-app/staging")).to.deep.equal(
                one.violations.map((v: object) => ({ ...v, source: path.join(exportsDir, "deleted-and-pending.json") })),
            );
            // Without a file (and no recorded source position), a SARIF result is located by its URN alone.
            const locations = (json(viaStdin) as Log).runs[0].results!.map((r) => r.locations![0]);
            expect(locations.length).to.be.greaterThan(0);
            expect(locations.filter((l) => l.physicalLocation !== undefined || l.logicalLocations![0].fullyQualifiedName === undefined)).to.deep.equal([]);
        });

        it("lists the policies one line each when piped, with severity and level", async () => {
            const piped = (await runCli(["policies"])).stdout.split("\n");
            expect(piped.slice(1, policies.length + 1).map((l) => l.split(/\s+/)[0])).to.deep.equal(policies.map((p) => p.name));
            expect(piped[policies.length + 1]).to.equal("");
        });

        it("lists the policies on a terminal within 80 columns, with severity and level", async () => {
            const run = await runCli(["policies"], { stdoutIsTTY: true });
            const lines = run.stdout.split("\n");
            expect(lines[0]).to.match(/^POLICY\s+SEVERITY\s+LEVEL\s+KIND$/);
            const columns = (p: (typeof policies)[number]) => `${p.severity}\\s+${p.enforcementLevel}\\s+${p.kind.replace(/\+/g, "\\+")}$`;
            for (const p of policies) {
                // One line, or, for a name longer than its column, the name alone and its columns on the next line.
                const i = lines.findIndex((l) => l === p.name || l.startsWith(`${p.name} `));
                const row = lines[i] === p.name ? lines[i + 1] : lines[i].slice(p.name.length);
                expect(row, p.name).to.match(new RegExp(`^\\s+${columns(p)}`));
            }
            expect(lines.every((l) => l.length <= 80)).to.equal(true);
            const listed = JSON.parse((await runCli(["policies", "--format", "json", "--policy-pack-config", path.join(exportsDir, "config", "waivers.json")])).stdout);
            expect(listed.map((p: { name: string }) => p.name)).to.deep.equal(policies.map((p) => p.name));
        });

        it("--help lists the exit codes", async () => {
            const run = await runCli(["--help"]);
            expect(run.code).to.equal(0);
            const codes = run.stdout.slice(run.stdout.indexOf("Exit codes:")).split("\n").slice(1).filter((l) => l.trim() !== "").map((l) => l.trim().split(/\s+/)[0]);
            expect(codes).to.deep.equal(["0", "1", "2", "3"]);
        });

        it("answers a usage or config problem with exit code 2 and one line on stderr", async () => {
            const file = fixture("deleted-and-pending.json");
            const cases: [string[], RegExp][] = [
                [["audit"], /^error: missing required argument 'exports'\n$/],
                [["audit", file, "--format", "yaml"], /^error: option '-f, --format <format>' argument 'yaml' is invalid\. Allowed choices are table, json, sarif, junit\.\n$/],
                [["audit", file, "--fail-on", "warning"], /^error: option '--fail-on <level>' argument 'warning' is invalid/],
                [["audit", file, "--policy", "no-such-policy"], /^secure-baseline: --policy no-such-policy: no such policy \(see `secure-baseline policies`\)\n$/],
                [["audit", file, "--policy-pack-config", "missing.json"], /^secure-baseline: missing\.json: no such file\n$/],
                [["audit", file, "--policy-pack-config", path.join(exportsDir, "deleted-and-pending.json")], /^secure-baseline: .*deleted-and-pending\.json: policy pack config: 'version' is not a policy of this pack\n$/],
                [["audit", "-", "-"], /^secure-baseline: standard input \(-\) can be named only once\n$/],
                [["audit", file, "--output", path.join(repoRoot, "no-such-dir", "r.json")], /^secure-baseline: .*no-such-dir\/r\.json: cannot write the report \(ENOENT\)\n$/],
                [["nonsense"], /^error: unknown command 'nonsense'\n$/],
            ];
            for (const [args, stderr] of cases) {
                const run = await runCli(args);
                expect(run.stderr, args.join(" ")).to.match(stderr);
                expect(run.code, args.join(" ")).to.equal(2);
            }
            const waiverWithoutResources = fs.mkdtempSync(path.join(os.tmpdir(), "audit-waiver-"));
            try {
                const config = path.join(waiverWithoutResources, "c.json");
                fs.writeFileSync(config, JSON.stringify({ "kms-key-rotation-enabled": { waivers: [{ reason: "r", expires: "2999-01-01" }] } }));
                const run = await runCli(["audit", file, "--policy-pack-config", config]);
                expect(run.stderr).to.equal(`secure-baseline: ${config}: policy pack config: 'kms-key-rotation-enabled': waivers.0 must have required property 'resources'\n`);
                expect(run.code).to.equal(2);
            } finally {
                fs.rmSync(waiverWithoutResources, { recursive: true, force: true });
            }
        });

    });
});
