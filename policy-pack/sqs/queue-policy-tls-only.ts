import { definePolicy } from "../lib/policy";
import { noSafeFix } from "../lib/remediation";
import { coversWholeService } from "../lib/s3";
import { tlsDenial } from "../lib/tls-denial";
import { types } from "../lib/types";

export const sqsQueuePolicyTlsOnly = definePolicy({
    name: "sqs-queue-policy-tls-only",
    description: "SQS queue policies must deny every request to the queue that is not made over TLS.",
    rationale:
        "SQS answers plain-HTTP requests on its endpoints: message bodies and attributes then cross the network unencrypted. " +
        "A Deny on aws:SecureTransport false in the queue policy is the setting that makes SQS refuse them, for every caller " +
        "and every action.",
    domain: "encryption-in-transit",
    severity: "medium",
    remediationSteps:
        "Give the queue a policy (inline policy, or an aws.sqs.QueuePolicy with queueUrl set to the queue's url) with the " +
        "statement { Effect: \"Deny\", Principal: \"*\", Action: \"sqs:*\", Resource: <queue arn>, Condition: { Bool: " +
        "{ \"aws:SecureTransport\": \"false\" } } }.",
    noRemediation: noSafeFix.policyDocument,
    messages: {
        noPolicy:
            "Queue '{{queue}}' has no queue policy, so SQS accepts plain-HTTP requests to it. Add an aws.sqs.QueuePolicy that denies " +
            "Principal '*' Action 'sqs:*' on the queue's ARN when aws:SecureTransport is 'false'.",
        notEnforced:
            "The policy of queue '{{queue}}' (declared on '{{declaredOn}}') does not deny non-TLS requests for every principal and " +
            "every sqs action on the queue. Add a statement denying Principal '*' Action 'sqs:*' on the queue's ARN with Condition " +
            "Bool aws:SecureTransport 'false'.",
    },
    // Judged on what other policies recorded at Analyze, else on outputs: documents, URLs and ARNs are the
    // same in both, and an unset inline policy is empty in outputs or unknown at preview, so outputs
    // alone give the same verdict or an undecided one.
    withoutResourceSide: true,
    checkStack(stack, ctx) {
        const queues = stack.ofType(...types.sqsQueue);
        if (queues.length === 0) {
            ctx.notApplicable("the stack has no SQS queues");
        }
        for (const queue of queues) {
            const denial = tlsDenial(stack, queue, { policyTypes: [...types.sqsQueuePolicy], linkProp: "queueUrl", service: "sqs", actions: (s) => coversWholeService(s, "sqs") });
            if (denial.verdict === "pass") {
                continue;
            }
            if (denial.verdict === "unknown" || denial.mayHaveUnresolved) {
                ctx.undecided(denial.verdict === "unknown" ? "the queue policy is partly unknown" : "a queue policy's queue is unknown", queue.urn);
            } else if (denial.declaredOn.length === 0) {
                ctx.report("noPolicy", { queue: queue.name }, queue.urn);
            } else {
                ctx.report("notEnforced", { queue: queue.name, declaredOn: denial.declaredOn.map((d) => d.name) }, queue.urn);
            }
        }
    },
});
