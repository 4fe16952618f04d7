import { secretsManagerSecretCustomerManagedKey } from "../../policy-pack/secretsmanager/secret-customer-managed-key";
import { caseTable } from "../lib/cases";
import { account, alias, key, keyArn, keySettingCases, newKey } from "../lib/customer-managed-key-fixtures";
import { dependsOn, resource, unknown } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const policy = secretsManagerSecretCustomerManagedKey;
const secretType = "aws:secretsmanager/secret:Secret";

/** A deployed secret: its id is its ARN (with the random suffix Secrets Manager adds). */
function secret(name: string, inputs: Record<string, unknown>, extra = {}) {
    const arn = `arn:aws:secretsmanager:us-east-1:${account}:secret:${name}-AbCdEf`;
    return resource(secretType, name, { name, recoveryWindowInDays: 30, ...inputs }, { outputs: { id: arn, arn, name, recoveryWindowInDays: 30, ...inputs }, ...extra });
}

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
    // The server answers for the stack check, marked with its one type, without calling it.
    { name: "na_no_secrets_in_the_stack", resources: [key], expect: [], notApplicable: [] },
]);

stackNotApplicable(policy, [{ name: "na_no_secrets", resources: [key], reason: "Policy only applies to resources of type 'aws:secretsmanager/secret:Secret'" }]);
