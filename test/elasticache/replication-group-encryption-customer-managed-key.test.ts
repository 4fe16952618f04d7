import { elastiCacheReplicationGroupEncryptionCustomerManagedKey } from "../../policy-pack/elasticache/replication-group-encryption-customer-managed-key";
import { caseTable } from "../lib/cases";
import { awsManagedAliasArn, dataKeyArn, externalKeyArn, key, newKey } from "../lib/data-store-fixtures";
import { dependsOn, resource, secret, unknown } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const policy = elastiCacheReplicationGroupEncryptionCustomerManagedKey;
const groupType = "aws:elasticache/replicationGroup:ReplicationGroup";
const serverlessType = "aws:elasticache/serverlessCache:ServerlessCache";

const group = (name: string, inputs: Record<string, unknown>, extra = {}) =>
    resource(groupType, name, { description: "sessions", nodeType: "cache.t4g.small", numCacheClusters: 2, transitEncryptionEnabled: true, atRestEncryptionEnabled: true, ...inputs }, extra);
const serverless = (name: string, inputs: Record<string, unknown>, extra = {}) => resource(serverlessType, name, { engine: "valkey", name: name.replace(/_/g, "-"), ...inputs }, extra);

caseTable(policy, [
    { name: "pass_group_with_stack_key", resources: [key, group("pass_group", { kmsKeyId: dataKeyArn })], expect: [] },
    { name: "pass_at_rest_as_string", resources: [key, group("pass_string", { kmsKeyId: dataKeyArn, atRestEncryptionEnabled: "true" })], expect: [] },
    { name: "pass_valkey_encrypts_by_default", resources: [key, group("pass_valkey", { engine: "valkey", atRestEncryptionEnabled: undefined, kmsKeyId: dataKeyArn })], expect: [] },
    {
        name: "pass_global_datastore_member_inherits_encryption",
        resources: [key, group("pass_secondary", { atRestEncryptionEnabled: undefined, globalReplicationGroupId: "ldgnf-sessions", kmsKeyId: dataKeyArn })],
        expect: [],
    },
    { name: "pass_key_as_secret", resources: [key, group("pass_secret", { kmsKeyId: secret(dataKeyArn) })], expect: [] },
    { name: "pass_serverless_with_stack_key", resources: [key, serverless("pass_serverless", { kmsKeyId: dataKeyArn })], expect: [] },
    {
        name: "pass_new_key_linked_by_dependencies",
        resources: (() => {
            const k = newKey();
            return [
                k,
                group("pass_linked", { kmsKeyId: unknown.string }, { propertyDependencies: dependsOn({ kmsKeyId: [k] }) }),
                serverless("pass_serverless_linked", { kmsKeyId: unknown.string }, { propertyDependencies: dependsOn({ kmsKeyId: [k] }) }),
            ];
        })(),
        expect: [],
    },
    {
        name: "pass_external_key_in_allowed_key_arns",
        resources: [group("pass_allowed", { kmsKeyId: externalKeyArn })],
        config: { [policy.name]: { allowedKeyArns: [externalKeyArn] } },
        expect: [],
    },
    { name: "fail_at_rest_off", resources: [key, group("fail_off", { atRestEncryptionEnabled: false, kmsKeyId: dataKeyArn })], expect: [{ on: "fail_off", id: "notEncrypted" }] },
    { name: "fail_redis_default_is_unencrypted", resources: [key, group("fail_redis_default", { atRestEncryptionEnabled: undefined })], expect: [{ on: "fail_redis_default", id: "notEncrypted" }] },
    { name: "fail_service_managed_key", resources: [key, group("fail_no_key", {})], expect: [{ on: "fail_no_key", id: "missingKey" }] },
    { name: "fail_serverless_default_key", resources: [key, serverless("fail_serverless", {})], expect: [{ on: "fail_serverless", id: "missingKey" }] },
    { name: "fail_aws_managed_alias", resources: [group("fail_aws_alias", { kmsKeyId: awsManagedAliasArn("elasticache") })], expect: [{ on: "fail_aws_alias", id: "awsManagedKey" }] },
    { name: "fail_external_key_not_allowed", resources: [key, serverless("fail_external", { kmsKeyId: externalKeyArn })], expect: [{ on: "fail_external", id: "notCustomerManaged" }] },
    {
        name: "unknown_engine_without_key",
        resources: [group("unknown_engine", { engine: unknown.string, atRestEncryptionEnabled: undefined })],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    // ElastiCache takes a kmsKeyId only with encryption at rest on.
    { name: "pass_unknown_switch_with_stack_key", resources: [key, group("pass_unknown_switch", { atRestEncryptionEnabled: unknown.bool, kmsKeyId: dataKeyArn })], expect: [] },
    {
        name: "pass_unknown_global_datastore_with_stack_key",
        resources: [key, group("pass_unknown_global", { atRestEncryptionEnabled: undefined, globalReplicationGroupId: unknown.string, kmsKeyId: dataKeyArn })],
        expect: [],
    },
    { name: "unknown_switch_without_key", resources: [group("unknown_switch_no_key", { atRestEncryptionEnabled: unknown.bool })], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_key_not_linked", resources: [key, serverless("unknown_key", { kmsKeyId: unknown.string })], expect: [{ on: "(stack)", id: "undecided" }] },
]);

stackNotApplicable(policy, [
    { name: "na_no_caches", resources: [key, resource("aws:elasticache/cluster:Cluster", "memcached", { engine: "memcached" })], reason: "no ElastiCache replication groups or serverless caches" },
]);
