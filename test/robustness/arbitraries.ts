// Generators of hostile and odd input for the policies: values of every wrong shape, unknown
// sentinels of every kind, secret envelopes, assets, policy documents (valid, invalid JSON, odd
// casing, Statement as object or list, Condition blocks of every operator shape), and stacks built
// from the case tables' resources with changes applied to them.
import fc from "fast-check";
import { PolicyPackConfigFile, resolveConfig } from "../../policy-pack/lib/config";
import { BaselinePolicy, Parameter } from "../../policy-pack/lib/policy";
import { ResourceState } from "../../policy-pack/lib/runner";
import { proxy } from "../../policy-pack/lib/sdk";
import { types } from "../../policy-pack/lib/types";
import { secret, urn } from "../lib/fixtures";
import { Corpus, siblings } from "./corpus";
import { Path, allPaths, describePath, getAt, isPlainObject, parsedJson, secretValueSig, setAt } from "./paths";

/** Every kind of preview-time unknown the engine sends. */
export const sentinels = [
    proxy.unknownStringValue,
    proxy.unknownBooleanValue,
    proxy.unknownNumberValue,
    proxy.unknownArrayValue,
    proxy.unknownObjectValue,
    proxy.unknownAssetValue,
    proxy.unknownArchiveValue,
];

export const sentinel = fc.constantFrom(...sentinels);

const assetSig = "c44067f5952c0a294b673a41bacd8c17";
const archiveSig = "0def7320c3a5731c473e5ecbe6d01bc7";
const sig = "4dabf18193072939515e22adb298388d";

/** Assets and archives as the engine sends them (BucketObject `source`, Lambda `code`). */
const assetOrArchive = fc.constantFrom<Record<string, unknown>>(
    { [sig]: assetSig, text: "hello" },
    { [sig]: assetSig, path: "./index.html" },
    { [sig]: assetSig, uri: "https://example.com/x" },
    { [sig]: archiveSig, path: "./dist" },
    { [sig]: archiveSig, assets: { "a.txt": { [sig]: assetSig, text: "a" } } },
);

/** Keys that name inherited members of every object: a lookup by such a key must not find them. */
const prototypeKeys = ["constructor", "toString", "hasOwnProperty", "valueOf", "length"];

const conditionOperators = [
    "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike",
    "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericGreaterThanEquals",
    "DateEquals", "DateLessThan", "DateGreaterThan", "Bool", "BinaryEquals", "IpAddress", "NotIpAddress",
    "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "Null", "bool", "STRINGEQUALS", "Unknownoperator", "",
];
const conditionKeys = [
    "aws:SecureTransport", "aws:PrincipalOrgID", "aws:PrincipalAccount", "kms:CallerAccount", "aws:SourceAccount", "aws:SourceArn",
    "kms:ViaService", "sts:ExternalId", "aws:SourceIp", "aws:SourceVpce", "aws:PrincipalArn", "aws:userid",
    "token.actions.githubusercontent.com:sub", "token.actions.githubusercontent.com:aud", "s3:x-amz-server-side-encryption",
    "s3:x-amz-server-side-encryption-aws-kms-key-id", "AWS:SECURETRANSPORT", "kms:EncryptionContext:app", "",
];
// Values the data-store, queue, topic, invocation and IAM-user policies compare against: TLS
// policy names, transit-encryption modes, engine families and the parameters that force TLS,
// default parameter groups, service principals and their source ARNs.
const transitAndIamStrings = [
    "Policy-Min-TLS-1-0-2019-07", "Policy-Min-TLS-1-2-2019-07", "Policy-Min-TLS-1-2-PFS-2023-10", "preferred", "required", "PREFERRED",
    "TLS_PLAINTEXT", "PLAINTEXT", "tls", "rds.force_ssl", "require_secure_transport", "require_ssl", "ON", "OFF", "on", "1",
    "postgres", "postgres16", "mysql", "mysql8.0", "mariadb10.11", "sqlserver-se-15.0", "aurora-postgresql", "aurora-mysql8.0", "oracle-se2",
    "default.postgres16", "default.redshift-1.0", "default.", "s3.amazonaws.com", "sns.amazonaws.com", "events.amazonaws.com",
    "logs.us-east-1.amazonaws.com", "111122223333", "arn:aws:s3:::uploads", "arn:aws:sns:us-east-1:*:alerts", "sqs:*", "sns:Publish", "SNS:*",
];
const documentKeys = ["Version", "Statement", "Id", "Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition"];

export interface Vocabulary {
    strings: fc.Arbitrary<string>;
    actions: fc.Arbitrary<string>;
    arns: fc.Arbitrary<string>;
    keys: fc.Arbitrary<string>;
}

