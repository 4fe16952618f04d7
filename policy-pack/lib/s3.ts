// What the S3 stack checks need to know about a bucket: its default-encryption rules (inline or
// from separate configuration resources) and the KMS keys they name, and its bucket policies
// (inline or BucketPolicy) with what their Deny statements cover.
import { Node, StackGraph } from "./graph";
import { ParsedDocument, Statement, deniesEveryone, parseDocument, wildcardMatch, wildcardMatchesStartOf } from "./iam-document";
import { KeyClass, classifyKey } from "./kms";
import { types } from "./types";
import { UNKNOWN, Unknown, Verdict, all, at, bool, list, some, str } from "./values";

export interface EncryptionRule {
    /** The resource that declares the rule: the bucket (inline) or a configuration resource. */
    declaredOn: Node;
    algorithm: string | Unknown | undefined;
    kmsMasterKeyId: string | Unknown | undefined;
    bucketKeyEnabled: boolean | Unknown | undefined;
    blockedEncryptionTypes: string[] | Unknown;
    /** The declared key id's property path, for joins through propertyDependencies. */
    keyProperty: string;
}

export interface BucketEncryption {
    rules: EncryptionRule[];
    /** Separate configuration resources for this bucket. */
    configurations: Node[];
    /** True when a configuration's bucket is unknown at preview and may be this bucket's. */
    mayHaveUnresolved: boolean;
}

const bucketTypes = [...types.bucket];

/**
 * The list-shaped inline blocks of the bucket resources of @pulumi/aws 6 (`aws.s3.BucketV2`, and
 * `aws.s3.Bucket` in state written by it): each singular block of the current Bucket under its
 * plural name, as a list of one. Real stacks still hold them, and they configure the same thing.
 */
export const legacyBucketBlocks = {
    serverSideEncryptionConfiguration: "serverSideEncryptionConfigurations",
    website: "websites",
    versioning: "versionings",
    logging: "loggings",
} as const;

/**
 * A bucket's inline block in either shape: the singular block, then each element of its legacy
 * list (see legacyBucketBlocks); UNKNOWN when either is unknown at preview.
 */
export function inlineBucketBlocks(inputs: Record<string, unknown>, block: keyof typeof legacyBucketBlocks): unknown[] | Unknown {
    const singular = at(inputs, block);
    const legacy = at(inputs, legacyBucketBlocks[block]);
    if (singular === UNKNOWN) {
        return UNKNOWN;
    }
    const elements = legacy === undefined || legacy === null ? [] : list(legacy);
    if (elements === UNKNOWN) {
        return UNKNOWN;
    }
    return [...(singular === undefined || singular === null ? [] : [singular]), ...elements.filter((e) => e !== undefined && e !== null)];
}

export function bucketEncryption(graph: StackGraph, bucket: Node): BucketEncryption {
    const rules: EncryptionRule[] = [];
    const inline = at(bucket.inputs, "serverSideEncryptionConfiguration");
    if (inline === UNKNOWN) {
        rules.push(unknownRule(bucket, "serverSideEncryptionConfiguration"));
    } else if (inline !== undefined && inline !== null) {
        rules.push(...ruleList(at(inline, "rule"), bucket, "serverSideEncryptionConfiguration"));
    }
    const legacyProperty = legacyBucketBlocks.serverSideEncryptionConfiguration;
    const legacy = at(bucket.inputs, legacyProperty);
    const legacyBlocks = legacy === undefined || legacy === null ? [] : list(legacy);
    if (legacyBlocks === UNKNOWN) {
        rules.push(unknownRule(bucket, legacyProperty));
    } else {
        for (const block of legacyBlocks) {
            rules.push(...(block === UNKNOWN ? [unknownRule(bucket, legacyProperty)] : ruleList(at(block, "rules"), bucket, legacyProperty)));
        }
    }
    const configurations = graph.referrers(bucket, [...types.bucketEncryption], "bucket");
    for (const config of configurations) {
        rules.push(...ruleList(at(config.inputs, "rules"), config, "rules"));
    }
    return {
        rules,
        configurations,
        mayHaveUnresolved: graph.unresolvedReferrers([...types.bucketEncryption], "bucket", bucket.type).length > 0,
    };
}

