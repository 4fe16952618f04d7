// The audit of a folder of many stacks on worker threads writes what the audit one stack after
// the other writes: the same report in every format, the same lines on stderr, the same exit code.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { generateExportText, interlinkedMix } from "../../bench/generate";
import { exportsDir, repoRoot, runCli } from "./golden";

describe("secure-baseline audit: a folder on worker threads", function () {
    this.timeout(300000);

    let folder: string;

    before(() => {
        // An organisation's exports: every fixture, some twice under other names, in nested
        // folders, a gzip-compressed one, a generated interlinked stack, and two files that are not state.
        folder = fs.mkdtempSync(path.join(os.tmpdir(), "parallel-audit-"));
        const fixtures = fs.readdirSync(path.join(repoRoot, exportsDir)).filter((f) => f.endsWith(".json"));
        fixtures.forEach((f, i) => {
            const dir = path.join(folder, `team-${i % 3}`);
            fs.mkdirSync(dir, { recursive: true });
            fs.copyFileSync(path.join(repoRoot, exportsDir, f), path.join(dir, f));
            fs.copyFileSync(path.join(repoRoot, exportsDir, f), path.join(folder, `copy-${f}`));
        });
        fs.writeFileSync(path.join(folder, "team-1", "compressed.json.gz"), require("zlib").gzipSync(fs.readFileSync(path.join(repoRoot, exportsDir, "violations.json"))));
        fs.writeFileSync(path.join(folder, "estate.json"), generateExportText({ resources: 400, mix: interlinkedMix }).text);
        fs.writeFileSync(path.join(folder, "team-0", "broken.json"), "{ not json");
        fs.writeFileSync(path.join(folder, "team-2", "empty.json"), "");
    });

    after(() => fs.rmSync(folder, { recursive: true, force: true }));

    for (const format of ["json", "sarif", "junit", "table"]) {
        it(`writes the sequential audit's ${format} report, problems and exit code`, async () => {
            const args = ["audit", folder, "--format", format, "--fail-on", "advisory"];
            const sequential = await runCli([...args, "--jobs", "1"]);
            const parallel = await runCli([...args, "--jobs", "3"]);
            expect(sequential.code).to.equal(2);
            expect(sequential.stderr.split("\n").filter((l) => l !== "")).to.have.length(2);
            expect(JSON.stringify(parallel)).to.equal(JSON.stringify(sequential));
        });
    }

    it("with a policy pack config and --policy, as in one thread", async () => {
        const args = ["audit", folder, "--format", "json", "--policy-pack-config", path.join(exportsDir, "config", "waivers.json"), "--policy", "s3-bucket-default-encryption-kms", "--policy", "iam-no-wildcard-actions"];
        const sequential = await runCli([...args, "--jobs", "1"]);
        const parallel = await runCli([...args, "--jobs", "2"]);
        expect(JSON.parse(sequential.stdout).violations).to.not.be.empty;
        expect(JSON.stringify(parallel)).to.equal(JSON.stringify(sequential));
    });

    it("shows its progress on stderr only when stderr is a terminal, and erases it", async () => {
        const args = ["audit", folder, "--format", "json", "--jobs", "2"];
        const quiet = await runCli(args);
        const terminal = await runCli(args, { stderrIsTTY: true });
        expect(quiet.stderr).to.not.include("audited");
        const total = terminal.stderr.match(/audited \d+ of (\d+) state files/)![1];
        expect(terminal.stderr).to.include(`\rsecure-baseline: audited ${total} of ${total} state files\r\x1b[K`);
        // Once the line is erased, stderr holds what it holds off a terminal.
        expect(terminal.stderr.replace(/\rsecure-baseline: audited \d+ of \d+ state files/g, "").replace("\r\x1b[K", "")).to.equal(quiet.stderr);
        expect(terminal.stdout).to.equal(quiet.stdout);
    });

    it("refuses a number of jobs that is not a whole number of 1 or more", async () => {
        const run = await runCli(["audit", folder, "--jobs", "0"]);
        expect(run.code).to.equal(2);
        expect(run.stderr).to.match(/--jobs <n>.*expected a whole number of 1 or more/);
    });
});
