import { redshiftClusterEncryptionCustomerManagedKey } from "../../policy-pack/redshift/cluster-encryption-customer-managed-key";
import { caseTable } from "../lib/cases";
import { account, alias, awsManagedAliasArn, dataKeyArn, externalKeyArn, key, newKey, region } from "../lib/data-store-fixtures";
import { dependsOn, resource, secret, unknown } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const policy = redshiftClusterEncryptionCustomerManagedKey;
const clusterType = "aws:redshift/cluster:Cluster";
const namespaceType = "aws:redshiftserverless/namespace:Namespace";

const cluster = (name: string, inputs: Record<string, unknown>, extra = {}) =>
    resource(clusterType, name, { clusterIdentifier: name.replace(/_/g, "-"), nodeType: "ra3.large", manageMasterPassword: true, masterUsername: "warehouse", encrypted: "true", ...inputs }, extra);
const namespace = (name: string, inputs: Record<string, unknown>, extra = {}) => resource(namespaceType, name, { namespaceName: name.replace(/_/g, "-"), manageAdminPassword: true, ...inputs }, extra);

caseTable(policy, [
    { name: "pass_cluster_with_stack_key", resources: [key, cluster("pass_cluster", { kmsKeyId: dataKeyArn })], expect: [] },
    { name: "pass_encrypted_unset_defaults_to_true", resources: [key, cluster("pass_default", { encrypted: undefined, kmsKeyId: dataKeyArn })], expect: [] },
    { name: "pass_encrypted_as_boolean", resources: [key, cluster("pass_boolean", { encrypted: true, kmsKeyId: dataKeyArn })], expect: [] },
    { name: "pass_key_as_secret", resources: [key, cluster("pass_secret", { kmsKeyId: secret(dataKeyArn) })], expect: [] },
    { name: "pass_namespace_with_alias_name", resources: [key, alias, namespace("pass_namespace", { kmsKeyId: "alias/data" })], expect: [] },
    {
        name: "pass_new_key_linked_by_dependencies",
        resources: (() => {
            const k = newKey();
            return [
                k,
                cluster("pass_linked", { kmsKeyId: unknown.string }, { propertyDependencies: dependsOn({ kmsKeyId: [k] }) }),
                namespace("pass_namespace_linked", { kmsKeyId: unknown.string }, { propertyDependencies: dependsOn({ kmsKeyId: [k] }) }),
            ];
        })(),
        expect: [],
    },
    {
        name: "pass_external_key_in_allowed_key_arns",
        resources: [cluster("pass_allowed", { kmsKeyId: externalKeyArn })],
        config: { [policy.name]: { allowedKeyArns: [externalKeyArn] } },
        expect: [],
    },
    { name: "fail_unencrypted", resources: [key, cluster("fail_unencrypted", { encrypted: "false" })], expect: [{ on: "fail_unencrypted", id: "notEncrypted" }] },
    { name: "fail_cluster_without_key", resources: [key, cluster("fail_no_key", {})], expect: [{ on: "fail_no_key", id: "missingKey" }] },
    { name: "fail_namespace_without_key", resources: [namespace("fail_namespace", {})], expect: [{ on: "fail_namespace", id: "missingKey" }] },
    // What a deployed namespace's outputs say when no key was named.
    {
        name: "fail_namespace_export_aws_owned_marker",
        resources: [
            resource(namespaceType, "fail_exported", { namespaceName: "fail-exported" }, {
                outputs: { id: "fail-exported", arn: `arn:aws:redshift-serverless:${region}:${account}:namespace/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0`, namespaceName: "fail-exported", kmsKeyId: "AWS_OWNED_KMS_KEY" },
            }),
        ],
        expect: [{ on: "fail_exported", id: "missingKey" }],
    },
    { name: "fail_aws_managed_alias", resources: [key, cluster("fail_aws_alias", { kmsKeyId: awsManagedAliasArn("redshift") })], expect: [{ on: "fail_aws_alias", id: "awsManagedKey" }] },
    { name: "fail_external_key_not_allowed", resources: [key, namespace("fail_external", { kmsKeyId: externalKeyArn })], expect: [{ on: "fail_external", id: "notCustomerManaged" }] },
    { name: "unknown_switch_without_key", resources: [cluster("unknown_switch_no_key", { encrypted: unknown.string })], expect: [{ on: "(stack)", id: "undecided" }] },
    // Redshift takes a kmsKeyId only with encrypted true.
    { name: "pass_unknown_switch_with_stack_key", resources: [key, cluster("pass_unknown_switch", { encrypted: unknown.string, kmsKeyId: dataKeyArn })], expect: [] },
    { name: "unknown_key_not_linked", resources: [key, cluster("unknown_key", { kmsKeyId: unknown.string })], expect: [{ on: "(stack)", id: "undecided" }] },
]);

stackNotApplicable(policy, [{ name: "na_no_warehouses", resources: [key], reason: "no Redshift clusters or Redshift Serverless namespaces" }]);