export function vocabulary(corpus: Corpus): Vocabulary {
    const fromCorpus = (list: string[], extra: string[]) => fc.constantFrom(...new Set([...extra, ...list]));
    const actions = fromCorpus(corpus.strings.actions, ["*", "s3:*", "s3:GetObject", "s3:PutObject", "kms:*", "kms:Create*", "kms:Decrypt", "iam:PassRole", "sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "S3:GETOBJECT", "s3:Get*", "iam:*", "ec2:Describe*"]);
    const arns = fromCorpus(corpus.strings.arns, ["*", "arn:aws:s3:::*", "arn:aws:s3:::*/*", "arn:aws:iam::*:role/*", "arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:kms:us-east-1:111122223333:key/*", "arn:aws:acm:us-east-1:111122223333:certificate/abc", "arn:aws:iam::111122223333:server-certificate/x", "arn:", "arn:aws"]);
    const plain = fromCorpus(corpus.strings.other, [
        "", " ", "*", "true", "false", "TRUE", "0", "80", "443", "-1", "1e400", "null", "HTTP", "HTTPS", "http", "TCP", "TLS", "aws:kms", "aws:kms:dsse", "AES256",
        "SSE-C", "DNS", "EMAIL", "allow-all", "https-only", "redirect-to-https", "0.0.0.0/0", "::/0", "alias/aws/s3", "http://example.com", "https://example.com",
        ...prototypeKeys, "__proto__", "é漢字\u0000", "x".repeat(300), ...dataStoreEncryptionValues, ...dataStoreKeyReferences, ...transitAndIamStrings,
    ]);
    return {
        strings: fc.oneof({ weight: 4, arbitrary: plain }, { weight: 2, arbitrary: arns }, { weight: 1, arbitrary: actions }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }),
        actions: fc.oneof({ weight: 5, arbitrary: actions }, { weight: 1, arbitrary: plain }),
        arns: fc.oneof({ weight: 5, arbitrary: arns }, { weight: 1, arbitrary: plain }),
        keys: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...new Set([...corpus.allKeys, ...documentKeys])) }, { weight: 1, arbitrary: fc.constantFrom(...prototypeKeys) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }),
    };
}

// --- Data stores encrypted with KMS keys (EBS, RDS, DynamoDB, EFS, SQS, SNS, Secrets Manager) ---

/** How programs and exports name a key: key ids and ARNs, aliases, AWS managed aliases, other accounts' keys. */
const keyReferences = [
    "alias/aws/ebs", "alias/aws/rds", "alias/aws/dynamodb", "alias/aws/elasticfilesystem", "alias/aws/sqs", "alias/aws/sns", "alias/aws/secretsmanager",
    "arn:aws:kms:us-east-1:111122223333:alias/aws/ebs", "arn:aws-us-gov:kms:us-gov-west-1:111122223333:alias/aws/rds", "alias/AWS/ebs", "alias/aws",
    "arn:aws:kms:us-east-1:444455556666:key/0987dcba-09fe-87dc-65ba-ab0987654321", "mrk-5d2f0b6c3e4a4b1d9c8e7f6a5b4c3d2e", "key/", "arn:aws:kms:::key/",
];

/**
 * Settings shaped as the data stores declare them: an encryption flag (booleans, the launch
 * template's strings, unknowns) with a key, alone, as a one-element legacy list, or as a list of
 * block devices; DynamoDB's serverSideEncryption; the RDS and EBS default-encryption switches.
 */
function dataStoreSetting(v: Vocabulary): fc.Arbitrary<unknown> {
    const key = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...keyReferences) }, { weight: 2, arbitrary: v.arns }, { weight: 1, arbitrary: sentinel }, { weight: 1, arbitrary: fc.constantFrom<unknown>(null, "", 0) });
    const flag = fc.constantFrom<unknown>(true, false, "true", "false", "TRUE", 1, null, proxy.unknownBooleanValue, proxy.unknownStringValue);
    const device = fc.record(
        { encrypted: flag, kmsKeyId: key, deviceName: fc.constantFrom("/dev/xvda", "/dev/sdf", ""), virtualName: fc.constant("ephemeral0"), enabled: flag, kmsKeyArn: key },
        { requiredKeys: [] },
    );
    return fc.oneof(
        { weight: 2, arbitrary: key },
        { weight: 1, arbitrary: flag },
        { weight: 2, arbitrary: device },
        { weight: 1, arbitrary: device.map((d) => [d]) },
        { weight: 1, arbitrary: fc.array(fc.oneof(device, device.map((d) => ({ deviceName: "/dev/xvda", ebs: d })), sentinel), { maxLength: 3 }) },
        { weight: 1, arbitrary: fc.constantFrom<unknown>("serverless", "provisioned", "us-east-1", "eu-west-1") },
    );
}

/** An object from entries, always with the ordinary prototype (as the engine builds them). */
const objectOf = <T>(entries: fc.Arbitrary<[string, T][]>) => entries.map((es) => Object.fromEntries(es.filter(([k]) => k !== "__proto__")) as Record<string, unknown>);

