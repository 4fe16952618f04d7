// Builders for the S3 case tables: buckets, encryption configurations, keys, bucket policies and
// objects as the engine sends them, plus a table for stack checks that must say they do not apply.
import { expect } from "chai";
import { BaselinePolicy } from "../../policy-pack/lib/policy";
import { ResourceState } from "../../policy-pack/lib/runner";
import { PolicyPackConfigFile } from "../../policy-pack/lib/config";
import { findings } from "../lib/cases";
import { resource } from "../lib/fixtures";

export const bucketType = "aws:s3/bucket:Bucket";
export const bucketV2Type = "aws:s3/bucketV2:BucketV2";
export const configType = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
export const configV2Type = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";
export const bucketPolicyType = "aws:s3/bucketPolicy:BucketPolicy";
export const websiteType = "aws:s3/bucketWebsiteConfiguration:BucketWebsiteConfiguration";
export const websiteV2Type = "aws:s3/bucketWebsiteConfigurationV2:BucketWebsiteConfigurationV2";
export const objectType = "aws:s3/bucketObject:BucketObject";
export const objectV2Type = "aws:s3/bucketObjectv2:BucketObjectv2";
export const objectCopyType = "aws:s3/objectCopy:ObjectCopy";
export const keyType = "aws:kms/key:Key";
export const aliasType = "aws:kms/alias:Alias";

export const account = "111122223333";
export const keyId = "1234abcd-12ab-34cd-56ef-1234567890ab";
export const keyArn = `arn:aws:kms:us-east-1:${account}:key/${keyId}`;
export const externalKeyArn = `arn:aws:kms:us-east-1:444455556666:key/0987dcba-09fe-87dc-65ba-ab0987654321`;

/** A customer-managed key in the stack, with the outputs a deployed key has. */
export const key = resource(keyType, "data-key", { description: "data", enableKeyRotation: true }, { outputs: { id: keyId, keyId, arn: keyArn, enableKeyRotation: true } });

export const alias = resource(aliasType, "data-key-alias", { name: "alias/data", targetKeyId: keyId }, {
    outputs: { id: "alias/data", name: "alias/data", arn: `arn:aws:kms:us-east-1:${account}:alias/data`, targetKeyId: keyId, targetKeyArn: keyArn },
});

/** A bucket named `name`; its outputs carry the name, id and ARN as a deployed bucket's do. */
export function bucket(name: string, inputs: Record<string, unknown> = {}, type = bucketType, extra: Partial<ResourceState> = {}): ResourceState {
    return resource(type, name, { bucket: name, ...inputs }, { outputs: { bucket: name, id: name, arn: `arn:aws:s3:::${name}`, ...inputs }, ...extra });
}

/** A bucket whose name is computed at preview (auto-named): name, id and ARN unknown. */
export function newBucket(name: string, inputs: Record<string, unknown> = {}, type = bucketType): ResourceState {
    return resource(type, name, { ...inputs });
}

export interface RuleOptions {
    algorithm?: unknown;
    key?: unknown;
    bucketKeyEnabled?: unknown;
    blockedEncryptionTypes?: unknown;
}

/** A compliant encryption rule (SSE-KMS with the stack's key, bucket key, SSE-C blocked), with changes. */
export function rule(change: RuleOptions = {}): Record<string, unknown> {
    const o = { algorithm: "aws:kms", key: keyArn, bucketKeyEnabled: true, blockedEncryptionTypes: ["SSE-C"], ...change };
    return { applyServerSideEncryptionByDefault: { sseAlgorithm: o.algorithm, kmsMasterKeyId: o.key }, bucketKeyEnabled: o.bucketKeyEnabled, blockedEncryptionTypes: o.blockedEncryptionTypes };
}

export function config(name: string, bucketRef: unknown, rules: unknown, extra: Partial<ResourceState> = {}, type = configType): ResourceState {
    return resource(type, name, { bucket: bucketRef, rules }, extra);
}

/** A bucket with a separate encryption configuration for it, named `<name>-sse`. */
export function encryptedBucket(name: string, change: RuleOptions = {}, type = bucketType, bucketInputs: Record<string, unknown> = {}): ResourceState[] {
    return [bucket(name, bucketInputs, type), config(`${name}-sse`, name, [rule(change)])];
}

/** A bucket with the encryption rule inline. */
export function inlineEncryptedBucket(name: string, change: RuleOptions = {}, type = bucketType, extra: Partial<ResourceState> = {}): ResourceState {
    return bucket(name, { serverSideEncryptionConfiguration: { rule: rule(change) } }, type, extra);
}

export function bucketPolicy(name: string, bucketRef: unknown, policy: unknown, extra: Partial<ResourceState> = {}): ResourceState {
    return resource(bucketPolicyType, name, { bucket: bucketRef, policy }, extra);
}

export function policyDocument(...statements: unknown[]): Record<string, unknown> {
    return { Version: "2012-10-17", Statement: statements };
}

export interface NotApplicableCase {
    name: string;
    resources: ResourceState[];
    /** The stack check's reason, matched in part. */
    reason: string;
    config?: PolicyPackConfigFile;
}

/** Stack checks that do not apply: no findings at all, and the stack check says why. */
export function stackNotApplicable(policy: BaselinePolicy, cases: NotApplicableCase[]): void {
    describe(`${policy.name} (stack check not applicable)`, () => {
        for (const c of cases) {
            it(c.name, async () => {
                const { got, result } = await findings(policy, c.resources, { config: c.config });
                expect(got).to.deep.equal([]);
                const reasons = result.notApplicable.filter((n) => n.policyName === policy.name && n.urn === undefined).map((n) => n.reason);
                expect(reasons).to.have.length(1);
                expect(reasons[0]).to.contain(c.reason);
            });
        }
    });
}
