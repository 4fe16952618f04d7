// References by id against state whose outputs do not repeat the id (aws-native, older providers,
// hand-written exports): the export's top-level `id` identifies the resource, as `outputs.id`
// does for bridged providers.
import { expect } from "chai";
import { Finding, audit } from "../../cli/audit/audit";
import { parseExport } from "../../cli/audit/exports";
import { policies } from "../../policy-pack/policies";

const stack = "urn:pulumi:prod::payments";
const urn = (type: string, name: string) => `${stack}::${type}::${name}`;
const root = { urn: urn("pulumi:pulumi:Stack", "payments-prod"), type: "pulumi:pulumi:Stack", custom: false };
const acm = "arn:aws:acm:us-east-1:111122223333:certificate/8a6f3c1e-4d2b-4f7a-9c0e-1b2d3e4f5a6b";

/** A resource as `pulumi stack export` writes it; `id` beside the outputs unless left out. */
function state(type: string, name: string, id: string | undefined, inputs: Record<string, unknown>, outputs: Record<string, unknown> = inputs, extra: Record<string, unknown> = {}) {
    return { urn: urn(type, name), custom: true, ...(id ? { id } : {}), type, inputs, outputs, parent: root.urn, ...extra };
}

function load(resources: object[]) {
    return parseExport("state.json", JSON.stringify({ version: 3, deployment: { manifest: {}, resources: [root, ...resources] } }));
}

async function findings(resources: object[], policy: string): Promise<{ on: string | null; id?: string }[]> {
    const result = await audit(policies, [load(resources)], { only: [policy] });
    return result.violations.map((f: Finding) => ({ on: f.name, id: f.messageId }));
}

describe("audit: references by the resource's own id", () => {
    const lbArn = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188";
    const groupInputs = {
        name: "web",
        description: "web",
        ingress: [
            { protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["0.0.0.0/0"] },
            { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] },
        ],
    };
    const balancer = (extra: Record<string, unknown> = {}) => [
        state("aws:lb/loadBalancer:LoadBalancer", "web", lbArn, { loadBalancerType: "application", securityGroups: ["sg-0a1b2c3d"] }, { arn: lbArn, securityGroups: ["sg-0a1b2c3d"] }, extra),
        state(
            "aws:lb/listener:Listener",
            "web-http",
            `${lbArn}/http`,
            { loadBalancerArn: lbArn, port: 80, protocol: "HTTP", defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }] },
        ),
        state("aws:lb/listener:Listener", "web-https", `${lbArn}/https`, {
            loadBalancerArn: lbArn,
            port: 443,
            protocol: "HTTPS",
            certificateArn: acm,
            sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
            defaultActions: [{ type: "forward", targetGroupArn: "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/1" }],
        }),
    ];
    const policy = "ec2-security-group-no-plaintext-ingress";

    it("a load balancer naming a security group by the group's top-level id uses it (the group's outputs have no id)", async () => {
        const group = state("aws:ec2/securityGroup:SecurityGroup", "web", "sg-0a1b2c3d", groupInputs, { ...groupInputs, name: "web-7f3e" });
        expect(await findings([group, ...balancer()], policy)).to.deep.equal([]);
    });

    it("without the top-level id nothing names the group: port 80 is open with no load balancer using it", async () => {
        const group = state("aws:ec2/securityGroup:SecurityGroup", "web", undefined, groupInputs, { ...groupInputs, name: "web-7f3e" });
        expect(await findings([group, ...balancer()], policy)).to.deep.equal([{ on: "web", id: "port80Open" }]);
    });

    it("propertyDependencies naming the group join a known id too", async () => {
        const group = state("aws:ec2/securityGroup:SecurityGroup", "web", undefined, groupInputs, { ...groupInputs, name: "web-7f3e" });
        const joined = balancer({ propertyDependencies: { securityGroups: [urn("aws:ec2/securityGroup:SecurityGroup", "web")] } });
        expect(await findings([group, ...joined], policy)).to.deep.equal([]);
    });

    it("a bucket encrypted with an in-stack key named by the key's top-level id is customer-managed", async () => {
        const keyId = "1234abcd-12ab-34cd-56ef-1234567890ab";
        const key = state("aws:kms/key:Key", "data", keyId, { description: "data", enableKeyRotation: true }, { description: "data", enableKeyRotation: true });
        const bucket = state("aws:s3/bucketV2:BucketV2", "ledger", "ledger-1a2b", { bucket: "ledger-1a2b" });
        const encryption = state(
            "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
            "ledger",
            "ledger-1a2b",
            { bucket: "ledger-1a2b", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyId }, bucketKeyEnabled: true }] },
        );
        expect(await findings([key, bucket, encryption], "s3-bucket-encryption-customer-managed-key")).to.deep.equal([]);
        const withoutId = state("aws:kms/key:Key", "data", undefined, { description: "data" }, { description: "data" });
        expect(await findings([withoutId, bucket, encryption], "s3-bucket-encryption-customer-managed-key")).to.deep.equal([{ on: "ledger", id: "notCustomerManaged" }]);
    });

    it("a role attachment naming a role by the role's top-level id is that role's", async () => {
        const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] });
        const role = state("aws:iam/role:Role", "worker", "worker-9f8e", { assumeRolePolicy: trust }, { assumeRolePolicy: trust });
        const fn = state("aws:lambda/function:Function", "worker", "worker-fn", { role: "arn:aws:iam::111122223333:role/worker-9f8e", runtime: "nodejs20.x" });
        const attachment = state("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "worker-logs", "worker-logs-1", {
            role: "worker-9f8e",
            policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
        });
        // Joined to the role, the finding lands on the role; joined to none, on the attachment.
        expect(await findings([role, fn, attachment], "iam-no-broad-managed-policies")).to.deep.equal([{ on: "worker", id: "broadManagedPolicy" }]);
        const unnamed = state("aws:iam/role:Role", "worker", undefined, { assumeRolePolicy: trust }, { assumeRolePolicy: trust });
        expect(await findings([unnamed, fn, attachment], "iam-no-broad-managed-policies")).to.deep.equal([{ on: "worker-logs", id: "attachmentOfBroadManagedPolicy" }]);
    });
});
