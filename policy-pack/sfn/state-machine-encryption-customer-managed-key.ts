import { AllowedKeyArnsConfig, allowedKeyArnsParameter, keyMessages, reportEncryption } from "../lib/customer-managed-keys";
import { classifyKey } from "../lib/kms";
import { definePolicy } from "../lib/policy";
import { isOneOf, types } from "../lib/types";
import { UNKNOWN, at, str } from "../lib/values";
import { noSafeFix } from "../lib/remediation";

const subject = "Step Functions {{kind}} '{{resource}}'";

export const sfnStateMachineEncryptionCustomerManagedKey = definePolicy<AllowedKeyArnsConfig>({
    name: "sfn-state-machine-encryption-customer-managed-key",
    description:
        "Step Functions state machines and activities must encrypt their data with a customer-managed KMS key (encryptionConfiguration type CUSTOMER_MANAGED_KMS_KEY with kmsKeyId).",
    rationale:
        "A state machine keeps its definition and every execution's input, output and state history; an activity keeps the " +
        "tasks it hands to workers. Unless encryptionConfiguration names a customer-managed key, Step Functions encrypts them " +
        "with a key AWS owns, so anyone allowed to describe executions or get activity tasks reads the payloads, and there is " +
        "no key policy to restrict who decrypts them nor a key to disable. A customer-managed key adds both.",
    domain: "encryption-at-rest",
    severity: "medium",
    findingsOn: "the aws.sfn.StateMachine or aws.sfn.Activity",
    remediationSteps:
        'Set encryptionConfiguration to { type: "CUSTOMER_MANAGED_KMS_KEY", kmsKeyId: <ARN of an aws.kms.Key in the stack> } on each ' +
        "aws.sfn.StateMachine and aws.sfn.Activity. The key policy must let the state machine's execution role (and the workers " +
        "of an activity) use the key through states.<region>.amazonaws.com. A key managed outside the stack can be allowed by " +
        "adding its ARN to allowedKeyArns.",
    parameters: { allowedKeyArns: allowedKeyArnsParameter("state machines and activities") },
    noRemediation: noSafeFix.customerManagedKey,
    messages: {
        notEncrypted:
            `${subject} encrypts its data with a key AWS owns ({{flag}} is {{value}}). ` +
            'Set encryptionConfiguration to { type: "CUSTOMER_MANAGED_KMS_KEY", kmsKeyId: <ARN of a customer-managed aws.kms.Key> }.',
        missingKey: `${subject} sets type CUSTOMER_MANAGED_KMS_KEY but no {{setting}}. Set {{setting}} to the ARN of a customer-managed aws.kms.Key.`,
        ...keyMessages(subject),
    },
    withoutResourceSide: true,
    checkStack(stack, ctx) {
        const nodes = stack.ofType(...types.sfnStateMachine, ...types.sfnActivity);
        if (nodes.length === 0) {
            ctx.notApplicable("the stack has no Step Functions state machines or activities");
        }
        for (const node of nodes) {
            const block = at(node.inputs.encryptionConfiguration, 0);
            // Unset, Step Functions uses a key AWS owns (type AWS_OWNED_KEY).
            const type = block === UNKNOWN ? UNKNOWN : str(at(block, "type")) || "AWS_OWNED_KEY";
            const key = classifyKey(stack, node, "encryptionConfiguration", ctx.config.allowedKeyArns, { value: at(block, "kmsKeyId") });
            reportEncryption(
                ctx,
                type === UNKNOWN ? UNKNOWN : type === "CUSTOMER_MANAGED_KMS_KEY",
                key,
                {
                    kind: isOneOf(node.type, types.sfnActivity) ? "activity" : "state machine",
                    resource: node.name,
                    flag: "encryptionConfiguration.type",
                    value: type === UNKNOWN ? "unknown" : `'${type}'`,
                    setting: "encryptionConfiguration.kmsKeyId",
                },
                node.urn,
            );
        }
    },
});