/** The rules of a configuration resource or inline block (a list, or one object). */
export function ruleList(value: unknown, declaredOn: Node, keyProperty: string): EncryptionRule[] {
    const rules = list(value);
    if (rules === UNKNOWN) {
        return [unknownRule(declaredOn, keyProperty)];
    }
    return rules.map((rule) => {
        const byDefault = applyByDefault(rule);
        const blocked = list(at(rule, "blockedEncryptionTypes"));
        return {
            declaredOn,
            algorithm: byDefault === UNKNOWN ? UNKNOWN : str(at(byDefault, "sseAlgorithm")),
            kmsMasterKeyId: byDefault === UNKNOWN ? UNKNOWN : str(at(byDefault, "kmsMasterKeyId")),
            bucketKeyEnabled: bool(at(rule, "bucketKeyEnabled")),
            blockedEncryptionTypes: blocked === UNKNOWN || blocked.some((b) => str(b) === UNKNOWN) ? UNKNOWN : blocked.filter((b): b is string => typeof b === "string"),
            keyProperty,
        };
    });
}

/**
 * A rule's default encryption: `applyServerSideEncryptionByDefault`, or in the legacy list shape
 * the one element of `applyServerSideEncryptionByDefaults`.
 */
export function applyByDefault(rule: unknown): unknown {
    const singular = at(rule, "applyServerSideEncryptionByDefault");
    if (singular !== undefined && singular !== null) {
        return singular;
    }
    const legacy = at(rule, "applyServerSideEncryptionByDefaults");
    if (legacy === UNKNOWN) {
        return UNKNOWN;
    }
    const elements = legacy === undefined || legacy === null ? [] : list(legacy);
    return elements === UNKNOWN ? UNKNOWN : elements[0];
}

function unknownRule(declaredOn: Node, keyProperty: string): EncryptionRule {
    return { declaredOn, algorithm: UNKNOWN, kmsMasterKeyId: UNKNOWN, bucketKeyEnabled: UNKNOWN, blockedEncryptionTypes: UNKNOWN, keyProperty };
}

export const kmsAlgorithms = ["aws:kms", "aws:kms:dsse"];

/**
 * Whether a bucket's default encryption is SSE-KMS: it has rules, and every one applies `aws:kms`
 * or `aws:kms:dsse`. `algorithm` names what a failing bucket applies instead ("none" when nothing).
 */
export function defaultEncryptionIsKms(graph: StackGraph, bucket: Node): { verdict: Verdict; algorithm?: string } {
    const encryption = bucketEncryption(graph, bucket);
    if (encryption.rules.length === 0) {
        return encryption.mayHaveUnresolved ? { verdict: "unknown" } : { verdict: "fail", algorithm: "none" };
    }
    let verdict: Verdict = "pass";
    for (const rule of encryption.rules) {
        if (rule.algorithm === UNKNOWN) {
            verdict = "unknown";
        } else if (rule.algorithm === undefined || !kmsAlgorithms.includes(rule.algorithm)) {
            return { verdict: "fail", algorithm: rule.algorithm ?? "none" };
        }
    }
    return { verdict };
}

/**
 * Who manages the KMS key an encryption rule names, joined through the propertyDependencies of the
 * property that declares the rule (see classifyKey). Without `kmsMasterKeyId`, S3 uses the AWS
 * managed `aws/s3` key.
 */
export function ruleKey(graph: StackGraph, rule: EncryptionRule, allowedKeyArns: string[]): KeyClass {
    return classifyKey(graph, rule.declaredOn, rule.keyProperty, allowedKeyArns, { value: rule.kmsMasterKeyId });
}

export interface BucketPolicyDocument {
    declaredOn: Node;
    document: ParsedDocument;
}