/** A value of any shape, up to a few levels deep. */
export function anyValue(v: Vocabulary): fc.Arbitrary<unknown> {
    const leaf = fc.oneof(
        { weight: 3, arbitrary: v.strings },
        { weight: 2, arbitrary: sentinel },
        { weight: 1, arbitrary: fc.constantFrom<unknown>(null, true, false, 0, -1, 1, 80, 443, 65535, 0.5, 1e21, -0, Number.MAX_SAFE_INTEGER) },
        { weight: 1, arbitrary: fc.integer() },
    );
    const { value } = fc.letrec<{ value: unknown; list: unknown[]; object: Record<string, unknown>; secret: Record<string, unknown> }>((tie) => ({
        value: fc.oneof(
            { depthSize: "small", maxDepth: 3 },
            { weight: 6, arbitrary: leaf },
            { weight: 2, arbitrary: tie("list") },
            { weight: 2, arbitrary: tie("object") },
            { weight: 1, arbitrary: tie("secret") },
            { weight: 1, arbitrary: assetOrArchive },
            { weight: 1, arbitrary: policyDocument(v) },
            { weight: 1, arbitrary: dataStoreSetting(v) },
            { weight: 1, arbitrary: dataStoreEncryption(v) },
        ),
        list: fc.array(tie("value"), { maxLength: 3 }),
        object: objectOf(fc.array(fc.tuple(v.keys, tie("value")), { maxLength: 3 })),
        secret: tie("value").map((x) => secret(x)),
    }));
    return value;
}

// --- Data stores encrypted with KMS keys (logs, ECR, EKS, search, caches, Redshift, Kinesis, Backup) ---
// Log groups, repositories, clusters, domains, caches, warehouses, streams and vaults name their
// key in an encryption block (or a top-level input) beside a switch and a key type, with values
// from small sets: the blocks below mix those values, key references of every kind (stack keys
// and aliases, AWS managed aliases, AWS owned markers, other accounts' keys) and odd shapes.

/** The switches' and key types' values the services accept, and near misses. */
const dataStoreEncryptionValues = [
    "KMS", "KMS_DSSE", "AES256", "NONE", "kms", "CUSTOMER_MANAGED_CMK", "AWS_OWNED_CMK", "customer_managed_cmk",
    "AWS_OWNED_KMS_KEY", "secrets", "Secrets", "redis", "valkey", "memcached", "VALKEY",
];
/** Key references as programs and exports write them. */
const dataStoreKeyReferences = [
    "alias/data", "alias/aws/logs", "alias/aws/ecr", "alias/aws/es", "alias/aws/elasticache", "alias/aws/redshift", "alias/aws/kinesis",
    "alias/aws/backup", "arn:aws:kms:us-east-1:111122223333:alias/aws/kinesis", "arn:aws:kms:us-east-1:111122223333:alias/data",
    "aws/kinesis", "AWS_OWNED_KMS_KEY", "",
    // Trails, DocumentDB and Neptune (aws/rds), MSK, MemoryDB, RDS snapshot copies and Lambda environment variables.
    "alias/aws/cloudtrail", "alias/aws/kafka", "alias/aws/lambda", "arn:aws:kms:us-east-1:111122223333:alias/aws/lambda",
];

/** An encryption block of a data store: switch, key type and key in any combination, as an object or a list of one. */
export function dataStoreEncryption(v: Vocabulary): fc.Arbitrary<unknown> {
    const flag = fc.oneof(fc.constantFrom<unknown>(true, false, "true", "false", null), sentinel);
    const choice = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...dataStoreEncryptionValues) }, { weight: 1, arbitrary: sentinel }, { weight: 1, arbitrary: v.strings });
    const keyReference = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...dataStoreKeyReferences) }, { weight: 3, arbitrary: v.arns }, { weight: 1, arbitrary: sentinel }, { weight: 1, arbitrary: fc.constant(secret("alias/data")) });
    const block = fc.record(
        {
            enabled: flag,
            encryptionType: choice,
            keyType: choice,
            kmsKeyId: keyReference,
            kmsKey: keyReference,
            keyArn: keyReference,
            resources: fc.oneof(fc.constant<unknown>(["secrets"]), fc.array(choice, { maxLength: 2 }), sentinel),
            provider: fc.oneof(keyReference.map((keyArn) => ({ keyArn })), keyReference.map((keyArn) => [{ keyArn }]), sentinel),
        },
        { requiredKeys: [], noNullPrototype: true },
    );
    return fc.oneof({ weight: 3, arbitrary: block }, { weight: 1, arbitrary: block.map((b) => [b]) }, { weight: 1, arbitrary: fc.array(block, { maxLength: 2 }) });
}

/** The value inside a secret envelope (a value that is not one is returned as is). */
function unwrapSecret(value: unknown): unknown {
    return isPlainObject(value) && value[sig] === secretValueSig ? value.value : value;
}

/** Keys written in another case: IAM matches element names without regard to case. */
function recase(key: string, mode: number): string {
    switch (mode % 4) {
        case 1:
            return key.toLowerCase();
        case 2:
            return key.toUpperCase();
        case 3:
            return [...key].map((c, i) => (i % 2 ? c.toUpperCase() : c.toLowerCase())).join("");
        default:
            return key;
    }
}

function recaseKeys(value: unknown, mode: number): unknown {
    if (Array.isArray(value)) {
        return value.map((x) => recaseKeys(x, mode));
    }
    if (isPlainObject(value) && !(sig in value)) {
        return Object.fromEntries(Object.entries(value).map(([k, x]) => [recase(k, mode), recaseKeys(x, mode)]));
    }
    return value;
}

