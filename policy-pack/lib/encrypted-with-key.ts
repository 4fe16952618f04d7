// The judgement the customer-managed-key policies share for services whose encryption at rest is
// a switch plus a key: a stream's encryptionType, a domain's encryptAtRest.enabled, a cluster's
// encrypted flag, each with the key it names.
import { reportKey } from "./customer-managed-keys";
import { KeyClass } from "./kms";
import { CheckContext } from "./policy";
import { UNKNOWN, Unknown } from "./values";

export interface EncryptionSetting {
    /** Whether the resource encrypts at rest: true, false, or unknown at preview. */
    encrypted: boolean | Unknown;
    /** The switch as the program writes it, for the undecided note ("encryptAtRest.enabled"). */
    switchName: string;
    /** Who manages the key the resource names (kms.ts `classifyKey`). */
    key: KeyClass;
    /** The message id for a switch that is off ("notEncrypted" unless the service encrypts anyway, without KMS). */
    offMessageId?: string;
}

/**
 * Reports what a switch and a key mean for the resource at `urn`: `notEncrypted` (or the
 * setting's `offMessageId`) when it is off, the key's finding (customer-managed-keys.ts
 * `reportKey`) when it is on. While the switch is unknown at preview, a key that is not customer managed fails either way (unencrypted, or
 * encrypted under a key the team does not control), so that is reported; only a customer-managed
 * or unknown key leaves the verdict to the switch, and it is undecided.
 */
export function reportEncryption<C>(ctx: CheckContext<C>, setting: EncryptionSetting, data: Record<string, unknown> & { setting: string }, urn: string): void {
    if (setting.encrypted === false) {
        ctx.report(setting.offMessageId ?? "notEncrypted", data, urn);
        return;
    }
    if (setting.encrypted === UNKNOWN && (setting.key.kind === "customer-managed" || setting.key.kind === "unknown")) {
        ctx.undecided(`${setting.switchName} is unknown`, urn);
        if (setting.key.kind === "customer-managed") {
            return;
        }
    }
    reportKey(ctx, setting.key, data, urn);
}