/** The bucket's policy documents: the inline `policy` input and every BucketPolicy for it. */
export function bucketPolicies(graph: StackGraph, bucket: Node): { documents: BucketPolicyDocument[]; mayHaveUnresolved: boolean } {
    const documents: BucketPolicyDocument[] = [];
    const inline = parseDocument(bucket.inputs.policy);
    if (inline.kind !== "absent") {
        documents.push({ declaredOn: bucket, document: inline });
    }
    for (const policy of graph.referrers(bucket, [...types.bucketPolicy], "bucket")) {
        documents.push({ declaredOn: policy, document: parseDocument(policy.inputs.policy) });
    }
    return { documents, mayHaveUnresolved: graph.unresolvedReferrers([...types.bucketPolicy], "bucket", bucket.type).length > 0 };
}

export interface BucketDenial {
    /** The resources that declare the bucket's policy documents: the bucket (inline) and BucketPolicy resources. */
    declaredOn: Node[];
    /** Whether the Deny covers requests on the bucket itself (`arn:…:s3:::name`). */
    bucket: Verdict;
    /** Whether the Deny covers requests on every object in it (`arn:…:s3:::name/*`). */
    objects: Verdict;
    /** True when a BucketPolicy's bucket is unknown at preview and may be this bucket's. */
    mayHaveUnresolved: boolean;
}

/**
 * Whether the bucket's policies deny, to everyone, the requests `qualifies` describes (its actions
 * and conditions), on the bucket and on its objects. A statement counts for a part when it is a
 * Deny for every principal, qualifies, and its resources cover that part.
 */
export function bucketDenial(graph: StackGraph, bucket: Node, qualifies: (s: Statement) => Verdict): BucketDenial {
    const { documents, mayHaveUnresolved } = bucketPolicies(graph, bucket);
    const arns = bucketArns(bucket);
    const onBucket: Verdict[] = [];
    const onObjects: Verdict[] = [];
    for (const { declaredOn, document } of documents) {
        if (document.kind === "unknown") {
            onBucket.push("unknown");
            onObjects.push("unknown");
            continue;
        }
        if (document.kind !== "document") {
            continue;
        }
        if (document.unknownStatements) {
            onBucket.push("unknown");
            onObjects.push("unknown");
        }
        // A BucketPolicy whose document depends on the bucket names it through the bucket's own
        // outputs, so ARNs unknown at preview are this bucket's.
        const joined = declaredOn !== bucket && (declaredOn.propertyDependencies.policy ?? []).includes(bucket);
        for (const s of document.statements) {
            const denies = all([deniesEveryone(s), qualifies(s)]);
            const coverage = statementCoverage(s, arns, joined);
            onBucket.push(all([denies, coverage.bucket]));
            onObjects.push(all([denies, coverage.objects]));
        }
    }
    return { declaredOn: documents.map((d) => d.declaredOn), bucket: some(onBucket), objects: some(onObjects), mayHaveUnresolved };
}

const partitions = ["aws", "aws-cn", "aws-us-gov"];

/** The ARNs a policy may name the bucket by, or UNKNOWN while its name is unknown (preview). */
function bucketArns(bucket: Node): string[] | Unknown {
    const arn = str(bucket.outputs.arn);
    if (typeof arn === "string" && arn !== "") {
        return [arn];
    }
    for (const value of [bucket.outputs.bucket, bucket.inputs.bucket, bucket.outputs.id]) {
        const name = str(value);
        if (typeof name === "string" && name !== "") {
            return partitions.map((p) => `arn:${p}:s3:::${name}`);
        }
    }
    return UNKNOWN;
}

/**
 * Whether a statement's Resource (or NotResource) covers the bucket itself and every object in it.
 * Resource elements unknown at preview count as covering when the document is `joined` to the
 * bucket through propertyDependencies: they are the bucket's ARN or built from it.
 */
