// KMS keys as data stores name them, and the cases every customer-managed-key policy shares: how
// a setting names a key (key ARN, key id, alias name or ARN, replica, allowed ARN, an AWS managed
// alias, a key of another account), and how it looks at preview (a new key's unknown ARN, linked
// to the key through propertyDependencies or not).
import { ResourceState } from "../../policy-pack/lib/runner";
import { Case, Expected } from "./cases";
import { resource, unknown } from "./fixtures";

export const account = "111122223333";
export const keyId = "5d2f0b6c-3e4a-4b1d-9c8e-7f6a5b4c3d2e";
export const keyArn = `arn:aws:kms:us-east-1:${account}:key/${keyId}`;
export const aliasName = "alias/data-stores";
export const aliasArn = `arn:aws:kms:us-east-1:${account}:${aliasName}`;
/** A customer-managed key of another account, not in the stack. */
export const externalKeyArn = "arn:aws:kms:us-east-1:444455556666:key/0987dcba-09fe-87dc-65ba-ab0987654321";
export const replicaKeyArn = `arn:aws:kms:eu-west-1:${account}:key/mrk-5d2f0b6c3e4a4b1d9c8e7f6a5b4c3d2e`;

/** The stack's customer-managed key, deployed: its outputs carry its id and ARN. */
export const key = resource("aws:kms/key:Key", "data-stores-key", { description: "data stores", enableKeyRotation: true }, {
    outputs: { id: keyId, keyId, arn: keyArn, description: "data stores", enableKeyRotation: true },
});

export const alias = resource("aws:kms/alias:Alias", "data-stores-alias", { name: aliasName, targetKeyId: keyId }, {
    outputs: { id: aliasName, name: aliasName, arn: aliasArn, targetKeyId: keyId, targetKeyArn: keyArn },
});

export const replicaKey = resource("aws:kms/replicaKey:ReplicaKey", "data-stores-key-replica", { primaryKeyArn: keyArn }, {
    outputs: { id: "mrk-5d2f0b6c3e4a4b1d9c8e7f6a5b4c3d2e", keyId: "mrk-5d2f0b6c3e4a4b1d9c8e7f6a5b4c3d2e", arn: replicaKeyArn },
});

/** A key the preview is about to create: its id and ARN are unknown. */
export const newKey = resource("aws:kms/key:Key", "new-data-stores-key", { description: "data stores", enableKeyRotation: true }, {
    outputs: { id: unknown.string, keyId: unknown.string, arn: unknown.string, description: "data stores", enableKeyRotation: true },
});

/** The ARN of the AWS managed key of a service, as `aws kms describe-key` shows an alias. */
export function awsManagedAliasArn(service: string): string {
    return `arn:aws:kms:us-east-1:${account}:alias/aws/${service}`;
}

export interface KeySettingCases {
    /** The name prefix of the cases' resources ("queue"). */
    prefix: string;
    /** The AWS managed key's service ("sqs" for alias/aws/sqs). */
    service: string;
    /** A resource named `name` whose key setting is `key` (undefined: not set); `dependsOnKey` links the setting to a key through propertyDependencies. */
    build(name: string, key: unknown, dependsOnKey?: ResourceState): ResourceState[];
    /** The message ids of a missing and of a not customer-managed key. */
    missing?: string;
}

/**
 * The cases of how a key setting names its key, for a policy that reports `missingKey`,
 * `awsManagedKey` and `notCustomerManaged` on the resource that holds the setting, allows keys
 * through `allowedKeyArns`, and is undecided about an unknown key nothing links to the stack.
 */
export function keySettingCases(policyName: string, o: KeySettingCases): Case[] {
    const on = (name: string, id: string): Expected[] => [{ on: name, id }];
    const p = o.prefix;
    return [
        { name: `pass_key_arn`, resources: [key, ...o.build(`pass_${p}_key_arn`, keyArn)], expect: [] },
        { name: `pass_key_id`, resources: [key, ...o.build(`pass_${p}_key_id`, keyId)], expect: [] },
        { name: `pass_alias_name`, resources: [key, alias, ...o.build(`pass_${p}_alias_name`, aliasName)], expect: [] },
        { name: `pass_alias_arn`, resources: [key, alias, ...o.build(`pass_${p}_alias_arn`, aliasArn)], expect: [] },
        { name: `pass_replica_key`, resources: [key, replicaKey, ...o.build(`pass_${p}_replica`, replicaKeyArn)], expect: [] },
        {
            name: `pass_allowed_external_key`,
            resources: o.build(`pass_${p}_allowed`, externalKeyArn),
            config: { [policyName]: { allowedKeyArns: [externalKeyArn] } },
            expect: [],
        },
        { name: `pass_new_key_unknown_arn_linked_by_dependencies`, resources: [newKey, ...o.build(`pass_${p}_new_key`, unknown.string, newKey)], expect: [] },
        { name: `pass_new_alias_unknown_arn_linked_by_dependencies`, resources: [key, alias, ...o.build(`pass_${p}_new_alias`, unknown.string, alias)], expect: [] },
        { name: `fail_no_key`, resources: [key, ...o.build(`fail_${p}_no_key`, undefined)], expect: on(`fail_${p}_no_key`, o.missing ?? "missingKey") },
        { name: `fail_empty_key`, resources: [key, ...o.build(`fail_${p}_empty_key`, "")], expect: on(`fail_${p}_empty_key`, o.missing ?? "missingKey") },
        { name: `fail_aws_managed_alias`, resources: [key, ...o.build(`fail_${p}_aws_alias`, `alias/aws/${o.service}`)], expect: on(`fail_${p}_aws_alias`, "awsManagedKey") },
        {
            name: `fail_aws_managed_alias_arn`,
            resources: [key, ...o.build(`fail_${p}_aws_alias_arn`, awsManagedAliasArn(o.service))],
            expect: on(`fail_${p}_aws_alias_arn`, "awsManagedKey"),
        },
        {
            name: `fail_aws_managed_alias_despite_a_key_dependency`,
            resources: [key, ...o.build(`fail_${p}_aws_alias_dep`, `alias/aws/${o.service}`, key)],
            expect: on(`fail_${p}_aws_alias_dep`, "awsManagedKey"),
        },
        { name: `fail_key_of_another_account`, resources: [key, ...o.build(`fail_${p}_external`, externalKeyArn)], expect: on(`fail_${p}_external`, "notCustomerManaged") },
        {
            name: `fail_only_the_resource_without_a_customer_key`,
            resources: [key, ...o.build(`pass_${p}_neighbour`, keyArn), ...o.build(`fail_${p}_neighbour`, `alias/aws/${o.service}`)],
            expect: on(`fail_${p}_neighbour`, "awsManagedKey"),
        },
        { name: `unknown_key_not_linked`, resources: [key, ...o.build(`unknown_${p}_key`, unknown.string)], expect: [{ on: "(stack)", id: "undecided" }] },
        {
            name: `unknown_key_of_a_new_key_named_by_a_known_arn`,
            resources: [newKey, ...o.build(`unknown_${p}_new_key_arn`, keyArn)],
            expect: [{ on: "(stack)", id: "undecided" }],
        },
    ];
}
