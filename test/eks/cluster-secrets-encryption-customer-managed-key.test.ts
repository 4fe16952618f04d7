import { eksClusterSecretsEncryptionCustomerManagedKey } from "../../policy-pack/eks/cluster-secrets-encryption-customer-managed-key";
import { caseTable } from "../lib/cases";
import { account, alias, aliasArn, awsManagedAliasArn, dataKeyArn, externalKeyArn, key, newKey } from "../lib/data-store-fixtures";
import { dependsOn, resource, secret, unknown } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const policy = eksClusterSecretsEncryptionCustomerManagedKey;
const clusterType = "aws:eks/cluster:Cluster";
const roleArn = `arn:aws:iam::${account}:role/eks-cluster`;

const cluster = (name: string, encryptionConfig: unknown, extra = {}) =>
    resource(clusterType, name, { roleArn, vpcConfig: { subnetIds: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"] }, ...(encryptionConfig === undefined ? {} : { encryptionConfig }) }, extra);
const secrets = (keyArn: unknown, resources: unknown = ["secrets"]) => ({ resources, provider: keyArn === undefined ? {} : { keyArn } });

caseTable(policy, [
    { name: "pass_secrets_with_stack_key", resources: [key, cluster("pass_key", secrets(dataKeyArn))], expect: [] },
    { name: "pass_key_as_secret", resources: [key, cluster("pass_secret", secrets(secret(dataKeyArn)))], expect: [] },
    { name: "pass_alias_arn_of_stack_key", resources: [key, alias, cluster("pass_alias", secrets(aliasArn))], expect: [] },
    // Older programs and state hold the block, and its provider, as one-element lists.
    { name: "pass_legacy_list_shapes", resources: [key, cluster("pass_lists", [{ resources: ["secrets"], provider: [{ keyArn: dataKeyArn }] }])], expect: [] },
    {
        name: "pass_new_key_linked_by_dependencies",
        resources: (() => {
            const k = newKey();
            return [k, cluster("pass_linked", secrets(unknown.string), { propertyDependencies: dependsOn({ encryptionConfig: [k] }) })];
        })(),
        expect: [],
    },
    {
        name: "pass_unknown_resources_with_stack_key",
        resources: [key, cluster("pass_unknown_resources", secrets(dataKeyArn, unknown.array))],
        expect: [],
    },
    {
        name: "pass_external_key_in_allowed_key_arns",
        resources: [cluster("pass_allowed", secrets(externalKeyArn))],
        config: { [policy.name]: { allowedKeyArns: [externalKeyArn] } },
        expect: [],
    },
    { name: "fail_no_encryption_config", resources: [key, cluster("fail_none", undefined)], expect: [{ on: "fail_none", id: "secretsNotEncrypted" }] },
    { name: "fail_null_encryption_config", resources: [cluster("fail_null", null)], expect: [{ on: "fail_null", id: "secretsNotEncrypted" }] },
    { name: "fail_resources_without_secrets", resources: [key, cluster("fail_no_secrets", secrets(dataKeyArn, []))], expect: [{ on: "fail_no_secrets", id: "secretsNotEncrypted" }] },
    { name: "fail_no_key_arn", resources: [key, cluster("fail_no_key", secrets(undefined))], expect: [{ on: "fail_no_key", id: "missingKey" }] },
    { name: "fail_aws_managed_alias_arn", resources: [cluster("fail_aws_alias", secrets(awsManagedAliasArn("eks")))], expect: [{ on: "fail_aws_alias", id: "awsManagedKey" }] },
    { name: "fail_external_key_not_allowed", resources: [key, cluster("fail_external", secrets(externalKeyArn))], expect: [{ on: "fail_external", id: "notCustomerManaged" }] },
    // The server answers for the stack check, marked with its one type, without calling it.
    { name: "na_no_clusters_in_the_stack", resources: [key], expect: [], notApplicable: [] },
    { name: "unknown_key_not_linked", resources: [key, cluster("unknown_key", secrets(unknown.string))], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_whole_block_not_linked", resources: [key, cluster("unknown_block", unknown.object)], expect: [{ on: "(stack)", id: "undecided" }] },
    {
        name: "pass_unknown_whole_block_linked_to_stack_key",
        resources: [key, cluster("pass_block_linked", unknown.object, { propertyDependencies: dependsOn({ encryptionConfig: [key] }) })],
        expect: [],
    },
]);

stackNotApplicable(policy, [{ name: "na_no_clusters", resources: [key], reason: "Policy only applies to resources of type 'aws:eks/cluster:Cluster'" }]);