function statementCoverage(s: Statement, arns: string[] | Unknown, joined: boolean): { bucket: Verdict; objects: Verdict } {
    const anyBucket = (pattern: string) => partitions.some((p) => coversPrefix(pattern, `arn:${p}:s3:::`, false));
    if (s.resource) {
        const resource = s.resource;
        const covers = (matches: (pattern: string, arn: string) => boolean): Verdict => {
            let verdict: Verdict = "fail";
            for (const pattern of resource.known) {
                if (anyBucket(pattern) || (arns !== UNKNOWN && arns.some((arn) => matches(pattern, arn)))) {
                    return "pass";
                }
                if (arns === UNKNOWN) {
                    verdict = "unknown";
                }
            }
            if (resource.unknown) {
                return joined ? "pass" : "unknown";
            }
            return verdict;
        };
        return {
            bucket: covers((pattern, arn) => wildcardMatch(pattern, arn, false)),
            objects: covers((pattern, arn) => coversPrefix(pattern, `${arn}/`, false)),
        };
    }
    if (s.notResource) {
        const excluded = s.notResource;
        if (excluded.unknown || arns === UNKNOWN) {
            return { bucket: "unknown", objects: "unknown" };
        }
        return {
            bucket: excluded.known.some((pattern) => arns.some((arn) => wildcardMatch(pattern, arn, false))) ? "fail" : "pass",
            objects: excluded.known.some((pattern) => arns.some((arn) => mayOverlapPrefix(pattern, `${arn}/`, false))) ? "fail" : "pass",
        };
    }
    return { bucket: "fail", objects: "fail" };
}

/**
 * Whether the statement's actions cover every action of a service (`s3:*`, `*`, or NotAction
 * that excludes none of the service's actions).
 */
export function coversWholeService(s: Statement, service: string): Verdict {
    const prefix = `${service}:`;
    if (s.notAction) {
        if (s.notAction.known.some((pattern) => mayOverlapPrefix(pattern, prefix, true))) {
            return "fail";
        }
        return s.notAction.unknown ? "unknown" : "pass";
    }
    if (s.action?.known.some((pattern) => coversPrefix(pattern, prefix, true))) {
        return "pass";
    }
    return s.action?.unknown ? "unknown" : "fail";
}

/**
 * Does a wildcard pattern match every string that starts with `prefix`? It must end in `*` and
 * what comes before that star must match some beginning of the prefix: `arn:aws:s3:::b*` covers
 * everything under `arn:aws:s3:::bucket/`, `arn:aws:s3:::bucket/logs/*` does not.
 */
function coversPrefix(pattern: string, prefix: string, ignoreCase: boolean): boolean {
    if (!pattern.endsWith("*")) {
        return false;
    }
    return wildcardMatchesStartOf(pattern.replace(/\*+$/, ""), prefix, ignoreCase);
}

/**
 * Could a wildcard pattern match some string that starts with `prefix`? Judged on the pattern's
 * literal beginning (up to its first wildcard), which errs towards "yes".
 */
function mayOverlapPrefix(pattern: string, prefix: string, ignoreCase: boolean): boolean {
    const norm = (v: string) => (ignoreCase ? v.toLowerCase() : v);
    const literal = norm(pattern.split(/[*?]/, 1)[0]);
    const p = norm(prefix);
    const hasWildcard = /[*?]/.test(pattern);
    return literal.startsWith(p) || (hasWildcard && p.startsWith(literal));
}

export { bucketTypes };

/**
 * The encryption rules a BucketServerSideEncryptionConfiguration declares, each with its path in
 * the resource's inputs (`rules` is a list, or one object): where a remediation sets a rule's
 * properties. Empty when `rules` is unknown.
 */
export function configurationRules(props: Record<string, unknown>): { path: (string | number)[]; rule: unknown }[] {
    const rules = props.rules;
    if (Array.isArray(rules)) {
        return rules.map((rule, index) => ({ path: ["rules", index], rule }));
    }
    return rules !== null && typeof rules === "object" ? [{ path: ["rules"], rule: rules }] : [];
}
