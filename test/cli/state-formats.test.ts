// The state a user has, through the installed command: a pipe from `pulumi stack export`, a
// gzip-compressed file, a file backend's checkpoint, deployments of versions 1 and 2, and a
// file backend's directory with every stack in it (and files that are not state).
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import { parseExport } from "../../cli/audit/exports";
import { repoRoot } from "./golden";

const bin = path.join(repoRoot, "bin", "secure-baseline.js");
const fixture = (name: string) => path.join(repoRoot, "test/fixtures/exports", name);

function run(command: string, args: string[], options: { input?: string | Buffer; cwd?: string } = {}) {
    const result = spawnSync(command, args, { cwd: options.cwd ?? repoRoot, input: options.input ?? "", env: { ...process.env, NO_COLOR: "1" }, maxBuffer: 64 << 20 });
    return { code: result.status, stdout: result.stdout.toString("utf8"), stderr: result.stderr.toString("utf8") };
}

const audit = (args: string[], options: { input?: string | Buffer; cwd?: string } = {}) => run(process.execPath, [bin, "audit", ...args], options);

/** What a JSON report says about the resources, whatever the input was called (each entry's `source` left out). */
function verdicts(stdout: string) {
    const report = JSON.parse(stdout);
    const withoutSource = (entries: { source: string; stack: string }[]) => entries.map(({ source: _, ...rest }) => rest);
    return { summary: report.summary, violations: withoutSource(report.violations), notes: withoutSource(report.notes) };
}

