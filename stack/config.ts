// Stack configuration, validated up front: a missing or malformed value stops the program with
// one line naming the key and the expected form, before any resource is declared.
import * as pulumi from "@pulumi/pulumi";

export class ConfigurationError extends Error {}

export interface StackConfig {
    /** The parent domain; endpoints are `app.`, `api.` and `cdn.` below it. */
    domain: string;
    /** The Route 53 hosted zone of `domain`, where DNS validation and alias records go. */
    hostedZoneId: string;
    /** `OWNER/REPO` of the repository whose CI may assume the deployer role. */
    ciRepository: string;
    /** The git ref the CI deployer runs from (`refs/heads/main` by default). */
    ciRef: string;
    /** The role that administers the data key (the identity that runs `pulumi up`). */
    keyAdministratorArn: string;
    /** The VPC and at least two public subnets (in different zones) for the load balancer. */
    vpcId: string;
    publicSubnetIds: string[];
}

const config = new pulumi.Config();
const project = pulumi.getProject();

function fail(key: string, expected: string): never {
    throw new ConfigurationError(`Stack config '${project}:${key}' is missing or malformed: expected ${expected}. Set it in Pulumi.${pulumi.getStack()}.yaml or with \`pulumi config set ${key} …\`.`);
}

function text(key: string, pattern: RegExp, expected: string, fallback?: string): string {
    const value = config.get(key) ?? fallback;
    if (value === undefined || !pattern.test(value)) {
        fail(key, expected);
    }
    return value;
}

function list(key: string, pattern: RegExp, expected: string, minimum: number): string[] {
    let value: unknown;
    try {
        value = config.getObject<unknown>(key);
    } catch {
        fail(key, expected);
    }
    if (!Array.isArray(value) || value.length < minimum || !value.every((v) => typeof v === "string" && pattern.test(v))) {
        fail(key, expected);
    }
    return value as string[];
}

export function readConfig(): StackConfig {
    return {
        domain: text("domain", /^(?=.{4,200}$)([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/, "a DNS domain such as example.com"),
        hostedZoneId: text("hostedZoneId", /^Z[A-Z0-9]{4,31}$/, "a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ"),
        ciRepository: text("ciRepository", /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, "a repository as OWNER/REPO"),
        ciRef: text("ciRef", /^refs\/(heads|tags)\/[A-Za-z0-9_./-]+$/, "a git ref such as refs/heads/main", "refs/heads/main"),
        keyAdministratorArn: text("keyAdministratorArn", /^arn:aws:iam::\d{12}:role\/[A-Za-z0-9+=,.@_/-]+$/, "an IAM role ARN such as arn:aws:iam::123456789012:role/platform-admin"),
        vpcId: text("vpcId", /^vpc-[0-9a-f]{8,17}$/, "a VPC id such as vpc-0123456789abcdef0"),
        publicSubnetIds: list("publicSubnetIds", /^subnet-[0-9a-f]{8,17}$/, "a list of at least two subnet ids", 2),
    };
}