/** One string or a list of them, with an unknown now and then. */
function stringOrList(item: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
    return fc.oneof(
        { weight: 4, arbitrary: item },
        { weight: 4, arbitrary: fc.array(fc.oneof({ weight: 6, arbitrary: item }, { weight: 1, arbitrary: sentinel }, { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 1, true, {}) }), { maxLength: 3 }) },
        { weight: 1, arbitrary: sentinel },
        { weight: 1, arbitrary: fc.constantFrom<unknown>(null, [], {}, 7, true) },
    );
}

/** A Condition block of any operator shape: qualifiers, IfExists, odd case, values of every kind. */
export function conditionBlock(v: Vocabulary): fc.Arbitrary<unknown> {
    const operator = fc
        .tuple(fc.constantFrom("", "ForAllValues:", "ForAnyValue:", "forallvalues:"), fc.constantFrom(...conditionOperators), fc.constantFrom("", "", "IfExists", "ifexists"))
        .map(([q, op, ie]) => `${q}${op}${ie}`);
    const conditionValue = fc.oneof(
        { weight: 3, arbitrary: stringOrList(fc.oneof(v.strings, fc.constantFrom("false", "true", "111122223333", "o-abc123", "repo:acme/payments:ref:refs/heads/main", "repo:acme/*", "sts.amazonaws.com", "aws:kms"))) },
        { weight: 1, arbitrary: fc.constantFrom<unknown>(false, true, 0, 1, null) },
    );
    const keyBlock = fc.oneof(
        { weight: 5, arbitrary: objectOf(fc.array(fc.tuple(fc.oneof(fc.constantFrom(...conditionKeys), v.keys), conditionValue), { maxLength: 3 })) },
        { weight: 1, arbitrary: sentinel },
        { weight: 1, arbitrary: fc.constantFrom<unknown>(null, "x", [], [{}], 3) },
    );
    return fc.oneof(
        { weight: 6, arbitrary: objectOf(fc.array(fc.tuple(operator, keyBlock), { maxLength: 3 })) },
        { weight: 1, arbitrary: sentinel },
        { weight: 1, arbitrary: fc.constantFrom<unknown>(null, [], "Bool", [{ Bool: { "aws:SecureTransport": "false" } }], {}) },
    );
}

function principal(v: Vocabulary): fc.Arbitrary<unknown> {
    const values = stringOrList(fc.oneof(v.arns, fc.constantFrom("*", "111122223333", "444455556666", "lambda.amazonaws.com", "token.actions.githubusercontent.com", "cognito-identity.amazonaws.com")));
    return fc.oneof(
        { weight: 2, arbitrary: fc.constantFrom<unknown>("*", "AWS", null, [], ["*"]) },
        { weight: 5, arbitrary: objectOf(fc.array(fc.tuple(fc.constantFrom("AWS", "Service", "Federated", "CanonicalUser", "aws", "SERVICE", "Other"), values), { maxLength: 2 })) },
        { weight: 1, arbitrary: sentinel },
    );
}

export function statement(v: Vocabulary): fc.Arbitrary<Record<string, unknown>> {
    return fc.record(
        {
            Sid: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom<unknown>(null, 1)),
            Effect: fc.oneof({ weight: 6, arbitrary: fc.constantFrom<unknown>("Allow", "Deny", "allow", "DENY") }, { weight: 1, arbitrary: fc.constantFrom<unknown>("Maybe", "", null, true, ["Allow"]) }, { weight: 1, arbitrary: sentinel }),
            Action: stringOrList(v.actions),
            NotAction: stringOrList(v.actions),
            Resource: stringOrList(v.arns),
            NotResource: stringOrList(v.arns),
            Principal: principal(v),
            NotPrincipal: principal(v),
            Condition: conditionBlock(v),
        },
        { requiredKeys: [], noNullPrototype: true },
    );
}

/**
 * A policy document as a resource may hold it: an object or a JSON string, whole or with
 * Statement as one object, a list, unknown or nonsense; keys in odd case; or a string that is not
 * JSON at all.
 */
export function policyDocument(v: Vocabulary): fc.Arbitrary<unknown> {
    const statements = fc.oneof(
        { weight: 5, arbitrary: fc.array(fc.oneof({ weight: 8, arbitrary: statement(v) }, { weight: 1, arbitrary: sentinel }, { weight: 1, arbitrary: fc.constantFrom<unknown>(null, "Allow", [], 3) }), { maxLength: 4 }) },
        { weight: 3, arbitrary: statement(v) },
        { weight: 1, arbitrary: sentinel },
        { weight: 1, arbitrary: fc.constantFrom<unknown>(null, "", {}, []) },
    );
    const document = fc
        .record({ Version: fc.constantFrom<unknown>("2012-10-17", "2008-10-17", undefined, 2012), Statement: statements }, { requiredKeys: ["Statement"], noNullPrototype: true })
        .map((d) => Object.fromEntries(Object.entries(d).filter(([, x]) => x !== undefined)));
    const invalidJson = fc.constantFrom("{", '{"Statement": [', "null", "[]", '"x"', "{}", '{"Statement": null}', "not json", "{'Statement': []}", '{"Statement": [{"Effect": "Allow"}]}garbage');
    return fc.oneof(
        { weight: 4, arbitrary: fc.tuple(document, fc.nat(3)).map(([d, mode]) => recaseKeys(d, mode)) },
        { weight: 4, arbitrary: fc.tuple(document, fc.nat(3)).map(([d, mode]) => JSON.stringify(recaseKeys(d, mode))) },
        { weight: 1, arbitrary: document.map((d) => secret(JSON.stringify(d))) },
        { weight: 1, arbitrary: invalidJson },
    );
}