describe("secure-baseline audit on every state format", function () {
    this.timeout(60000);
    let dir: string;
    const violationsText = fs.readFileSync(fixture("violations.json"), "utf8");
    const violations = JSON.parse(violationsText);
    let expected: ReturnType<typeof verdicts>;

    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "state-formats-"));
        const plain = audit([fixture("violations.json"), "--format", "json"]);
        expect(plain.code).to.equal(1);
        expected = verdicts(plain.stdout);
    });

    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    describe("standard input", () => {
        it("reads `pulumi stack export | secure-baseline audit -` through a shell pipe whose writer is slow", () => {
            const file = fixture("violations.json");
            const result = run("/bin/sh", ["-c", `{ sleep 0.5; cat '${file}'; } | '${process.execPath}' '${bin}' audit - --format json`]);
            expect({ code: result.code, stderr: result.stderr }).to.deep.equal({ code: 1, stderr: "" });
            expect(verdicts(result.stdout)).to.deep.equal(expected);
        });

        it("reads a non-blocking pipe with no data yet (where a synchronous read fails with EAGAIN)", function () {
            // Node makes its children's standard input blocking; the Pulumi CLI and other parents
            // need not. Python hands the command the read end of a pipe marked non-blocking.
            const python = spawnSync("python3", ["--version"]);
            if (python.status !== 0) {
                this.skip();
            }
            const script = [
                "import os, subprocess, sys, time",
                "r, w = os.pipe()",
                "os.set_blocking(r, False)",
                "child = subprocess.Popen(sys.argv[1:], stdin=r)",
                "os.close(r)",
                "time.sleep(0.5)",
                "data = sys.stdin.buffer.read()",
                "with os.fdopen(w, 'wb') as out:",
                "    out.write(data)",
                "sys.exit(child.wait())",
            ].join("\n");
            const result = run("python3", ["-c", script, process.execPath, bin, "audit", "-", "--format", "json"], { input: violationsText });
            expect({ code: result.code, stderr: result.stderr }).to.deep.equal({ code: 1, stderr: "" });
            expect(verdicts(result.stdout)).to.deep.equal(expected);
        });

        it("reads gzip-compressed state from a pipe", () => {
            const result = audit(["-", "--format", "json"], { input: zlib.gzipSync(violationsText) });
            expect({ code: result.code, stderr: result.stderr }).to.deep.equal({ code: 1, stderr: "" });
            expect(verdicts(result.stdout)).to.deep.equal(expected);
        });
    });

    describe("files", () => {
        it("reads a gzip-compressed export, told by its bytes whatever its name", () => {
            fs.writeFileSync(path.join(dir, "violations.json.gz"), zlib.gzipSync(violationsText));
            fs.writeFileSync(path.join(dir, "compressed-but-named.json"), zlib.gzipSync(violationsText));
            for (const name of ["violations.json.gz", "compressed-but-named.json"]) {
                const result = audit([name, "--format", "json"], { cwd: dir });
                expect({ name, code: result.code, stderr: result.stderr }).to.deep.equal({ name, code: 1, stderr: "" });
                expect(verdicts(result.stdout)).to.deep.equal(expected);
            }
        });

        it("reads a file backend's checkpoint ({version, checkpoint: {stack, latest}}) as the stack's state", () => {
            fs.writeFileSync(path.join(dir, "checkpoint.json"), JSON.stringify({ version: 3, checkpoint: { stack: "organization/payments/prod", latest: violations.deployment } }));
            const result = audit(["checkpoint.json", "--format", "json"], { cwd: dir });
            expect({ code: result.code, stderr: result.stderr }).to.deep.equal({ code: 1, stderr: "" });
            expect(verdicts(result.stdout)).to.deep.equal(expected);
        });

        it("a checkpoint of a stack never deployed is an empty stack named as the checkpoint names it", () => {
            fs.writeFileSync(path.join(dir, "new.json"), JSON.stringify({ version: 3, checkpoint: { stack: "organization/payments/staging", latest: null } }));
            const result = audit(["new.json", "--format", "table"], { cwd: dir });
            // Nothing in it was judged: never passed.
            expect(result.code).to.equal(3);
            expect(result.stdout).to.include("Stack organization/payments/staging (new.json)\n  Nothing judged: the stack holds no resources.\n");
        });

        it("reads deployments of versions 1 and 2 as the CLI migrates them: every input depends on every dependency", () => {
            const resources = violations.deployment.resources.map((r: Record<string, unknown>) => {
                const { propertyDependencies: _, ...rest } = r;
                return rest;
            });
            for (const version of [1, 2]) {
                const text = JSON.stringify({ version, deployment: { manifest: violations.deployment.manifest, resources } });
                fs.writeFileSync(path.join(dir, `v${version}.json`), text);
                const result = audit([`v${version}.json`, "--format", "json"], { cwd: dir });
                expect({ version, code: result.code, stderr: result.stderr }).to.deep.equal({ version, code: 1, stderr: "" });
                expect(verdicts(result.stdout), `version ${version}`).to.deep.equal(expected);
            }
            const withDependencies = resources.find((r: { dependencies?: string[]; inputs?: object }) => (r.dependencies ?? []).length > 0 && Object.keys(r.inputs ?? {}).length > 0);
            const read = parseExport("v2.json", JSON.stringify({ version: 2, deployment: { resources: [withDependencies] } }));
            const keys = Object.keys(read.resources[0].inputs);
            expect(read.resources[0].propertyDependencies).to.deep.equal(Object.fromEntries(keys.map((k) => [k, withDependencies.dependencies])));
        });

        it("reads the oldest checkpoint form, with no version and no wrapper", () => {
            const resources = violations.deployment.resources.map((r: Record<string, unknown>) => {
                const { propertyDependencies: _, ...rest } = r;
                return rest;
            });
            fs.writeFileSync(path.join(dir, "oldest.json"), JSON.stringify({ stack: "prod", latest: { resources } }));
            const result = audit(["oldest.json", "--format", "json"], { cwd: dir });
            expect({ code: result.code, stderr: result.stderr }).to.deep.equal({ code: 1, stderr: "" });
            expect(verdicts(result.stdout)).to.deep.equal(expected);
        });
    });

    describe("checkpoints of the first CLIs and features of version 4", () => {
        it("reads the first CLIs' checkpoint, {target, latest} with no version, as the CLI does (resources with 'defaults')", () => {
            const resources = violations.deployment.resources.map((r: Record<string, unknown>) => {
                const { propertyDependencies: _, ...rest } = r;
                return r.custom ? { ...rest, defaults: {} } : rest;
            });
            fs.writeFileSync(path.join(dir, "target.json"), JSON.stringify({ target: "dev", latest: { time: "2017-11-08T11:52:26.954469-08:00", resources } }));
            const result = audit(["target.json", "--format", "json"], { cwd: dir });
            expect({ code: result.code, stderr: result.stderr }).to.deep.equal({ code: 1, stderr: "" });
            expect(verdicts(result.stdout)).to.deep.equal(expected);
        });

        it("reads version 4 with the features the CLI knows, and ignores features below version 4 as it does", () => {
            const cases: [string, unknown][] = [
                ["v4-export.json", { version: 4, features: ["refreshBeforeUpdate", "hooks", "views"], deployment: violations.deployment }],
                ["v4-checkpoint.json", { version: 4, features: ["taint", "replaceWith"], checkpoint: { stack: "organization/payments/prod", latest: violations.deployment } }],
                ["v3-features.json", { version: 3, features: ["byteString"], deployment: violations.deployment }],
            ];
            for (const [name, document] of cases) {
                fs.writeFileSync(path.join(dir, name), JSON.stringify(document));
                const result = audit([name, "--format", "json"], { cwd: dir });
                expect({ name, code: result.code, stderr: result.stderr }).to.deep.equal({ name, code: 1, stderr: "" });
                expect(verdicts(result.stdout)).to.deep.equal(expected);
            }
        });

        it("refuses version 4 state with a feature the CLI does not know: one line naming the file and the feature, exit 2", () => {
            fs.writeFileSync(path.join(dir, "v4-unknown.json"), JSON.stringify({ version: 4, features: ["hooks", "byteString"], deployment: violations.deployment }));
            fs.writeFileSync(path.join(dir, "v4-unknown-checkpoint.json"), JSON.stringify({ version: 4, features: ["quantumState"], checkpoint: { stack: "prod", latest: violations.deployment } }));
            const result = audit(["v4-unknown.json", "v4-unknown-checkpoint.json", "--format", "json"], { cwd: dir });
            expect(result.code).to.equal(2);
            expect(result.stderr.split("\n")).to.deep.equal([
                "secure-baseline: v4-unknown.json: the state uses a feature this reader does not know ('byteString'); it reads those the Pulumi CLI v3.252 reads, and, like that CLI, refuses state that needs more",
                "secure-baseline: v4-unknown-checkpoint.json: the state uses a feature this reader does not know ('quantumState'); it reads those the Pulumi CLI v3.252 reads, and, like that CLI, refuses state that needs more",
                "",
            ]);
        });
    });

    describe("a file backend's directory", () => {
        let backend: string;
        const reference = JSON.parse(fs.readFileSync(fixture("reference.json"), "utf8"));
        const checkpoint = (stack: string, deployment: unknown) => JSON.stringify({ version: 3, checkpoint: { stack, latest: deployment } });

        before(() => {
            backend = path.join(dir, "home", ".pulumi");
            const stacks = path.join(backend, "stacks", "payments");
            fs.mkdirSync(stacks, { recursive: true });
            fs.writeFileSync(path.join(stacks, "prod.json"), checkpoint("organization/payments/prod", violations.deployment));
            fs.writeFileSync(path.join(stacks, "prod.json.bak"), checkpoint("organization/payments/prod", violations.deployment));
            fs.mkdirSync(path.join(backend, "stacks", "platform"));
            fs.writeFileSync(path.join(backend, "stacks", "platform", "dev.json.gz"), zlib.gzipSync(checkpoint("organization/platform/dev", reference.deployment)));
            fs.writeFileSync(path.join(backend, "stacks", "platform", "package.json"), JSON.stringify({ name: "not-state" }));
            fs.writeFileSync(path.join(backend, "stacks", "platform", "broken.json"), "{");
            const history = path.join(backend, "history", "payments", "prod");
            fs.mkdirSync(history, { recursive: true });
            fs.writeFileSync(path.join(history, "prod-1700000000.checkpoint.json"), checkpoint("organization/payments/prod", violations.deployment));
            fs.writeFileSync(path.join(history, "prod-1700000000.history.json"), JSON.stringify({ kind: "update", result: "succeeded" }));
            // A backup the backend made when the stack was removed or renamed, as `<stack>.<time>.json`.
            const backups = path.join(backend, "backups", "payments", "prod");
            fs.mkdirSync(backups, { recursive: true });
            fs.writeFileSync(path.join(backups, "prod.1700000000000000000.json"), checkpoint("organization/payments/prod", violations.deployment));
            fs.mkdirSync(path.join(backend, "locks", "payments", "prod"), { recursive: true });
            fs.writeFileSync(path.join(backend, "locks", "payments", "prod", "0f3e5c2a.json"), JSON.stringify({ pid: 4242, username: "ci", hostname: "runner", timestamp: "2024-01-01T00:00:00Z" }));
            fs.writeFileSync(path.join(backend, "meta.yaml"), "version: 1\n");
        });

        it("tells a backend's state folder by its layout, not its name: a copy of ~/.pulumi audits only its stacks", () => {
            fs.cpSync(backend, path.join(dir, "copies", "state"), { recursive: true });
            const expectedStderr = [
                "secure-baseline: state/stacks/platform/broken.json: not valid JSON: the text ends at line 1 before the JSON is complete (truncated?)",
                "secure-baseline: state/stacks/platform/package.json: not a stack export: expected {version, deployment} as written by `pulumi stack export`, a file backend's checkpoint, or a deployment object",
                "",
            ];
            for (const arg of ["state", "."]) {
                const result = audit([arg, "--format", "table"], { cwd: path.join(dir, "copies") });
                expect({ code: result.code, stderr: result.stderr.split("\n") }, arg).to.deep.equal({ code: 2, stderr: expectedStderr });
                const headings = result.stdout.split("\n").filter((l) => l.startsWith("Stack "));
                expect(headings, arg).to.deep.equal([
                    `Stack insecure-counterpart/dev (${path.join("state", "stacks", "payments", "prod.json")})`,
                    `Stack aws-secure-baseline-reference/dev (${path.join("state", "stacks", "platform", "dev.json.gz")})`,
                ]);
            }
        });

        it("tells the older layout, without meta.yaml, by its stacks beside its history", () => {
            const legacy = path.join(dir, "legacy-copy");
            fs.mkdirSync(path.join(legacy, "stacks"), { recursive: true });
            fs.mkdirSync(path.join(legacy, "history", "prod"), { recursive: true });
            fs.writeFileSync(path.join(legacy, "stacks", "prod.json"), checkpoint("prod", violations.deployment));
            fs.writeFileSync(path.join(legacy, "history", "prod", "prod-1700000000.checkpoint.json"), checkpoint("prod", reference.deployment));
            const result = audit(["legacy-copy", "--format", "table"], { cwd: dir });
            expect({ code: result.code, stderr: result.stderr }).to.deep.equal({ code: 1, stderr: "" });
            expect(result.stdout.split("\n").filter((l) => l.startsWith("Stack "))).to.deep.equal([`Stack insecure-counterpart/dev (${path.join("legacy-copy", "stacks", "prod.json")})`]);
        });

        it("audits every stack in it, names each file that is not state on its own line, and exits 2", () => {
            const result = audit([".pulumi", "--format", "json"], { cwd: path.join(dir, "home") });
            expect(result.code).to.equal(2);
            expect(result.stderr.split("\n")).to.deep.equal([
                "secure-baseline: .pulumi/stacks/platform/broken.json: not valid JSON: the text ends at line 1 before the JSON is complete (truncated?)",
                "secure-baseline: .pulumi/stacks/platform/package.json: not a stack export: expected {version, deployment} as written by `pulumi stack export`, a file backend's checkpoint, or a deployment object",
                "",
            ]);
            const report = JSON.parse(result.stdout);
            expect(report.summary.stacks).to.equal(2);
            expect(report.violations.map((v: { stack: string }) => v.stack)).to.deep.equal(expected.violations.map((v: { stack: string }) => v.stack));
        });

        it("reports per stack in the table, each with its file, in path order", () => {
            const result = audit(["stacks", "--format", "table"], { cwd: backend });
            expect(result.code).to.equal(2);
            const headings = result.stdout.split("\n").filter((l) => l.startsWith("Stack "));
            // Stacks are named by their URNs (project/stack), in the order of their files.
            expect(headings).to.deep.equal([
                `Stack insecure-counterpart/dev (${path.join("stacks", "payments", "prod.json")})`,
                `Stack aws-secure-baseline-reference/dev (${path.join("stacks", "platform", "dev.json.gz")})`,
            ]);
        });

        it("with only state in it, the exit code is the findings' own", () => {
            const clean = path.join(dir, "clean");
            fs.mkdirSync(path.join(clean, "nested"), { recursive: true });
            fs.writeFileSync(path.join(clean, "nested", "reference.json"), JSON.stringify(reference));
            fs.writeFileSync(path.join(clean, "notes.txt"), "not state, and not named as state");
            const result = audit([clean, "--format", "json"]);
            expect({ code: result.code, stderr: result.stderr }).to.deep.equal({ code: 0, stderr: "" });
            expect(JSON.parse(result.stdout).summary.stacks).to.equal(1);
        });
    });
});
