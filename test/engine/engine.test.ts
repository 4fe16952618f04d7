// The pack under the real Pulumi engine (`npm run test:engine`): the CLI built from the Go module
// proxy runs the reference stack and the insecure counterpart with `--policy-pack`, deploys them to
// the stand-in cloud provider on a file backend, and audits their exports with `pulumi policy
// analyze --file`. What the CLI prints is read from its event log; each claim the README makes
// about `pulumi preview`, `pulumi up`, `--policy-pack-config` and exports is checked here as the
// CLI behaves, and the in-process harness (test/harness) is held to it.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import { policies } from "../../policy-pack/policies";
import { checkProgram } from "../../scripts/stack-check";
import { comparableReport, sarifValidator } from "../cli/golden";
import { publishAndInstall } from "../ship/published-pack";
import { CliResult, EngineEvent, EngineWorkspace, PolicyFinding, customResources, plannedChanges, policyFindings, pythonProgramDir, pythonReferenceDir, repoRoot, sortFindings } from "./engine";

const referenceStack = { "Pulumi.yaml": "Pulumi.yaml", "Pulumi.dev.yaml": "Pulumi.dev.yaml", stack: "stack", "tsconfig.json": "tsconfig.json" };
const insecureProgram = { ".": "test/fixtures/programs/insecure" };

/**
 * Policies that judge what only a stack export records (when each resource was created): the
 * analyzer protocol carries no timestamps, so under the CLI (`preview`, `up`, `policy analyze`)
 * they are not applicable, and only `secure-baseline audit` reports them (docs/audit.md).
 */
const exportOnlyPolicies = ["s3-existing-objects-encrypted"];

const key = (f: PolicyFinding) => `${f.policyName} ${f.level} ${f.resource}`;

/** Findings on one side only, both ways; empty when the two runs agree. */
export function findingDifferences(left: PolicyFinding[], right: PolicyFinding[]): { onlyLeft: string[]; onlyRight: string[] } {
    const leftKeys = new Set(left.map(key));
    const rightKeys = new Set(right.map(key));
    return { onlyLeft: left.map(key).filter((k) => !rightKeys.has(k)), onlyRight: right.map(key).filter((k) => !leftKeys.has(k)) };
}