/** A valid value for one config parameter (the schema decides), for runs with non-default config. */
function parameterValue(p: Parameter, v: Vocabulary, names: string[]): fc.Arbitrary<unknown> {
    switch (p.type) {
        case "boolean":
            return fc.boolean();
        case "integer":
            return fc.integer({ min: p.minimum ?? -5, max: p.maximum ?? 100000 });
        case "number":
            return fc.double({ min: p.minimum ?? -5, max: p.maximum ?? 100000, noNaN: true });
        case "array": {
            const items = (p.items ?? {}) as { type?: string };
            if (items.type === "object") {
                return waivers(names);
            }
            if (items.type === "integer" || items.type === "number") {
                return fc.array(fc.integer({ min: 0, max: 65535 }), { maxLength: 4 });
            }
            const defaults = Array.isArray(p.default) ? (p.default as unknown[]).filter((x): x is string => typeof x === "string") : [];
            return fc.array(defaults.length > 0 ? fc.oneof(fc.constantFrom(...defaults), v.strings) : v.strings, { maxLength: 4 });
        }
        default:
            return fc.constant(p.default);
    }
}

/** Waivers naming resources of the stack (or patterns), valid, expired, reason-less or undated. */
function waivers(names: string[]): fc.Arbitrary<unknown> {
    const pattern = fc.oneof(fc.constantFrom(...names, "*", "?", "pass_*", "urn:pulumi:*::*"), fc.string({ minLength: 1, maxLength: 5 }));
    return fc.array(
        fc.record(
            { resources: fc.array(pattern, { minLength: 1, maxLength: 2 }), reason: fc.constantFrom("migration in progress", "", " "), expires: fc.constantFrom("2999-12-31", "2000-01-01", "2024-02-30", "2023-02-29") },
            { requiredKeys: ["resources"], noNullPrototype: true },
        ),
        { maxLength: 2 },
    );
}

/**
 * The policy's config for a run: always enforced as mandatory (so that the unknown property bites
 * on advisory policies too), with parameters left at their defaults or set to other valid values.
 */
export function policyConfig(policy: BaselinePolicy, v: Vocabulary, names: string[]): fc.Arbitrary<PolicyPackConfigFile> {
    const parameters = Object.entries((policy.configSchema?.properties ?? {}) as Record<string, Parameter>);
    const overrides = fc.record(Object.fromEntries(parameters.map(([name, p]) => [name, parameterValue(p, v, names)])), { requiredKeys: [], noNullPrototype: true });
    return fc.oneof(fc.constant({}), overrides).map((params) => {
        const config = { [policy.name]: { enforcementLevel: "mandatory", ...params } };
        try {
            resolveConfig([policy], config);
            return config;
        } catch {
            return { [policy.name]: { enforcementLevel: "mandatory" } };
        }
    });
}

/** A change to a stack. Indexes are taken modulo what exists when the change applies. */
type Change =
    | { op: "set"; res: number; path: number; value: unknown; where: Where }
    | { op: "delete"; res: number; path: number; where: Where }
    | { op: "reshape"; res: number; path: number; how: Reshape; where: Where }
    | { op: "reference"; res: number; path: number; target: number; field: number; where: Where }
    | { op: "dependency"; res: number; prop: number; target: number | "dangling" }
    | { op: "duplicate"; res: number }
    | { op: "retype"; res: number; type: number }
    | { op: "remove"; res: number }
    | { op: "parent"; res: number; target: number | "dangling" }
    | { op: "outputs"; res: number; how: "drop" | "separate" | "identity" };
type Where = "inputs" | "outputs" | "both";
type Reshape = "secret" | "stringify" | "parse" | "unwrap" | "wrap" | "recase" | "empty" | "null";

export interface StackSample {
    base: ResourceState[];
    extra: { type: number; from: number; name: string; props: [number, string, unknown][] }[];
    changes: Change[];
    created: { res: number; iso: string }[];
}

const identityFields = ["id", "arn", "name", "bucket", "keyId", "targetKeyArn", "targetKeyId"];

