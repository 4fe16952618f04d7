// The published artifact, unpacked and installed the way the Pulumi CLI installs a pack that
// `pulumi policy publish` uploaded (docs/publishing.md has the sources): `npm pack` produces the
// tarball; on `pulumi preview`/`up` the CLI unpacks its `package/` folder into a directory of its
// own and runs `npm install` there (devDependencies included, lifecycle scripts run). Nothing of
// this repository is around then, so this is done in an empty temporary folder.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../harness/cli-harness";

export interface PublishedPack {
    tarball: string;
    /** Paths in the tarball, relative to its `package/` folder. */
    contents: string[];
    /** The unpacked and installed pack, as the CLI runs it. */
    packDir: string;
}

/**
 * npm as a user's shell runs it. Under `npm test` the environment also describes this package
 * (npm_package_*, npm_lifecycle_*, INIT_CWD) and its prefix (npm_config_prefix would redirect an
 * install); the user's own settings (registry, cache, certificates) stay.
 */
export function npm(args: string[], cwd: string): string {
    const scriptOnly = /^(npm_package_|npm_lifecycle_|npm_command$|npm_execpath$|npm_node_execpath$|npm_config_(local_prefix|prefix|global_prefix)$|INIT_CWD$)/i;
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !scriptOnly.test(k)));
    return execFileSync(process.platform === "win32" ? "npm.cmd" : "npm", args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/**
 * Packs the repository into `workDir` and installs the tarball there as the CLI does. Packing takes
 * a second; installing the pack's dependencies from the npm cache about ten, from the registry on a
 * cold cache up to a minute. `dist/` must be compiled, which is all the pack's `prepare` would do.
 */
export function publishAndInstall(workDir: string): PublishedPack {
    const packed = JSON.parse(npm(["pack", "--ignore-scripts", "--json", "--loglevel=error", "--pack-destination", workDir], repoRoot));
    const tarball = path.join(workDir, packed[0].filename);
    const contents = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" })
        .split("\n")
        .filter((line) => line.startsWith("package/") && !line.endsWith("/"))
        .map((line) => line.slice("package/".length));
    const unpacked = path.join(workDir, "unpacked");
    fs.mkdirSync(unpacked);
    execFileSync("tar", ["-xzf", tarball, "-C", unpacked]);
    const packDir = path.join(workDir, "installed");
    fs.renameSync(path.join(unpacked, "package"), packDir);
    // The CLI's install: `npm install --loglevel=error`, without --production. The cache flags
    // only spare the registry round trips; audit and funding notices change nothing.
    npm(["install", "--loglevel=error", "--prefer-offline", "--no-audit", "--no-fund"], packDir);
    return { tarball, contents, packDir };
}
