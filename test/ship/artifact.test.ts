// The published artifact, used the way org-wide enforcement uses it: installed as the CLI installs
// a published pack (see published-pack.ts), then started as the CLI starts it,
// `node node_modules/@pulumi/pulumi/cmd/run-policy-pack <engine> <dir>`, in that folder.
import * as fs from "fs";
import { builtinModules } from "module";
import * as os from "os";
import * as path from "path";
import { expect } from "chai";
import { parse } from "yaml";
import { packVersion } from "../../policy-pack/lib/pack-info";
import { packName } from "../../policy-pack/lib/policy";
import { policies } from "../../policy-pack/policies";
import { resource } from "../lib/fixtures";
import { PolicyPackServer, repoRoot } from "../harness/cli-harness";
import { publishAndInstall } from "./published-pack";

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));

/** Package paths of the bare module specifiers a compiled file requires (or resolves) by name. */
function requiredPackages(source: string): string[] {
    // `require.resolve(name, { paths: [dir] })` finds a package of the user's program (its own
    // @pulumi/pulumi and typescript, for `secure-baseline preview`), not one of ours.
    const names = [...source.matchAll(/require(?:\.resolve)?\(\s*"([^"./][^"]*)"(?!\s*,\s*\{\s*paths)/g)].map((m) => m[1]);
    return names.filter((n) => !n.startsWith("node:") && !builtinModules.includes(n.split("/")[0])).map((n) => n.split("/").slice(0, n.startsWith("@") ? 2 : 1).join("/"));
}

describe("the published artifact", function () {
    let workDir: string;
    let packDir: string;
    /** Paths in the tarball, relative to its `package/` folder. */
    let contents: string[];
    let tarball: string;

    before(function () {
        this.timeout(180_000);
        workDir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-secure-baseline-artifact-"));
        ({ contents, packDir, tarball } = publishAndInstall(workDir));
    });

    it("is as large as docs/publishing.md says, to a tenth of a megabyte", function () {
        const stated = /about (\d+(?:\.\d+)?) MB packed/.exec(fs.readFileSync(path.join(repoRoot, "docs", "publishing.md"), "utf8"));
        expect(stated, "docs/publishing.md states the packed size as 'about N MB packed'").to.not.equal(null);
        const megabytes = fs.statSync(tarball).size / 1_000_000;
        expect(Math.abs(megabytes - Number(stated![1])), `the tarball is ${megabytes.toFixed(2)} MB: update docs/publishing.md`).to.be.at.most(0.1);
    });

    after(function () {
        // An installed pack's node_modules: removing it takes a while on a busy machine.
        this.timeout(120_000);
        if (workDir) {
            fs.rmSync(workDir, { recursive: true, force: true });
        }
    });

    it("holds the compiled pack, every file it reads at run time, and the package's documents", function () {
        const compiledPack = listFiles(path.join(repoRoot, "dist", "policy-pack")).filter((f) => f.endsWith(".js"));
        expect(compiledPack).to.include("dist/policy-pack/index.js");
        expect(contents).to.include.members([
            ...compiledPack,
            "package.json",
            "PulumiPolicy.yaml",
            "policy-pack/data/aws-managed-policies.json",
            "policy-pack/data/aws-native-counterparts.json",
            // What runs a Python program for `secure-baseline preview`.
            "cli/program/python_runner.py",
            "scripts/prepare.js",
            "README.md",
            "LICENSE",
            "CHANGELOG.md",
        ]);
    });

    it("holds nothing from tests, the reference stack, benchmarks, fixtures or the TypeScript build", function () {
        const unwanted = contents.filter(
            (f) =>
                /(^|\/)(test|tests|stack|fixtures?|bench[^/]*|\.bench)(\/|$)/i.test(f) ||
                /\.(ts|map|tgz)$/.test(f) ||
                ["tsconfig.json", "Pulumi.yaml", "Pulumi.dev.yaml", ".mocharc.json", "package-lock.json"].includes(f),
        );
        expect(unwanted).to.deep.equal([]);
    });

    it("needs no devDependency at run time: everything its compiled code requires is a dependency", function () {
        const required = contents
            .filter((f) => f.startsWith("dist/") && f.endsWith(".js"))
            .flatMap((f) => requiredPackages(fs.readFileSync(path.join(packDir, f), "utf8")).map((p) => `${f} requires ${p}`));
        const missing = [...new Set(required)].filter((entry) => !(entry.split(" requires ")[1] in manifest.dependencies));
        expect(missing, "installed as a dependency, the package gets only its dependencies: move these there").to.deep.equal([]);
    });

    it("is publishable and starts without a compiler: not private, PulumiPolicy.yaml leaves `main` to package.json", function () {
        const installed = JSON.parse(fs.readFileSync(path.join(packDir, "package.json"), "utf8"));
        expect(installed.private).to.equal(undefined);
        expect(installed.main).to.equal("dist/policy-pack/index.js");
        // `pulumi policy publish` runs `npm pack` in the directory of PulumiPolicy.yaml's `main`:
        // a file there would pack dist/policy-pack/ instead of the package.
        const project = parse(fs.readFileSync(path.join(packDir, "PulumiPolicy.yaml"), "utf8"));
        expect(project.runtime).to.equal("nodejs");
        expect(project.main).to.equal(undefined);
        expect(fs.existsSync(path.join(packDir, "tsconfig.json"))).to.equal(false);
    });

    describe("installed and started as the CLI starts it", function () {
        let server: PolicyPackServer;

        before(async function () {
            this.timeout(60_000);
            server = await PolicyPackServer.start({ packDir, timeoutMs: 30_000 });
        });

        after(async function () {
            await server?.close();
        });

        it("advertises every policy of policy-pack/policies.ts, then the entry of the run's report files, under the package's name and version", function () {
            expect(server.info.getName()).to.equal(packName);
            expect(server.info.getVersion()).to.equal(packVersion);
            expect(server.info.getPoliciesList().map((p) => p.getName())).to.deep.equal([...policies.map((p) => p.name), "report"]);
        });

        it("reports a KMS key without rotation as a mandatory kms-key-rotation-enabled violation", async function () {
            const key = resource("aws:kms/key:Key", "unrotated", { description: "data at rest", enableKeyRotation: false, deletionWindowInDays: 30 });
            const run = await server.run([key]);
            const rotation = run.diagnostics.filter((d) => d.policyName === "kms-key-rotation-enabled");
            expect(rotation.map((d) => ({ urn: d.urn, level: d.enforcementLevel, phase: d.phase }))).to.deep.equal([{ urn: key.urn, level: "mandatory", phase: "analyze" }]);
        });

        it("reads its IAM data where it was installed: AWS managed policy documents and the IAM action reference", async function () {
            const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] };
            const role = resource("aws:iam/role:Role", "admin", { assumeRolePolicy: JSON.stringify(trust), managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] });
            const document = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:Get*", Resource: "arn:aws:s3:::acme-data/*" }] };
            const policy = resource("aws:iam/policy:Policy", "readers", { policy: JSON.stringify(document) });
            const run = await server.run([role, policy]);
            const found = run.diagnostics.map((d) => ({ policy: d.policyName, urn: d.urn, level: d.enforcementLevel, phase: d.phase }));
            expect(found).to.deep.include({ policy: "iam-no-broad-managed-policies", urn: role.urn, level: "mandatory", phase: "analyze" });
            expect(found).to.deep.include({ policy: "iam-no-wildcard-actions", urn: policy.urn, level: "mandatory", phase: "analyze" });
        });
    });
});

/** Files under `dir`, as paths relative to the repository root with forward slashes. */
function listFiles(dir: string): string[] {
    return (fs.readdirSync(dir, { recursive: true }) as string[])
        .map((f) => path.join(dir, f))
        .filter((f) => fs.statSync(f).isFile())
        .map((f) => path.relative(repoRoot, f).split(path.sep).join("/"));
}
