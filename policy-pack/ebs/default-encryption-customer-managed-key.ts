import { AllowedKeyArnsConfig, allowedKeyArnsParameter, keyMessages, reportKey } from "../lib/customer-managed-keys";
import { regionOf, sameRegion } from "../lib/graph";
import { classifyKey } from "../lib/kms";
import { definePolicy } from "../lib/policy";
import { noSafeFix } from "../lib/remediation";
import { types } from "../lib/types";
import { UNKNOWN, bool } from "../lib/values";

export const ebsDefaultEncryptionCustomerManagedKey = definePolicy<AllowedKeyArnsConfig>({
    name: "ebs-default-encryption-customer-managed-key",
    description:
        "EBS encryption by default, where the stack manages it, must be on and use a customer-managed KMS key (aws.ebs.DefaultKmsKey), not the AWS managed aws/ebs key.",
    rationale:
        "EBS encryption by default is a Region's safety net: every new volume and snapshot copy is encrypted, whatever the program or " +
        "console that creates it asks for. Turning it off removes the net. Turned on, it encrypts with the Region's default EBS key, which is " +
        "the AWS managed aws/ebs key unless an aws.ebs.DefaultKmsKey names another: its policy cannot be changed and it cannot be shared, so " +
        "snapshots made under it cannot be copied to another account. An aws.ebs.EncryptionByDefault with no aws.ebs.DefaultKmsKey for its " +
        "Region in the stack is taken to mean aws/ebs; a default key set outside the stack can be waived for it. Each one's Region is its own " +
        "region, else its provider's (an explicit provider's region input), so settings made through providers of two Regions do not meet.",
    domain: "encryption-at-rest",
    severity: "medium",
    findingsOn: "the aws.ebs.EncryptionByDefault (off, or on without a default key for its Region) or the aws.ebs.DefaultKmsKey (a key that is not customer managed)",
    remediationSteps:
        "Leave aws.ebs.EncryptionByDefault's enabled at its default (true), and add an aws.ebs.DefaultKmsKey for the same Region whose keyArn " +
        "is the ARN of an aws.kms.Key in the stack (its key policy must let the account's EC2 users and the service-linked roles of Auto Scaling " +
        "and other services that create volumes use it). A key managed outside the stack can be allowed by adding its ARN to allowedKeyArns.",
    framework: { name: "AWS Foundational Security Best Practices", version: "1.0.0", reference: "EC2.7", specification: "EBS default encryption should be enabled" },
    parameters: { allowedKeyArns: allowedKeyArnsParameter("EBS encryption by default") },
    noRemediation: noSafeFix.customerManagedKey,
    messages: {
        disabled:
            "EBS encryption by default '{{resource}}' sets enabled to false, so new volumes{{where}} are created unencrypted unless each asks for encryption. " +
            "Remove enabled: false (it defaults to true).",
        noDefaultKey:
            "EBS encryption by default '{{resource}}' is on, but the stack sets no aws.ebs.DefaultKmsKey{{where}}, so volumes that name no key are " +
            "encrypted with the AWS managed aws/ebs key. Add an aws.ebs.DefaultKmsKey whose keyArn is the ARN of a customer-managed aws.kms.Key.",
        missingKey: "Default EBS key '{{resource}}' sets no {{setting}}, so the AWS managed aws/ebs key stays the default. Set {{setting}} to the ARN of a customer-managed aws.kms.Key.",
        ...keyMessages("Default EBS key '{{resource}}'"),
    },
    withoutResourceSide: true,
    checkStack(stack, ctx) {
        const settings = stack.ofType(...types.ebsEncryptionByDefault);
        const defaultKeys = stack.ofType(...types.ebsDefaultKmsKey);
        if (settings.length === 0 && defaultKeys.length === 0) {
            ctx.notApplicable("the stack manages neither EBS encryption by default nor the default EBS key");
        }
        for (const defaultKey of defaultKeys) {
            const key = classifyKey(stack, defaultKey, "keyArn", ctx.config.allowedKeyArns);
            reportKey(ctx, key, { resource: defaultKey.name, setting: "keyArn" }, defaultKey.urn);
        }
        // Both are per Region: the resource's own `region`, or its provider's when unset.
        for (const setting of settings) {
            const region = regionOf(setting);
            const where = typeof region === "string" ? ` in ${region}` : "";
            const enabled = bool(setting.inputs.enabled) ?? true;
            const keyRegions = defaultKeys.map((k) => sameRegion(setting, k));
            if (enabled === UNKNOWN) {
                ctx.undecided("enabled is unknown", setting.urn);
            } else if (!enabled) {
                ctx.report("disabled", { resource: setting.name, where }, setting.urn);
            } else if (keyRegions.includes("pass")) {
                continue;
            } else if (keyRegions.includes("unknown")) {
                ctx.undecided("the Region of EBS encryption by default or of a default EBS key is unknown, or one is named and the other comes from the environment", setting.urn);
            } else {
                ctx.report("noDefaultKey", { resource: setting.name, where }, setting.urn);
            }
        }
    },
});
