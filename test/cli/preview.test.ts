// `secure-baseline preview` through the installed command, as a pull request's CI runs it: the
// repository's own stack, the insecure counterpart, programs written the way people write them
// (each with its exact findings), the report formats and shared options, and every way a
// program cannot be checked (exit code 2, one line on stderr).
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Log } from "sarif";
import { resolveConfig } from "../../policy-pack/lib/config";
import { policies } from "../../policy-pack/policies";
import { previewProgram } from "../../cli/preview/preview";
import { secretPlaceholder } from "../../cli/program/project";
import { expectNothingJudgedInEveryFormat } from "../support/nothing-judged";
import { Run, findings, report, spawnPreview } from "../support/preview-command";
import { repoRoot } from "./golden";

const programs = "test/fixtures/programs";

// Each run spawns the command, which spawns the program: runs are shared between tests and at
// most two go at once (one per core).
const runs = new Map<string, Promise<Run>>();
let running = 0;
const waiting: (() => void)[] = [];

function preview(args: string[], cwd = repoRoot): Promise<Run> {
    const key = JSON.stringify([cwd, args]);
    let run = runs.get(key);
    if (!run) {
        run = (async () => {
            if (running >= 2) {
                await new Promise<void>((resolve) => waiting.push(resolve));
            }
            running++;
            try {
                return await spawnPreview(args, cwd);
            } finally {
                running--;
                waiting.shift()?.();
            }
        })();
        runs.set(key, run);
    }
    return run;
}

/** The line of the first occurrence of `text` in a fixture file. */
function lineOf(file: string, text: string): number {
    const lines = fs.readFileSync(path.join(repoRoot, file), "utf8").split("\n");
    const index = lines.findIndex((l) => l.includes(text));
    expect(index, `${text} in ${file}`).to.be.greaterThan(-1);
    return index + 1;
}

const formats = ["table", "json", "sarif", "junit"] as const;
const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

