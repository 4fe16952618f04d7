// Answers to data-source invokes when a program runs offline. The common ones get plausible
// values; IAM policy documents are rendered locally into real JSON, so that the policies judge
// what the program actually asks for. Anything else is answered with no outputs and recorded, so
// the report can say which invokes were not modelled.
import { mockAccountId, stableUuid } from "./mocks";

export interface InvokeArgs {
    token: string;
    inputs: Record<string, any>;
}

/** The invokes answered here; any other is unknown to the program (see capture-child.ts). */
const modelledInvokes: ReadonlySet<string> = new Set([
    "aws:index/getCallerIdentity:getCallerIdentity",
    "aws:index/getRegion:getRegion",
    "aws:index/getPartition:getPartition",
    "aws:index/getAvailabilityZones:getAvailabilityZones",
    "aws:iam/getPolicyDocument:getPolicyDocument",
]);

/** Whether an invoke of `token` with these arguments is answered here (a public SSM parameter is; a parameter of the account is not). */
export function answersInvoke(token: string, inputs: Record<string, unknown> | undefined): boolean {
    // Whether a public parameter has a value does not depend on the region.
    return modelledInvokes.has(token) || (token === getParameterToken && typeof inputs?.name === "string" && publicParameterValue(inputs.name, "") !== undefined);
}

const getParameterToken = "aws:ssm/getParameter:getParameter";

export function answerInvoke(args: InvokeArgs, region: string): Record<string, unknown> | undefined {
    switch (args.token) {
        case getParameterToken: {
            const value = typeof args.inputs.name === "string" ? publicParameterValue(args.inputs.name, region) : undefined;
            if (value === undefined) {
                return undefined;
            }
            const arn = `arn:aws:ssm:${region}::parameter${args.inputs.name}`;
            return { arn, id: args.inputs.name, name: args.inputs.name, region, type: "String", value, insecureValue: value, version: 1, withDecryption: args.inputs.withDecryption ?? true };
        }
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return { accountId: mockAccountId, arn: `arn:aws:iam::${mockAccountId}:user/offline-check`, userId: "AIDAOFFLINECHECK", id: mockAccountId };
        case "aws:index/getRegion:getRegion":
            return { name: region, region, id: region, description: region, endpoint: `ec2.${region}.amazonaws.com` };
        case "aws:index/getPartition:getPartition":
            return { partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws", id: "aws" };
        case "aws:index/getAvailabilityZones:getAvailabilityZones":
            return { names: ["a", "b", "c"].map((z) => `${region}${z}`), zoneIds: ["1", "2", "3"].map((z) => `use1-az${z}`), id: region };
        case "aws:iam/getPolicyDocument:getPolicyDocument": {
            const json = JSON.stringify(renderPolicyDocument(args.inputs), null, 2);
            return { json, minifiedJson: JSON.stringify(JSON.parse(json)), id: String(json.length) };
        }
        default:
            return undefined;
    }
}

/** Renders getPolicyDocument's arguments as the AWS provider does: one value as a string, several as a list. */
export function renderPolicyDocument(inputs: Record<string, any>): Record<string, unknown> {
    const one = (values: unknown) => (Array.isArray(values) && values.length === 1 ? values[0] : values);
    const principals = (list: any[] | undefined) => {
        if (!Array.isArray(list) || list.length === 0) {
            return undefined;
        }
        if (list.length === 1 && list[0].type === "*") {
            return "*";
        }
        const byType: Record<string, string[]> = {};
        for (const p of list) {
            byType[p.type] = [...(byType[p.type] ?? []), ...(p.identifiers ?? [])];
        }
        return Object.fromEntries(Object.entries(byType).map(([k, v]) => [k, one(v)]));
    };
    const statements = (inputs.statements ?? []).map((s: any) => {
        const statement: Record<string, unknown> = {};
        if (s.sid) statement.Sid = s.sid;
        statement.Effect = s.effect ?? "Allow";
        if (s.actions?.length) statement.Action = one(s.actions);
        if (s.notActions?.length) statement.NotAction = one(s.notActions);
        if (s.resources?.length) statement.Resource = one(s.resources);
        if (s.notResources?.length) statement.NotResource = one(s.notResources);
        const p = principals(s.principals);
        if (p) statement.Principal = p;
        const np = principals(s.notPrincipals);
        if (np) statement.NotPrincipal = np;
        if (s.conditions?.length) {
            const condition: Record<string, Record<string, unknown>> = {};
            for (const c of s.conditions) {
                condition[c.test] = { ...(condition[c.test] ?? {}), [c.variable]: one(c.values) };
            }
            statement.Condition = condition;
        }
        return statement;
    });
    return { Version: inputs.version ?? "2012-10-17", ...(inputs.policyId ? { Id: inputs.policyId } : {}), Statement: statements };
}

/**
 * The value of one of AWS's public SSM parameters (`/aws/service/...`), which every account can
 * read and whose values are public facts of the region, shaped as AWS publishes it: an AMI id for
 * the latest-AMI parameters and the `image_id` of the ECS- and EKS-optimized ones, and for their
 * `recommended` parameter the JSON document of the AMI's metadata. Other parameters (the account's
 * own, and public ones of other shapes) are not answered.
 * ECS: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/retrieve-ecs-optimized_AMI.html
 * EKS: https://docs.aws.amazon.com/eks/latest/userguide/retrieve-ami-id.html
 * Amazon Linux: https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-public-parameters-ami.html
 */
function publicParameterValue(name: string, region: string): string | undefined {
    const segments = name.split("/");
    if (segments[1] !== "aws" || segments[2] !== "service") {
        return undefined;
    }
    const imageId = `ami-${stableUuid(`${region}${name.replace(/\/(image_id|image_name)$/, "")}`).replace(/-/g, "").slice(0, 17)}`;
    const last = segments[segments.length - 1];
    const optimized = segments[4] === "optimized-ami" ? segments[3] : undefined;
    if (last === "image_id" || last === "ami-id" || segments[3]?.startsWith("ami-")) {
        return imageId;
    }
    if (optimized === "ecs" && last === "recommended") {
        return JSON.stringify({
            ecs_agent_version: "1.88.0",
            ecs_runtime_version: "Docker version 25.0.6",
            image_id: imageId,
            image_name: "amzn2-ami-ecs-hvm-2.0.20241115-x86_64-ebs",
            os: "Amazon Linux 2",
            schema_version: 1,
            source_image_name: "amzn2-ami-minimal-hvm-2.0.20241113.1-x86_64-ebs",
        });
    }
    if (optimized === "eks" && last === "recommended") {
        return JSON.stringify({ image_id: imageId, image_name: "amazon-eks-node-1.31-v20241115", release_version: "1.31.2-20241115" });
    }
    if (optimized !== undefined && last === "image_name") {
        return optimized === "ecs" ? "amzn2-ami-ecs-hvm-2.0.20241115-x86_64-ebs" : "amazon-eks-node-1.31-v20241115";
    }
    return undefined;
}
