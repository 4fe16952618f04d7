// Keys for the case tables of the data-store policies that require a customer-managed KMS key:
// a deployed key and its alias (outputs carry the ids and ARNs AWS gives them), a key the
// preview has not created yet (id and ARN unknown), and keys from outside the stack.
import { ResourceState } from "../../policy-pack/lib/runner";
import { account, deployedKey, keyArn, keyId } from "./kms-fixtures";
import { resource, unknown } from "./fixtures";

export { account };

export const region = "us-east-1";

/** The stack's customer-managed key, deployed. */
export const key = deployedKey("data-key", { description: "data at rest", enableKeyRotation: true });
export const dataKeyArn = keyArn("data-key");
export const dataKeyId = keyId("data-key");

/** An alias of the stack's key, deployed. */
export const alias = resource("aws:kms/alias:Alias", "data-key-alias", { name: "alias/data", targetKeyId: dataKeyId }, {
    outputs: { id: "alias/data", name: "alias/data", arn: `arn:aws:kms:${region}:${account}:alias/data`, targetKeyId: dataKeyId, targetKeyArn: dataKeyArn },
});
export const aliasArn = `arn:aws:kms:${region}:${account}:alias/data`;

/** A key the preview is about to create: its id and ARN are unknown. */
export function newKey(name = "new-key"): ResourceState {
    return resource("aws:kms/key:Key", name, { description: "created by this update", enableKeyRotation: true }, { outputs: { id: unknown.string, keyId: unknown.string, arn: unknown.string } });
}

/** A key of another account, managed outside the stack. */
export const externalKeyArn = "arn:aws:kms:us-east-1:444455556666:key/0987dcba-09fe-87dc-65ba-ab0987654321";

/** The alias ARN of the key AWS manages for a service in this account (`alias/aws/<service>`). */
export function awsManagedAliasArn(service: string): string {
    return `arn:aws:kms:${region}:${account}:alias/aws/${service}`;
}