describe("secure-baseline preview", function () {
    this.timeout(120000);

    before(() => {
        // Start the program runs the tests share, two at a time.
        preview(["--format", "json"]);
        preview([`${programs}/insecure`, "--format", "json"]);
        preview([`${programs}/insecure`, "--format", "junit"]);
        preview([`${programs}/static-website`, "--format", "json"]);
        preview([`${programs}/partly-unknown-policy`, "--format", "json"]);
        preview([`${programs}/tag-waivers`, "--format", "json"]);
        for (const format of formats) {
            preview([`${programs}/container-service`, "--format", format]);
            preview([`${programs}/lambda-broad-role`, "--format", format]);
            preview([`${programs}/bucket-policy-apply`, "--format", format]);
        }
    });

    describe("the repository's own programs", () => {
        it("the reference stack (the repository root, its only stack dev, as the default directory) has no violations", async () => {
            const run = await preview(["--format", "json"]);
            expect(run.stderr).to.equal("");
            expect(run.code).to.equal(0);
            const json = report(run);
            expect(json.violations).to.deep.equal([]);
            expect(json.notes).to.deep.equal([]);
            expect(json.summary.resources).to.be.greaterThan(30);
        });

        it("the insecure counterpart breaks every mandatory policy that can be decided at preview", async () => {
            const run = await preview([`${programs}/insecure`, "--format", "json"]);
            expect(run.stderr).to.equal("");
            expect(run.code).to.equal(1);
            const levels = resolveConfig(policies, {});
            const mandatory = policies.filter((p) => levels.get(p.name)!.enforcementLevel === "mandatory").map((p) => p.name);
            const reported = new Set(report(run).violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => v.policyName));
            // Creation times exist only in a stack export: the catalog makes this policy an audit's alone.
            expect(mandatory.filter((name) => !reported.has(name))).to.deep.equal(["s3-existing-objects-encrypted"]);
            const junit = (await preview([`${programs}/insecure`, "--format", "junit"])).stdout;
            expect(junit).to.not.include('name="s3-existing-objects-encrypted"');
            expect(junit).to.include('name="s3-bucket-no-website"');
        });
    });

    describe("programs written the way people write them", () => {
        it("a public static website on S3: website hosting, a public-read policy, no KMS", async () => {
            const run = await preview([`${programs}/static-website`, "--format", "json"]);
            expect(run.stderr).to.equal("");
            expect(run.code).to.equal(1);
            expect(findings(run)).to.deep.equal([
                // The public-read policy a website needs.
                "resource-policy-no-public-access site mandatory",
                "s3-bucket-block-sse-c site mandatory",
                "s3-bucket-default-encryption-kms site mandatory",
                // On the bucket, and on the website configuration that is wrong in itself.
                "s3-bucket-no-website site mandatory",
                "s3-bucket-no-website site mandatory",
                "s3-bucket-policy-enforce-kms-uploads site mandatory",
                "s3-bucket-policy-tls-only site mandatory",
                "s3-bucket-public-access-block site mandatory",
                "s3-bucket-public-access-block site mandatory",
                "s3-object-encryption-kms 404.html mandatory",
                "s3-object-encryption-kms index.html mandatory",
            ]);
            const website = report(run).violations.filter((v) => v.policyName === "s3-bucket-no-website").map((v) => v.message);
            expect(website.some((m) => m.startsWith("Website configuration 'site'"))).to.equal(true);
            expect(website.some((m) => m.startsWith("Bucket 'site'"))).to.equal(true);
            expect(report(run).notes.map((n) => n.message)).to.have.length(1);
            expect(report(run).notes[0].message).to.match(/^A data source the offline preview does not model answered with unknown values: aws:route53\/getZone:getZone\./);
        });

        it("a field of a data source it does not model, called in its plain (promise) form, is unknown", async () => {
            const program = await previewProgram(`${programs}/static-website`, undefined, repoRoot);
            const record = program.stackExport.resources.find((r) => r.type === "aws:route53/record:Record")!;
            expect(record.inputs.zoneId).to.equal(unknown);
            expect(record.inputs.name).to.equal("www.example.org");
        });

        it("a container service behind a load balancer over HTTP, with the VPC looked up", async () => {
            const run = await preview([`${programs}/container-service`, "--format", "json"]);
            expect(run.stderr).to.equal("");
            expect(run.code).to.equal(1);
            expect(findings(run)).to.deep.equal([
                // Port 80 open to the world on a group the tasks use too, not only the load balancer.
                "ec2-security-group-no-plaintext-ingress web mandatory",
                // AmazonECSTaskExecutionRolePolicy grants ECR and log actions on '*'.
                "iam-no-broad-managed-policies task-exec-role mandatory",
                // The load balancer passes header fields with invalid names on to the tasks (AWS's default).
                "lb-drop-invalid-header-fields web mandatory",
                // The listener names no protocol: an ALB listener is then HTTP, and it forwards.
                "lb-listener-https-only web mandatory",
            ]);
        });

        it("values from data sources it does not model are unknown to the policies, not absent", async () => {
            const program = await previewProgram(`${programs}/container-service`, undefined, repoRoot);
            expect(program.unmodelledInvokes).to.deep.equal(["aws:ec2/getSubnets:getSubnets", "aws:ec2/getVpc:getVpc"]);
            const inputs = (type: string) => program.stackExport.resources.find((r) => r.type === type)!.inputs as Record<string, unknown>;
            // getVpcOutput(...).id and getSubnetsOutput(...).ids, as the engine sends unknowns.
            expect(inputs("aws:lb/targetGroup:TargetGroup").vpcId).to.equal(unknown);
            expect(inputs("aws:lb/loadBalancer:LoadBalancer").subnets).to.equal(unknown);
        });

        it("a Lambda function whose role's getPolicyDocument allows s3:* on every resource", async () => {
            const run = await preview([`${programs}/lambda-broad-role`, "--format", "json"]);
            expect(run.stderr).to.equal("");
            expect(run.code).to.equal(1);
            expect(findings(run)).to.deep.equal([
                "iam-no-broad-managed-policies report-role mandatory",
                // s3:* gives object reads and writes together with bucket policy and access grant control.
                "iam-role-separation-of-duties report-role mandatory",
                "iam-no-wildcard-actions report-s3 mandatory",
                "iam-no-wildcard-resources report-s3 mandatory",
                // Its environment variables are under Lambda's AWS managed aws/lambda key.
                "lambda-function-environment-customer-managed-key report mandatory",
            ].sort());
            const actions = report(run).violations.find((v) => v.policyName === "iam-no-wildcard-actions")!;
            expect(actions.message).to.include("('s3:*'");
        });
    });

    describe("waivers declared on the resources", () => {
        it("each waiver tag waives its policy on its resource only; expired and malformed ones are reported; one unknown at preview is decided by the plausible-outputs pass", async () => {
            const run = await preview([`${programs}/tag-waivers`, "--format", "json"]);
            expect(run.stderr).to.equal("");
            expect(run.code).to.equal(1);
            expect(findings(run)).to.deep.equal([
                // Every key lacks a key policy: no tag waives that policy.
                "kms-key-policy-explicit comma-key mandatory",
                "kms-key-policy-explicit expired-key mandatory",
                "kms-key-policy-explicit untagged-key mandatory",
                "kms-key-policy-explicit vendor-key mandatory",
                // A malformed and an expired tag: the finding stands, and the tag is reported.
                "kms-key-rotation-enabled comma-key advisory",
                "kms-key-rotation-enabled comma-key mandatory",
                "kms-key-rotation-enabled expired-key advisory",
                "kms-key-rotation-enabled expired-key mandatory",
                "kms-key-rotation-enabled untagged-key mandatory",
                "s3-bucket-default-encryption-kms partner-archive mandatory",
                "s3-bucket-default-encryption-kms partner-archive mandatory",
                "s3-bucket-default-encryption-kms partner-uploads mandatory",
                "s3-bucket-default-encryption-kms partner-uploads mandatory",
                "s3-bucket-policy-enforce-kms-uploads partner-archive mandatory",
                "s3-bucket-policy-enforce-kms-uploads partner-uploads mandatory",
                "s3-bucket-policy-tls-only partner-archive mandatory",
                "s3-bucket-policy-tls-only partner-uploads mandatory",
                "s3-bucket-public-access-block partner-archive mandatory",
                "s3-bucket-public-access-block partner-archive mandatory",
                "s3-bucket-public-access-block partner-uploads mandatory",
                "s3-bucket-public-access-block partner-uploads mandatory",
            ]);
            const json = report(run);
            const tagOf = (policy: string) => `tag 'secure-baseline:waive:${policy}'`;
            expect(json.waived.map((w) => [w.policyName, w.name, w.enforcementLevel, w.expires, w.reason, w.waivedBy, w.pass ?? "preview"])).to.deep.equal([
                ["kms-key-rotation-enabled", "vendor-key", "advisory", "2999-12-31", "the vendor client caches key material - SEC-142", tagOf("kms-key-rotation-enabled"), "preview"],
                // Its tag names the other bucket's generated name: unknown at preview, known in the second pass.
                ["s3-bucket-block-sse-c", "partner-archive", "advisory", "2999-12-31", "archive of partner-uploads-f691199", tagOf("s3-bucket-block-sse-c"), "plausible-outputs"],
                ["s3-bucket-block-sse-c", "partner-uploads", "advisory", "2999-12-31", "partner uploads with SSE-C until its KMS migration - SEC-200", tagOf("s3-bucket-block-sse-c"), "preview"],
            ]);
            const invalid = json.violations.filter((v) => v.enforcementLevel === "advisory").map((v) => `${v.name}: ${v.message.split(". Set its value")[0]}`);
            expect(invalid).to.deep.equal([
                "comma-key: Waiver tag 'secure-baseline:waive:kms-key-rotation-enabled' on 'comma-key' does not waive the finding: its value holds ',', which AWS tag values do not allow",
                "expired-key: Waiver tag 'secure-baseline:waive:kms-key-rotation-enabled' on 'expired-key' does not waive the finding: it expired on 2024-01-31",
            ]);
            expect(json.notes.map((n) => n.message)).to.deep.equal([
                "1 evaluation could not be decided at preview: the values they judge are computed from outputs that exist only after deployment. " +
                    'The program was evaluated once more with plausible outputs (IDs, ARNs and names as AWS shapes them): 1 is waived (findings marked "plausible-outputs").',
            ]);
        });
    });

    describe("decided from what the program already says", () => {
        it("a role policy built with pulumi.jsonStringify: the table's ARN is unknown, the statement beside it allows logs:* on '*'", async () => {
            const run = await preview([`${programs}/partly-unknown-policy`, "--format", "json"]);
            expect(run.stderr).to.equal("");
            expect(run.code).to.equal(1);
            expect(findings(run)).to.deep.equal([
                // The table is written as the docs' example writes it: with DynamoDB's AWS-owned key.
                "dynamodb-table-encryption-customer-managed-key orders mandatory",
                "iam-no-wildcard-actions orders-reader mandatory",
                "iam-no-wildcard-resources orders-reader mandatory",
                // dynamodb:GetItem and Query beside logs:PutResourcePolicy and the other Logs writes.
                "iam-role-separation-of-duties orders-reader mandatory",
                "lambda-function-environment-customer-managed-key orders-reader mandatory",
            ]);
            const violations = report(run).violations;
            expect(violations.find((v) => v.policyName === "iam-no-wildcard-actions")!.message).to.match(/^The policy of 'orders-reader', statement 'Logs', allows every action of the service \('logs:\*'/);
            expect(violations.find((v) => v.policyName === "iam-no-wildcard-resources")!.message).to.match(/^The policy of 'orders-reader', statement 'Logs', allows .* on every resource \('\*'\)/);
            // Decided at preview itself: no second pass was needed, nothing is marked as coming from one.
            expect(violations.map((v) => (v as { pass?: string }).pass)).to.deep.equal([undefined, undefined, undefined, undefined, undefined]);
            expect(report(run).notes).to.deep.equal([]);
        });

        it("the document keeps its structure offline: known statements as written, the unknown ARN as the engine's unknown marker", async () => {
            const program = await previewProgram(`${programs}/partly-unknown-policy`, undefined, repoRoot);
            const rolePolicy = program.stackExport.resources.find((r) => r.type === "aws:iam/rolePolicy:RolePolicy")!;
            expect(JSON.parse(rolePolicy.inputs.policy as string)).to.deep.equal({
                Version: "2012-10-17",
                Statement: [
                    { Sid: "ReadOrders", Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:Query"], Resource: unknown },
                    { Sid: "Logs", Effect: "Allow", Action: "logs:*", Resource: "*" },
                ],
            });
            // The document still depends on the table, as the engine records it.
            const table = program.stackExport.resources.find((r) => r.type === "aws:dynamodb/table:Table")!;
            expect(rolePolicy.propertyDependencies!.policy).to.deep.equal([table.urn]);
        });

        it("role policies built with pulumi.output({...}), through apply(JSON.stringify) or as they are: logs:* is reported at preview", async () => {
            const run = await preview([`${programs}/serverless-raw-output`, "--format", "json"]);
            expect(run.stderr).to.equal("");
            expect(run.code).to.equal(1);
            expect(findings(run)).to.deep.equal([
                "dynamodb-table-encryption-customer-managed-key counterTable mandatory",
                "iam-no-wildcard-actions mylambda-logs mandatory",
                "iam-no-wildcard-actions mylambda-table mandatory",
                "iam-no-wildcard-resources mylambda-logs mandatory",
                "iam-no-wildcard-resources mylambda-table mandatory",
                "iam-role-separation-of-duties mylambda-role mandatory",
                "lambda-function-environment-customer-managed-key mylambda mandatory",
            ]);
            const violations = report(run).violations;
            const message = (policy: string, resource: string) => violations.find((v) => v.policyName === policy && v.name === resource)!.message;
            expect(message("iam-no-wildcard-resources", "mylambda-table")).to.match(/^The policy of 'mylambda-table', statement #2, allows .* on 'arn:aws:logs:\*:\*:\*', which matches every resource of its type/);
            expect(message("iam-no-wildcard-resources", "mylambda-logs")).to.match(/^The policy of 'mylambda-logs', statement #1, allows .* on every resource \('\*'\)/);
            // Decided at preview itself, without the plausible-outputs pass.
            expect(violations.map((v) => (v as { pass?: string }).pass)).to.deep.equal(violations.map(() => undefined));
            expect(report(run).notes).to.deep.equal([]);
        });

        it("a document passed through pulumi.output keeps its structure offline, the table's ARN as the unknown marker", async () => {
            const program = await previewProgram(`${programs}/serverless-raw-output`, undefined, repoRoot);
            const resources = program.stackExport.resources;
            const table = resources.find((r) => r.type === "aws:dynamodb/table:Table")!;
            const policyOf = (name: string) => resources.find((r) => r.name === name)!;
            expect(JSON.parse(policyOf("mylambda-table").inputs.policy as string)).to.deep.equal({
                Version: "2012-10-17",
                Statement: [
                    { Action: ["dynamodb:GetItem", "dynamodb:UpdateItem"], Resource: unknown, Effect: "Allow" },
                    { Action: ["logs:*"], Resource: "arn:aws:logs:*:*:*", Effect: "Allow" },
                ],
            });
            expect(policyOf("mylambda-logs").inputs.policy).to.deep.equal({
                Version: "2012-10-17",
                Statement: [
                    { Action: "logs:*", Resource: "*", Effect: "Allow" },
                    { Action: "dynamodb:Query", Resource: unknown, Effect: "Allow" },
                ],
            });
            for (const name of ["mylambda-table", "mylambda-logs"]) {
                expect(policyOf(name).propertyDependencies!.policy, name).to.deep.equal([table.urn]);
            }
        });

        it("each way of building a document from outputs: what the offline preview keeps of it", async () => {
            const program = await previewProgram(`${programs}/document-builders`, undefined, repoRoot);
            const resources = program.stackExport.resources;
            const bucket = resources.find((r) => r.type === "aws:s3/bucket:Bucket")!;
            const input = (name: string) => resources.find((r) => r.name === name)!.inputs;
            const policyOf = (name: string) => JSON.parse(input(name).policy as string);
            const read = (resource: string) => ({ Effect: "Allow", Action: "s3:GetObject", Resource: resource });
            expect(policyOf("json-stringify")).to.deep.equal({ Version: "2012-10-17", Statement: [read(unknown), read("arn:aws:s3:::public-assets/*")] });
            // A JSON template keeps the text around the unknown value; the policies read "<unknown>/*" as unknown.
            expect(policyOf("json-template")).to.deep.equal({ Version: "2012-10-17", Statement: [read(`${unknown}/*`)] });
            expect(policyOf("policy-document")).to.deep.equal({ Version: "2012-10-17", Statement: [read(unknown)] });
            // Inside an apply nothing can be known before the value is.
            expect(input("apply").policy).to.equal(unknown);
            // A template that does not render to a JSON object stays unknown, as everywhere else.
            expect(input("marker").key).to.equal(unknown);
            for (const name of ["json-stringify", "json-template", "policy-document", "apply", "with-secret"]) {
                expect(resources.find((r) => r.name === name)!.propertyDependencies!.policy, name).to.deep.equal([bucket.urn]);
            }
            // A secret in the document keeps the whole document secret, so no report can show it.
            const secretDocument = input("with-secret").policy as { value: string };
            expect(secretDocument).to.deep.include({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" });
            expect(JSON.parse(secretDocument.value).Statement[0].Condition).to.deep.equal({ StringEquals: { "aws:PrincipalAccount": secretPlaceholder } });
            expect(program.stackExport.secrets).to.include(secretDocument.value);
        });

        it("a bucket policy without a Deny, built from the bucket's ARN with apply: decided by the plausible-outputs pass, and marked", async () => {
            const run = await preview([`${programs}/bucket-policy-apply`, "--format", "json"]);
            expect(run.stderr).to.equal("");
            expect(run.code).to.equal(1);
            const marked = report(run).violations.map((v) => `${v.policyName} ${v.name} ${v.enforcementLevel} ${(v as { pass?: string }).pass ?? "preview"}`).sort();
            expect(marked).to.deep.equal([
                // Its policy grants s3:GetObject to everyone, with no condition pinning an account or network.
                "resource-policy-no-public-access downloads-public-read mandatory plausible-outputs",
                "s3-bucket-block-sse-c downloads mandatory preview",
                // On the bucket, and on the configuration that applies AES256.
                "s3-bucket-default-encryption-kms downloads mandatory preview",
                "s3-bucket-default-encryption-kms downloads mandatory preview",
                "s3-bucket-policy-enforce-kms-uploads downloads mandatory plausible-outputs",
                "s3-bucket-policy-tls-only downloads mandatory plausible-outputs",
                "s3-bucket-public-access-block downloads mandatory preview",
                "s3-bucket-public-access-block downloads mandatory preview",
            ]);
            const tls = report(run).violations.find((v) => v.policyName === "s3-bucket-policy-tls-only")!;
            expect(tls.message).to.match(/^The bucket policy of 'downloads' \(declared on 'downloads-public-read'\) does not deny non-TLS requests/);
            expect(tls.message).to.match(/ \[plausible-outputs pass: at preview this depends on values unknown until deployment; .*\]$/);
            expect(report(run).notes.map((n) => n.message)).to.deep.equal([
                "4 evaluations could not be decided at preview: the values they judge are computed from outputs that exist only after deployment. " +
                    "The program was evaluated once more with plausible outputs (IDs, ARNs and names as AWS shapes them): " +
                    '3 fail (findings marked "plausible-outputs"), 1 passes (iam-no-wildcard-actions on \'downloads-public-read\').',
            ]);
        });

        it("the plausible-outputs pass is marked in every report format", async () => {
            const runs = Object.fromEntries(await Promise.all(formats.map(async (f) => [f, await preview([`${programs}/bucket-policy-apply`, "--format", f])] as const)));
            for (const format of formats) {
                expect(runs[format].code, format).to.equal(1);
                expect(runs[format].stdout.split("4 evaluations could not be decided at preview").length - 1, `the note in ${format}`).to.equal(1);
            }
            const sarif = JSON.parse(runs.sarif.stdout) as Log;
            const passOf = sarif.runs[0].results!.map((r) => `${r.ruleId} ${r.properties!.pass ?? "preview"}`).sort();
            expect(passOf).to.deep.equal([
                "resource-policy-no-public-access plausible-outputs",
                "s3-bucket-block-sse-c preview",
                "s3-bucket-default-encryption-kms preview",
                "s3-bucket-default-encryption-kms preview",
                "s3-bucket-policy-enforce-kms-uploads plausible-outputs",
                "s3-bucket-policy-tls-only plausible-outputs",
                "s3-bucket-public-access-block preview",
                "s3-bucket-public-access-block preview",
            ]);
            // In JUnit, in each failure's message attribute and in its text.
            expect(runs.junit.stdout.match(/\[plausible-outputs pass:/g)).to.have.length(6);
            expect(runs.table.stdout.replace(/\s+/g, " ").match(/\[plausible-outputs pass:/g)).to.have.length(3);
        });
    });

    it("an ECS cluster on EC2 as public examples write it: a StackReference, AWS's public SSM parameter, an awsx component, no aws:region; the plausible-outputs pass runs to the end", async () => {
        const dir = `${programs}/ecs-on-ec2`;
        const run = await preview([dir, "--format", "json"]);
        expect(run.stderr).to.equal("");
        expect(run.code).to.equal(1);
        expect(findings(run)).to.deep.equal([
            "ebs-encryption-customer-managed-key bastion mandatory",
            "ebs-encryption-customer-managed-key instances mandatory",
            // The bastion instance and the cluster's launch template leave httpTokens to the AMI.
            "ec2-imdsv2-required bastion mandatory",
            "ec2-imdsv2-required instances mandatory",
            "s3-bucket-block-sse-c artifacts mandatory",
            "s3-bucket-default-encryption-kms artifacts mandatory",
            "s3-bucket-policy-enforce-kms-uploads artifacts mandatory",
            "s3-bucket-policy-tls-only artifacts mandatory",
            "s3-bucket-public-access-block artifacts mandatory",
            "s3-bucket-public-access-block artifacts mandatory",
        ]);
        expect(report(run).notes.map((n) => n.message)).to.deep.equal([
            // The awsx VPC, without endpoints, holds nothing a policy judges: the run is not incomplete for it (exit 1 above is its findings).
            "awsx:ec2:Vpc 'bastion' is built by the awsx plugin, which does not run offline; from the inputs given, awsx 2.x builds a VPC, its subnets, route tables, routes and internet and NAT gateways, which no policy of the pack judges.",
            "5 evaluations could not be decided at preview: the values they judge are computed from outputs that exist only after deployment. " +
                "The program was evaluated once more with plausible outputs (IDs, ARNs and names as AWS shapes them): 2 fail (findings marked \"plausible-outputs\"), 3 pass (no-plaintext-secrets on 'instances', iam-no-wildcard-actions on 'artifacts', resource-policy-no-public-access on 'artifacts').",
        ]);
        // The public parameter's JSON document is answered at preview too: its image_id is an AMI id.
        const program = await previewProgram(dir, undefined, repoRoot);
        const inputs = (type: string) => program.stackExport.resources.find((r) => r.type === type)!.inputs as Record<string, any>;
        expect(inputs("aws:ec2/launchTemplate:LaunchTemplate").imageId).to.match(/^ami-[0-9a-f]{17}$/);
        expect(inputs("aws:ec2/instance:Instance").ami).to.equal(inputs("aws:ec2/launchTemplate:LaunchTemplate").imageId);
        expect(program.unmodelledInvokes).to.deep.equal([]);
    });

    it("a function written inline with aws.lambda.CallbackFunction and subscribed with bucket.onObjectCreated: each finding names the argument or the declaration that fixes it", async () => {
        const run = await preview([`${programs}/callback-function`, "--format", "json"]);
        expect(run.stderr).to.equal("");
        expect(run.code).to.equal(1);
        // The defaults @pulumi/aws attaches when `policies` is left out, in one finding; the mix of duties they give; the permission the event method creates.
        expect(findings(run)).to.deep.equal([
            "iam-no-broad-managed-policies handler mandatory",
            "iam-no-privilege-escalation handler mandatory",
            "iam-role-separation-of-duties handler mandatory",
            "lambda-permission-source-scoped thumbnail mandatory",
            "s3-bucket-block-sse-c uploads mandatory",
            "s3-bucket-default-encryption-kms uploads mandatory",
            "s3-bucket-policy-enforce-kms-uploads uploads mandatory",
            "s3-bucket-policy-tls-only uploads mandatory",
            "s3-bucket-public-access-block uploads mandatory",
            "s3-bucket-public-access-block uploads mandatory",
        ]);
        const message = (policy: string) => report(run).violations.find((v) => v.policyName === policy)!.message;
        for (const policy of ["iam-no-broad-managed-policies", "iam-role-separation-of-duties"]) {
            expect(message(policy), policy).to.match(/aws\.lambda\.CallbackFunction 'handler'.*Pass the function's `policies` argument/);
        }
        expect(message("iam-no-broad-managed-policies")).to.include("gets 8 broad AWS managed policies").and.include("'AmazonS3FullAccess' (allows 's3:*')");
        expect(message("lambda-permission-source-scoped")).to.include("bucket.onObjectCreated").and.include("those methods take no argument for one").and.not.include("Set sourceAccount");
        expect(message("s3-bucket-default-encryption-kms")).to.include("S3 encrypts its objects with SSE-S3");
    });

    it("an ES module program that awaits a data source at its top level", async () => {
        const run = await preview([`${programs}/esm-top-level-await`, "--format", "json"]);
        expect(run.stderr).to.equal("");
        expect(run.code).to.equal(1);
        // The key policy is AWS's default one (kms:* for the account), written out; rotation is off.
        expect(findings(run)).to.deep.equal(["iam-no-wildcard-actions data mandatory", "kms-key-rotation-enabled data mandatory"]);
        expect(report(run).notes).to.deep.equal([]);
    });

    describe("programs as the Pulumi CLI's Node language host loads them", () => {
        it("an ES module in TypeScript whose local imports are written './x.js'", async () => {
            const run = await preview([`${programs}/esm-typescript`, "--format", "json"]);
            expect(run.stderr).to.equal("");
            expect(run.code).to.equal(1);
            expect(findings(run)).to.deep.equal([
                "s3-bucket-block-sse-c artifacts mandatory",
                "s3-bucket-default-encryption-kms artifacts mandatory",
                "s3-bucket-default-encryption-kms artifacts mandatory",
                "s3-bucket-policy-enforce-kms-uploads artifacts mandatory",
                "s3-bucket-policy-tls-only artifacts mandatory",
                "s3-bucket-public-access-block artifacts mandatory",
                "s3-bucket-public-access-block artifacts mandatory",
            ]);
            // Declared in storage.ts, imported as './storage.js': positions point into the TypeScript source.
            const program = await previewProgram(`${programs}/esm-typescript`, undefined, repoRoot);
            const bucket = program.stackExport.resources.find((r) => r.type === "aws:s3/bucket:Bucket")!;
            const file = `${programs}/esm-typescript/storage.ts`;
            expect(program.stackExport.sourcePositions[bucket.urn]).to.include({ path: file, line: lineOf(file, "new aws.s3.Bucket(") });
            expect((bucket.inputs.tags as Record<string, string>).account).to.equal("123456789012");
        });

        it("a program's own tsconfig.json: esModuleInterop left off, as it says", async () => {
            const program = await previewProgram(`${programs}/own-tsconfig`, undefined, repoRoot);
            expect(program.stackExport.resources.map((r) => `${r.type} ${r.name} ${r.inputs.bucket}`)).to.deep.equal(["aws:s3/bucket:Bucket logs payments-logs"]);
        });

        it("a TypeScript program with no typescript of its own compiles with the one its @pulumi/pulumi resolves", async () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "preview-no-typescript-"));
            try {
                fs.mkdirSync(path.join(dir, "node_modules", "@pulumi"), { recursive: true });
                for (const pkg of ["pulumi", "aws"]) {
                    fs.symlinkSync(path.join(repoRoot, "node_modules", "@pulumi", pkg), path.join(dir, "node_modules", "@pulumi", pkg), "dir");
                }
                fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: no-typescript\nruntime: nodejs\n");
                fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "no-typescript", dependencies: { "@pulumi/pulumi": "3", "@pulumi/aws": "7" } }));
                fs.writeFileSync(path.join(dir, "index.ts"), 'import * as aws from "@pulumi/aws";\nconst name: string = "plain";\nnew aws.s3.Bucket(name);\n');
                expect(() => require.resolve("typescript", { paths: [dir] })).to.throw();
                const program = await previewProgram(".", undefined, dir);
                expect(program.stackExport.resources.map((r) => r.name)).to.deep.equal(["plain"]);
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });

        it("the entry point as the CLI finds it: Pulumi.yaml's main, else package.json's main, else the folder's index, never a file named like the folder beside it", async () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "preview-entry-"));
            const project = (name: string, files: Record<string, string>) => {
                fs.mkdirSync(path.join(dir, name, "node_modules", "@pulumi"), { recursive: true });
                for (const pkg of ["pulumi", "aws"]) {
                    fs.symlinkSync(path.join(repoRoot, "node_modules", "@pulumi", pkg), path.join(dir, name, "node_modules", "@pulumi", pkg), "dir");
                }
                for (const [file, text] of Object.entries(files)) {
                    fs.mkdirSync(path.dirname(path.join(dir, name, file)), { recursive: true });
                    fs.writeFileSync(path.join(dir, name, file), text);
                }
            };
            const bucket = (name: string) => `import * as aws from "@pulumi/aws";\nexport const bucketName = new aws.s3.Bucket("${name}").bucket;\n`;
            const packageJson = (fields: object) => JSON.stringify({ name: "infra", dependencies: { "@pulumi/pulumi": "3", "@pulumi/aws": "7" }, ...fields });
            try {
                // The TypeScript template's layout, with a deployment settings file and a script named like the folder beside it.
                project("infra", { "Pulumi.yaml": "name: infra\nruntime: nodejs\n", "package.json": packageJson({ main: "index.ts" }), "index.ts": bucket("from-index") });
                fs.writeFileSync(path.join(dir, "infra.json"), JSON.stringify({ region: "eu-west-1" }));
                fs.writeFileSync(path.join(dir, "infra.js"), "module.exports = {};\n");
                project("src-main", { "Pulumi.yaml": "name: app\nruntime: nodejs\n", "package.json": packageJson({ main: "src/index.ts" }), "src/index.ts": bucket("from-package-main"), "index.ts": bucket("not-the-entry") });
                project("yaml-main", {
                    "Pulumi.yaml": "name: app\nruntime: nodejs\nmain: src/\n",
                    "package.json": packageJson({ main: "index.ts" }),
                    "src/index.ts": bucket("from-pulumi-yaml-main"),
                    "index.ts": bucket("not-the-entry"),
                });
                fs.writeFileSync(path.join(dir, "yaml-main", "src.js"), "module.exports = {};\n");
                project("no-main", { "Pulumi.yaml": "name: app\nruntime: nodejs\n", "package.json": packageJson({ main: "bin/index.js" }), "index.ts": bucket("from-folder-index") });
                const names = async (folder: string) => (await previewProgram(folder, undefined, dir)).stackExport.resources.filter((r) => r.type === "aws:s3/bucket:Bucket").map((r) => r.name);
                expect(await names("infra")).to.deep.equal(["from-index"]);
                expect(await names("src-main")).to.deep.equal(["from-package-main"]);
                expect(await names("yaml-main")).to.deep.equal(["from-pulumi-yaml-main"]);
                // package.json's main names a build output not built yet: the CLI falls back to the folder.
                expect(await names("no-main")).to.deep.equal(["from-folder-index"]);
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });

        it("plain data sources it does not model give lists where the SDK declares lists; aws:region unset comes from the environment; getOrganization answers", async () => {
            const before = { AWS_REGION: process.env.AWS_REGION, AWS_DEFAULT_REGION: process.env.AWS_DEFAULT_REGION };
            try {
                delete process.env.AWS_REGION;
                delete process.env.AWS_DEFAULT_REGION;
                const unset = await previewProgram(`${programs}/default-vpc`, undefined, repoRoot);
                process.env.AWS_DEFAULT_REGION = "eu-north-1";
                const fromEnvironment = await previewProgram(`${programs}/default-vpc`, "acme/dev", repoRoot);
                const inputs = (program: typeof unset, type: string) => program.stackExport.resources.find((r) => r.type === type)!.inputs as Record<string, any>;
                // `getSubnets(...).ids.slice(0, 2)`: two of the three unknown subnet ids.
                expect(inputs(unset, "aws:lb/loadBalancer:LoadBalancer").subnets).to.deep.equal([unknown, unknown]);
                expect(inputs(unset, "aws:ec2/securityGroup:SecurityGroup").tags).to.deep.equal({ owner: "organization", region: "us-east-1" });
                expect(inputs(fromEnvironment, "aws:ec2/securityGroup:SecurityGroup").tags).to.deep.equal({ owner: "acme", region: "eu-north-1" });
                expect(unset.unmodelledInvokes).to.deep.equal(["aws:ec2/getSubnets:getSubnets", "aws:ec2/getVpc:getVpc"]);
            } finally {
                for (const [key, value] of Object.entries(before)) {
                    if (value === undefined) {
                        delete process.env[key];
                    } else {
                        process.env[key] = value;
                    }
                }
            }
        });
    });

    describe("multi-language components", () => {
        const dir = `${programs}/awsx-components`;
        const file = `${dir}/index.ts`;

        it("awsx 2.x's ApplicationLoadBalancer, FargateService and EC2Service are checked as awsx builds them by default; a component its model declines is named as not checked", async () => {
            const run = await preview([dir, "--format", "json"]);
            expect(run.stderr).to.equal("");
            expect(run.code).to.equal(1);
            expect(findings(run)).to.deep.equal([
                // The log groups the task definitions get by default: no kmsKeyId.
                "cloudwatch-log-group-encryption-customer-managed-key app mandatory",
                "cloudwatch-log-group-encryption-customer-managed-key worker mandatory",
                // The group handed to the FargateService: its service is no load balancer.
                "ec2-security-group-no-plaintext-ingress tasks mandatory",
                // The load balancer's default security group: every protocol and port from anywhere.
                "ec2-security-group-no-plaintext-ingress web mandatory",
                // The execution role the Fargate task definition gets by default; the worker names its own.
                "iam-no-broad-managed-policies app-execution mandatory",
                // The load balancer awsx builds keeps AWS's default: header fields with invalid names pass.
                "lb-drop-invalid-header-fields web mandatory",
                // The default listener: HTTP on port 80, forwarding to the default target group.
                "lb-listener-https-only web-0 mandatory",
                // The task definitions' container definitions come from outputs awsx resolves at update.
                "no-plaintext-secrets app advisory",
                "no-plaintext-secrets worker advisory",
            ]);
            const json = JSON.parse(run.stdout);
            const execution = json.violations.find((v: { policyName: string }) => v.policyName === "iam-no-broad-managed-policies");
            expect(execution.message).to.match(/^Role 'app-execution' gets the AWS managed policy 'service-role\/AmazonECSTaskExecutionRolePolicy' through 'app-execution-9a42f520'\./);
            expect(json.summary.uncheckedComponents).to.equal(3);
            expect(json.uncheckedComponents.map((c: { name: string; message: string }) => `${c.name}: ${c.message.slice(c.message.indexOf("contents not checked"))}`)).to.deep.equal([
                // Its listeners come from an output: which listeners awsx builds is not known before the update.
                "internal: contents not checked: the awsx plugin builds its children, and plugins do not run offline, and its 'listeners' input is not a list the program states, so which children it builds is not known. " +
                    "Its children are unknown to every policy; `pulumi preview --policy-pack` with credentials checks them.",
                "legacy: contents not checked: the awsx plugin builds its children, and plugins do not run offline; its defaults are modelled for awsx 2.x and 3.x only, and this registration names version 1.0.2. " +
                    "Its children are unknown to every policy; `pulumi preview --policy-pack` with credentials checks them.",
                "endpoints: contents not checked: the awsx plugin builds its children, and plugins do not run offline, and it declares VPC endpoints ('vpcEndpointSpecs'), whose policies and security groups the model does not build, so which children it builds is not known. " +
                    "Its children are unknown to every policy; `pulumi preview --policy-pack` with credentials checks them.",
            ]);
            const built = (component: string, children: string) =>
                `${component} is built by the awsx plugin, which does not run offline; its children were checked as awsx 2.x builds them from the inputs given (${children}), so findings on them hold for those defaults. ` +
                "`pulumi preview --policy-pack` checks what the plugin builds.";
            expect(json.notes.map((n: { message: string }) => n.message)).to.deep.equal([
                built("awsx:lb:ApplicationLoadBalancer 'web'", "SecurityGroup 'web', TargetGroup 'web', LoadBalancer 'web', Listener 'web-0'"),
                // Given a network configuration, the service gets no security group of its own.
                built(
                    "awsx:ecs:FargateService 'app'",
                    "FargateTaskDefinition 'app', LogGroup 'app', Role 'app-task', Role 'app-execution', RolePolicyAttachment 'app-execution-9a42f520', TaskDefinition 'app', Service 'app'",
                ),
                // Given an execution role's ARN, the task definition gets no execution role.
                built("awsx:ecs:EC2Service 'worker'", "EC2TaskDefinition 'worker', LogGroup 'worker', Role 'worker-task', TaskDefinition 'worker', Service 'worker'"),
                // The two task definitions' container definitions: awsx renders them from outputs at update.
                "2 evaluations could not be decided at preview: the values they judge are computed from outputs that exist only after deployment. The program was evaluated once more with plausible outputs (IDs, ARNs and names as AWS shapes them): 2 stay undecided.",
            ]);
            const program = await previewProgram(dir, undefined, repoRoot);
            const inputs = (type: string, name: string) => program.stackExport.resources.find((r) => r.type === type && r.name === name)!.inputs as Record<string, any>;
            expect(inputs("aws:ecs/service:Service", "app")).to.deep.include({ launchType: "FARGATE", desiredCount: 1, networkConfiguration: { subnets: ["subnet-0a1b2c3d"], securityGroups: [unknown], assignPublicIp: true } });
            expect(inputs("aws:ecs/taskDefinition:TaskDefinition", "app")).to.deep.include({ requiresCompatibilities: ["FARGATE"], networkMode: "awsvpc", executionRoleArn: unknown, taskRoleArn: unknown });
            expect(inputs("aws:ecs/taskDefinition:TaskDefinition", "worker")).to.deep.include({ requiresCompatibilities: ["EC2"], executionRoleArn: "arn:aws:iam::123456789012:role/ecs-task-execution" });
            expect(JSON.parse(inputs("aws:iam/role:Role", "app-task").assumeRolePolicy).Statement).to.deep.equal([{ Action: "sts:AssumeRole", Principal: { Service: "ecs-tasks.amazonaws.com" }, Effect: "Allow", Sid: "" }]);
        });

        it("awsx 3.x as the container template writes it: the repository, load balancer and Fargate service are checked as awsx 3.x builds them, the image holds nothing a policy judges, and nothing is left unchecked", async () => {
            const template = `${programs}/awsx-container-service`;
            const run = await preview([template, "--format", "json"]);
            expect(run.stderr).to.equal("");
            expect(run.code).to.equal(1);
            expect(findings(run)).to.deep.equal([
                "cloudwatch-log-group-encryption-customer-managed-key service mandatory",
                "ec2-security-group-no-plaintext-ingress loadbalancer mandatory",
                // Without a network configuration, the service's own group: open to the world on every port.
                "ec2-security-group-no-plaintext-ingress service-sg mandatory",
                // The repository awsx builds: no encryption configuration.
                "ecr-repository-encryption-customer-managed-key repo mandatory",
                "iam-no-broad-managed-policies service-execution mandatory",
                "lb-drop-invalid-header-fields loadbalancer mandatory",
                "lb-listener-https-only loadbalancer-0 mandatory",
                // The task definition's container definitions come from outputs awsx resolves at update.
                "no-plaintext-secrets service advisory",
            ]);
            const json = JSON.parse(run.stdout);
            expect(json.summary.uncheckedComponents).to.equal(undefined);
            expect(json.notes.map((n: { message: string }) => n.message.replace(/ \(.*?\), so findings.*$/, ""))).to.deep.equal([
                "awsx:lb:ApplicationLoadBalancer 'loadbalancer' is built by the awsx plugin, which does not run offline; its children were checked as awsx 3.x builds them from the inputs given",
                "awsx:ecr:Repository 'repo' is built by the awsx plugin, which does not run offline; its children were checked as awsx 3.x builds them from the inputs given",
                "awsx:ecr:Image 'image' is built by the awsx plugin, which does not run offline; from the inputs given, awsx 3.x builds a container image built and pushed with Docker, which no policy of the pack judges.",
                "awsx:ecs:FargateService 'service' is built by the awsx plugin, which does not run offline; its children were checked as awsx 3.x builds them from the inputs given",
                "1 evaluation could not be decided at preview: the values they judge are computed from outputs that exist only after deployment. The program was evaluated once more with plausible outputs (IDs, ARNs and names as AWS shapes them): 1 stays undecided.",
            ]);
            const program = await previewProgram(template, undefined, repoRoot);
            const inputs = (type: string, name: string) => program.stackExport.resources.find((r) => r.type === type && r.name === name)!.inputs as Record<string, any>;
            expect(inputs("aws:ecr/repository:Repository", "repo")).to.deep.include({ forceDelete: true });
            expect(inputs("aws:ecr/lifecyclePolicy:LifecyclePolicy", "repo").policy).to.deep.equal({
                rules: [{ rulePriority: 1, description: "remove untagged images", selection: { tagStatus: "untagged", countType: "imageCountMoreThan", countNumber: 1 }, action: { type: "expire" } }],
            });
            // The listener on the port the config names; the default VPC's subnets, looked up by the plugin, unknown.
            expect(inputs("aws:lb/listener:Listener", "loadbalancer-0")).to.deep.include({ port: 80, protocol: "HTTP" });
            expect(inputs("aws:ecs/service:Service", "service").networkConfiguration).to.deep.equal({ subnets: unknown, assignPublicIp: true, securityGroups: [unknown] });
        });

        it("every report format names the component whose contents were not checked", async () => {
            for (const format of formats) {
                const run = await preview([dir, "--format", format]);
                expect(run.code, format).to.equal(1);
                expect(run.stdout, format).to.include("contents not checked");
                // The table wraps its lines.
                expect(run.stdout.replace(/\s+/g, " "), format).to.include("awsx:ec2:Vpc 'endpoints': contents not checked: the awsx plugin builds its children");
            }
            const junit = (await preview([dir, "--format", "junit"])).stdout;
            expect(junit).to.include(`<testcase classname="urn:pulumi:dev::awsx-components::awsx:ec2:Vpc::endpoints" name="contents not checked" file="${path.join(dir, "Pulumi.yaml")}">\n      <skipped message="awsx:ec2:Vpc 'endpoints': contents not checked:`);
            const table = (await preview([dir, "--format", "table"])).stdout;
            expect(table).to.include("  Not checked:\n  awsx:lb:ApplicationLoadBalancer internal\n    contents not checked\n");
            expect(table).to.include("\n  aws:ec2:SecurityGroup tasks\n    mandatory  ec2-security-group-no-plaintext-ingress\n");
            expect(table.replace(/\s+/g, " ")).to.match(/ FAILED \(--fail-on mandatory\); 3 components not checked $/);
        });

        it("SARIF places each unchecked component, and each finding on a modelled component's children, where the program declares the component", async () => {
            const log = JSON.parse((await preview([dir, "--format", "sarif"])).stdout) as Log;
            const where = (l: { physicalLocation?: { artifactLocation?: { uri?: string }; region?: { startLine?: number } } }) => `${l.physicalLocation!.artifactLocation!.uri}:${l.physicalLocation!.region!.startLine}`;
            const logGroups = log.runs[0].results!.filter((r) => r.ruleId === "cloudwatch-log-group-encryption-customer-managed-key");
            expect(logGroups.map((r) => where(r.locations![0]))).to.have.members(['new awsx.ecs.FargateService("app"', 'new awsx.ecs.EC2Service("worker"'].map((text) => `${file}:${lineOf(file, text)}`));
            const notifications = log.runs[0].invocations![0].toolExecutionNotifications!.filter((n) => n.level === "warning");
            expect(notifications.map((n) => where(n.locations![0]))).to.deep.equal(
                ['new awsx.lb.ApplicationLoadBalancer("internal"', 'new awsx.lb.ApplicationLoadBalancer("legacy"', 'new awsx.ec2.Vpc("endpoints"'].map((text) => `${file}:${lineOf(file, text)}`),
            );
        });

        it("exit code 3 when nothing fails but components were left unchecked; --allow-unchecked-components makes it 0, and the summary still says so", async () => {
            const incomplete = await preview([dir, "--format", "table", "--fail-on", "none"]);
            expect(incomplete.stderr).to.equal("");
            expect(incomplete.code).to.equal(3);
            expect(incomplete.stdout.replace(/\s+/g, " ")).to.match(/; INCOMPLETE: 3 components not checked $/);
            expect(incomplete.stdout).to.not.include("passed");
            const allowed = await preview([dir, "--format", "table", "--fail-on", "none", "--allow-unchecked-components"]);
            expect(allowed.code).to.equal(0);
            expect(allowed.stdout.replace(/\s+/g, " ")).to.match(/; no failing violation; INCOMPLETE: 3 components not checked \(allowed by --allow-unchecked-components\) $/);
            expect(allowed.stdout).to.not.include("passed");
        });
    });

    describe("a program that declares nothing the policies judge (settings published for other stacks)", () => {
        const dir = `${programs}/shared-settings`;
        const line = "1 stack, 0 resources, 8 evaluations: 0 mandatory, 0 advisory, 0 waived; NOTHING JUDGED: the stack holds no resources";

        it("is never passed: NOTHING JUDGED in every format, exit code 3, with --allow-unchecked-components too", async () => {
            const runs = await Promise.all(formats.map((format) => preview([dir, "--format", format])));
            expectNothingJudgedInEveryFormat(runs, {
                tableLines: [
                    `Stack shared-settings/dev (${dir}/Pulumi.yaml)`,
                    "  Nothing judged: the stack holds no resources.",
                    "",
                    "1 stack, 0 resources, 8 evaluations: 0 mandatory, 0 advisory, 0 waived; NOTHING",
                    "JUDGED: the stack holds no resources",
                    "",
                ],
                resources: 0,
                evaluated: 8,
                reason: "the stack holds no resources",
                classname: "shared-settings/dev",
                file: `${dir}/Pulumi.yaml`,
            });
            // The flag accepts components left unchecked beside what was judged, not a run that judged nothing.
            const out = fs.mkdtempSync(path.join(os.tmpdir(), "shared-settings-"));
            try {
                const allowed = await preview([dir, "--format", "json", "--output", path.join(out, "report.json"), "--allow-unchecked-components", "--fail-on", "none"]);
                expect({ code: allowed.code, stdout: allowed.stdout }).to.deep.equal({ code: 3, stdout: `${line} (json report in ${path.join(out, "report.json")})\n` });
            } finally {
                fs.rmSync(out, { recursive: true, force: true });
            }
        });
    });

    describe("required config without a value (a repository that commits no stack file)", () => {
        const dir = `${programs}/required-config`;
        const placeholders =
            'required-config:siteName = "placeholder-siteName", required-config:environment = "staging", required-config:logRetentionDays = 1, required-config:forceDestroy = false, required-config:tags = {}';

        it("without --placeholder-config: exit 2, one line naming the first missing key and how to set it", async () => {
            const run = await preview([dir, "--format", "json"]);
            expect(run.code).to.equal(2);
            expect(run.stdout).to.equal("");
            expect(run.stderr).to.equal(
                `secure-baseline: the program failed at ${dir}/index.ts:${lineOf(`${dir}/index.ts`, 'config.require("siteName")')}: Missing required configuration variable 'required-config:siteName' ` +
                    "(set it with `pulumi config set required-config:siteName <value>`, or run with --placeholder-config to fill required non-secret config with placeholders)\n",
            );
        });

        it("with --placeholder-config: each require* gets a placeholder of its type (an allowed value where the program lists them), every format lists them, and the program is checked", async () => {
            const runs = Object.fromEntries(await Promise.all(formats.map(async (f) => [f, await preview([dir, "--format", f, "--placeholder-config"])] as const)));
            expect(findings(runs.json)).to.deep.equal([
                "cloudwatch-log-group-encryption-customer-managed-key access mandatory",
                "s3-bucket-block-sse-c content mandatory",
                "s3-bucket-default-encryption-kms content mandatory",
                "s3-bucket-policy-enforce-kms-uploads content mandatory",
                "s3-bucket-policy-tls-only content mandatory",
                "s3-bucket-public-access-block content mandatory",
                "s3-bucket-public-access-block content mandatory",
            ]);
            const note =
                `--placeholder-config: the program requires config that has no value, and ran with placeholders for it: ${placeholders}. ` +
                "Verdicts on resources built from these values rest on the placeholders; set the values in the stack's config to check the program as it will be deployed.";
            expect(report(runs.json).notes.map((n) => n.message)).to.deep.equal([note]);
            for (const format of formats) {
                expect(runs[format].code, format).to.equal(1);
                expect(runs[format].stderr, format).to.equal("");
                expect(runs[format].stdout.replace(/\s+/g, " "), format).to.include(format === "junit" ? note.replace(/"/g, "&quot;") : format === "table" ? note : JSON.stringify(note).slice(1, -1));
            }
            const program = await previewProgram(dir, undefined, repoRoot, undefined, { placeholderConfig: true });
            const inputs = (type: string) => program.stackExport.resources.find((r) => r.type === type)!.inputs as Record<string, any>;
            expect(inputs("aws:s3/bucket:Bucket")).to.deep.include({ bucket: "placeholder-siteName-staging-content", forceDestroy: false, tags: {} });
            expect(inputs("aws:cloudwatch/logGroup:LogGroup")).to.deep.include({ name: "/sites/placeholder-siteName/access", retentionInDays: 1 });
        });

        it("a required secret is never filled: exit 2 naming the key, with --placeholder-config too", async () => {
            const copy = fs.mkdtempSync(path.join(os.tmpdir(), "preview-required-secret-"));
            try {
                fs.mkdirSync(path.join(copy, "node_modules", "@pulumi"), { recursive: true });
                for (const pkg of ["pulumi", "aws"]) {
                    fs.symlinkSync(path.join(repoRoot, "node_modules", "@pulumi", pkg), path.join(copy, "node_modules", "@pulumi", pkg), "dir");
                }
                fs.copyFileSync(path.join(repoRoot, dir, "Pulumi.yaml"), path.join(copy, "Pulumi.yaml"));
                const source = fs.readFileSync(path.join(repoRoot, dir, "index.ts"), "utf8");
                fs.writeFileSync(path.join(copy, "index.ts"), `${source}\nnew aws.ssm.Parameter("api-token", { type: "SecureString", value: config.requireSecret("apiToken") });\n`);
                const run = await preview([copy, "--format", "json", "--placeholder-config"]);
                expect(run.code).to.equal(2);
                expect(run.stdout).to.equal("");
                expect(run.stderr).to.match(
                    /^secure-baseline: the program failed at .*index\.ts:\d+: Missing required configuration variable 'required-config:apiToken' \(set it with `pulumi config set --secret required-config:apiToken <value>`; --placeholder-config does not fill secrets\)\n$/,
                );
            } finally {
                fs.rmSync(copy, { recursive: true, force: true });
            }
        });
    });

    describe("reports", () => {
        it("data sources the preview does not model are listed once, in every format", async () => {
            const invokes = ["aws:ec2/getSubnets:getSubnets", "aws:ec2/getVpc:getVpc"];
            const runs = Object.fromEntries(await Promise.all(formats.map(async (f) => [f, await preview([`${programs}/container-service`, "--format", f])] as const)));
            for (const format of formats) {
                expect(runs[format].code, format).to.equal(1);
                for (const invoke of invokes) {
                    expect(runs[format].stdout.split(invoke).length - 1, `${invoke} in ${format}`).to.equal(1);
                }
            }
            const notes = report(runs.json).notes;
            expect(notes).to.have.length(1);
            expect(notes[0].message).to.match(/^2 data sources the offline preview does not model answered with unknown values: aws:ec2\/getSubnets:getSubnets, aws:ec2\/getVpc:getVpc\./);
            const sarif = JSON.parse(runs.sarif.stdout) as Log;
            expect(sarif.runs[0].invocations![0].toolExecutionNotifications!.map((n) => n.message.text)).to.deep.equal([`container-service/dev: ${notes[0].message}`]);
            expect(runs.junit.stdout).to.match(/<system-out>2 data sources the offline preview does not model/);
            expect(runs.table.stdout).to.match(/\n {2}Note: 2 data sources the offline preview does not model/);
        });

        it("a secret from the stack's config reaches the program but no report", async () => {
            const ciphertext = "AAABAKpreviewfixtureciphertextZm9vYmFy3kq9";
            expect(fs.readFileSync(path.join(repoRoot, programs, "lambda-broad-role", "Pulumi.dev.yaml"), "utf8")).to.include(ciphertext);
            for (const format of formats) {
                const run = await preview([`${programs}/lambda-broad-role`, "--format", format]);
                expect(run.code, format).to.equal(1);
                expect(run.stdout, format).to.not.include(ciphertext);
                expect(run.stdout, format).to.not.include(secretPlaceholder);
            }
            // The program did read it: the function's environment holds it, marked secret, and reports redact it.
            const program = await previewProgram(`${programs}/lambda-broad-role`, undefined, repoRoot);
            const fn = program.stackExport.resources.find((r) => r.type === "aws:lambda/function:Function")!;
            expect((fn.inputs as any).environment.variables.API_TOKEN).to.deep.equal({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: secretPlaceholder });
            expect(program.stackExport.secrets).to.include(secretPlaceholder);
            expect(program.stackExport.secrets).to.not.include("acme-reports");
        });

        it("a resource named 'secret' keeps its name in every report; the secret beside it does not show", async () => {
            const ciphertext = "AAABAKsecretnamedfixtureciphertextcGFzcw==";
            for (const format of formats) {
                const run = await preview([`${programs}/secret-named`, "--format", format]);
                expect(run.code, format).to.equal(1);
                expect(run.stdout, format).to.include("Bucket 'secret' has no bucket policy");
                expect(run.stdout, format).to.not.include("[secret]");
                expect(run.stdout, format).to.not.include(ciphertext);
                expect(run.stdout, format).to.not.include(secretPlaceholder);
            }
        });

        it("SARIF written with --output locates each finding where the program declares the resource", async () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "preview-sarif-"));
            try {
                const output = path.join(dir, "results.sarif");
                const run = await preview([`${programs}/lambda-broad-role`, "--output", output]);
                expect(run.stderr).to.equal("");
                expect(run.code).to.equal(1);
                expect(run.stdout).to.equal(`1 stack, 4 resources, 21 evaluations: 5 mandatory, 0 advisory, 0 waived; FAILED (--fail-on mandatory) (sarif report in ${output})\n`);
                const log = JSON.parse(fs.readFileSync(output, "utf8")) as Log;
                const file = `${programs}/lambda-broad-role/index.ts`;
                const where = log.runs[0].results!.map((r) => `${r.ruleId} ${r.locations![0].physicalLocation!.artifactLocation!.uri}:${r.locations![0].physicalLocation!.region!.startLine}`).sort();
                const role = lineOf(file, 'new aws.iam.Role("report-role"');
                const policy = lineOf(file, 'new aws.iam.RolePolicy("report-s3"');
                const fn = lineOf(file, 'new aws.lambda.Function("report"');
                expect(where).to.deep.equal(
                    [
                        `iam-no-broad-managed-policies ${file}:${role}`,
                        `iam-role-separation-of-duties ${file}:${role}`,
                        `iam-no-wildcard-actions ${file}:${policy}`,
                        `iam-no-wildcard-resources ${file}:${policy}`,
                        `lambda-function-environment-customer-managed-key ${file}:${fn}`,
                    ].sort(),
                );
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });
    });

    describe("docs/preview.md", () => {
        it("shows the table the command prints in the program's directory", async () => {
            const run = await preview(["--format", "table"], path.join(repoRoot, programs, "container-service"));
            expect(run.code).to.equal(1);
            const docs = fs.readFileSync(path.join(repoRoot, "docs/preview.md"), "utf8");
            const neutral = (text: string) => text.replace(/^aws-secure-baseline \S+$/m, "aws-secure-baseline <version>");
            expect(neutral(docs), "docs/preview.md: paste the command's current output into the example").to.include(neutral(run.stdout));
        });
    });

    describe("the options it shares with the audit", () => {
        it("--policy runs only the named policies; --fail-on none passes whatever is found", async () => {
            const run = await preview([`${programs}/static-website`, "--format", "json", "--policy", "s3-bucket-no-website", "--policy", "s3-object-encryption-kms", "--fail-on", "none"]);
            expect(run.stderr).to.equal("");
            expect(run.code).to.equal(0);
            expect(findings(run)).to.deep.equal([
                "s3-bucket-no-website site mandatory",
                "s3-bucket-no-website site mandatory",
                "s3-object-encryption-kms 404.html mandatory",
                "s3-object-encryption-kms index.html mandatory",
            ]);
        });

        it("--policy-pack-config sets levels as `pulumi preview` takes them; advisory findings alone pass", async () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "preview-config-"));
            try {
                const config = path.join(dir, "policy-config.json");
                fs.writeFileSync(config, JSON.stringify({ all: "advisory" }));
                const run = await preview([`${programs}/container-service`, "--format", "json", "--policy-pack-config", config]);
                expect(run.stderr).to.equal("");
                expect(run.code).to.equal(0);
                expect(findings(run)).to.deep.equal([
                    "ec2-security-group-no-plaintext-ingress web advisory",
                    "iam-no-broad-managed-policies task-exec-role advisory",
                    "lb-drop-invalid-header-fields web advisory",
                    "lb-listener-https-only web advisory",
                ]);
                const failing = await preview([`${programs}/container-service`, "--format", "json", "--policy-pack-config", config, "--fail-on", "advisory"]);
                expect(failing.code).to.equal(1);
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });
    });

    describe("when the program cannot be checked: exit code 2, one line on stderr, no report", () => {
        const expectOneLine = (run: Run, message: string | RegExp) => {
            expect(run.stdout).to.equal("");
            expect(run.code).to.equal(2);
            expect(run.stderr.endsWith("\n") && run.stderr.split("\n").length === 2, `one line: ${run.stderr}`).to.equal(true);
            if (typeof message === "string") {
                expect(run.stderr).to.equal(`secure-baseline: ${message}\n`);
            } else {
                expect(run.stderr.trimEnd()).to.match(message);
            }
        };

        it("a program that throws: its own message, at the line of its TypeScript source", async () => {
            const file = `${programs}/throws/index.ts`;
            const line = lineOf(file, "throw new Error(");
            expectOneLine(await preview([`${programs}/throws`]), `the program failed at ${file}:${line}: no sizing for environment 'qa': add it to sizings in index.ts`);
        });

        it("a program whose resource input throws in an apply callback", async () => {
            const file = `${programs}/throws-in-apply/index.ts`;
            const line = lineOf(file, "throw new Error(");
            expectOneLine(
                await preview([`${programs}/throws-in-apply`]),
                `the program failed at ${file}:${line}: error serializing property "bucket": 'Payments Team-artifacts' is not a valid bucket name: use lowercase letters, digits, dots and hyphens`,
            );
        });

        it("a stack with no settings file, named with --stack", async () => {
            expectOneLine(await preview([`${programs}/static-website`, "--stack", "prod"]), `${programs}/static-website: no stack 'prod' (no Pulumi.prod.yaml); its stacks are dev`);
        });

        it("a qualified --stack of another project, or not a stack name", async () => {
            expectOneLine(
                await preview([`${programs}/default-vpc`, "--stack", "acme/other/dev"]),
                `--stack acme/other/dev: the project is 'default-vpc' (${programs}/default-vpc/Pulumi.yaml), not 'other'`,
            );
            expectOneLine(await preview([`${programs}/default-vpc`, "--stack", "acme//dev"]), "--stack acme//dev: not a stack name (name, org/name or org/project/name)");
        });

        it("a bad --policy name, before the program runs", async () => {
            expectOneLine(await preview([`${programs}/throws`, "--policy", "no-such-policy"]), "--policy no-such-policy: no such policy (see `secure-baseline policies`)");
        });

        describe("projects outside the repository", () => {
            let dir: string;
            const project = (name: string, files: Record<string, string>) => {
                fs.mkdirSync(path.join(dir, name));
                for (const [file, text] of Object.entries(files)) {
                    fs.writeFileSync(path.join(dir, name, file), text);
                }
            };

            before(() => {
                dir = fs.mkdtempSync(path.join(os.tmpdir(), "preview-projects-"));
                project("empty", { "index.ts": "export {};\n" });
                project("go", { "Pulumi.yaml": "name: app\nruntime: go\n", "main.go": "package main\n" });
                project("not-installed", { "Pulumi.yaml": "name: app\nruntime: nodejs\n", "Pulumi.dev.yaml": "config: {}\n", "index.ts": 'import * as aws from "@pulumi/aws";\n' });
                project("two-stacks", { "Pulumi.yaml": "name: app\nruntime: nodejs\n", "Pulumi.staging.yaml": "config: {}\n", "Pulumi.prod.yaml": "config: {}\n" });
            });

            after(() => fs.rmSync(dir, { recursive: true, force: true }));

            it("no Pulumi.yaml", async () => {
                expectOneLine(await preview(["empty"], dir), "empty: no Pulumi.yaml here, so this is not a Pulumi project directory (name the directory that holds Pulumi.yaml)");
            });

            it("a runtime other than nodejs and python", async () => {
                expectOneLine(await preview(["go"], dir), `${path.join("go", "Pulumi.yaml")}: runtime is 'go'; only Node.js and Python programs (runtime: nodejs or python) can be checked`);
            });

            it("dependencies not installed", async () => {
                expectOneLine(await preview(["not-installed"], dir), "not-installed: no node_modules for this program; run `npm install` (or `npm ci`) in not-installed first, as `pulumi preview` needs too");
            });

            it("several stacks, none of them dev, and no --stack: the stacks are listed", async () => {
                expectOneLine(await preview([], path.join(dir, "two-stacks")), ".: several stacks (prod, staging) and none is 'dev'; name one with --stack");
            });

            it("a directory that does not exist", async () => {
                expectOneLine(await preview(["nowhere"], dir), "nowhere: no such directory");
            });
        });
    });
});
