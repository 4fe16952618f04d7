// The outputs the offline run invents for an update (and for the preview's plausible-outputs pass):
// names as a deployment would give them, so a policy that matches a name against a pattern meets
// what it would meet after deployment.
import { expect } from "chai";
import { answerInvoke, answersInvoke } from "../../cli/program/invokes";
import { computedOutputs, plausibleNamedOutput } from "../../cli/program/mocks";

const bucket = (inputs: Record<string, unknown>) => computedOutputs({ type: "aws:s3/bucket:Bucket", name: "logs", inputs }, "us-east-1");

describe("offline outputs of an update", () => {
    it("a resource named by the program keeps its name", () => {
        expect(bucket({ bucket: "acme-logs" })).to.deep.include({ id: "acme-logs" });
        expect(bucket({ bucket: "acme-logs" }).outputs).to.deep.include({ bucket: "acme-logs", arn: "arn:aws:s3:::acme-logs" });
    });

    it("an auto-named resource gets its logical name and a suffix of seven hex digits, the same every run", () => {
        const { id, outputs } = bucket({});
        expect(id).to.match(/^logs-[0-9a-f]{7}$/);
        expect(outputs.arn).to.equal(`arn:aws:s3:::${id}`);
        expect(bucket({}).id).to.equal(id);
        const role = computedOutputs({ type: "aws:iam/role:Role", name: "app", inputs: {} }, "us-east-1");
        expect(role.outputs.arn).to.match(/^arn:aws:iam::123456789012:role\/app-[0-9a-f]{7}$/);
    });

    it("a name prefix is kept and completed", () => {
        expect(bucket({ bucketPrefix: "audit-" }).id).to.match(/^audit-[0-9a-f]{7}$/);
        expect(computedOutputs({ type: "aws:iam/role:Role", name: "app", inputs: { namePrefix: "ci-" } }, "us-east-1").id).to.match(/^ci-[0-9a-f]{7}$/);
    });
});

describe("outputs known only by name (a StackReference's, an unchecked component's), with plausible outputs", () => {
    const cases: [string, RegExp | RegExp[]][] = [
        ["vpcId", /^vpc-[0-9a-f]{17}$/],
        ["privateSubnetIds", [/^subnet-[0-9a-f]{17}$/, /^subnet-[0-9a-f]{17}$/, /^subnet-[0-9a-f]{17}$/]],
        ["public_subnet_ids", [/^subnet-[0-9a-f]{17}$/, /^subnet-[0-9a-f]{17}$/, /^subnet-[0-9a-f]{17}$/]],
        ["albSecurityGroupId", /^sg-[0-9a-f]{17}$/],
        ["dataKeyArn", /^arn:aws:kms:eu-west-1:123456789012:key\/[0-9a-f-]{36}$/],
        ["deployRoleArn", /^arn:aws:iam::123456789012:role\/deploy-role-arn-[0-9a-f]{7}$/],
        ["clusterName", /^cluster-name-[0-9a-f]{7}$/],
        ["kubeconfig", /^kubeconfig-[0-9a-f]{7}$/],
    ];
    for (const [name, shape] of cases) {
        it(`${name}`, () => {
            const value = plausibleNamedOutput(name, "eu-west-1");
            if (Array.isArray(shape)) {
                expect(value).to.be.an("array").with.length(shape.length);
                (value as string[]).forEach((v, i) => expect(v).to.match(shape[i]));
                expect(new Set(value).size, "distinct").to.equal(shape.length);
            } else {
                expect(value).to.be.a("string").and.match(shape);
            }
            expect(plausibleNamedOutput(name, "eu-west-1"), "the same every run").to.deep.equal(value);
        });
    }
});

describe("AWS's public SSM parameters", () => {
    const getParameter = (name: string) => answerInvoke({ token: "aws:ssm/getParameter:getParameter", inputs: { name } }, "eu-west-1");

    it("the ECS-optimized AMI's recommended parameter is the JSON document of its metadata, with an AMI id", () => {
        const answer = getParameter("/aws/service/ecs/optimized-ami/amazon-linux-2/recommended")!;
        const document = JSON.parse(answer.value as string);
        expect(Object.keys(document).sort()).to.deep.equal(["ecs_agent_version", "ecs_runtime_version", "image_id", "image_name", "os", "schema_version", "source_image_name"]);
        expect(document.image_id).to.match(/^ami-[0-9a-f]{17}$/);
        expect(answer).to.deep.include({ name: "/aws/service/ecs/optimized-ami/amazon-linux-2/recommended", type: "String", arn: "arn:aws:ssm:eu-west-1::parameter/aws/service/ecs/optimized-ami/amazon-linux-2/recommended" });
        // Its image_id parameter names the same AMI.
        expect(getParameter("/aws/service/ecs/optimized-ami/amazon-linux-2/recommended/image_id")!.value).to.equal(document.image_id);
    });

    it("the latest-AMI parameters and the EKS-optimized AMI's are AMI ids or its document", () => {
        expect(getParameter("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64")!.value).to.match(/^ami-[0-9a-f]{17}$/);
        expect(getParameter("/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id")!.value).to.match(/^ami-[0-9a-f]{17}$/);
        expect(Object.keys(JSON.parse(getParameter("/aws/service/eks/optimized-ami/1.31/amazon-linux-2/recommended")!.value as string)).sort()).to.deep.equal(["image_id", "image_name", "release_version"]);
    });

    it("the account's own parameters, and public ones of other shapes, stay unknown", () => {
        for (const name of ["/app/prod/db-password", "/aws/service/global-infrastructure/regions/us-east-1/longName"]) {
            expect(getParameter(name), name).to.equal(undefined);
            expect(answersInvoke("aws:ssm/getParameter:getParameter", { name }), name).to.equal(false);
        }
        expect(answersInvoke("aws:ssm/getParameter:getParameter", { name: "/aws/service/ecs/optimized-ami/amazon-linux-2/recommended" })).to.equal(true);
    });
});
