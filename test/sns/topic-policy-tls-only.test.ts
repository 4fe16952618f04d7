import { snsTopicPolicyTlsOnly } from "../../policy-pack/sns/topic-policy-tls-only";
import { ResourceState } from "../../policy-pack/lib/runner";
import { caseTable } from "../lib/cases";
import { dependsOn, resource, unknown } from "../lib/fixtures";
import { policyDocument, stackNotApplicable } from "../s3/s3-fixtures";

const topicType = "aws:sns/topic:Topic";
const topicPolicyType = "aws:sns/topicPolicy:TopicPolicy";
const account = "111122223333";
const arn = (name: string) => `arn:aws:sns:us-east-1:${account}:${name}`;

/** A deployed topic: its id is its ARN. */
const topic = (name: string, inputs: Record<string, unknown> = {}): ResourceState => resource(topicType, name, { name, ...inputs }, { outputs: { id: arn(name), arn: arn(name), name, ...inputs } });
const newTopic = (name: string, inputs: Record<string, unknown> = {}): ResourceState => resource(topicType, name, { name, ...inputs }, { outputs: { name, ...inputs } });
const denyPlainPublish = (name: string, change: Record<string, unknown> = {}) => ({
    Sid: "DenyPublishWithoutTls",
    Effect: "Deny",
    Principal: "*",
    Action: "sns:Publish",
    Resource: arn(name),
    Condition: { Bool: { "aws:SecureTransport": "false" } },
    ...change,
});
const topicPolicy = (name: string, topicRef: unknown, policy: unknown, extra: Partial<ResourceState> = {}) => resource(topicPolicyType, name, { arn: topicRef, policy }, extra);
const withPolicy = (name: string, document?: unknown) => [topic(name), topicPolicy(`${name}-policy`, arn(name), document ?? policyDocument(denyPlainPublish(name)))];
const withStatement = (name: string, change: Record<string, unknown>) => withPolicy(name, policyDocument(denyPlainPublish(name, change)));

caseTable(snsTopicPolicyTlsOnly, [
    { name: "pass_topic_policy", resources: withPolicy("pass_policy"), expect: [] },
    { name: "pass_sns_star", resources: withStatement("pass_star", { Action: "sns:*" }), expect: [] },
    { name: "pass_upper_case_action", resources: withStatement("pass_case", { Action: ["SNS:Publish", "SNS:Subscribe"] }), expect: [] },
    { name: "pass_inline_policy", resources: [topic("pass_inline", { policy: JSON.stringify(policyDocument(denyPlainPublish("pass_inline"))) })], expect: [] },
    { name: "pass_inline_policy_of_new_topic", resources: [newTopic("pass_new", { policy: policyDocument(denyPlainPublish("pass_new")) })], expect: [] },
    {
        name: "pass_unknown_arn_joined_by_dependencies",
        resources: (() => {
            const t = newTopic("pass_joined");
            return [t, topicPolicy("pass_joined-policy", unknown.string, policyDocument(denyPlainPublish("pass_joined", { Resource: unknown.string })), { propertyDependencies: dependsOn({ arn: [t], policy: [t] }) })];
        })(),
        expect: [],
    },
    { name: "fail_no_policy", resources: [topic("fail_none")], expect: [{ on: "fail_none", id: "noPolicy" }] },
    { name: "fail_subscribe_only", resources: withStatement("fail_subscribe", { Action: "sns:Subscribe" }), expect: [{ on: "fail_subscribe", id: "notEnforced" }] },
    { name: "fail_allow_over_tls", resources: withStatement("fail_allow", { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Condition: { Bool: { "aws:SecureTransport": "true" } } }), expect: [{ on: "fail_allow", id: "notEnforced" }] },
    { name: "fail_not_principal", resources: withStatement("fail_not_principal", { Principal: undefined, NotPrincipal: { AWS: `arn:aws:iam::${account}:root` } }), expect: [{ on: "fail_not_principal", id: "notEnforced" }] },
    { name: "fail_other_topic", resources: withStatement("fail_other", { Resource: arn("another-topic") }), expect: [{ on: "fail_other", id: "notEnforced" }] },
    { name: "fail_invalid_json", resources: withPolicy("fail_invalid", "{not json"), expect: [{ on: "fail_invalid", id: "notEnforced" }] },
    { name: "unknown_document", resources: [topic("unknown_document"), topicPolicy("unknown_document-policy", arn("unknown_document"), unknown.string)], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_principal", resources: withStatement("unknown_principal", { Principal: unknown.object }), expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_policy_topic", resources: [topic("unknown_link"), topicPolicy("unknown_link-policy", unknown.string, policyDocument(denyPlainPublish("unknown_link")))], expect: [{ on: "(stack)", id: "undecided" }] },
]);

stackNotApplicable(snsTopicPolicyTlsOnly, [{ name: "na_no_topics", resources: [resource("aws:sqs/queue:Queue", "jobs", { name: "jobs" })], reason: "no SNS topics" }]);