export function stackSample(bases: ResourceState[][], relevant: string[], v: Vocabulary): fc.Arbitrary<StackSample> {
    const res = fc.nat(50);
    const path = fc.nat(400);
    const where = fc.constantFrom<Where>("both", "both", "inputs", "outputs");
    const target = fc.oneof({ weight: 4, arbitrary: fc.nat(50) }, { weight: 1, arbitrary: fc.constant("dangling" as const) });
    const change: fc.Arbitrary<Change> = fc.oneof(
        { weight: 8, arbitrary: fc.record({ op: fc.constant("set" as const), res, path, value: anyValue(v), where }) },
        { weight: 3, arbitrary: fc.record({ op: fc.constant("set" as const), res, path, value: policyDocument(v), where }) },
        { weight: 3, arbitrary: fc.record({ op: fc.constant("delete" as const), res, path, where }) },
        { weight: 4, arbitrary: fc.record({ op: fc.constant("reshape" as const), res, path, how: fc.constantFrom<Reshape>("secret", "stringify", "parse", "unwrap", "wrap", "recase", "empty", "null"), where }) },
        { weight: 3, arbitrary: fc.record({ op: fc.constant("reference" as const), res, path, target: fc.nat(50), field: fc.nat(identityFields.length - 1), where }) },
        { weight: 3, arbitrary: fc.record({ op: fc.constant("dependency" as const), res, prop: fc.nat(50), target }) },
        { weight: 1, arbitrary: fc.record({ op: fc.constant("duplicate" as const), res }) },
        { weight: 1, arbitrary: fc.record({ op: fc.constant("retype" as const), res, type: fc.nat(50) }) },
        { weight: 1, arbitrary: fc.record({ op: fc.constant("remove" as const), res }) },
        { weight: 1, arbitrary: fc.record({ op: fc.constant("parent" as const), res, target }) },
        { weight: 1, arbitrary: fc.record({ op: fc.constant("outputs" as const), res, how: fc.constantFrom<"drop" | "separate" | "identity">("drop", "separate", "identity") }) },
    );
    const baseStack = bases.length > 0 ? fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...bases) }, { weight: 1, arbitrary: fc.constant<ResourceState[]>([]) }) : fc.constant<ResourceState[]>([]);
    return fc.record({
        base: baseStack,
        extra: fc.array(
            fc.record({
                type: fc.nat(Math.max(0, relevant.length - 1)),
                from: fc.nat(50),
                name: fc.constantFrom("a", "b", "extra", "pass_x"),
                props: fc.array(fc.tuple(fc.nat(50), v.keys, anyValue(v)), { maxLength: 5 }),
            }),
            { maxLength: 3 },
        ),
        changes: fc.array(change, { maxLength: 6 }),
        created: fc.array(fc.record({ res, iso: fc.oneof(fc.constantFrom("2024-03-01T10:00:00.000Z", "2024-03-01T12:00:00.000Z", "2025-01-01T00:00:00Z", "yesterday", ""), fc.date({ noInvalidDate: true }).map((d) => d.toISOString())) }), { maxLength: 3 }),
    });
}

/** Builds the stack a sample describes. */
export function buildStack(sample: StackSample, relevant: string[], corpus: Corpus): { resources: ResourceState[]; created: Record<string, string> } {
    let resources: ResourceState[] = sample.base.map((r) => structuredClone(r));
    for (const e of sample.extra) {
        if (relevant.length === 0) {
            break;
        }
        const type = relevant[e.type % relevant.length];
        const examples = corpus.resources.get(type) ?? [];
        const from = examples.length > 0 && e.from % 3 !== 0 ? structuredClone(examples[e.from % examples.length]) : undefined;
        resources.push(
            from
                ? { ...from, urn: urn(type, e.name), name: e.name }
                : { urn: urn(type, e.name), type, name: e.name, inputs: freshProps(e.props, corpus.keys.get(type) ?? []) },
        );
    }
    for (const c of sample.changes) {
        if (resources.length === 0) {
            break;
        }
        const i = c.res % resources.length;
        const r = resources[i];
        switch (c.op) {
            case "set":
                resources[i] = change(r, c.where, c.path, corpus, () => c.value);
                break;
            case "delete":
                resources[i] = change(r, c.where, c.path, corpus, () => undefined, true);
                break;
            case "reshape":
                resources[i] = change(r, c.where, c.path, corpus, (old) => reshape(old, c.how));
                break;
            case "reference": {
                const t = resources[c.target % resources.length];
                const source = { ...t.inputs, ...(t.outputs ?? {}) };
                const value = source[identityFields[c.field]] ?? Object.values(source).find((x) => typeof x === "string") ?? t.name ?? t.urn;
                resources[i] = change(r, c.where, c.path, corpus, () => value);
                break;
            }
            case "dependency": {
                const props = [...new Set([...Object.keys(r.inputs), ...(corpus.keys.get(r.type) ?? [])])];
                const prop = props.length > 0 ? props[c.prop % props.length] : "bucket";
                const to = c.target === "dangling" ? `urn:pulumi:test::fixture::aws:s3/bucket:Bucket::gone` : resources[c.target % resources.length].urn;
                const deps = { ...(r.propertyDependencies ?? {}) };
                deps[prop] = [...(Object.hasOwn(deps, prop) ? deps[prop] : []), to];
                resources[i] = { ...r, propertyDependencies: deps };
                break;
            }
            case "duplicate":
                resources.push(structuredClone(r));
                break;
            case "retype": {
                const options = [...new Set([...siblings(r.type), ...relevant])];
                const type = options[c.type % options.length];
                resources[i] = { ...r, type, urn: urn(type, r.name ?? "renamed") };
                break;
            }
            case "remove":
                resources = resources.filter((_, j) => j !== i);
                break;
            case "parent":
                resources[i] = { ...r, parent: c.target === "dangling" ? "urn:pulumi:test::fixture::pulumi:pulumi:Stack::gone" : resources[c.target % resources.length].urn };
                break;
            case "outputs":
                if (c.how === "drop") {
                    const { outputs: _dropped, ...rest } = r;
                    resources[i] = rest;
                } else if (c.how === "separate") {
                    resources[i] = { ...r, outputs: structuredClone(r.outputs ?? r.inputs) };
                } else {
                    const name = r.name ?? "r";
                    resources[i] = { ...r, outputs: { ...(r.outputs ?? r.inputs), id: name, name, arn: arnFor(r.type, name) } };
                }
                break;
        }
    }
    resources = oneAccount(resources);
    const created: Record<string, string> = {};
    for (const c of sample.created) {
        if (resources.length > 0) {
            created[resources[c.res % resources.length].urn] = c.iso;
        }
    }
    return { resources, created };
}

