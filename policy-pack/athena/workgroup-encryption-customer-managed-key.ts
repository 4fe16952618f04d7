import { AllowedKeyArnsConfig, allowedKeyArnsParameter, keyMessages, reportEncryption, reportKey } from "../lib/customer-managed-keys";
import { classifyKey } from "../lib/kms";
import { definePolicy } from "../lib/policy";
import { types } from "../lib/types";
import { UNKNOWN, at, bool, str } from "../lib/values";
import { noSafeFix } from "../lib/remediation";

const subject = "Athena workgroup '{{resource}}'";

export const athenaWorkgroupEncryptionCustomerManagedKey = definePolicy<AllowedKeyArnsConfig>({
    name: "athena-workgroup-encryption-customer-managed-key",
    description:
        "Athena workgroups must encrypt query results with a customer-managed KMS key (SSE_KMS or CSE_KMS with kmsKeyArn) and enforce that setting on every query (enforceWorkgroupConfiguration).",
    rationale:
        "Query results are copies of whatever the queries read, often joined and filtered down to the sensitive part, written " +
        "to S3 for every query. A workgroup without result encryption leaves them to the bucket's defaults; SSE_S3 protects them " +
        "with a key nobody governs; and a workgroup that does not enforce its configuration lets each client choose its own " +
        "output location and encryption, or none. A customer-managed key, enforced, puts every result behind a key policy the " +
        "team controls.",
    domain: "encryption-at-rest",
    severity: "medium",
    findingsOn: "the aws.athena.Workgroup",
    remediationSteps:
        'In the workgroup\'s configuration set resultConfiguration.encryptionConfiguration to { encryptionOption: "SSE_KMS" (or ' +
        '"CSE_KMS"), kmsKeyArn: <ARN of an aws.kms.Key in the stack> } and leave enforceWorkgroupConfiguration true (its default). ' +
        "A workgroup that keeps results in Athena managed storage (managedQueryResultsConfiguration.enabled) sets " +
        "managedQueryResultsConfiguration.encryptionConfiguration.kmsKey instead. A key managed outside the stack can be allowed " +
        "by adding its ARN to allowedKeyArns.",
    framework: { name: "AWS Foundational Security Best Practices", version: "1.0.0", reference: "Athena.1", specification: "Athena workgroups should be encrypted at rest" },
    parameters: { allowedKeyArns: allowedKeyArnsParameter("workgroups") },
    noRemediation: noSafeFix.customerManagedKey,
    messages: {
        notEncrypted:
            `${subject} does not encrypt query results with KMS ({{flag}} is {{value}}). ` +
            'Set {{flag}} to "SSE_KMS" (or "CSE_KMS") and {{setting}} to the ARN of a customer-managed aws.kms.Key.',
        missingKey: `${subject} encrypts query results with KMS but sets no {{setting}}. Set {{setting}} to the ARN of a customer-managed aws.kms.Key.`,
        managedResultsAwsOwnedKey:
            `${subject} keeps query results in Athena managed storage without {{setting}}, so they are encrypted with a key AWS owns. ` +
            "Set {{setting}} to the ARN of a customer-managed aws.kms.Key.",
        notEnforced:
            `${subject} sets configuration.enforceWorkgroupConfiguration to false, so each client may override the result location ` +
            "and encryption, or send results unencrypted. Set it to true (the default).",
        ...keyMessages(subject),
    },
    withoutResourceSide: true,
    stackType: types.athenaWorkgroup[0],
    checkStack(stack, ctx) {
        const allowed = ctx.config.allowedKeyArns;
        for (const workgroup of stack.ofType(...types.athenaWorkgroup)) {
            const configuration = at(workgroup.inputs.configuration, 0);
            if (configuration === UNKNOWN) {
                ctx.undecided("configuration is unknown", workgroup.urn);
                continue;
            }
            const enforced = bool(at(configuration, "enforceWorkgroupConfiguration"));
            if (enforced === UNKNOWN) {
                ctx.undecided("configuration.enforceWorkgroupConfiguration is unknown", workgroup.urn);
            } else if (enforced === false) {
                ctx.report("notEnforced", { resource: workgroup.name }, workgroup.urn);
            }
            const managed = at(configuration, "managedQueryResultsConfiguration", 0);
            const managedEnabled = bool(at(managed, "enabled"));
            if (managedEnabled === UNKNOWN) {
                ctx.undecided("configuration.managedQueryResultsConfiguration.enabled is unknown", workgroup.urn);
                continue;
            }
            if (managedEnabled === true) {
                const key = classifyKey(stack, workgroup, "configuration", allowed, { value: at(managed, "encryptionConfiguration", 0, "kmsKey"), shared: true });
                const setting = "configuration.managedQueryResultsConfiguration.encryptionConfiguration.kmsKey";
                if (key.kind === "missing") {
                    ctx.report("managedResultsAwsOwnedKey", { resource: workgroup.name, setting }, workgroup.urn);
                } else {
                    reportKey(ctx, key, { resource: workgroup.name, setting }, workgroup.urn);
                }
                continue;
            }
            const encryption = at(configuration, "resultConfiguration", 0, "encryptionConfiguration", 0);
            const option = str(at(encryption, "encryptionOption"));
            const flag = "configuration.resultConfiguration.encryptionConfiguration.encryptionOption";
            const key = classifyKey(stack, workgroup, "configuration", allowed, { value: at(encryption, "kmsKeyArn"), shared: true });
            reportEncryption(
                ctx,
                option === UNKNOWN ? UNKNOWN : option === "SSE_KMS" || option === "CSE_KMS",
                key,
                {
                    resource: workgroup.name,
                    flag,
                    value: option === UNKNOWN ? "unknown" : option === undefined ? "unset" : `'${option}'`,
                    setting: "configuration.resultConfiguration.encryptionConfiguration.kmsKeyArn",
                },
                workgroup.urn,
            );
        }
    },
});
