// Resources of kinds the baseline covers from providers the policies do not read (aws-native):
// listed as not checked in every report format, never counted clean. A state that holds nothing
// else is a run in which nothing was judged: exit code 3, never "passed".
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pathToFileURL } from "url";
import { coveredKindOf } from "../../policy-pack/lib/types";
import { runCli } from "./golden";

const stack = "urn:pulumi:prod::native";
const urn = (type: string, name: string) => `${stack}::${type}::${name}`;
const root = { urn: urn("pulumi:pulumi:Stack", "native-prod"), type: "pulumi:pulumi:Stack", custom: false };
const native = (type: string, name: string, id: string, inputs: Record<string, unknown>) => ({ urn: urn(type, name), custom: true, id, type, inputs, outputs: inputs, parent: root.urn });

describe("secure-baseline audit: resources no policy judges", () => {
    let dir: string;
    let file: string;

    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "not-checked-"));
        file = path.join(dir, "native.json");
        const resources = [
            root,
            native("aws-native:s3:Bucket", "ledger", "ledger-1a2b", { bucketName: "ledger-1a2b" }),
            native("aws-native:kms:Key", "data", "1234abcd-12ab-34cd-56ef-1234567890ab", { enableKeyRotation: false }),
            native("aws-native:elasticloadbalancingv2:Listener", "web-http", "arn:aws:elasticloadbalancing:us-east-1:111122223333:listener/app/web/1/2", { port: 80, protocol: "HTTP" }),
            native("aws-native:ec2:Vpc", "main", "vpc-0a1b", { cidrBlock: "10.0.0.0/16" }),
            native("aws-native:logs:LogGroup", "app-logs", "app-logs-3f1a2b", { logGroupName: "app-logs-3f1a2b", retentionInDays: 30 }),
            native("aws-native:sqs:Queue", "jobs", "https://sqs.us-east-1.amazonaws.com/111122223333/jobs-9c1d", { queueName: "jobs-9c1d" }),
            native("aws-native:rds:DbInstance", "orders", "orders-7e2f", { dbInstanceClass: "db.t4g.micro", engine: "postgres", storageEncrypted: false }),
            native("aws-native:eks:Cluster", "platform", "platform-5a6b", { name: "platform-5a6b", roleArn: "arn:aws:iam::111122223333:role/eks-platform" }),
        ];
        fs.writeFileSync(file, JSON.stringify({ version: 3, deployment: { manifest: {}, resources } }, null, 4));
    });

    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("maps aws-native tokens of covered kinds to the @pulumi/aws types the policies judge, and nothing else", () => {
        expect(coveredKindOf("aws-native:s3:Bucket")).to.equal("aws:s3/bucket:Bucket");
        expect(coveredKindOf("aws-native:kms:Key")).to.equal("aws:kms/key:Key");
        expect(coveredKindOf("aws-native:elasticloadbalancingv2:Listener")).to.equal("aws:lb/listener:Listener");
        expect(coveredKindOf("aws-native:certificatemanager:Certificate")).to.equal("aws:acm/certificate:Certificate");
        expect(coveredKindOf("aws-native:ec2:Vpc")).to.equal(undefined);
        expect(coveredKindOf("aws:s3/bucket:Bucket")).to.equal(undefined);
    });

    it("JSON: listed with the type they would be judged as, and counted in the summary", async () => {
        const run = await runCli(["audit", file, "--format", "json"]);
        expect(run.code).to.equal(3);
        const report = JSON.parse(run.stdout);
        expect(report.summary).to.deep.equal({ stacks: 1, resources: 9, evaluated: 8, violations: { mandatory: 0, advisory: 0 }, waived: 0, notChecked: 7, nothingJudged: true });
        expect(report.notChecked.map((n: { name: string; type: string; coveredAs: string }) => [n.name, n.type, n.coveredAs])).to.deep.equal([
            ["ledger", "aws-native:s3:Bucket", "aws:s3/bucket:Bucket"],
            ["data", "aws-native:kms:Key", "aws:kms/key:Key"],
            ["web-http", "aws-native:elasticloadbalancingv2:Listener", "aws:lb/listener:Listener"],
            ["app-logs", "aws-native:logs:LogGroup", "aws:cloudwatch/logGroup:LogGroup"],
            ["jobs", "aws-native:sqs:Queue", "aws:sqs/queue:Queue"],
            ["orders", "aws-native:rds:DbInstance", "aws:rds/instance:Instance"],
            ["platform", "aws-native:eks:Cluster", "aws:eks/cluster:Cluster"],
        ]);
        expect(report.notChecked[0].message).to.equal(
            "Not checked: the policies judge this kind of resource as aws:s3/bucket:Bucket, not aws-native:s3:Bucket; review it by hand or declare it with @pulumi/aws.",
        );
    });

    it("table: a section per stack and the summary line say so; nothing else was judged, so the run is not passed (exit code 3)", async () => {
        const run = await runCli(["audit", file, "--format", "table"]);
        expect(run.code).to.equal(3);
        expect(run.stdout).to.include("\n  Nothing judged: no policy judges any of the 9 resources (7 not checked).\n");
        expect(run.stdout).to.include("    aws-native:s3:Bucket ledger (judged as aws:s3/bucket:Bucket)\n");
        expect(run.stdout).to.include("  Not checked (7): no policy judges these resources");
        // The summary line, wrapped to 80 columns, is the report's last paragraph.
        expect(run.stdout.trimEnd().split("\n\n").slice(-1)[0].replace(/\n/g, " ")).to.equal(
            "1 stack, 9 resources, 8 evaluations, 7 not checked: 0 mandatory, 0 advisory, 0 waived; NOTHING JUDGED: no policy judges any of the 9 resources (7 not checked)",
        );
    });

    it("SARIF: a warning notification at each resource, in the export file as a finding is, after the one that says nothing was judged", async () => {
        const run = await runCli(["audit", file, "--format", "sarif"]);
        const [nothingJudged, ...notifications] = JSON.parse(run.stdout).runs[0].invocations[0].toolExecutionNotifications;
        expect(nothingJudged).to.deep.equal({
            level: "warning",
            message: { text: "Nothing judged: no policy judges any of the 9 resources (7 not checked). No policy looked at anything, so the absence of results is not a pass." },
        });
        const ledgerLine = fs.readFileSync(file, "utf8").split("\n").findIndex((l) => l.includes(`"urn": "${urn("aws-native:s3:Bucket", "ledger")}"`)) + 1;
        expect(notifications[0].locations[0].physicalLocation).to.deep.equal({ artifactLocation: { uri: pathToFileURL(file).href }, region: { startLine: ledgerLine } });
        expect(notifications.map((n: { level: string; locations: { logicalLocations: { fullyQualifiedName: string }[] }[] }) => [n.level, n.locations[0].logicalLocations[0].fullyQualifiedName])).to.deep.equal([
            ["warning", urn("aws-native:s3:Bucket", "ledger")],
            ["warning", urn("aws-native:kms:Key", "data")],
            ["warning", urn("aws-native:elasticloadbalancingv2:Listener", "web-http")],
            ["warning", urn("aws-native:logs:LogGroup", "app-logs")],
            ["warning", urn("aws-native:sqs:Queue", "jobs")],
            ["warning", urn("aws-native:rds:DbInstance", "orders")],
            ["warning", urn("aws-native:eks:Cluster", "platform")],
        ]);
    });

    it("JUnit: a skipped test case for each, and one for the stack, in which nothing was judged", async () => {
        const run = await runCli(["audit", file, "--format", "junit"]);
        const skipped = run.stdout.split("\n").filter((l) => l.includes('name="not checked"'));
        expect(skipped).to.deep.equal([
            `    <testcase classname="${urn("aws-native:eks:Cluster", "platform")}" name="not checked" file="${file}">`,
            `    <testcase classname="${urn("aws-native:elasticloadbalancingv2:Listener", "web-http")}" name="not checked" file="${file}">`,
            `    <testcase classname="${urn("aws-native:kms:Key", "data")}" name="not checked" file="${file}">`,
            `    <testcase classname="${urn("aws-native:logs:LogGroup", "app-logs")}" name="not checked" file="${file}">`,
            `    <testcase classname="${urn("aws-native:rds:DbInstance", "orders")}" name="not checked" file="${file}">`,
            `    <testcase classname="${urn("aws-native:s3:Bucket", "ledger")}" name="not checked" file="${file}">`,
            `    <testcase classname="${urn("aws-native:sqs:Queue", "jobs")}" name="not checked" file="${file}">`,
        ]);
        expect(run.stdout).to.include(`    <testcase classname="native/prod" name="nothing judged" file="${file}">\n      <skipped message="Nothing judged: no policy judges any of the 9 resources (7 not checked)."/>\n`);
        expect(run.stdout).to.include(`<testsuite name="native/prod" tests="16" failures="0" errors="0" skipped="8" file="${file}">`);
    });
});