/** An ARN of the shape AWS gives a resource of this type (IAM ARNs have no region, S3 ARNs no account). */
function arnFor(type: string, name: string): string {
    const [, service = "x", resource = "thing"] = /^aws:([^/]+)\/([^:]+):/.exec(type) ?? [];
    if (service === "s3") {
        return `arn:aws:s3:::${name}`;
    }
    return `arn:aws:${service}:${service === "iam" ? "" : "us-east-1"}:111122223333:${resource.toLowerCase()}/${name}`;
}

/**
 * Applies `f` to the value at the `n`th path of the resource's inputs and/or outputs (paths of
 * what is there, plus the keys its type uses elsewhere); "both" changes the same path in each.
 */
function change(r: ResourceState, where: Where, n: number, corpus: Corpus, f: (old: unknown) => unknown, remove = false): ResourceState {
    const base = where === "outputs" ? r.outputs ?? r.inputs : r.inputs;
    const paths = [...allPaths(base), ...(corpus.keys.get(r.type) ?? []).filter((k) => !(k in base)).map((k): Path => [k])];
    if (paths.length === 0) {
        return r;
    }
    const path = paths[n % paths.length];
    const apply = (props: Record<string, unknown>): Record<string, unknown> => {
        const value = f(getAt(props, path));
        const result = setAt(props, path, value, remove || value === undefined);
        return isPlainObject(result) ? result : props;
    };
    switch (where) {
        case "both":
            return { ...r, inputs: apply(r.inputs), ...(r.outputs ? { outputs: apply(r.outputs) } : {}) };
        case "inputs":
            return { ...r, inputs: apply(r.inputs), ...(r.outputs ? {} : { outputs: structuredClone(r.inputs) }) };
        case "outputs":
            return { ...r, outputs: apply(r.outputs ?? structuredClone(r.inputs)) };
    }
}

/**
 * Resources without an explicit provider share the default provider, so their own ARNs name one
 * account: the first account among their `arn` fields. Stacks mixed from several case tables
 * would otherwise hold resources of one provider in several accounts, which no deployment has.
 */
function oneAccount(resources: ResourceState[]): ResourceState[] {
    const accountOf = (props: Record<string, unknown> | undefined) => {
        const arn = unwrapSecret(props?.arn);
        return typeof arn === "string" ? /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/.exec(arn)?.[1] : undefined;
    };
    const account = resources.map((r) => accountOf(r.outputs) ?? accountOf(r.inputs)).find((a) => a !== undefined);
    if (account === undefined) {
        return resources;
    }
    const fix = (props: Record<string, unknown>) => {
        const own = accountOf(props);
        if (own === undefined || own === account) {
            return props;
        }
        const arn = (unwrapSecret(props.arn) as string).replace(`:${own}:`, `:${account}:`);
        return { ...props, arn: props.arn === unwrapSecret(props.arn) ? arn : secret(arn) };
    };
    return resources.map((r) => (r.provider ? r : { ...r, inputs: fix(r.inputs), ...(r.outputs ? { outputs: fix(r.outputs) } : {}) }));
}

/** Props of a resource made up from scratch: mostly keys its type uses, with values of any shape. */
function freshProps(entries: [number, string, unknown][], typeKeys: string[]): Record<string, unknown> {
    const props: Record<string, unknown> = {};
    for (const [i, key, value] of entries) {
        const k = typeKeys.length > 0 && i % 4 !== 0 ? typeKeys[i % typeKeys.length] : key;
        if (k !== "__proto__") {
            props[k] = value;
        }
    }
    return props;
}

function reshape(old: unknown, how: Reshape): unknown {
    switch (how) {
        case "secret":
            return old === undefined ? undefined : secret(old);
        case "stringify":
            return old !== null && typeof old === "object" ? JSON.stringify(old) : old;
        case "parse":
            return parsedJson(old) ?? old;
        case "unwrap":
            return Array.isArray(old) ? old[0] ?? null : old;
        case "wrap":
            return old === undefined ? undefined : [old];
        case "recase":
            return typeof old === "string" && parsedJson(old) ? JSON.stringify(recaseKeys(parsedJson(old), 1)) : recaseKeys(old, 2);
        case "empty":
            return Array.isArray(old) ? [] : isPlainObject(old) ? {} : "";
        case "null":
            return null;
    }
}

