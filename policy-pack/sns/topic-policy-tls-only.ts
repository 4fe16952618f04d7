import { coversAction } from "../lib/iam-document";
import { definePolicy } from "../lib/policy";
import { noSafeFix } from "../lib/remediation";
import { tlsDenial } from "../lib/tls-denial";
import { types } from "../lib/types";
import { UNKNOWN } from "../lib/values";

export const snsTopicPolicyTlsOnly = definePolicy({
    name: "sns-topic-policy-tls-only",
    description: "SNS topic policies must deny publishing to the topic over connections that are not TLS.",
    rationale:
        "SNS accepts Publish requests on plain-HTTP endpoints: the message then crosses the network unencrypted before SNS " +
        "fans it out. A Deny of sns:Publish on aws:SecureTransport false in the topic policy makes SNS refuse them for every " +
        "publisher. (Subscribers' endpoints are judged by their own protocol.)",
    domain: "encryption-in-transit",
    severity: "medium",
    remediationSteps:
        "Give the topic a policy (inline policy, or an aws.sns.TopicPolicy with arn set to the topic's arn) with the statement " +
        "{ Effect: \"Deny\", Principal: \"*\", Action: \"sns:Publish\", Resource: <topic arn>, Condition: { Bool: " +
        "{ \"aws:SecureTransport\": \"false\" } } } (\"sns:*\" covers it too).",
    noRemediation: noSafeFix.policyDocument,
    messages: {
        noPolicy:
            "Topic '{{topic}}' has no topic policy, so SNS accepts messages published to it over plain HTTP. Add " +
            "an aws.sns.TopicPolicy that denies Principal '*' Action 'sns:Publish' on the topic's ARN when aws:SecureTransport is 'false'.",
        notEnforced:
            "The policy of topic '{{topic}}' (declared on '{{declaredOn}}') does not deny publishing without TLS for every principal. " +
            "Add a statement denying Principal '*' Action 'sns:Publish' on the topic's ARN with Condition Bool aws:SecureTransport 'false'.",
    },
    // Judged on what other policies recorded at Analyze, else on outputs: documents and ARNs are the same
    // in both, and an unset inline policy is AWS's default topic policy in outputs (which denies
    // nothing) or unknown at preview, so outputs alone give a failing verdict too or an undecided one.
    withoutResourceSide: true,
    checkStack(stack, ctx) {
        const topics = stack.ofType(...types.snsTopic);
        if (topics.length === 0) {
            ctx.notApplicable("the stack has no SNS topics");
        }
        for (const topic of topics) {
            const denial = tlsDenial(stack, topic, {
                policyTypes: [...types.snsTopicPolicy],
                linkProp: "arn",
                service: "sns",
                actions: (s) => {
                    const covers = coversAction(s, "sns:Publish");
                    return covers === UNKNOWN ? "unknown" : covers ? "pass" : "fail";
                },
            });
            if (denial.verdict === "pass") {
                continue;
            }
            if (denial.verdict === "unknown" || denial.mayHaveUnresolved) {
                ctx.undecided(denial.verdict === "unknown" ? "the topic policy is partly unknown" : "a topic policy's topic is unknown", topic.urn);
            } else if (denial.declaredOn.length === 0) {
                ctx.report("noPolicy", { topic: topic.name }, topic.urn);
            } else {
                ctx.report("notEnforced", { topic: topic.name, declaredOn: denial.declaredOn.map((d) => d.name) }, topic.urn);
            }
        }
    },
});