/** `secure-baseline audit` of an export: its JSON report. */
function auditReport(exportFile: string, configFile?: string): Record<string, any> {
    const args = [path.join(repoRoot, "bin", "secure-baseline.js"), "audit", exportFile, "--format", "json", ...(configFile ? ["--policy-pack-config", configFile] : [])];
    let stdout: string;
    try {
        stdout = execFileSync(process.execPath, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    } catch (err) {
        // Exit code 1: failing violations, with the report on stdout all the same.
        const failed = err as { status?: number; stdout?: string; stderr?: string };
        if (failed.status !== 1 || !failed.stdout) {
            throw new Error(`secure-baseline audit ${exportFile} failed (exit code ${failed.status}): ${failed.stderr}`);
        }
        stdout = failed.stdout;
    }
    return JSON.parse(stdout);
}

/** `secure-baseline audit` of an export, as (policy, resource, level) findings. */
function auditFindings(exportFile: string, configFile?: string): PolicyFinding[] {
    const report = auditReport(exportFile, configFile) as { violations: { policyName: string; urn: string; enforcementLevel: string }[] };
    return sortFindings(report.violations.map((v) => ({ policyName: v.policyName, resource: v.urn, level: v.enforcementLevel })));
}

function expectExit(result: CliResult, code: number | "non-zero"): void {
    const ok = code === "non-zero" ? result.code !== 0 : result.code === code;
    expect(ok, `expected exit code ${code}, got ${result.code}:\n${result.output}`).to.equal(true);
}

describe("the real Pulumi engine", function () {
    let ws: EngineWorkspace;
    let rootStackOf: (project: string) => string;

    before(function () {
        ws = new EngineWorkspace();
        process.stdout.write(`      pulumi version ${ws.install.version} (${ws.install.builtFromModules ? "built from the Go module proxy" : ws.install.pulumi})\n`);
        rootStackOf = (project) => `urn:pulumi:dev::${project}::pulumi:pulumi:Stack::${project}-dev`;
    });

    after(function () {
        ws?.remove();
    });

    describe("the reference stack", function () {
        let dir: string;
        before(function () {
            dir = ws.program("reference", referenceStack);
        });

        it("`pulumi preview --policy-pack` exits 0 with no policy diagnostic of any level", function () {
            const preview = ws.pulumiWithEvents(["preview", "--policy-pack", repoRoot, "--non-interactive"], dir);
            expectExit(preview, 0);
            expect(policyFindings(preview.events), preview.output).to.deep.equal([]);
            expect(preview.stdout).to.include("✅ aws-secure-baseline@v");
        });

        it("converges: `pulumi up --policy-pack` twice, then `pulumi preview --expect-no-changes` passes", function () {
            for (const run of [1, 2]) {
                const up = ws.pulumiWithEvents(["up", "--yes", "--policy-pack", repoRoot, "--non-interactive"], dir);
                expectExit(up, 0);
                expect(policyFindings(up.events), `pulumi up #${run}\n${up.output}`).to.deep.equal([]);
            }
            const preview = ws.pulumiWithEvents(["preview", "--expect-no-changes", "--policy-pack", repoRoot, "--non-interactive"], dir);
            expectExit(preview, 0);
            expect([...plannedChanges(preview.events)]).to.deep.equal([]);
        });

        it("its export: `secure-baseline audit` and `pulumi policy analyze --file` both find nothing", function () {
            const exportFile = path.join(ws.dir, "reference.json");
            ws.expectSuccess(ws.pulumi(["stack", "export", "--file", exportFile], dir), "export the reference stack");
            expect(JSON.parse(fs.readFileSync(exportFile, "utf8")).deployment.resources.length).to.be.greaterThan(40);
            const analyze = ws.policyAnalyze(exportFile, repoRoot);
            expectExit(analyze, 0);
            expect(policyFindings(analyze.events)).to.deep.equal([]);
            expect(auditFindings(exportFile)).to.deep.equal([]);
        });
    });

    describe("the Python reference stack", function () {
        let dir: string;
        before(function () {
            dir = ws.program("python-reference", { ".": pythonReferenceDir });
        });

        it("`pulumi preview --policy-pack` exits 0; its only diagnostics say that the two documents naming ARNs of resources not yet created are judged at update", function () {
            const preview = ws.pulumiWithEvents(["preview", "--policy-pack", repoRoot, "--non-interactive"], dir);
            expectExit(preview, 0);
            // `pulumi.Output.json_dumps` of a document that names the key's or the distribution's
            // ARN is one unknown string at preview, as the aws provider's Check makes any document
            // holding an unknown (docs/engine.md); the pack says so once per policy, as an advisory.
            const urn = (type: string, name: string) => `urn:pulumi:dev::aws-secure-baseline-reference::${type}::${name}`;
            const stackUrn = rootStackOf("aws-secure-baseline-reference");
            expect(policyFindings(preview.events).map(key), preview.output).to.deep.equal([
                `iam-no-credentials-exposure advisory ${stackUrn}`,
                `iam-no-privilege-escalation advisory ${stackUrn}`,
                `iam-no-wildcard-actions advisory ${urn("aws:iam/rolePolicy:RolePolicy", "app-data-access")}`,
                `iam-no-wildcard-actions advisory ${urn("aws:s3/bucketPolicy:BucketPolicy", "data-policy")}`,
                `iam-no-wildcard-resources advisory ${urn("aws:iam/rolePolicy:RolePolicy", "app-data-access")}`,
                `iam-role-separation-of-duties advisory ${stackUrn}`,
                `resource-policy-no-public-access advisory ${urn("aws:s3/bucketPolicy:BucketPolicy", "data-policy")}`,
                `s3-bucket-policy-enforce-kms-uploads advisory ${stackUrn}`,
                `s3-bucket-policy-tls-only advisory ${stackUrn}`,
            ]);
            for (const e of preview.events.filter((event) => event.policyEvent)) {
                expect(e.policyEvent!.message).to.match(/^can't run policy '[a-z0-9-]+' from policy pack 'aws-secure-baseline@v[^']+' during preview: .* is (partly )?unknown/);
            }
        });

        it("`pulumi up --policy-pack`, every value known, passes with no policy diagnostic of any level", function () {
            const up = ws.pulumiWithEvents(["up", "--yes", "--policy-pack", repoRoot, "--non-interactive"], dir);
            expectExit(up, 0);
            expect(policyFindings(up.events), up.output).to.deep.equal([]);
        });

        it("declares the TypeScript stack's custom resources, name for name, under the same preview", function () {
            // Each stack new, previewed the same way. Custom resources only: provider resources are
            // not counted, and a component would add a resource of its own without adding anything to the cloud.
            const python = ws.pulumiWithEvents(["preview", "--non-interactive"], ws.program("python-reference-to-compare", { ".": pythonReferenceDir }));
            const typescript = ws.pulumiWithEvents(["preview", "--non-interactive"], ws.program("reference-to-compare", referenceStack));
            expectExit(python, 0);
            expectExit(typescript, 0);
            expect(customResources(python.events).length, "custom resources").to.equal(customResources(typescript.events).length);
            expect(customResources(python.events)).to.deep.equal(customResources(typescript.events));
            process.stdout.write(`      ${customResources(python.events).length} custom resources in each\n`);
        });
    });

    describe("the insecure counterpart", function () {
        let dir: string;
        let exportFile: string;

        before(function () {
            dir = ws.program("insecure", insecureProgram);
        });

        it("`pulumi preview --policy-pack` prints the same findings as the in-process harness, every mandatory policy decidable at preview among them", async function () {
            const preview = ws.pulumiWithEvents(["preview", "--policy-pack", repoRoot, "--non-interactive"], dir);
            expectExit(preview, "non-zero");
            const real = policyFindings(preview.events);
            // A stack-wide diagnostic carries no URN; the CLI shows it on the root Stack resource.
            const harnessRun = (await checkProgram("insecure")).results.find((r) => r.mode === "preview")!.run;
            const harness = sortFindings([
                ...new Map(
                    harnessRun.diagnostics.map((d) => {
                        const finding = { policyName: d.policyName, resource: d.urn || rootStackOf("insecure-counterpart"), level: d.enforcementLevel };
                        return [key(finding), finding] as const;
                    }),
                ).values(),
            ]);
            expect(findingDifferences(real, harness)).to.deep.equal({ onlyLeft: [], onlyRight: [] });
            const tripped = new Set(real.filter((f) => f.level === "mandatory").map((f) => f.policyName));
            const missed = policies.filter((p) => p.enforcementLevel === "mandatory" && !tripped.has(p.name) && !exportOnlyPolicies.includes(p.name)).map((p) => p.name);
            expect(missed).to.deep.equal([]);
            for (const name of tripped) {
                expect(preview.stdout, name).to.include(`[mandatory]`).and.to.include(`  ${name}  (`);
            }
        });

        it("`pulumi up --policy-pack` is refused and creates nothing; the report it was asked for is its preview's", function () {
            const report = path.join(ws.dir, "refused-up", "policy.json");
            const configFile = path.join(ws.dir, "refused-up.json");
            fs.writeFileSync(configFile, JSON.stringify({ report: { json: report } }));
            const up = ws.pulumiWithEvents(["up", "--yes", "--policy-pack", repoRoot, "--policy-pack-config", configFile, "--non-interactive"], dir);
            expectExit(up, "non-zero");
            // The update never starts: its preview step fails on the mandatory violations.
            expect(up.output).to.include("error: preview failed");
            expect(policyFindings(up.events).filter((f) => f.level === "mandatory")).to.have.length.greaterThan(0);
            const written = JSON.parse(fs.readFileSync(report, "utf8"));
            expect([...new Set(written.violations.map((v: { source: string }) => v.source))]).to.deep.equal(["pulumi preview"]);
            const reported = sortFindings(written.violations.map((v: { policyName: string; urn: string; enforcementLevel: string }) => ({ policyName: v.policyName, resource: v.urn, level: v.enforcementLevel })));
            expect(findingDifferences(reported, policyFindings(up.events))).to.deep.equal({ onlyLeft: [], onlyRight: [] });
            const state = JSON.parse(ws.expectSuccess(ws.pulumi(["stack", "export"], dir), "export the insecure stack").stdout);
            expect(state.deployment.resources ?? []).to.deep.equal([]);
        });

        describe("deployed without the pack, its export", function () {
            let analyzed: PolicyFinding[];
            let audited: PolicyFinding[];

            before(function () {
                expectExit(ws.pulumi(["up", "--yes", "--non-interactive"], dir), 0);
                exportFile = path.join(ws.dir, "insecure.json");
                ws.expectSuccess(ws.pulumi(["stack", "export", "--file", exportFile], dir), "export the insecure stack");
                // One `pulumi up` creates everything within seconds. As a stack whose bucket got its
                // encryption configuration a day after it was created, the export also shows what
                // s3-existing-objects-encrypted finds.
                const state = JSON.parse(fs.readFileSync(exportFile, "utf8"));
                const config = state.deployment.resources.find((r: { urn: string }) => r.urn.endsWith("BucketServerSideEncryptionConfiguration::sse-s3"));
                config.created = new Date(Date.parse(config.created) + 24 * 3600_000).toISOString();
                fs.writeFileSync(exportFile, JSON.stringify(state, null, 2));
                const analyze = ws.policyAnalyze(exportFile, repoRoot);
                expectExit(analyze, "non-zero");
                analyzed = policyFindings(analyze.events);
                audited = auditFindings(exportFile);
            });

            it("gives the same findings (policy, resource, level) from `secure-baseline audit` as from `pulumi policy analyze --file`", function () {
                const comparable = audited.filter((f) => !exportOnlyPolicies.includes(f.policyName));
                expect(findingDifferences(comparable, analyzed)).to.deep.equal({ onlyLeft: [], onlyRight: [] });
                process.stdout.write(`      ${analyzed.length} findings compared (${new Set(analyzed.map((f) => f.policyName)).size} policies)\n`);
                // Every mandatory policy reports something on one side or the other: the audit adds
                // what needs the export's creation times.
                const tripped = new Set(audited.filter((f) => f.level === "mandatory").map((f) => f.policyName));
                expect(policies.filter((p) => p.enforcementLevel === "mandatory" && !tripped.has(p.name)).map((p) => p.name)).to.deep.equal([]);
                expect(audited.filter((f) => exportOnlyPolicies.includes(f.policyName)).map(key)).to.deep.equal([
                    "s3-existing-objects-encrypted mandatory urn:pulumi:dev::insecure-counterpart::aws:s3/bucket:Bucket::sse-s3",
                    "s3-existing-objects-encrypted mandatory urn:pulumi:dev::insecure-counterpart::aws:s3/bucketObjectv2:BucketObjectv2::report-sse-s3",
                ]);
            });

            it("the differential fails when the pack drops a finding: one policy disabled on the CLI's side shows as exactly its findings", function () {
                const dropped = "kms-key-rotation-enabled";
                const configFile = path.join(ws.dir, "drop-one.json");
                fs.writeFileSync(configFile, JSON.stringify({ [dropped]: "disabled" }));
                const analyze = ws.policyAnalyze(exportFile, repoRoot, configFile);
                const comparable = audited.filter((f) => !exportOnlyPolicies.includes(f.policyName));
                const differences = findingDifferences(comparable, policyFindings(analyze.events));
                expect(differences.onlyRight).to.deep.equal([]);
                expect(differences.onlyLeft).to.have.length.greaterThan(0);
                expect(differences.onlyLeft).to.deep.equal(audited.filter((f) => f.policyName === dropped).map(key));
            });

            it("`pulumi preview --policy-pack` with a `report` entry in its config writes SARIF that validates and JSON that is `secure-baseline audit`'s report of the export", function () {
                const reports = fs.mkdtempSync(path.join(ws.dir, "reports-"));
                const configFile = path.join(ws.dir, "report.json");
                fs.writeFileSync(configFile, JSON.stringify({ report: { sarif: path.join(reports, "policy.sarif"), json: path.join(reports, "policy.json") } }));
                const preview = ws.pulumiWithEvents(["preview", "--policy-pack", repoRoot, "--policy-pack-config", configFile, "--non-interactive"], dir);
                expectExit(preview, "non-zero");
                const written = JSON.parse(fs.readFileSync(path.join(reports, "policy.json"), "utf8"));
                expect(comparableReport(written)).to.deep.equal(comparableReport(auditReport(exportFile)));
                // What the CLI printed, as (policy, level, resource); the report has a finding per message.
                const reported = sortFindings(written.violations.map((v: { policyName: string; urn: string; enforcementLevel: string }) => ({ policyName: v.policyName, resource: v.urn, level: v.enforcementLevel })));
                expect(findingDifferences(reported, policyFindings(preview.events))).to.deep.equal({ onlyLeft: [], onlyRight: [] });
                const validate = sarifValidator();
                const sarif = JSON.parse(fs.readFileSync(path.join(reports, "policy.sarif"), "utf8"));
                expect(validate(sarif), JSON.stringify(validate.errors)).to.equal(true);
                expect(sarif.runs[0].results.length).to.equal(written.violations.length);
                expect(fs.readdirSync(reports).sort()).to.deep.equal(["policy.json", "policy.sarif"]);
            });

            it("the published artifact, installed as the CLI installs a published pack, gives the same findings as the checkout", function () {
                this.timeout(600_000);
                const published = publishAndInstall(fs.mkdtempSync(path.join(ws.dir, "published-")));
                const fromCheckout = ws.policyAnalyze(exportFile, repoRoot);
                const fromArtifact = ws.policyAnalyze(exportFile, published.packDir);
                expectExit(fromArtifact, "non-zero");
                expect(policyFindings(fromArtifact.events)).to.have.length.greaterThan(0);
                expect(findingDifferences(policyFindings(fromArtifact.events), policyFindings(fromCheckout.events))).to.deep.equal({ onlyLeft: [], onlyRight: [] });
                const preview = ws.pulumiWithEvents(["preview", "--policy-pack", published.packDir, "--non-interactive"], dir);
                const previewFromCheckout = ws.pulumiWithEvents(["preview", "--policy-pack", repoRoot, "--non-interactive"], dir);
                expect(findingDifferences(policyFindings(preview.events), policyFindings(previewFromCheckout.events))).to.deep.equal({ onlyLeft: [], onlyRight: [] });
            });
        });
    });

    describe("`--policy-pack-config` files", function () {
        let dir: string;
        const configFile = (name: string, config: unknown) => {
            const file = path.join(ws.dir, `${name}.json`);
            fs.writeFileSync(file, JSON.stringify(config));
            return file;
        };
        const previewWith = (file: string) => ws.pulumiWithEvents(["preview", "--policy-pack", repoRoot, "--policy-pack-config", file, "--non-interactive"], dir);

        before(function () {
            dir = ws.program("configured", insecureProgram);
        });

        it("a valid one changes levels as documented: `all` first, then each policy's own entry", function () {
            const preview = previewWith(configFile("valid", { all: "advisory", "kms-key-rotation-enabled": { enforcementLevel: "mandatory", maxRotationDays: 180 }, "iam-no-wildcard-actions": "disabled" }));
            expectExit(preview, "non-zero");
            const findings = policyFindings(preview.events);
            expect([...new Set(findings.filter((f) => f.level === "mandatory").map((f) => f.policyName))]).to.deep.equal(["kms-key-rotation-enabled"]);
            expect(findings.filter((f) => f.policyName === "iam-no-wildcard-actions")).to.deep.equal([]);
            expect(findings.filter((f) => f.level === "advisory").length).to.be.greaterThan(50);
        });

        it("a misspelled parameter is refused, the policy and the field named", function () {
            const preview = previewWith(configFile("misspelled", { "kms-key-rotation-enabled": { maxRotationDayz: 180 } }));
            expectExit(preview, "non-zero");
            expect(policyFindings(preview.events)).to.deep.equal([]);
            expect(preview.output).to.include("kms-key-rotation-enabled").and.to.include("maxRotationDayz");
        });

        it("a `report` entry naming an unknown format is refused, the entry and the field named", function () {
            const preview = previewWith(configFile("report-format", { report: { jsno: path.join(ws.dir, "never.json") } }));
            expectExit(preview, "non-zero");
            expect(policyFindings(preview.events)).to.deep.equal([]);
            expect(preview.output, preview.output).to.include("'report': 'jsno' is not a report format (the formats: sarif, json)");
            expect(fs.existsSync(path.join(ws.dir, "never.json"))).to.equal(false);
        });

        it("a parameter of the wrong type is refused, the policy and the field named", function () {
            const preview = previewWith(configFile("wrong-type", { "kms-key-rotation-enabled": { maxRotationDays: "ten" } }));
            expectExit(preview, "non-zero");
            expect(policyFindings(preview.events)).to.deep.equal([]);
            expect(preview.output).to.include("kms-key-rotation-enabled: maxRotationDays: Invalid type. Expected: integer, given: string");
        });

        it("a policy the pack does not have is refused, named", function () {
            const preview = previewWith(configFile("unknown-policy", { "kms-key-rotaton-enabled": "advisory" }));
            expectExit(preview, "non-zero");
            expect(policyFindings(preview.events)).to.deep.equal([]);
            expect(preview.output).to.include("'kms-key-rotaton-enabled' is not a policy of this pack");
        });
    });

    describe("enforcement level `remediate`", function () {
        let dir: string;
        const remediating = policies.filter((p) => p.remediation !== undefined).map((p) => p.name);
        const configFile = (name: string, config: unknown) => {
            const file = path.join(ws.dir, `${name}.json`);
            fs.writeFileSync(file, JSON.stringify(config));
            return file;
        };
        /** The remediations of a run: `policy urn` -> the properties after it. */
        const remediationsOf = (events: EngineEvent[]) =>
            new Map(events.flatMap((e) => (e.policyRemediationEvent ? [[`${(e.policyRemediationEvent as any).policyName} ${(e.policyRemediationEvent as any).resourceUrn}`, (e.policyRemediationEvent as any).after]] : [])));

        before(function () {
            dir = ws.program("remediated", insecureProgram);
        });

        it("every policy at `remediate`: the preview shows the remediated properties and fewer mandatory findings, the same as `secure-baseline preview`", function () {
            const file = configFile("all-remediate", { all: "remediate" });
            const plain = ws.pulumiWithEvents(["preview", "--policy-pack", repoRoot, "--non-interactive"], dir);
            const preview = ws.pulumiWithEvents(["preview", "--policy-pack", repoRoot, "--policy-pack-config", file, "--non-interactive"], dir);
            expectExit(preview, "non-zero");
            const mandatory = (events: EngineEvent[]) => policyFindings(events).filter((f) => f.level === "mandatory");
            expect(mandatory(preview.events).length).to.be.lessThan(mandatory(plain.events).length);

            const remediations = remediationsOf(preview.events);
            const urn = (type: string, name: string) => `urn:pulumi:dev::insecure-counterpart::${type}::${name}`;
            expect(remediations.get(`kms-key-rotation-enabled ${urn("aws:kms/key:Key", "no-rotation")}`)?.enableKeyRotation).to.equal(true);
            expect(remediations.get(`kms-key-safe-deletion ${urn("aws:kms/key:Key", "no-rotation")}`)?.deletionWindowInDays).to.equal(30);
            expect(remediations.get(`lb-listener-tls-policy ${urn("aws:lb/listener:Listener", "https-legacy")}`)?.sslPolicy).to.equal("ELBSecurityPolicy-TLS13-1-2-2021-06");

            // The in-process preview reports the same remediations and the same mandatory findings.
            let stdout: string;
            try {
                stdout = execFileSync(process.execPath, [path.join(repoRoot, "bin", "secure-baseline.js"), "preview", dir, "--format", "json", "--policy-pack-config", file], { encoding: "utf8" });
            } catch (err) {
                stdout = (err as { stdout: string }).stdout;
            }
            const report = JSON.parse(stdout) as { violations: { policyName: string; urn: string; enforcementLevel: string; pass?: string }[]; wouldRemediate: { policyName: string; urn: string }[] };
            expect([...remediations.keys()].sort()).to.deep.equal(report.wouldRemediate.map((r) => `${r.policyName} ${r.urn}`).sort());
            // Findings the in-process preview made with plausible outputs are undecided under the CLI.
            const inProcess = sortFindings(report.violations.filter((v) => v.enforcementLevel === "mandatory" && v.pass === undefined).map((v) => ({ policyName: v.policyName, resource: v.urn, level: v.enforcementLevel })));
            expect(findingDifferences(mandatory(preview.events), inProcess)).to.deep.equal({ onlyLeft: [], onlyRight: [] });
        });

        it("the policies whose fixes leave nothing: `pulumi up` at `remediate` deploys the fixes, and a second `pulumi up` changes nothing", function () {
            const fixedWhole = ["kms-key-rotation-enabled", "kms-key-safe-deletion", "lb-listener-tls-policy", "cloudfront-viewer-https", "cloudfront-tls-policy", "s3-bucket-key-enabled"];
            expect(remediating).to.include.members(fixedWhole);
            const file = configFile("remediate-some", { all: "disabled", ...Object.fromEntries(fixedWhole.map((name) => [name, "remediate"])) });
            const up = ws.pulumiWithEvents(["up", "--yes", "--policy-pack", repoRoot, "--policy-pack-config", file, "--non-interactive"], dir);
            expectExit(up, 0);
            expect(policyFindings(up.events).filter((f) => f.level === "mandatory")).to.deep.equal([]);
            const state = JSON.parse(ws.expectSuccess(ws.pulumi(["stack", "export"], dir), "export the remediated stack").stdout);
            const key = state.deployment.resources.find((r: { urn: string }) => r.urn.endsWith("aws:kms/key:Key::no-rotation"));
            expect(key.inputs.enableKeyRotation).to.equal(true);
            const again = ws.pulumiWithEvents(["up", "--yes", "--policy-pack", repoRoot, "--policy-pack-config", file, "--non-interactive"], dir);
            expectExit(again, 0);
            expect([...plannedChanges(again.events)]).to.deep.equal([]);
        });
    });

    describe("waiver tags", function () {
        const urn = (type: string, name: string) => `urn:pulumi:dev::tag-waivers::${type}::${name}`;
        const keyUrn = (name: string) => urn("aws:kms/key:Key", name);
        const bucketUrn = (name: string) => urn("aws:s3/bucket:Bucket", name);
        const configUrn = (name: string) => urn("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", name);
        /** What every run finds whatever the tags: no tag waives these policies. */
        const unwaived = [
            ...["comma-key", "expired-key", "untagged-key", "vendor-key"].map((k) => `kms-key-policy-explicit mandatory ${keyUrn(k)}`),
            // A malformed and an expired tag: the finding stands, and the tag is reported as advisory.
            `kms-key-rotation-enabled advisory ${keyUrn("comma-key")}`,
            `kms-key-rotation-enabled advisory ${keyUrn("expired-key")}`,
            `kms-key-rotation-enabled mandatory ${keyUrn("comma-key")}`,
            `kms-key-rotation-enabled mandatory ${keyUrn("expired-key")}`,
            `kms-key-rotation-enabled mandatory ${keyUrn("untagged-key")}`,
            ...["partner-archive", "partner-uploads"].flatMap((b) => [
                `s3-bucket-default-encryption-kms mandatory ${bucketUrn(b)}`,
                `s3-bucket-default-encryption-kms mandatory ${configUrn(b)}`,
                `s3-bucket-policy-enforce-kms-uploads mandatory ${bucketUrn(b)}`,
                `s3-bucket-policy-tls-only mandatory ${bucketUrn(b)}`,
                `s3-bucket-public-access-block mandatory ${bucketUrn(b)}`,
            ]),
        ];
        let dir: string;

        before(function () {
            dir = ws.program("tag-waivers", { ".": "test/fixtures/programs/tag-waivers" });
        });

        it("`pulumi preview --policy-pack`: a tag's policy is advisory (waived) on its resource, every other finding stands; a tag unknown at preview leaves its finding undecided", function () {
            const preview = ws.pulumiWithEvents(["preview", "--policy-pack", repoRoot, "--non-interactive"], dir);
            expectExit(preview, "non-zero");
            expect(policyFindings(preview.events).map(key).sort()).to.deep.equal(
                [
                    ...unwaived,
                    `kms-key-rotation-enabled advisory ${keyUrn("vendor-key")}`,
                    `s3-bucket-block-sse-c advisory ${bucketUrn("partner-uploads")}`,
                    // partner-archive's tag is computed from partner-uploads' name: the stack check cannot decide, and says so on the stack.
                    `s3-bucket-block-sse-c advisory ${rootStackOf("tag-waivers")}`,
                ].sort(),
            );
            const messages = (policy: string, resource: string) =>
                preview.events.filter((e) => e.policyEvent?.policyName === policy && e.policyEvent.resourceUrn === resource).map((e) => e.policyEvent!.message.trim().split("\n").slice(1).join("\n"));
            expect(messages("kms-key-rotation-enabled", keyUrn("vendor-key"))).to.deep.equal([
                "Waived by tag 'secure-baseline:waive:kms-key-rotation-enabled' until 2999-12-31: the vendor client caches key material - SEC-142. " +
                    "KMS key 'vendor-key' does not rotate its key material. Set enableKeyRotation: true.",
            ]);
            const undecided = preview.events.find((e) => e.policyEvent?.policyName === "s3-bucket-block-sse-c" && e.policyEvent.resourceUrn === rootStackOf("tag-waivers"))!;
            expect(undecided.policyEvent!.message).to.include(
                "partner-archive: the value of its waiver tag 'secure-baseline:waive:s3-bucket-block-sse-c' is unknown (unknown until the resources it depends on exist; the policy decides at update)",
            );
        });

        it("deployed without the pack, its export: the tag known in the state waives its finding, in `pulumi policy analyze --file` as in `secure-baseline audit`", function () {
            expectExit(ws.pulumi(["up", "--yes", "--non-interactive"], dir), 0);
            const exportFile = path.join(ws.dir, "tag-waivers.json");
            ws.expectSuccess(ws.pulumi(["stack", "export", "--file", exportFile], dir), "export the tag-waivers stack");
            const analyze = ws.policyAnalyze(exportFile, repoRoot);
            expectExit(analyze, "non-zero");
            const analyzed = policyFindings(analyze.events);
            expect(analyzed.map(key).sort()).to.deep.equal(
                [
                    ...unwaived,
                    `kms-key-rotation-enabled advisory ${keyUrn("vendor-key")}`,
                    `s3-bucket-block-sse-c advisory ${bucketUrn("partner-archive")}`,
                    `s3-bucket-block-sse-c advisory ${bucketUrn("partner-uploads")}`,
                ].sort(),
            );
            // The audit lists waived findings apart from violations; together they are the CLI's findings.
            const audited = auditFindings(exportFile);
            expect(findingDifferences(audited, analyzed)).to.deep.equal({
                onlyLeft: [],
                onlyRight: [
                    `kms-key-rotation-enabled advisory ${keyUrn("vendor-key")}`,
                    `s3-bucket-block-sse-c advisory ${bucketUrn("partner-archive")}`,
                    `s3-bucket-block-sse-c advisory ${bucketUrn("partner-uploads")}`,
                ],
            });
        });
    });

    describe("a Python program", function () {
        it("`pulumi preview --policy-pack` of a Python program (its virtualenv from pinned PyPI requirements) reports its violations in every domain", function () {
            const dir = ws.program("python", { ".": pythonProgramDir });
            const preview = ws.pulumiWithEvents(["preview", "--policy-pack", repoRoot, "--non-interactive"], dir);
            expectExit(preview, "non-zero");
            const urn = (type: string, name: string) => `urn:pulumi:dev::python-insecure::${type}::${name}`;
            expect(policyFindings(preview.events).map(key).sort()).to.deep.equal([
                `cloudfront-viewer-https mandatory ${urn("aws:cloudfront/distribution:Distribution", "site")}`,
                `iam-no-wildcard-actions mandatory ${urn("aws:iam/policy:Policy", "reports-admin")}`,
                `iam-no-wildcard-resources mandatory ${urn("aws:iam/policy:Policy", "reports-admin")}`,
                `kms-key-policy-explicit mandatory ${urn("aws:kms/key:Key", "unrotated")}`,
                `kms-key-rotation-enabled mandatory ${urn("aws:kms/key:Key", "unrotated")}`,
                `s3-bucket-block-sse-c mandatory ${urn("aws:s3/bucket:Bucket", "reports")}`,
                `s3-bucket-default-encryption-kms mandatory ${urn("aws:s3/bucket:Bucket", "reports")}`,
                `s3-bucket-default-encryption-kms mandatory ${urn("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "reports")}`,
                `s3-bucket-policy-enforce-kms-uploads mandatory ${urn("aws:s3/bucket:Bucket", "reports")}`,
                `s3-bucket-policy-tls-only mandatory ${urn("aws:s3/bucket:Bucket", "reports")}`,
                `s3-bucket-public-access-block mandatory ${urn("aws:s3/bucket:Bucket", "reports")}`,
            ]);
        });
    });

    describe("a program that does not converge", function () {
        it("fails `pulumi preview --expect-no-changes` after `pulumi up`, and the test names the properties that differ", function () {
            const dir = ws.program("non-deterministic", { ".": "test/fixtures/programs/non-deterministic" });
            expectExit(ws.pulumi(["up", "--yes", "--non-interactive"], dir), 0);
            const preview = ws.pulumiWithEvents(["preview", "--expect-no-changes", "--non-interactive"], dir);
            expectExit(preview, "non-zero");
            expect(preview.output).to.include("no changes were expected");
            expect(Object.fromEntries(plannedChanges(preview.events))).to.deep.equal({
                "urn:pulumi:dev::non-deterministic::aws:s3/bucket:Bucket::logs": ["tags"],
                "urn:pulumi:dev::non-deterministic::aws:ssm/parameter:Parameter::build": ["description"],
            });
        });
    });
});