/**
 * Where to put an unknown for the second property: the `n`th known value of the stack (in a
 * resource's inputs or outputs, inside documents too), and the sentinel to put there.
 */
export interface Substitution {
    res: number;
    path: number;
    where: "inputs" | "outputs";
    sentinel: string;
    /** Inside a JSON document: keep the start of a string and write the marker after it, as a template does ("arn:aws:s3:::<unknown>"). */
    embed: boolean;
}

export const substitution: fc.Arbitrary<Substitution> = fc.record({
    res: fc.nat(50),
    path: fc.nat(400),
    where: fc.constantFrom<"inputs" | "outputs">("inputs", "outputs"),
    sentinel,
    embed: fc.boolean(),
});

/**
 * Whether the stack could exist: no two resources share a URN, no two resources of one kind share
 * an id, ARN or name, ids and names look like names (not like documents), an ARN is an ARN and
 * embeds the id and name, and a bucket's name, id and ARN name one bucket. The unknown property is checked only on such stacks:
 * when two resources claim to be the same bucket, or a bucket's name and ARN disagree, hiding one
 * of them moves references elsewhere, which says nothing about unknowns. (Every stack is still
 * checked for crashes and determinism.)
 */
export function possible(resources: ResourceState[]): boolean {
    const seen = new Set<string>();
    for (const r of resources) {
        const group = siblings(r.type)[0];
        const identities = new Set<string>();
        const bucketNames = new Set<string>();
        const names = new Set<string>();
        const arns = new Set<string>();
        for (const props of [r.inputs, r.outputs ?? r.inputs]) {
            for (const field of identityFields) {
                const v = unwrapSecret(props[field]);
                if (typeof v !== "string" || v === "" || sentinels.includes(v)) {
                    continue;
                }
                if (!/^[\w.:/*@+=,-]+$/.test(v) || (field === "arn" && !v.startsWith("arn:"))) {
                    return false;
                }
                identities.add(v);
                const embedded = field === "id" ? !v.includes("://") && !v.startsWith("arn:") : ["bucket", "keyId"].includes(field) || (field === "name" && group !== types.securityGroup[0]);
                (field === "arn" ? arns : embedded ? names : new Set<string>()).add(v);
                if (group === types.bucket[0] && ["bucket", "id", "arn"].includes(field)) {
                    bucketNames.add(v.replace(/^arn:[^:]*:s3:::/, ""));
                }
            }
        }
        // An ARN embeds the resource's id and name (a security group's its generated id, not its name).
        if (bucketNames.size > 1 || [...arns].some((arn) => [...names].some((name) => !arn.includes(name)))) {
            return false;
        }
        const keys = [`urn|${r.urn}`, ...[...identities].map((v) => `${group}|${v}`)];
        for (const key of keys) {
            if (seen.has(key)) {
                return false;
            }
            seen.add(key);
        }
    }
    return true;
}

/**
 * The stack with one known value replaced by an unknown (`after`), and the stack to compare it
 * with (`before`); undefined when there is no known value. propertyDependencies on the changed
 * input are dropped from both: they would say where the unknown comes from, and a generated one
 * may contradict the known value it replaces (a key ARN "from" a bucket), so that the unknown
 * joined through it means something else than the value did.
 */
export function substitute(resources: ResourceState[], s: Substitution): { before: ResourceState[]; after: ResourceState[]; where: string } | undefined {
    if (resources.length === 0) {
        return undefined;
    }
    const i = s.res % resources.length;
    const r = resources[i];
    const field = s.where === "outputs" && r.outputs !== undefined ? "outputs" : "inputs";
    const props = r[field]!;
    // Inside a JSON string too: the engine sends a document that depends on an unknown as one
    // unknown string, but the offline preview keeps the structure of documents built with
    // pulumi.jsonStringify, a JSON template or getPolicyDocumentOutput, with the engine's string
    // marker for each unknown value, whole or inside a string.
    const paths = allPaths(props).filter((p) => {
        // null and "" are not values but "not set" (providers read them so), and an unknown
        // stands for a value that is set: that change adds a declaration rather than hiding a
        // known value.
        const value = unwrapSecret(getAt(props, p));
        return value !== undefined && value !== null && value !== "" && !sentinels.includes(value as string);
    });
    if (paths.length === 0) {
        return undefined;
    }
    const path = paths[s.path % paths.length];
    const input = String(path[0]);
    let before = resources;
    if (r.propertyDependencies && Object.hasOwn(r.propertyDependencies, input)) {
        const { [input]: _dropped, ...others } = r.propertyDependencies;
        before = [...resources];
        before[i] = { ...r, propertyDependencies: others };
    }
    const after = [...before];
    const inDocument = path.some((step) => typeof step === "object");
    const known = unwrapSecret(getAt(props, path));
    const marker = !inDocument ? s.sentinel : s.embed && typeof known === "string" ? `${known.slice(0, Math.floor(known.length / 2))}${proxy.unknownStringValue}` : proxy.unknownStringValue;
    after[i] = { ...before[i], [field]: setAt(props, path, marker) as Record<string, unknown> };
    return { before, after, where: `${r.urn} ${field}${describePath(path)}` };
}
