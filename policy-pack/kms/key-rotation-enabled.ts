import { definePolicy } from "../lib/policy";
import { types } from "../lib/types";
import { Change } from "../lib/remediation";
import { UNKNOWN, bool, num, str } from "../lib/values";

export const kmsKeyRotationEnabled = definePolicy<{ maxRotationDays: number }>({
    name: "kms-key-rotation-enabled",
    description: "Symmetric KMS keys must rotate their key material automatically, at least yearly.",
    rationale:
        "Automatic rotation limits how much data any one key version protects and how long a leaked version stays useful, " +
        "without re-encrypting data: KMS keeps the old versions for decryption.",
    domain: "encryption-at-rest",
    severity: "medium",
    remediationSteps: "Set enableKeyRotation: true on the aws.kms.Key, and rotationPeriodInDays no higher than the allowed maximum (365 by default).",
    framework: { name: "CIS AWS Foundations Benchmark", version: "3.0.0", reference: "3.6", specification: "Ensure rotation for customer-created symmetric CMKs is enabled" },
    parameters: {
        maxRotationDays: { type: "integer", description: "The longest rotation period allowed, in days (AWS allows 90 to 2560).", default: 365, minimum: 90, maximum: 2560 },
    },
    messages: {
        rotationDisabled: "KMS key '{{key}}' does not rotate its key material. Set enableKeyRotation: true.",
        rotationTooSlow: "KMS key '{{key}}' rotates every {{days}} days, more than the allowed {{max}}. Set rotationPeriodInDays to {{max}} or less.",
    },
    resourceTypes: [...types.kmsKey],
    remediation: {
        summary: "Sets enableKeyRotation: true on a symmetric key, and lowers a rotationPeriodInDays above maxRotationDays to maxRotationDays. Both are updated in place.",
        resourceTypes: [...types.kmsKey],
        fix(props, config) {
            const spec = str(props.customerMasterKeySpec) ?? "SYMMETRIC_DEFAULT";
            if (spec !== "SYMMETRIC_DEFAULT") {
                return [];
            }
            const changes: Change[] = [];
            if (bool(props.enableKeyRotation) === false || props.enableKeyRotation === undefined || props.enableKeyRotation === null) {
                changes.push({ path: ["enableKeyRotation"], value: true });
            }
            const days = num(props.rotationPeriodInDays);
            if (typeof days === "number" && days > config.maxRotationDays) {
                changes.push({ path: ["rotationPeriodInDays"], value: config.maxRotationDays });
            }
            return changes;
        },
    },
    checkResource(key, ctx) {
        const spec = str(key.props.customerMasterKeySpec) ?? "SYMMETRIC_DEFAULT";
        if (spec === UNKNOWN) {
            ctx.undecided("the key spec is unknown");
            return;
        }
        if (spec !== "SYMMETRIC_DEFAULT") {
            ctx.notApplicable(`AWS rotates only symmetric encryption keys; this key is ${spec}`);
        }
        const enabled = bool(key.props.enableKeyRotation);
        if (enabled === UNKNOWN) {
            ctx.undecided("enableKeyRotation is unknown");
        } else if (enabled !== true) {
            ctx.report("rotationDisabled", { key: key.name });
            return;
        }
        const days = num(key.props.rotationPeriodInDays);
        if (days === UNKNOWN) {
            ctx.undecided("rotationPeriodInDays is unknown");
        } else if (days !== undefined && days > ctx.config.maxRotationDays) {
            ctx.report("rotationTooSlow", { key: key.name, days, max: ctx.config.maxRotationDays });
        }
    },
});
