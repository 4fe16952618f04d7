// What the encryption-at-rest policies that require a customer-managed KMS key share: the
// parameter that allows keys managed outside the stack, the wording of their findings, and how a
// key's classification (kms.ts `classifyKey`) becomes a finding, an undecided value or a pass.
import { KeyClass } from "./kms";
import { CheckContext, Parameter } from "./policy";
import { UNKNOWN, Unknown } from "./values";

export interface AllowedKeyArnsConfig {
    allowedKeyArns: string[];
}

/** The `allowedKeyArns` parameter; `users` names what may use the keys ("buckets", "queues"). */
export function allowedKeyArnsParameter(users: string): Parameter {
    return {
        type: "array",
        items: { type: "string" },
        description: `ARNs of customer-managed KMS keys (or aliases) created outside the stack that ${users} may use.`,
        default: [],
    };
}

/**
 * The messages for a key that is named but not customer managed. `subject` names the resource in
 * the policy's own words, with its placeholders ("SQS queue '{{resource}}'"); the reported data
 * carries `setting` (the property, as the program writes it) and `key`.
 */
export function keyMessages(subject: string): { awsManagedKey: string; notCustomerManaged: string } {
    return {
        awsManagedKey: `${subject} sets {{setting}} to the AWS managed key '{{key}}', whose key policy nobody can change. Set {{setting}} to the ARN of a customer-managed aws.kms.Key.`,
        notCustomerManaged:
            `${subject} sets {{setting}} to KMS key '{{key}}', which is neither an aws.kms.Key or aws.kms.Alias in this stack nor listed in allowedKeyArns. ` +
            "Use a customer-managed key from the stack, or add the key's ARN to allowedKeyArns.",
    };
}

/**
 * Reports what a key's classification means for the resource at `urn`: nothing for a
 * customer-managed key, `missingKey` (the policy's own message: what the service uses instead
 * differs), `awsManagedKey` or `notCustomerManaged` (see keyMessages), or undecided while the key
 * is unknown and not linked to a key in the stack. `data.setting` names the property.
 */
export function reportKey<C>(ctx: CheckContext<C>, key: KeyClass, data: Record<string, unknown> & { setting: string }, urn: string): void {
    switch (key.kind) {
        case "customer-managed":
            return;
        case "unknown":
            ctx.undecided(`${data.setting} is unknown and not linked to a key in the stack`, urn);
            return;
        case "missing":
            ctx.report("missingKey", data, urn);
            return;
        case "aws-managed":
            ctx.report("awsManagedKey", { ...data, key: key.key }, urn);
            return;
        case "not-customer-managed":
            ctx.report("notCustomerManaged", { ...data, key: key.key }, urn);
            return;
    }
}

/**
 * Reports what an encryption flag and the key that goes with it mean for the resource at `urn`
 * (`data.flag` names the flag, `data.setting` the key's property): a flag that is not true is
 * `notEncrypted` (the policy's message); a true flag's key is judged by reportKey. A flag unknown
 * at preview is decided by a customer-managed key, which the service accepts only with the flag
 * set; otherwise it is undecided. `encryptedByDefault` is what the service does when the flag is
 * unset.
 */
export function reportEncryption<C>(
    ctx: CheckContext<C>,
    flag: boolean | Unknown | undefined,
    key: KeyClass,
    data: Record<string, unknown> & { setting: string; flag: string },
    urn: string,
    encryptedByDefault = false,
): void {
    const encrypted = flag ?? encryptedByDefault;
    if (encrypted === UNKNOWN) {
        if (key.kind !== "customer-managed") {
            ctx.undecided(`${data.flag} is unknown`, urn);
        }
    } else if (!encrypted) {
        ctx.report("notEncrypted", data, urn);
    } else {
        reportKey(ctx, key, data, urn);
    }
}
