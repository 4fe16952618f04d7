// `secure-baseline preview` of Pulumi Python programs through the installed command: each program
// runs with the real Pulumi Python SDK (the pinned requirements, in the virtualenv the test set-up
// makes: test/support/python-virtualenv.ts), copied to a folder of its own whose `venv` is that
// virtualenv. Python twins of the Node.js programs give the same reports; the Python reference
// stack passes as the Node.js one does; and every way a Python program cannot be checked is one
// line on stderr with exit code 2.
import { expect } from "chai";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { resolveConfig } from "../../policy-pack/lib/config";
import { policies } from "../../policy-pack/policies";
import { previewProgram } from "../../cli/preview/preview";
import { secretPlaceholder } from "../../cli/program/project";
import { PythonSetupError, pythonInterpreter } from "../../cli/program/python";
import { Run, findings, report, spawnPreview as preview } from "../support/preview-command";
import { pythonVirtualenv } from "../support/python-virtualenv";
import { repoRoot } from "./golden";

const programs = "test/fixtures/programs";

/** What a report says of a program, whatever its folder: each finding in full, and the notes. */
const verdicts = (run: Run) => ({
    code: run.code,
    violations: report(run)
        .violations.map((v) => JSON.stringify([v.policyName, v.urn, v.enforcementLevel, v.message, v.pass ?? null]))
        .sort(),
    notes: report(run).notes.map((n) => n.message),
});

const formats = ["table", "json", "sarif", "junit"] as const;

