import { sqsQueuePolicyTlsOnly } from "../../policy-pack/sqs/queue-policy-tls-only";
import { ResourceState } from "../../policy-pack/lib/runner";
import { caseTable } from "../lib/cases";
import { dependsOn, resource, secret, unknown } from "../lib/fixtures";
import { policyDocument, stackNotApplicable } from "../s3/s3-fixtures";

const queueType = "aws:sqs/queue:Queue";
const queuePolicyType = "aws:sqs/queuePolicy:QueuePolicy";
const account = "111122223333";
const arn = (name: string) => `arn:aws:sqs:us-east-1:${account}:${name}`;
const url = (name: string) => `https://sqs.us-east-1.amazonaws.com/${account}/${name}`;

/** A deployed queue: its outputs carry the URL (its id), ARN and name. */
const queue = (name: string, inputs: Record<string, unknown> = {}): ResourceState =>
    resource(queueType, name, { name, ...inputs }, { outputs: { id: url(name), url: url(name), arn: arn(name), name, ...inputs } });
/** A queue about to be created: the name is known, the ARN and URL are not. */
const newQueue = (name: string, inputs: Record<string, unknown> = {}): ResourceState => resource(queueType, name, { name, ...inputs }, { outputs: { name, ...inputs } });
const denyPlainHttp = (name: string, change: Record<string, unknown> = {}) => ({
    Sid: "DenyPlainHttp",
    Effect: "Deny",
    Principal: "*",
    Action: "sqs:*",
    Resource: arn(name),
    Condition: { Bool: { "aws:SecureTransport": "false" } },
    ...change,
});
const sendFromRole = (name: string) => ({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:role/producer` }, Action: "sqs:SendMessage", Resource: arn(name) });
const queuePolicy = (name: string, queueRef: unknown, policy: unknown, extra: Partial<ResourceState> = {}) => resource(queuePolicyType, name, { queueUrl: queueRef, policy }, extra);
const withPolicy = (name: string, document?: unknown) => [queue(name), queuePolicy(`${name}-policy`, url(name), document ?? policyDocument(sendFromRole(name), denyPlainHttp(name)))];
const withStatement = (name: string, change: Record<string, unknown>) => withPolicy(name, policyDocument(denyPlainHttp(name, change)));

caseTable(sqsQueuePolicyTlsOnly, [
    { name: "pass_queue_policy", resources: withPolicy("pass_policy"), expect: [] },
    { name: "pass_json_string", resources: withPolicy("pass_json", JSON.stringify(policyDocument(denyPlainHttp("pass_json")))), expect: [] },
    { name: "pass_document_as_secret", resources: withPolicy("pass_secret", secret(JSON.stringify(policyDocument(denyPlainHttp("pass_secret"))))), expect: [] },
    { name: "pass_inline_policy", resources: [queue("pass_inline", { policy: JSON.stringify(policyDocument(denyPlainHttp("pass_inline"))) })], expect: [] },
    { name: "pass_inline_policy_of_new_queue", resources: [newQueue("pass_new", { policy: JSON.stringify(policyDocument(denyPlainHttp("pass_new"))) })], expect: [] },
    { name: "pass_action_star_resource_star", resources: withStatement("pass_star", { Action: "*", Resource: "*" }), expect: [] },
    { name: "pass_resource_wildcard", resources: withStatement("pass_wildcard", { Resource: `arn:aws:sqs:*:${account}:pass_*` }), expect: [] },
    {
        name: "pass_unknown_arn_joined_by_dependencies",
        resources: (() => {
            const q = newQueue("pass_joined");
            return [q, queuePolicy("pass_joined-policy", unknown.string, policyDocument(denyPlainHttp("pass_joined", { Resource: unknown.string })), { propertyDependencies: dependsOn({ queueUrl: [q], policy: [q] }) })];
        })(),
        expect: [],
    },
    { name: "fail_no_policy", resources: [queue("fail_none")], expect: [{ on: "fail_none", id: "noPolicy" }] },
    { name: "fail_policy_of_other_queue", resources: [queue("fail_other"), ...withPolicy("pass_mine")], expect: [{ on: "fail_other", id: "noPolicy" }] },
    { name: "fail_only_allow_statements", resources: withPolicy("fail_allow_only", policyDocument(sendFromRole("fail_allow_only"))), expect: [{ on: "fail_allow_only", id: "notEnforced" }] },
    { name: "fail_some_actions", resources: withStatement("fail_actions", { Action: ["sqs:SendMessage"] }), expect: [{ on: "fail_actions", id: "notEnforced" }] },
    { name: "fail_one_principal", resources: withStatement("fail_principal", { Principal: { AWS: `arn:aws:iam::${account}:root` } }), expect: [{ on: "fail_principal", id: "notEnforced" }] },
    { name: "fail_other_queue_arn", resources: withStatement("fail_arn", { Resource: arn("another-queue") }), expect: [{ on: "fail_arn", id: "notEnforced" }] },
    { name: "fail_denies_tls_requests", resources: withStatement("fail_true", { Condition: { Bool: { "aws:SecureTransport": "true" } } }), expect: [{ on: "fail_true", id: "notEnforced" }] },
    { name: "fail_narrowing_condition", resources: withStatement("fail_narrowed", { Condition: { Bool: { "aws:SecureTransport": "false" }, IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } }), expect: [{ on: "fail_narrowed", id: "notEnforced" }] },
    { name: "fail_not_resource_excludes_queue", resources: withStatement("fail_not_resource", { Resource: undefined, NotResource: arn("fail_not_resource") }), expect: [{ on: "fail_not_resource", id: "notEnforced" }] },
    { name: "fail_new_queue_inline_policy_names_other_queue", resources: [newQueue("fail_new", { policy: policyDocument(denyPlainHttp("elsewhere")) })], expect: [{ on: "fail_new", id: "notEnforced" }] },
    { name: "unknown_document", resources: [queue("unknown_document"), queuePolicy("unknown_document-policy", url("unknown_document"), unknown.string)], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_condition", resources: withStatement("unknown_condition", { Condition: { Bool: { "aws:SecureTransport": unknown.string } } }), expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_policy_queue", resources: [queue("unknown_link"), queuePolicy("unknown_link-policy", unknown.string, policyDocument(denyPlainHttp("unknown_link")))], expect: [{ on: "(stack)", id: "undecided" }] },
    {
        name: "unknown_resource_without_dependencies",
        resources: [queue("unknown_resource"), queuePolicy("unknown_resource-policy", url("unknown_resource"), policyDocument(denyPlainHttp("unknown_resource", { Resource: unknown.string })))],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
]);

stackNotApplicable(sqsQueuePolicyTlsOnly, [{ name: "na_no_queues", resources: [resource("aws:sns/topic:Topic", "alerts", { name: "alerts" })], reason: "no SQS queues" }]);
