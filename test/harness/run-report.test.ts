// The report files the pack writes of a run when the policy pack config asks for them
// (policy-pack/lib/run-report.ts), through one pack process started as the Pulumi CLI starts it:
// each fixture export is replayed as a `pulumi up` of its resources, and the JSON report must be
// the audit's report of the same export, but for what a run cannot carry (the export's file name,
// creation times). The real CLI's side is in test/engine/engine.test.ts.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseExport } from "../../cli/audit/exports";
import { PolicyPackConfigFile } from "../../policy-pack/lib/config";
import { comparableReport, exportsDir, repoRoot, runCli, sarifValidator, secretStrings } from "../cli/golden";
import { PolicyPackServer } from "./cli-harness";

describe("report files of a run, written by the pack", function () {
    this.timeout(120000);
    let pack: PolicyPackServer | undefined;
    let dir: string;

    before(async () => {
        pack = await PolicyPackServer.start({ dryRun: false });
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "run-report-"));
    });

    after(async () => {
        await pack?.close();
        fs.rmSync(dir, { recursive: true, force: true });
    });

    async function run(file: string, config: PolicyPackConfigFile): Promise<void> {
        const stackExport = parseExport(file, fs.readFileSync(path.join(repoRoot, exportsDir, file), "utf8"));
        await pack!.configure(config);
        await pack!.run(stackExport.resources);
    }

    const waivers = JSON.parse(fs.readFileSync(path.join(repoRoot, exportsDir, "config", "waivers.json"), "utf8")) as PolicyPackConfigFile;
    for (const [file, config] of [
        ["violations.json", {}],
        ["violations.json", waivers],
        ["tag-waivers.json", {}],
        ["plaintext-secrets.json", {}],
        ["reference.json", {}],
    ] as [string, PolicyPackConfigFile][]) {
        it(`${file}${config === waivers ? " with waivers" : ""}: the JSON report is the audit's of the same export, the SARIF report valid`, async () => {
            const json = path.join(dir, `${file}.json`);
            const sarif = path.join(dir, `${file}.sarif`);
            await run(file, { ...config, report: { json, sarif } });
            const configFile = path.join(dir, "config.json");
            fs.writeFileSync(configFile, JSON.stringify(config));
            const audited = await runCli(["audit", path.join(exportsDir, file), "--format", "json", "--policy-pack-config", configFile, "--fail-on", "none"]);
            const written = JSON.parse(fs.readFileSync(json, "utf8"));
            expect(comparableReport(written)).to.deep.equal(comparableReport(JSON.parse(audited.stdout)));
            expect([...new Set([...written.violations, ...written.waived].map((f: { source: string }) => f.source))]).to.deep.equal(file === "reference.json" ? [] : ["pulumi up"]);
            const validate = sarifValidator();
            const log = JSON.parse(fs.readFileSync(sarif, "utf8"));
            expect(validate(log), JSON.stringify(validate.errors)).to.equal(true);
            expect(log.runs[0].results.length).to.equal(written.violations.length + written.waived.length);
            // A run has no file to point into: results are located by the resource's URN.
            expect(log.runs[0].results.filter((r: any) => r.locations[0].physicalLocation)).to.deep.equal([]);
            for (const secret of secretStrings(path.join(repoRoot, exportsDir, file))) {
                expect(fs.readFileSync(json, "utf8")).not.to.include(secret);
                expect(fs.readFileSync(sarif, "utf8")).not.to.include(secret);
            }
        });
    }

    it("a relative path is relative to the policy pack's directory, as the CLI's Handshake names it", async () => {
        const file = path.join(dir, "relative", "report.json");
        await run("violations.json", { report: { json: path.relative(repoRoot, file) } });
        expect(JSON.parse(fs.readFileSync(file, "utf8")).violations.length).to.be.greaterThan(0);
        expect(fs.readdirSync(path.dirname(file))).to.deep.equal(["report.json"]);
    });

    it("a run whose config names no report writes nothing and prints nothing", async () => {
        const before = fs.readdirSync(dir).map((f) => [f, fs.statSync(path.join(dir, f)).mtimeMs]);
        await run("violations.json", {});
        expect(fs.readdirSync(dir).map((f) => [f, fs.statSync(path.join(dir, f)).mtimeMs])).to.deep.equal(before);
        expect({ stdout: pack!.stdout, stderr: pack!.stderr, engineLogs: pack!.engineLogs }).to.deep.equal({ stdout: [], stderr: "", engineLogs: [] });
    });

    it("a report entry at level disabled writes nothing", async () => {
        const file = path.join(dir, "disabled.json");
        await run("violations.json", { report: { enforcementLevel: "disabled", json: file } });
        expect(fs.existsSync(file)).to.equal(false);
    });

    it("a report that cannot be written fails the run with one line naming the file", async () => {
        const blocked = path.join(dir, "a-file");
        fs.writeFileSync(blocked, "");
        const error = await run("violations.json", { report: { json: path.join(blocked, "report.json") } }).then(
            () => undefined,
            (e: Error) => e.message,
        );
        expect(error).to.equal(`9 FAILED_PRECONDITION: cannot write the policy report '${path.join(blocked, "report.json")}': EEXIST: file already exists, mkdir '${blocked}'`);
    });
});
