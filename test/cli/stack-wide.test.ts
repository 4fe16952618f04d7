// Where a finding on the stack as a whole lands: on the root pulumi:pulumi:Stack resource, as the
// engine attaches it, in every report format.
import { expect } from "chai";
import * as path from "path";
import { main } from "../../cli/main";
import { definePolicy } from "../../policy-pack/lib/policy";
import { exportsDir, repoRoot } from "./golden";

const stackWide = definePolicy({
    name: "test-stack-wide",
    description: "A stack check that reports on the stack as a whole.",
    rationale: "For the test.",
    domain: "iam",
    severity: "medium",
    remediationSteps: "None.",
    messages: { wide: "The stack as a whole is at fault." },
    checkStack(_stack, ctx) {
        ctx.report("wide");
    },
});

async function run(format: string) {
    let stdout = "";
    const code = await main(["node", "secure-baseline", "audit", path.join(exportsDir, "reference.json"), "--format", format], {
        stdout: (t) => (stdout += t),
        stderr: () => undefined,
        stdoutIsTTY: false,
        readStdin: () => "",
        cwd: repoRoot,
        env: {},
    }, [stackWide]);
    return { code, stdout };
}

describe("secure-baseline audit: findings on the stack as a whole", () => {
    const root = "urn:pulumi:dev::aws-secure-baseline-reference::pulumi:pulumi:Stack::aws-secure-baseline-reference-dev";

    it("land on the root stack resource in the JSON report", async () => {
        const { code, stdout } = await run("json");
        expect(code).to.equal(1);
        expect(JSON.parse(stdout).violations).to.deep.equal([
            {
                policyName: "test-stack-wide",
                urn: root,
                type: "pulumi:pulumi:Stack",
                name: "aws-secure-baseline-reference-dev",
                enforcementLevel: "mandatory",
                severity: "medium",
                message: "The stack as a whole is at fault.",
                stack: "aws-secure-baseline-reference/dev",
                source: path.join(exportsDir, "reference.json"),
            },
        ]);
    });

    it("in SARIF, at the root resource's URN and its entry in the export", async () => {
        const result = JSON.parse((await run("sarif")).stdout).runs[0].results[0];
        expect(result.locations[0].logicalLocations).to.deep.equal([{ name: "aws-secure-baseline-reference-dev", fullyQualifiedName: root, kind: "resource" }]);
        expect(result.locations[0].physicalLocation.region.startLine).to.be.greaterThan(1);
    });

    it("in the table under the root resource, and in JUnit as the failure of the stack check's own test case", async () => {
        expect((await run("table")).stdout).to.include("  pulumi:pulumi:Stack aws-secure-baseline-reference-dev\n    mandatory  test-stack-wide\n");
        const junit = (await run("junit")).stdout;
        expect(junit).to.include('tests="1" failures="1"');
        expect(junit).to.include(`<testcase classname="aws-secure-baseline-reference/dev" name="test-stack-wide" file="${path.join(exportsDir, "reference.json")}">`);
    });
});