describe("secure-baseline preview of Python programs", function () {
    // Each test runs a few programs; on a machine shared with other work a run can take a minute.
    this.timeout(300000);
    let venv: string;
    let work: string;

    /** The program at `source`, copied into the work folder as `name` (once), with the test virtualenv as its `venv`. */
    const program = (source: string, name = path.basename(source)): string => {
        if (fs.existsSync(path.join(work, name))) {
            return name;
        }
        fs.cpSync(path.join(repoRoot, source), path.join(work, name), { recursive: true, filter: (f) => !/(^|\/)(venv|\.venv|__pycache__|\.pytest_cache)$/.test(f) });
        fs.symlinkSync(venv, path.join(work, name, "venv"), "dir");
        return name;
    };

    before(function () {
        // The first run installs the pinned requirements from PyPI (a few minutes); later runs reuse them.
        this.timeout(900000);
        // Said on stdout, as the summary reporter lets through: where the pinned SDK comes from.
        venv = pythonVirtualenv((line) => process.stdout.write(`  Python preview tests: ${line}\n`));
        work = fs.mkdtempSync(path.join(os.tmpdir(), "preview-python-"));
    });

    after(() => fs.rmSync(work, { recursive: true, force: true }));

    it("a program that breaks one criterion per domain: exactly its findings", async () => {
        const run = await preview([program(`${programs}/python-insecure`), "--format", "json"], work);
        expect(run.stderr).to.equal("");
        expect(run.code).to.equal(1);
        expect(findings(run)).to.deep.equal([
            "cloudfront-viewer-https site mandatory",
            "iam-no-wildcard-actions reports-admin mandatory",
            "iam-no-wildcard-resources reports-admin mandatory",
            "kms-key-policy-explicit unrotated mandatory",
            "kms-key-rotation-enabled unrotated mandatory",
            "s3-bucket-block-sse-c reports mandatory",
            // On the bucket, and on the encryption configuration that is wrong in itself.
            "s3-bucket-default-encryption-kms reports mandatory",
            "s3-bucket-default-encryption-kms reports mandatory",
            "s3-bucket-policy-enforce-kms-uploads reports mandatory",
            "s3-bucket-policy-tls-only reports mandatory",
            // No public access block and no ownership controls.
            "s3-bucket-public-access-block reports mandatory",
            "s3-bucket-public-access-block reports mandatory",
        ]);
    });

    it("the Python twin of the insecure counterpart breaks the same mandatory policies as the Node.js one, with the same findings and notes", async () => {
        const [python, node] = await Promise.all([preview([program(`${programs}/insecure-python`), "--format", "json"], work), preview([`${programs}/insecure`, "--format", "json"], repoRoot)]);
        expect(python.stderr).to.equal("");
        expect(verdicts(python)).to.deep.equal(verdicts(node));
        const levels = resolveConfig(policies, {});
        const mandatory = policies.filter((p) => levels.get(p.name)!.enforcementLevel === "mandatory").map((p) => p.name);
        const reported = new Set(report(python).violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => v.policyName));
        // Creation times exist only in a stack export: the catalog makes this policy an audit's alone.
        expect(mandatory.filter((name) => !reported.has(name))).to.deep.equal(["s3-existing-objects-encrypted"]);
        // Decided by the plausible-outputs pass in both: the bucket policy built from the ARN in an apply.
        expect(report(python).notes.map((n) => n.message)).to.deep.equal([
            '4 evaluations could not be decided at preview: the values they judge are computed from outputs that exist only after deployment. The program was evaluated once more with plausible outputs (IDs, ARNs and names as AWS shapes them): 2 fail (findings marked "plausible-outputs"), 2 pass (iam-no-wildcard-actions on \'aws-managed-key\', resource-policy-no-public-access on \'aws-managed-key\').',
        ]);
    });

    it("examples/python, the Python reference stack, has no findings of any level and as many resources as stack/", async () => {
        const [python, node] = await Promise.all([preview([program("examples/python"), "--format", "json"], work), preview(["--format", "json"], repoRoot)]);
        expect(python.stderr).to.equal("");
        expect(python.code).to.equal(0);
        expect(report(python).violations).to.deep.equal([]);
        expect(report(python).waived).to.deep.equal([]);
        expect(report(python).notes).to.deep.equal([]);
        expect(report(python).summary.resources).to.equal(report(node).summary.resources);
    });

    describe("policy documents, decided as for the Node.js twin of each program", () => {
        const twins = async (fixture: string) => {
            const [python, node] = await Promise.all([preview([program(`${programs}/${fixture}-python`), "--format", "json"], work), preview([`${programs}/${fixture}`, "--format", "json"], repoRoot)]);
            expect(python.stderr).to.equal("");
            expect(verdicts(python)).to.deep.equal(verdicts(node));
            return python;
        };

        it("aws.iam.get_policy_document allowing s3:* on '*', rendered to JSON offline", async () => {
            const run = await twins("lambda-broad-role");
            expect(findings(run)).to.deep.equal([
                "iam-no-broad-managed-policies report-role mandatory",
                "iam-no-wildcard-actions report-s3 mandatory",
                "iam-no-wildcard-resources report-s3 mandatory",
                "iam-role-separation-of-duties report-role mandatory",
                // Its environment variables under the AWS managed aws/lambda key.
                "lambda-function-environment-customer-managed-key report mandatory",
            ]);
        });

        it("Output.json_dumps with the table's unknown ARN: the statement beside it, logs:* on '*', is decided at preview", async () => {
            const run = await twins("partly-unknown-policy");
            expect(report(run).notes).to.deep.equal([]);
            expect(report(run).violations.filter((v) => v.name === "orders-reader" && v.policyName.startsWith("iam-no-wildcard")).map((v) => `${v.policyName} ${v.pass ?? "preview"}`)).to.deep.equal([
                "iam-no-wildcard-actions preview",
                "iam-no-wildcard-resources preview",
            ]);
        });

        it("Output.all(...).apply building a bucket policy without a Deny: decided by the plausible-outputs pass, and marked", async () => {
            const run = await twins("bucket-policy-apply");
            expect(report(run).violations.filter((v) => v.pass === "plausible-outputs").map((v) => `${v.policyName} ${v.name}`)).to.deep.equal([
                "s3-bucket-policy-enforce-kms-uploads downloads",
                "s3-bucket-policy-tls-only downloads",
                "resource-policy-no-public-access downloads-public-read",
            ]);
        });
    });

    it("a secret from the stack's config reaches the program but no report", async () => {
        const name = program(`${programs}/lambda-broad-role-python`);
        const ciphertext = "AAABAKpreviewfixtureciphertextZm9vYmFy3kq9";
        expect(fs.readFileSync(path.join(work, name, "Pulumi.dev.yaml"), "utf8")).to.include(ciphertext);
        const runs = await Promise.all(formats.map((format) => preview([name, "--format", format], work)));
        for (const [i, format] of formats.entries()) {
            const run = runs[i];
            expect(run.code, format).to.equal(1);
            expect(run.stdout, format).to.not.include(ciphertext);
            expect(run.stdout, format).to.not.include(secretPlaceholder);
        }
        // The program did read it: the function's environment holds it, marked secret, and reports redact it.
        const previewed = await previewProgram(name, undefined, work);
        const fn = previewed.stackExport.resources.find((r) => r.type === "aws:lambda/function:Function")!;
        expect((fn.inputs as any).environment.variables.API_TOKEN).to.deep.equal({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: secretPlaceholder });
        expect(previewed.stackExport.secrets).to.include(secretPlaceholder);
        expect(previewed.stackExport.secrets).to.not.include("acme-reports");
    });

    it("each registration carries its property dependencies, dependencies, parent and where the program declared it", async () => {
        const name = "registrations";
        fs.mkdirSync(path.join(work, name));
        fs.symlinkSync(venv, path.join(work, name, "venv"), "dir");
        fs.writeFileSync(path.join(work, name, "Pulumi.yaml"), "name: registrations\nruntime: python\n");
        const source = [
            "import json",
            "import pulumi",
            "import pulumi_aws as aws",
            "",
            "class Logs(pulumi.ComponentResource):",
            "    def __init__(self, name):",
            '        super().__init__("acme:storage:Logs", name)',
            '        self.bucket = aws.s3.Bucket(f"{name}-bucket", opts=pulumi.ResourceOptions(parent=self))',
            "        self.register_outputs({})",
            "",
            'logs = Logs("logs")',
            'role = aws.iam.Role("reader", assume_role_policy=json.dumps({"Version": "2012-10-17", "Statement": []}))',
            'aws.iam.RolePolicy("reader", role=role.id, policy=pulumi.Output.json_dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": logs.bucket.arn}]}))',
            'objects = aws.iam.get_policy_document_output(statements=[{"actions": ["s3:*"], "resources": [pulumi.Output.concat(logs.bucket.arn, "/*")]}])',
            'aws.iam.RolePolicy("objects", role=role.id, policy=objects.json)',
        ];
        fs.writeFileSync(path.join(work, name, "__main__.py"), source.join("\n") + "\n");
        const previewed = await previewProgram(name, undefined, work);
        const urn = (type: string, n: string) => `urn:pulumi:dev::registrations::${type}::${n}`;
        const byName = (n: string) => previewed.stackExport.resources.find((r) => r.name === n && r.type !== "acme:storage:Logs")!;
        const bucket = byName("logs-bucket");
        const policy = previewed.stackExport.resources.find((r) => r.type === "aws:iam/rolePolicy:RolePolicy" && r.name === "reader")!;
        // As the Node.js SDK's mocks name them: a child's type qualified by its parent's, the root stack no parent.
        expect(bucket.urn).to.equal(urn("acme:storage:Logs$aws:s3/bucket:Bucket", "logs-bucket"));
        expect(bucket.parent).to.equal(urn("acme:storage:Logs", "logs"));
        expect(policy.parent).to.equal(undefined);
        const role = urn("aws:iam/role:Role", "reader");
        expect(policy.propertyDependencies).to.deep.include({ role: [role], policy: [bucket.urn] });
        expect([...policy.dependencies!].sort()).to.deep.equal([bucket.urn, role].sort());
        // The documents keep their structure at preview, the bucket's ARN the engine's unknown marker,
        // as the Node.js SDK's jsonStringify and getPolicyDocumentOutput give them (known-structure.ts).
        const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
        expect(JSON.parse((policy.inputs as { policy: string }).policy)).to.deep.equal({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: unknown }] });
        const objects = previewed.stackExport.resources.find((r) => r.name === "objects")!;
        expect(JSON.parse((objects.inputs as { policy: string }).policy)).to.deep.equal({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: unknown }] });
        expect(objects.propertyDependencies?.policy).to.deep.equal([bucket.urn]);
        const line = source.findIndex((l) => l.startsWith("aws.iam.RolePolicy(")) + 1;
        expect(previewed.stackExport.sourcePositions[policy.urn]).to.deep.include({ path: path.join(name, "__main__.py"), line });
    });

    it("data sources it does not model are unknown to the policies, not absent, and listed once", async () => {
        const name = "unmodelled";
        fs.mkdirSync(path.join(work, name));
        fs.symlinkSync(venv, path.join(work, name, "venv"), "dir");
        fs.writeFileSync(path.join(work, name, "Pulumi.yaml"), "name: unmodelled\nruntime: python\n");
        const source = [
            "import pulumi_aws as aws",
            "",
            "vpc = aws.ec2.get_vpc(default=True)",
            'subnets = aws.ec2.get_subnets(filters=[{"name": "vpc-id", "values": [vpc.id]}])',
            'web = aws.ec2.SecurityGroup("web", vpc_id=vpc.id, ingress=[{"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_blocks": [vpc.cidr_block]}])',
            'aws.lb.LoadBalancer("web", load_balancer_type="application", security_groups=[web.id], subnets=subnets.ids[:2])',
            'zone = aws.route53.get_zone_output(name="example.com")',
            'aws.route53.Record("www", zone_id=zone.zone_id, name="www.example.com", type="CNAME", ttl=60, records=["example.org"])',
        ];
        fs.writeFileSync(path.join(work, name, "__main__.py"), source.join("\n") + "\n");
        const run = await preview([name, "--format", "json"], work);
        expect(run.stderr).to.equal("");
        expect(report(run).notes.map((n) => n.message)).to.deep.equal([
            '3 data sources the offline preview does not model answered with unknown values: aws:ec2/getSubnets:getSubnets, aws:ec2/getVpc:getVpc, aws:route53/getZone:getZone. A check that needs a value taken from them cannot decide and says so in an advisory "can\'t run during preview" finding; `pulumi preview` with credentials decides it.',
        ]);
        const previewed = await previewProgram(name, undefined, work);
        const inputs = (type: string) => previewed.stackExport.resources.find((r) => r.type === type)!.inputs as Record<string, any>;
        const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
        // The plain form's fields are unknown (a list field a list of three, which the program slices); the output form's result too.
        expect(inputs("aws:ec2/securityGroup:SecurityGroup")).to.deep.include({ vpcId: unknown, ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [unknown] }] });
        expect(inputs("aws:lb/loadBalancer:LoadBalancer").subnets).to.deep.equal([unknown, unknown]);
        expect(inputs("aws:route53/record:Record").zoneId).to.equal(unknown);
    });

    it("required config without a value: the key named; --placeholder-config fills it, lists it, and never fills a secret", async () => {
        const name = "required-config";
        fs.mkdirSync(path.join(work, name));
        fs.symlinkSync(venv, path.join(work, name, "venv"), "dir");
        fs.writeFileSync(path.join(work, name, "Pulumi.yaml"), "name: required-config\nruntime: python\n");
        const source = ["import pulumi", "import pulumi_aws as aws", "", "config = pulumi.Config()", 'aws.s3.Bucket("logs", bucket=config.require("bucketName"), force_destroy=config.require_bool("forceDestroy"))'];
        fs.writeFileSync(path.join(work, name, "__main__.py"), source.join("\n") + "\n");
        const missing = await preview([name], work);
        expect(missing.code).to.equal(2);
        expect(missing.stderr).to.equal(
            `secure-baseline: the program failed at ${path.join(name, "__main__.py")}:5: Missing required configuration variable 'required-config:bucketName' (set it with \`pulumi config set required-config:bucketName <value>\`, or run with --placeholder-config to fill required non-secret config with placeholders)\n`,
        );
        const filled = await preview([name, "--placeholder-config", "--format", "json"], work);
        expect(filled.code).to.equal(1);
        expect(report(filled).notes.map((n) => n.message)[0]).to.match(/^--placeholder-config: the program requires config that has no value, and ran with placeholders for it: required-config:bucketName = "placeholder-bucketName", required-config:forceDestroy = false\./);
        fs.appendFileSync(path.join(work, name, "__main__.py"), 'aws.ssm.Parameter("token", type="SecureString", value=config.require_secret("apiToken"))\n');
        const secret = await preview([name, "--placeholder-config"], work);
        expect(secret.code).to.equal(2);
        expect(secret.stderr).to.equal(
            `secure-baseline: the program failed at ${path.join(name, "__main__.py")}:6: Missing required configuration variable 'required-config:apiToken' (set it with \`pulumi config set --secret required-config:apiToken <value>\`; --placeholder-config does not fill secrets)\n`,
        );
    });

    describe("when the program cannot be checked: exit code 2, one line on stderr, no report", () => {
        const expectOneLine = (run: Run, message: string) => {
            expect(run.stdout).to.equal("");
            expect(run.code).to.equal(2);
            expect(run.stderr).to.equal(`secure-baseline: ${message}\n`);
        };

        it("a program that raises: its own message, at the line of the program's module that raised it", async () => {
            const name = program(`${programs}/throws-python`);
            const line = fs.readFileSync(path.join(work, name, "sizing.py"), "utf8").split("\n").findIndex((l) => l.includes("raise ValueError(")) + 1;
            expectOneLine(await preview([name], work), `the program failed at ${path.join(name, "sizing.py")}:${line}: no sizing for environment 'qa': add it to SIZINGS in sizing.py`);
        });

        it("a virtualenv without pulumi_aws, or without pulumi: which interpreter lacks which package, and how to install it", async () => {
            // An interpreter that has every package of the test virtualenv but pulumi_aws.
            const name = "no-aws";
            fs.mkdirSync(path.join(work, name));
            fs.copyFileSync(path.join(repoRoot, programs, "python-insecure", "__main__.py"), path.join(work, name, "__main__.py"));
            fs.copyFileSync(path.join(repoRoot, programs, "python-insecure", "requirements.txt"), path.join(work, name, "requirements.txt"));
            fs.writeFileSync(path.join(work, name, "Pulumi.yaml"), "name: no-aws\nruntime:\n  name: python\n  options:\n    virtualenv: venv\n");
            const own = path.join(work, name, "venv");
            execFileSync(path.join(venv, "bin", "python"), ["-m", "venv", "--without-pip", own]);
            const sitePackages = execFileSync(path.join(venv, "bin", "python"), ["-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], { encoding: "utf8" }).trim();
            const ownSitePackages = execFileSync(path.join(own, "bin", "python"), ["-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], { encoding: "utf8" }).trim();
            for (const entry of fs.readdirSync(sitePackages).filter((e) => !e.startsWith("pulumi_aws"))) {
                fs.symlinkSync(path.join(sitePackages, entry), path.join(ownSitePackages, entry));
            }
            const python = path.join(name, "venv", "bin", "python");
            expectOneLine(
                await preview([name], work),
                `${name}: ${python} (Pulumi.yaml runtime.options.virtualenv) has no pulumi_aws package, which the program needs; install the program's requirements with \`${path.join(name, "venv", "bin", "pip")} install -r requirements.txt\``,
            );
            for (const entry of fs.readdirSync(ownSitePackages)) {
                fs.unlinkSync(path.join(ownSitePackages, entry));
            }
            expectOneLine(
                await preview([name], work),
                `${name}: ${python} (Pulumi.yaml runtime.options.virtualenv) has no pulumi package, which the program needs; install the program's requirements with \`${path.join(name, "venv", "bin", "pip")} install -r requirements.txt\``,
            );
        });

        it("a virtualenv setting that names no virtualenv", async () => {
            const name = "no-venv";
            fs.mkdirSync(path.join(work, name));
            fs.writeFileSync(path.join(work, name, "Pulumi.yaml"), "name: no-venv\nruntime:\n  name: python\n  options:\n    virtualenv: .env\n");
            fs.writeFileSync(path.join(work, name, "__main__.py"), "import pulumi\n");
            expectOneLine(
                await preview([name], work),
                `${name}: no virtualenv at ${path.join(name, ".env")} (Pulumi.yaml runtime.options.virtualenv); create it as \`pulumi install\` does: \`python3 -m venv ${path.join(name, ".env")} && ${path.join(name, ".env", "bin", "pip")} install pulumi pulumi-aws\``,
            );
        });
    });

    describe("the interpreter, found as the Pulumi CLI finds it", () => {
        const folder = (files: string[]) => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "python-interpreter-"));
            for (const file of files) {
                fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
                fs.writeFileSync(path.join(dir, file), "");
            }
            return dir;
        };
        const cases: { name: string; files: string[]; options?: Parameters<typeof pythonInterpreter>[2]; env?: NodeJS.ProcessEnv; command: string; described: string }[] = [
            { name: "runtime.options.virtualenv", files: ["envs/app/bin/python", "venv/pyvenv.cfg", "venv/bin/python"], options: { toolchain: "pip", virtualenv: "envs/app" }, command: "envs/app/bin/python", described: "app/envs/app/bin/python (Pulumi.yaml runtime.options.virtualenv)" },
            { name: "a venv beside Pulumi.yaml", files: ["venv/pyvenv.cfg", "venv/bin/python"], command: "venv/bin/python", described: "app/venv/bin/python (the virtualenv beside Pulumi.yaml)" },
            { name: "a .venv beside Pulumi.yaml", files: [".venv/pyvenv.cfg", ".venv/bin/python"], command: ".venv/bin/python", described: "app/.venv/bin/python (the virtualenv beside Pulumi.yaml)" },
            { name: "uv's default .venv", files: [".venv/bin/python"], options: { toolchain: "uv" }, command: ".venv/bin/python", described: "app/.venv/bin/python (uv's default virtualenv)" },
            { name: "no virtualenv: python3 on the PATH", files: [], command: "python3", described: "python3 (on the PATH)" },
            { name: "no virtualenv: PULUMI_PYTHON_CMD", files: [], env: { PULUMI_PYTHON_CMD: "python3.12" }, command: "python3.12", described: "python3.12 (PULUMI_PYTHON_CMD)" },
        ];
        for (const c of cases) {
            it(c.name, () => {
                const dir = folder(c.files);
                try {
                    const found = pythonInterpreter(dir, "app", c.options, c.env ?? {});
                    expect(found.command).to.equal(c.command.includes("/") ? path.join(dir, c.command) : c.command);
                    expect(found.described).to.equal(c.described);
                } finally {
                    fs.rmSync(dir, { recursive: true, force: true });
                }
            });
        }

        it("uv with no .venv yet: how to make it", () => {
            const dir = folder([]);
            try {
                expect(() => pythonInterpreter(dir, "app", { toolchain: "uv" }, {})).to.throw(PythonSetupError, "app: no virtualenv at app/.venv (uv's default virtualenv); create it as `pulumi install` does: `uv sync` in app");
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });
    });
});
