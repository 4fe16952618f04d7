import { snsTopicEncryptionCustomerManagedKey } from "../../policy-pack/sns/topic-encryption-customer-managed-key";
import { caseTable } from "../lib/cases";
import { account, key, keyArn, keySettingCases } from "../lib/customer-managed-key-fixtures";
import { dependsOn, resource, secret } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const policy = snsTopicEncryptionCustomerManagedKey;
const topicType = "aws:sns/topic:Topic";

/** A deployed topic: its id is its ARN. */
function topic(name: string, inputs: Record<string, unknown>, extra = {}) {
    const arn = `arn:aws:sns:us-east-1:${account}:${name}`;
    return resource(topicType, name, { name, ...inputs }, { outputs: { id: arn, arn, name, owner: account, ...inputs }, ...extra });
}

caseTable(policy, [
    ...keySettingCases(policy.name, {
        prefix: "topic",
        service: "sns",
        build: (name, kmsMasterKeyId, dependsOnKey) => [
            topic(name, kmsMasterKeyId === undefined ? {} : { kmsMasterKeyId }, dependsOnKey ? { propertyDependencies: dependsOn({ kmsMasterKeyId: [dependsOnKey] }) } : {}),
        ],
    }),
    { name: "pass_key_as_secret", resources: [key, topic("pass_topic_secret_key", { kmsMasterKeyId: secret(keyArn) })], expect: [] },
    { name: "fail_fifo_topic_without_key", resources: [key, topic("fail_topic_fifo.fifo", { fifoTopic: true })], expect: [{ on: "fail_topic_fifo.fifo", id: "missingKey" }] },
    // The server answers for the stack check, marked with its one type, without calling it.
    { name: "na_no_topics_in_the_stack", resources: [key], expect: [], notApplicable: [] },
]);

stackNotApplicable(policy, [{ name: "na_no_topics", resources: [key], reason: "Policy only applies to resources of type 'aws:sns/topic:Topic'" }]);
