import { secretsManagerSecretCustomerManagedKey } from "../../policy-pack/secretsmanager/secret-customer-managed-key";
import { caseTable } from "../lib/cases";
import { account, alias, key, keyArn, keySettingCases, newKey } from "../lib/customer-managed-key-fixtures";
import { dependsOn, resource, unknown } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const policy = secretsManagerSecretCustomerManagedKey;
const secretType = "aws:secretsmanager/secret:Secret";
const pullThroughCacheRuleType = "aws:ecr/pullThroughCacheRule:PullThroughCacheRule";

/** A deployed secret: its id is its ARN (with the random suffix Secrets Manager adds). */
function secret(name: string, inputs: Record<string, unknown>, extra = {}) {
    const arn = `arn:aws:secretsmanager:us-east-1:${account}:secret:${name}-AbCdEf`;
    return resource(secretType, name, { name, recoveryWindowInDays: 30, ...inputs }, { outputs: { id: arn, arn, name, recoveryWindowInDays: 30, ...inputs }, ...extra });
}

/** A pull-through cache rule for Docker Hub whose credentials are `credentials` (@pulumi/aws 6 and 7 alike). */
function pullThroughCacheRule(name: string, credentials: ReturnType<typeof secret>, credentialArn: unknown = credentials.outputs!.arn) {
    const inputs = { ecrRepositoryPrefix: "docker-hub", upstreamRegistryUrl: "registry-1.docker.io", credentialArn };
    return resource(pullThroughCacheRuleType, name, inputs, { outputs: { id: "docker-hub", registryId: account, ...inputs }, propertyDependencies: dependsOn({ credentialArn: [credentials] }) });
}
const dockerHubCredentials = secret("ecr-pullthroughcache/docker-hub", {});
/** Named by prefix only: the provider makes up the rest of the name. */
const quayCredentials = (() => {
    const name = "ecr-pullthroughcache/quay-20260101000000000000000001";
    const arn = `arn:aws:secretsmanager:us-east-1:${account}:secret:${name}-AbCdEf`;
    return resource(secretType, "quay-credentials", { namePrefix: "ecr-pullthroughcache/quay-", recoveryWindowInDays: 30 }, { outputs: { id: arn, arn, name, namePrefix: "ecr-pullthroughcache/quay-", recoveryWindowInDays: 30 } });
})();

caseTable(policy, [
    ...keySettingCases(policy.name, {
        prefix: "secret",
        service: "secretsmanager",
        build: (name, kmsKeyId, dependsOnKey) => [secret(name, kmsKeyId === undefined ? {} : { kmsKeyId }, dependsOnKey ? { propertyDependencies: dependsOn({ kmsKeyId: [dependsOnKey] }) } : {})],
    }),
    {
        name: "pass_replica_with_its_own_key",
        resources: [key, alias, secret("pass_secret_replicated", { kmsKeyId: keyArn, replicas: [{ region: "eu-west-1", kmsKeyId: "alias/data-stores" }] })],
        expect: [],
    },
    {
        name: "fail_replica_without_key",
        resources: [key, secret("fail_secret_replica_no_key", { kmsKeyId: keyArn, replicas: [{ region: "eu-west-1" }] })],
        expect: [{ on: "fail_secret_replica_no_key", id: "missingKey" }],
    },
    {
        name: "fail_replica_with_aws_managed_key_beside_a_linked_one",
        resources: [
            newKey,
            secret("fail_secret_replica_aws", { kmsKeyId: keyArn, replicas: [{ region: "eu-west-1", kmsKeyId: unknown.string }, { region: "eu-central-1", kmsKeyId: "alias/aws/secretsmanager" }] }, {
                propertyDependencies: dependsOn({ replicas: [newKey] }),
            }),
        ],
        expect: [{ on: "fail_secret_replica_aws", id: "awsManagedKey" }],
    },
    {
        name: "pass_replica_keys_unknown_linked_by_dependencies",
        resources: [
            key,
            newKey,
            secret("pass_secret_replicas_new_key", { kmsKeyId: keyArn, replicas: [{ region: "eu-west-1", kmsKeyId: unknown.string }] }, { propertyDependencies: dependsOn({ replicas: [newKey] }) }),
        ],
        expect: [],
    },
    {
        name: "unknown_replicas",
        resources: [key, secret("unknown_secret_replicas", { kmsKeyId: keyArn, replicas: unknown.array })],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    // ECR accepts pull-through cache credentials only under aws/secretsmanager: such a secret is not judged, the others are.
    {
        name: "pass_pull_through_cache_secret_beside_a_secret_with_its_key",
        resources: [key, dockerHubCredentials, pullThroughCacheRule("docker-hub", dockerHubCredentials), secret("pass_secret_app", { kmsKeyId: keyArn })],
        expect: [],
    },
    { name: "fail_secret_beside_a_pull_through_cache_secret", resources: [dockerHubCredentials, secret("fail_secret_app_no_key", {})], expect: [{ on: "fail_secret_app_no_key", id: "missingKey" }] },
    {
        name: "pass_pull_through_cache_secret_of_unknown_name_named_by_a_rule",
        resources: (() => {
            const credentials = secret("ghcr-credentials", { name: unknown.string });
            return [key, credentials, pullThroughCacheRule("ghcr", credentials, unknown.string), secret("pass_secret_app_2", { kmsKeyId: keyArn })];
        })(),
        expect: [],
    },
    { name: "unknown_name_of_a_secret_without_key", resources: [secret("unknown_secret_name", { name: unknown.string })], expect: [{ on: "(stack)", id: "undecided" }] },
    // The server answers for the stack check, marked with its one type, without calling it.
    { name: "na_no_secrets_in_the_stack", resources: [key], expect: [], notApplicable: [] },
]);

stackNotApplicable(policy, [
    { name: "na_no_secrets", resources: [key], reason: "Policy only applies to resources of type 'aws:secretsmanager/secret:Secret'" },
    {
        name: "na_only_pull_through_cache_secrets",
        resources: [dockerHubCredentials, pullThroughCacheRule("docker-hub", dockerHubCredentials), quayCredentials],
        reason: "every secret in the stack holds the upstream credentials of an ECR pull-through cache rule (ecr-pullthroughcache/…), which ECR accepts only encrypted with aws/secretsmanager",
    },
]);
