import { AllowedKeyArnsConfig, allowedKeyArnsParameter, keyMessages, reportEncryption } from "../lib/customer-managed-keys";
import { classifyKey } from "../lib/kms";
import { definePolicy } from "../lib/policy";
import { noSafeFix } from "../lib/remediation";
import { types } from "../lib/types";
import { at, bool } from "../lib/values";

const subject = "{{service}} domain '{{resource}}'";
const setting = "encryptAtRest.kmsKeyId";

export const openSearchDomainEncryptionCustomerManagedKey = definePolicy<AllowedKeyArnsConfig>({
    name: "opensearch-domain-encryption-customer-managed-key",
    description: "OpenSearch (and legacy Elasticsearch) domains must encrypt data at rest with a customer-managed KMS key (encryptAtRest).",
    rationale:
        "A domain without encryptAtRest keeps its indexes, logs, swap files and automated snapshots unencrypted on disk; with " +
        "encryptAtRest but no kmsKeyId it uses the AWS managed aws/es key, whose policy nobody can change. Search domains often " +
        "index the most sensitive data an application has. A customer-managed key puts that data behind a key policy the team " +
        "controls, with every use recorded in CloudTrail.",
    domain: "encryption-at-rest",
    severity: "high",
    findingsOn: "the aws.opensearch.Domain or aws.elasticsearch.Domain",
    remediationSteps:
        "Set the domain's encryptAtRest to { enabled: true, kmsKeyId: <ARN of a customer-managed aws.kms.Key> } (pass the key ARN: " +
        "OpenSearch returns the ARN, so a key id shows a perpetual diff). Encryption at rest is set when the domain is created: " +
        "enabling it later replaces the domain. A key managed outside the stack can be allowed by adding its ARN to allowedKeyArns.",
    framework: {
        name: "AWS Foundational Security Best Practices",
        version: "1.0.0",
        reference: "Opensearch.1",
        specification: "OpenSearch domains should have encryption at rest enabled",
    },
    parameters: {
        allowedKeyArns: allowedKeyArnsParameter("domains"),
    },
    noRemediation: noSafeFix.customerManagedKey,
    messages: {
        notEncrypted:
            `${subject} does not encrypt data at rest (encryptAtRest.enabled is not true; it defaults to false). ` +
            "Set encryptAtRest to { enabled: true, kmsKeyId: <ARN of a customer-managed aws.kms.Key> }.",
        missingKey:
            `${subject} encrypts at rest without {{setting}}, so the service uses the AWS managed aws/es key. ` +
            "Set {{setting}} to the ARN of a customer-managed aws.kms.Key.",
        ...keyMessages(subject),
    },
    withoutResourceSide: true,
    checkStack(stack, ctx) {
        const domains = stack.ofType(...types.searchDomain);
        if (domains.length === 0) {
            ctx.notApplicable("the stack has no OpenSearch or Elasticsearch domains");
        }
        for (const domain of domains) {
            const service = domain.type === types.searchDomain[0] ? "OpenSearch" : "Elasticsearch";
            // The block is an object; a one-element list where it came from state that kept lists.
            const encryptAtRest = at(domain.inputs.encryptAtRest, 0);
            const enabled = bool(at(encryptAtRest, "enabled"));
            const key = classifyKey(stack, domain, "encryptAtRest", ctx.config.allowedKeyArns, { value: at(encryptAtRest, "kmsKeyId") });
            reportEncryption(ctx, enabled, key, { resource: domain.name, service, setting, flag: "encryptAtRest.enabled" }, domain.urn);
        }
    },
});
