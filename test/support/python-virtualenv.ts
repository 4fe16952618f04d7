// One virtualenv for every Python program the tests run (`npm test`'s previews and
// `npm run test:engine`'s Pulumi CLI alike), made with the `python3` on the PATH (or $PYTHON) from
// the pinned requirements files of `pythonRequirements` on PyPI, and cached under `.engine/`, keyed
// by a hash of the Python version and the files, so that a second run costs nothing.
import { execFileSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { pythonRequirements, repoRoot } from "../engine/engine";

function run(command: string, args: string[]): string {
    return execFileSync(command, args, { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
}

/** The virtualenv's folder, made first when there is none for these requirements (`say` tells which). */
export function pythonVirtualenv(say: (line: string) => void): string {
    const requirements = pythonRequirements.map((file) => path.join(repoRoot, file));
    const python = process.env.PYTHON ?? "python3";
    const pythonVersion = run(python, ["--version"]);
    const hash = createHash("sha256").update(pythonVersion);
    for (const file of requirements) {
        hash.update(path.relative(repoRoot, file)).update(fs.readFileSync(file));
    }
    const venv = path.join(repoRoot, ".engine", `python-${hash.digest("hex").slice(0, 16)}`);
    if (fs.existsSync(path.join(venv, "ready"))) {
        say(`using the Python virtualenv made before in ${path.relative(repoRoot, venv)}`);
        return venv;
    }
    say(`creating a virtualenv with ${pythonVersion} and installing ${pythonRequirements.join(", ")} from PyPI`);
    fs.rmSync(venv, { recursive: true, force: true });
    run(python, ["-m", "venv", venv]);
    run(path.join(venv, "bin", "pip"), ["install", "--quiet", "--disable-pip-version-check", ...requirements.flatMap((file) => ["-r", file])]);
    fs.writeFileSync(path.join(venv, "ready"), "");
    return venv;
}
