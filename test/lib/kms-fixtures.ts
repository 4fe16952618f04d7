// KMS keys and key policies as the engine sends them for a deployed stack: the inputs are what the
// program declares, the outputs what AWS reports (ids, ARNs, and a policy even when none was set).
import { createHash } from "crypto";
import { ResourceState } from "../../policy-pack/lib/runner";
import { resource } from "./fixtures";

export const keyType = "aws:kms/key:Key";
export const keyPolicyType = "aws:kms/keyPolicy:KeyPolicy";
export const account = "111122223333";

/** A key id of the UUID form KMS uses, distinct per key name. */
export function keyId(name: string): string {
    return createHash("sha256").update(name).digest("hex").slice(0, 32).replace(/^(.{8})(.{4})(.{4})(.{4})/, "$1-$2-$3-$4-");
}

export function keyArn(name: string): string {
    return `arn:aws:kms:us-east-1:${account}:key/${keyId(name)}`;
}

/** What AWS shows as the policy of a key whose program set none. */
export const awsDefaultKeyPolicy = JSON.stringify({
    Version: "2012-10-17",
    Id: "key-default-1",
    Statement: [{ Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" }],
});

export function deployedKey(name: string, inputs: Record<string, unknown>, type = keyType, extra: Partial<ResourceState> = {}): ResourceState {
    return resource(type, name, inputs, { outputs: { policy: awsDefaultKeyPolicy, ...inputs, id: keyId(name), keyId: keyId(name), arn: keyArn(name) }, ...extra });
}
