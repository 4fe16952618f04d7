import { sqsQueueEncryptionCustomerManagedKey } from "../../policy-pack/sqs/queue-encryption-customer-managed-key";
import { caseTable } from "../lib/cases";
import { account, key, keyArn, keySettingCases } from "../lib/customer-managed-key-fixtures";
import { dependsOn, resource, unknown } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const policy = sqsQueueEncryptionCustomerManagedKey;
const queueType = "aws:sqs/queue:Queue";

/** A deployed queue: its outputs carry its URL (the id), name and ARN. */
function queue(name: string, inputs: Record<string, unknown>, extra = {}) {
    const identity = { id: `https://sqs.us-east-1.amazonaws.com/${account}/${name}`, name, arn: `arn:aws:sqs:us-east-1:${account}:${name}` };
    return resource(queueType, name, { name, ...inputs }, { outputs: { ...identity, sqsManagedSseEnabled: false, ...inputs }, ...extra });
}

caseTable(policy, [
    ...keySettingCases(policy.name, {
        prefix: "queue",
        service: "sqs",
        build: (name, kmsMasterKeyId, dependsOnKey) => [
            queue(name, kmsMasterKeyId === undefined ? {} : { kmsMasterKeyId }, dependsOnKey ? { propertyDependencies: dependsOn({ kmsMasterKeyId: [dependsOnKey] }) } : {}),
        ],
    }),
    {
        name: "fail_sse_sqs_is_not_a_customer_managed_key",
        resources: [key, queue("fail_queue_sse_sqs", { sqsManagedSseEnabled: true })],
        expect: [{ on: "fail_queue_sse_sqs", id: "missingKey" }],
    },
    {
        name: "pass_key_with_data_key_reuse_period",
        resources: [key, queue("pass_queue_reuse", { kmsMasterKeyId: keyArn, kmsDataKeyReusePeriodSeconds: 300 })],
        expect: [],
    },
    {
        name: "pass_new_queue_at_preview_without_outputs",
        resources: [key, resource(queueType, "pass_queue_preview", { kmsMasterKeyId: keyArn, fifoQueue: true })],
        expect: [],
    },
    {
        name: "unknown_key_beside_a_known_dependency_of_another_input",
        resources: [key, queue("unknown_queue_other_dep", { kmsMasterKeyId: unknown.string }, { propertyDependencies: dependsOn({ policy: [key] }) })],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    // The server answers for the stack check, marked with its one type, without calling it.
    { name: "na_no_queues_in_the_stack", resources: [key], expect: [], notApplicable: [] },
]);

stackNotApplicable(policy, [{ name: "na_no_queues", resources: [key], reason: "Policy only applies to resources of type 'aws:sqs/queue:Queue'" }]);
