// Bad input through the installed command, as a user or CI runs it: exit code 2 and exactly one
// line on stderr naming the input and the problem, nothing on stdout, never a stack trace, and
// never a secret from a half-read export.
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import { repoRoot } from "./golden";

const bin = path.join(repoRoot, "bin", "secure-baseline.js");

function run(args: string[], input?: string, cwd?: string) {
    const result = spawnSync(process.execPath, [bin, ...args], { cwd: cwd ?? repoRoot, input: input ?? "", encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("secure-baseline audit on bad input", function () {
    this.timeout(30000);
    let dir: string;
    const plaintext = fs.readFileSync(path.join(repoRoot, "test/fixtures/exports/plaintext-secrets.json"), "utf8");
    const secret = "hunter2-s3cr3t-db-password";

    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "bad-input-"));
        fs.writeFileSync(path.join(dir, "not-json.json"), "stack: dev\nresources: []\n");
        // Cut inside the document, after the secret's first characters.
        fs.writeFileSync(path.join(dir, "truncated.json"), plaintext.slice(0, plaintext.indexOf(secret) + 10));
        fs.writeFileSync(path.join(dir, "version-9.json"), JSON.stringify({ version: 9, deployment: { resources: [] } }));
        fs.writeFileSync(path.join(dir, "no-deployment.json"), JSON.stringify({ version: 3, manifest: {} }));
        fs.writeFileSync(path.join(dir, "bad-checkpoint.json"), JSON.stringify({ version: 3, checkpoint: [] }));
        fs.writeFileSync(path.join(dir, "corrupt.json.gz"), zlib.gzipSync(plaintext).subarray(0, 100));
        fs.mkdirSync(path.join(dir, "empty-dir"));
        fs.writeFileSync(path.join(dir, "empty-dir", "README.md"), "no exports here");
    });

    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    const cases: [string, string[], RegExp][] = [
        ["not JSON", ["not-json.json"], /^secure-baseline: not-json\.json: not valid JSON: unexpected character at line 1, column 1$/],
        ["truncated JSON", ["truncated.json"], /^secure-baseline: truncated\.json: not valid JSON: the text ends at line \d+ before the JSON is complete \(truncated\?\)$/],
        ["an unknown version", ["version-9.json"], /^secure-baseline: version-9\.json: deployment version 9 is not supported \(this reads versions 1 to 4; export the stack again with a current Pulumi CLI\)$/],
        ["a checkpoint that is not an object", ["bad-checkpoint.json"], /^secure-baseline: bad-checkpoint\.json: 'checkpoint' is not an object: not a complete checkpoint$/],
        ["a truncated gzip file", ["corrupt.json.gz"], /^secure-baseline: corrupt\.json\.gz: not valid gzip-compressed state \(the data ends early: truncated\?\)$/],
        ["a missing deployment", ["no-deployment.json"], /^secure-baseline: no-deployment\.json: no 'deployment' object: not a complete stack export$/],
        ["a directory with no exports", ["empty-dir"], /^secure-baseline: empty-dir: no stack exports in this directory \(expected \*\.json or \*\.json\.gz files written by `pulumi stack export` or a file backend\)$/],
        ["a file that does not exist", ["missing.json"], /^secure-baseline: missing\.json: no such file or directory$/],
    ];
    for (const [what, args, message] of cases) {
        it(`${what}: exit code 2, one line naming the file`, () => {
            for (const format of ["table", "json", "sarif", "junit"]) {
                const result = run(["audit", ...args, "--format", format], undefined, dir);
                expect(result.code, format).to.equal(2);
                expect(result.stdout, format).to.equal("");
                expect(result.stderr.endsWith("\n") && result.stderr.split("\n").length === 2, `one line: ${result.stderr}`).to.equal(true);
                expect(result.stderr.trimEnd()).to.match(message);
                expect(result.stderr).to.not.include(secret.slice(0, 10));
            }
        });
    }

    it("bad exports among good ones: each named on its own line, the good ones still reported, exit code 2", () => {
        const result = run(["audit", "not-json.json", path.join(repoRoot, "test/fixtures/exports/reference.json"), "missing.json", "version-9.json", "--format", "json"], undefined, dir);
        expect(result.code).to.equal(2);
        expect(result.stderr.split("\n")).to.deep.equal([
            "secure-baseline: not-json.json: not valid JSON: unexpected character at line 1, column 1",
            "secure-baseline: missing.json: no such file or directory",
            "secure-baseline: version-9.json: deployment version 9 is not supported (this reads versions 1 to 4; export the stack again with a current Pulumi CLI)",
            "",
        ]);
        expect(JSON.parse(result.stdout).summary).to.deep.include({ stacks: 1, resources: 48 });
    });

    it("truncated JSON on standard input is named as such", () => {
        const result = run(["audit", "-"], plaintext.slice(0, 200));
        expect(result.code).to.equal(2);
        expect(result.stderr).to.match(/^secure-baseline: <stdin>: not valid JSON: the text ends at line \d+ before the JSON is complete \(truncated\?\)\n$/);
    });

    it("a good export audits through the installed command, with the exit code of its findings", () => {
        // A policy that judges the stack's keys and finds them right (one that judged nothing would exit 3).
        const clean = run(["audit", "test/fixtures/exports/deleted-and-pending.json", "--policy", "kms-key-safe-deletion", "--format", "json"]);
        expect({ code: clean.code, stderr: clean.stderr }).to.deep.equal({ code: 0, stderr: "" });
        expect(JSON.parse(clean.stdout).summary).to.deep.equal({ stacks: 1, resources: 5, evaluated: 3, violations: { mandatory: 0, advisory: 0 }, waived: 0 });
        const judgedNothing = run(["audit", "test/fixtures/exports/deleted-and-pending.json", "--policy", "s3-bucket-key-enabled"]);
        expect({ code: judgedNothing.code, stderr: judgedNothing.stderr }).to.deep.equal({ code: 3, stderr: "" });
        const failing = run(["audit", "test/fixtures/exports/deleted-and-pending.json", "--format", "json"]);
        expect(failing.code).to.equal(1);
        expect(JSON.parse(failing.stdout).summary.violations.mandatory).to.be.greaterThan(0);
    });
});
