// The first step of `npm run test:engine`: the real Pulumi CLI, built from the Go module proxy by
// test/engine/tools/go.mod, this project's Node.js and Python language-host stand-ins beside it
// (see tools/pulumi-language-nodejs/main.go for why), and one virtualenv for the Python programs
// and the Python reference stack's tests (test/support/python-virtualenv.ts, which `npm test`
// shares). The CLI is cached under `.engine/`, keyed by a hash of what decides it (go.mod, go.sum,
// the stand-ins' sources and the Go version), so a second run costs seconds. With PULUMI_BIN set to an installed `pulumi`,
// nothing is built: that CLI and the language hosts installed with it are used instead.
import { execFileSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { EngineInstall, engineInstallFile, repoRoot } from "./engine";
import { pythonVirtualenv } from "../support/python-virtualenv";

const toolsDir = path.join(repoRoot, "test", "engine", "tools");
const hostSources = ["pulumi-language-nodejs/main.go", "pulumi-language-python/main.go", "pulumi-language-python/run_program.py"];

function run(command: string, args: string[], cwd: string): string {
    return execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
}

function cacheKey(goVersion: string): string {
    const hash = createHash("sha256").update(goVersion);
    for (const file of ["go.mod", "go.sum", ...hostSources]) {
        hash.update(file).update(fs.readFileSync(path.join(toolsDir, file)));
    }
    return hash.digest("hex").slice(0, 16);
}

/** The release of github.com/pulumi/pulumi/pkg/v3 that tools/go.mod pins. */
function pinnedVersion(): string {
    const match = /^\s*github\.com\/pulumi\/pulumi\/pkg\/v3 (v\S+)/m.exec(fs.readFileSync(path.join(toolsDir, "go.mod"), "utf8"));
    if (!match) {
        throw new Error("test/engine/tools/go.mod does not pin github.com/pulumi/pulumi/pkg/v3");
    }
    return match[1];
}

function build(): EngineInstall {
    const goVersion = run("go", ["env", "GOVERSION"], toolsDir);
    const binDir = path.join(repoRoot, ".engine", cacheKey(goVersion), "bin");
    const pulumi = path.join(binDir, "pulumi");
    const hosts = ["pulumi-language-nodejs", "pulumi-language-python"];
    if ([pulumi, ...hosts.map((h) => path.join(binDir, h))].every((file) => fs.existsSync(file))) {
        process.stdout.write(`test:engine: using the CLI built before in ${path.relative(repoRoot, binDir)}\n`);
    } else {
        process.stdout.write(`test:engine: building the Pulumi CLI from the Go module proxy with ${goVersion} (several minutes the first time)\n`);
        const started = Date.now();
        fs.mkdirSync(binDir, { recursive: true });
        // Build into temporary names first, so that an interrupted build never leaves a cache entry.
        // Pulumi's release builds stamp the version in with the linker; `pulumi version`, plugin
        // version checks and `requiredPulumiVersion` read it.
        const ldflags = `-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=${pinnedVersion()}`;
        run("go", ["build", "-ldflags", ldflags, "-o", `${pulumi}.partial`, "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"], toolsDir);
        for (const host of hosts) {
            run("go", ["build", "-o", path.join(binDir, `${host}.partial`), `./${host}`], toolsDir);
        }
        for (const file of [...hosts.map((h) => path.join(binDir, h)), pulumi]) {
            fs.renameSync(`${file}.partial`, file);
        }
        process.stdout.write(`test:engine: built in ${Math.round((Date.now() - started) / 1000)} s\n`);
    }
    return { pulumi, binDir, builtFromModules: true, languageHosts: "stand-in" };
}

function installed(pulumiBin: string): EngineInstall {
    const pulumi = path.resolve(pulumiBin);
    if (!fs.existsSync(pulumi)) {
        throw new Error(`PULUMI_BIN names ${pulumiBin}, which does not exist`);
    }
    return { pulumi, binDir: path.dirname(pulumi), builtFromModules: false, languageHosts: "installed" };
}

function main(): void {
    const install = process.env.PULUMI_BIN ? installed(process.env.PULUMI_BIN) : build();
    install.pythonVirtualenv = pythonVirtualenv((line) => process.stdout.write(`test:engine: ${line}\n`));
    install.version = run(install.pulumi, ["version"], repoRoot);
    fs.mkdirSync(path.dirname(engineInstallFile), { recursive: true });
    fs.writeFileSync(engineInstallFile, JSON.stringify(install, null, 2) + "\n");
    process.stdout.write(`test:engine: pulumi version ${install.version} (${install.builtFromModules ? "built from github.com/pulumi/pulumi/pkg/v3" : install.pulumi})\n`);
}

try {
    main();
} catch (err) {
    process.stderr.write(`test:engine: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
}
