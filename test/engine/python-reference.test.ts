// The Python reference stack's own unit tests (examples/python/tests, pytest under Pulumi's Python
// mocks), run in the virtualenv the engine build step makes from its pinned requirements, so that
// CI (`.ci/run`, through `npm run test:engine`) runs them with the engine tests.
import { spawnSync } from "child_process";
import * as path from "path";
import { expect } from "chai";
import { loadInstall, pythonReferenceDir, repoRoot } from "./engine";

/** The tests in examples/python/tests, parametrized cases counted one by one: change it with them. */
const expectedTests = 28;

describe("the Python reference stack's unit tests", function () {
    it(`pytest passes all ${expectedTests} of them, none skipped`, function () {
        const venv = loadInstall().pythonVirtualenv;
        if (!venv) {
            throw new Error("no Python virtualenv was made: run the engine tests with `npm run test:engine`");
        }
        // No cache or bytecode is written into the checkout.
        const result = spawnSync(path.join(venv, "bin", "python"), ["-m", "pytest", "-p", "no:cacheprovider", path.join(pythonReferenceDir, "tests")], {
            cwd: repoRoot,
            env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" },
            encoding: "utf8",
        });
        const output = `${result.stdout}${result.stderr}`;
        expect(result.status, output).to.equal(0);
        // The summary line names every outcome; only "passed" may appear.
        expect(output, output).to.match(new RegExp(`^=+ ${expectedTests} passed in [\\d.]+s(?: \\([^)]*\\))? =+$`, "m"));
    });
});
