// What the S3 stack checks need to know about a bucket: its default-encryption rules (inline or
// from separate configuration resources) and its bucket policies (inline or BucketPolicy).
import { Node, StackGraph } from "./graph";
import { parseDocument, ParsedDocument } from "./iam-document";
import { types } from "./types";
import { UNKNOWN, Unknown, at, bool, list, str } from "./values";

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

export function bucketEncryption(graph: StackGraph, bucket: Node): BucketEncryption {
    const rules: EncryptionRule[] = [];
    const inline = at(bucket.inputs, "serverSideEncryptionConfiguration");
    if (inline === UNKNOWN) {
        rules.push(unknownRule(bucket));
    } else if (inline !== undefined && inline !== null) {
        rules.push(...ruleList(at(inline, "rule"), bucket, "serverSideEncryptionConfiguration"));
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
        return [unknownRule(declaredOn)];
    }
    return rules.map((rule) => {
        const byDefault = at(rule, "applyServerSideEncryptionByDefault");
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

function unknownRule(declaredOn: Node): EncryptionRule {
    return { declaredOn, algorithm: UNKNOWN, kmsMasterKeyId: UNKNOWN, bucketKeyEnabled: UNKNOWN, blockedEncryptionTypes: UNKNOWN, keyProperty: "" };
}

export const kmsAlgorithms = ["aws:kms", "aws:kms:dsse"];

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

export { bucketTypes };
