// What a Pulumi program sees from the cloud when it runs offline: deterministic resource outputs
// (update mode) or only its own inputs (preview, where the engine leaves computed outputs unknown),
// and plausible answers to the common data-source invokes.
import { createHash } from "crypto";

export const mockAccountId = "123456789012";

export interface MockResourceArgs {
    type: string;
    name: string;
    inputs: Record<string, any>;
    provider?: string;
    custom?: boolean;
    id?: string;
}

/** A stable fake UUID derived from a name, so two runs give the same outputs. */
export function stableUuid(seed: string): string {
    const h = createHash("sha256").update(seed).digest("hex");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/**
 * The physical name a resource gets: its explicit name input, else the name Pulumi's auto-naming
 * gives it (its logical name, or its name prefix, and a suffix of seven hex digits). A policy that
 * compares a name with a pattern then meets what a deployment meets: `arn:aws:s3:::logs-*` matches
 * the bucket `logs` will be, `arn:aws:s3:::logs` does not.
 */
function physicalName(args: MockResourceArgs): string {
    const explicit = args.inputs.name ?? args.inputs.bucket ?? args.inputs.domainName;
    if (typeof explicit === "string") {
        return explicit;
    }
    const suffix = stableUuid(`${args.type}::${args.name}::name`).slice(0, 7);
    const prefix = args.inputs.namePrefix ?? args.inputs.bucketPrefix;
    return typeof prefix === "string" ? `${prefix}${suffix}` : `${args.name}-${suffix}`;
}

/** Computed outputs for update mode: id and arn, shaped as AWS shapes them. */
export function computedOutputs(args: MockResourceArgs, region: string): { id: string; outputs: Record<string, unknown> } {
    const [pkg, modulePart] = args.type.split(":");
    const service = (modulePart ?? "").split("/")[0];
    const name = physicalName(args);
    const uuid = stableUuid(args.type + "::" + args.name);
    const base = { region, account: mockAccountId };
    if (pkg !== "aws") {
        return { id: `${args.name}-id`, outputs: {} };
    }
    /** Any other resource: an id of its kind and an ARN of the usual shape. */
    const anyResource = () => {
        const kind = (modulePart ?? "").split("/")[1]?.split(":")[0] ?? "resource";
        const id = `${kind}-${uuid.slice(0, 17)}`;
        return { id, outputs: { arn: `arn:aws:${service}:${region}:${base.account}:${kind}/${id}` } };
    };
    switch (args.type) {
        case "aws:s3/bucket:Bucket":
        case "aws:s3/bucketV2:BucketV2":
            return { id: name, outputs: { bucket: name, arn: `arn:aws:s3:::${name}`, bucketRegionalDomainName: `${name}.s3.${region}.amazonaws.com` } };
        case "aws:kms/key:Key":
            return { id: uuid, outputs: { keyId: uuid, arn: `arn:aws:kms:${region}:${base.account}:key/${uuid}` } };
        case "aws:kms/alias:Alias":
            return { id: name, outputs: { arn: `arn:aws:kms:${region}:${base.account}:${name}`, targetKeyArn: args.inputs.targetKeyId } };
        case "aws:iam/role:Role":
            return { id: name, outputs: { name, arn: `arn:aws:iam::${base.account}:role/${name}`, uniqueId: `AROA${uuid.slice(0, 16).toUpperCase()}` } };
        case "aws:iam/policy:Policy":
            return { id: `arn:aws:iam::${base.account}:policy/${name}`, outputs: { name, arn: `arn:aws:iam::${base.account}:policy/${name}` } };
        case "aws:iam/openIdConnectProvider:OpenIdConnectProvider":
            return { id: `arn:aws:iam::${base.account}:oidc-provider/${args.inputs.url ?? name}`.replace("https://", ""), outputs: { arn: `arn:aws:iam::${base.account}:oidc-provider/${String(args.inputs.url ?? name).replace("https://", "")}` } };
        case "aws:iam/serverCertificate:ServerCertificate":
            return { id: name, outputs: { name, arn: `arn:aws:iam::${base.account}:server-certificate/${name}` } };
        case "aws:acm/certificate:Certificate":
            return {
                id: `arn:aws:acm:${region}:${base.account}:certificate/${uuid}`,
                outputs: {
                    arn: `arn:aws:acm:${region}:${base.account}:certificate/${uuid}`,
                    // ACM gives one validation record per name of the certificate, its alternative names included.
                    domainValidationOptions: [args.inputs.domainName, ...(Array.isArray(args.inputs.subjectAlternativeNames) ? args.inputs.subjectAlternativeNames : [])].map((domain) => ({
                        domainName: domain,
                        resourceRecordName: `_${uuid.slice(0, 8)}.${domain}.`,
                        resourceRecordType: "CNAME",
                        resourceRecordValue: `_${uuid.slice(9, 13)}.acm-validations.aws.`,
                    })),
                },
            };
        case "aws:lambda/function:Function":
            return { id: name, outputs: { arn: `arn:aws:lambda:${region}:${base.account}:function:${name}`, invokeArn: `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/arn:aws:lambda:${region}:${base.account}:function:${name}/invocations` } };
        case "aws:lb/loadBalancer:LoadBalancer":
        case "aws:alb/loadBalancer:LoadBalancer":
            return { id: `arn:aws:elasticloadbalancing:${region}:${base.account}:loadbalancer/app/${name}/${uuid.slice(0, 16)}`, outputs: { arn: `arn:aws:elasticloadbalancing:${region}:${base.account}:loadbalancer/app/${name}/${uuid.slice(0, 16)}`, dnsName: `${name}-${uuid.slice(0, 8)}.${region}.elb.amazonaws.com`, zoneId: "Z35SXDOTRQ7X7K" } };
        case "aws:apigatewayv2/api:Api":
        case "aws:apigateway/restApi:RestApi": {
            // Lambda permissions for an API are scoped to its execution ARN.
            const id = uuid.replace(/-/g, "").slice(0, 10);
            return { id, outputs: { arn: `arn:aws:apigateway:${region}::/${args.type.includes("v2") ? "apis" : "restapis"}/${id}`, executionArn: `arn:aws:execute-api:${region}:${base.account}:${id}` } };
        }
        case "aws:route53/record:Record": {
            // Route 53 answers with the record's name, fully qualified, without the trailing dot.
            const record = anyResource();
            return { id: record.id, outputs: { ...record.outputs, fqdn: name.replace(/\.$/, "") } };
        }
        case "aws:cloudfront/distribution:Distribution":
            return { id: uuid.slice(0, 14).toUpperCase(), outputs: { arn: `arn:aws:cloudfront::${base.account}:distribution/${uuid.slice(0, 14).toUpperCase()}`, domainName: `d${uuid.slice(0, 12)}.cloudfront.net`, hostedZoneId: "Z2FDTNDATAQYW2" } };
        case "aws:apigatewayv2/domainName:DomainName":
        case "aws:apigateway/domainName:DomainName":
            return { id: name, outputs: { domainNameConfiguration: args.inputs.domainNameConfiguration, regionalDomainName: `d-${uuid.slice(0, 10)}.execute-api.${region}.amazonaws.com`, regionalZoneId: "Z1UJRXOUMOOFQ8" } };
        default:
            return anyResource();
    }
}

/** EC2's id prefixes for the resources programs pass between stacks by id. */
const ec2IdPrefixes: Record<string, string> = {
    vpc: "vpc",
    subnet: "subnet",
    securityGroup: "sg",
    sg: "sg",
    routeTable: "rtb",
    internetGateway: "igw",
    natGateway: "nat",
    instance: "i",
    ami: "ami",
    image: "ami",
    transitGateway: "tgw",
    vpcEndpoint: "vpce",
    networkInterface: "eni",
};

/** ARNs of the resources programs pass between stacks by ARN, by the noun before `Arn`. */
const arnShapes: Record<string, (id: string, region: string) => string> = {
    key: (id, region) => `arn:aws:kms:${region}:${mockAccountId}:key/${stableUuid(id)}`,
    kmsKey: (id, region) => `arn:aws:kms:${region}:${mockAccountId}:key/${stableUuid(id)}`,
    role: (id) => `arn:aws:iam::${mockAccountId}:role/${id}`,
    bucket: (id) => `arn:aws:s3:::${id}`,
    certificate: (id, region) => `arn:aws:acm:${region}:${mockAccountId}:certificate/${stableUuid(id)}`,
    topic: (id, region) => `arn:aws:sns:${region}:${mockAccountId}:${id}`,
    queue: (id, region) => `arn:aws:sqs:${region}:${mockAccountId}:${id}`,
    cluster: (id, region) => `arn:aws:ecs:${region}:${mockAccountId}:cluster/${id}`,
};

/**
 * A plausible value for an output known only by its name: a StackReference's output, or an output
 * of a multi-language component whose plugin does not run offline. Its shape follows how programs
 * name such outputs: a plural of ids, ARNs or names is a list of three, `…Id` an id with EC2's
 * prefix where it has one, `…Arn` an ARN of that kind of resource, anything else a name; a name is
 * the output's name and seven hex digits, as auto-naming gives it.
 */
export function plausibleNamedOutput(outputName: string, region: string): string | string[] {
    const words = outputName.replace(/[-_](\w)/g, (_m, c: string) => c.toUpperCase());
    const list = /^(.+?)(Ids|Arns|Names)$/.exec(words) ?? /^(.+?(?:Subnet|Group|Zone))(s)$/.exec(words);
    if (list) {
        const singular = `${list[1]}${{ Ids: "Id", Arns: "Arn", Names: "Name", s: "" }[list[2]]}`;
        return [1, 2, 3].map((n) => plausibleNamedOutput(`${singular}${n}`, region) as string);
    }
    const id = `${kebab(words)}-${stableUuid(words).slice(0, 7)}`;
    const kind = /^(.*?)(Id|Arn)\d*$/.exec(words);
    if (kind?.[2] === "Id") {
        const noun = Object.keys(ec2IdPrefixes).find((k) => kind[1] === k || kind[1].endsWith(k[0].toUpperCase() + k.slice(1)));
        return noun ? `${ec2IdPrefixes[noun]}-${stableUuid(words).replace(/-/g, "").slice(0, 17)}` : id;
    }
    if (kind?.[2] === "Arn") {
        const noun = Object.keys(arnShapes).find((k) => kind[1] === k || kind[1].endsWith(k[0].toUpperCase() + k.slice(1)));
        const shape = noun ? arnShapes[noun] : (name: string, r: string) => `arn:aws:${kebab(kind[1]) || "resource"}:${r}:${mockAccountId}:${name}`;
        return shape(id, region);
    }
    return id;
}

function kebab(camel: string): string {
    return camel.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
}

/**
 * The region of the default AWS provider, as @pulumi/aws reads it: the `aws:region` config, else
 * the AWS_REGION or AWS_DEFAULT_REGION environment variable; offline, where no shared AWS config
 * profile is read, `us-east-1` when none is set.
 */
export function awsRegion(config: Record<string, string>, env: Record<string, string | undefined>): string {
    return [config["aws:region"], env.AWS_REGION, env.AWS_DEFAULT_REGION].find((r) => typeof r === "string" && r !== "") ?? defaultAwsRegion;
}

export const defaultAwsRegion = "us-east-1";

/** How many unknown elements a list-shaped unknown field holds: one per availability zone the preview answers. */
export const unknownListLength = 3;
