import { AllowedKeyArnsConfig, allowedKeyArnsParameter, keyMessages, reportKey } from "../lib/customer-managed-keys";
import { KeyClass } from "../lib/kms";
import { classifyKey } from "../lib/kms";
import { CheckContext, definePolicy } from "../lib/policy";
import { noSafeFix } from "../lib/remediation";
import { types } from "../lib/types";
import { UNKNOWN, Unknown, at, list, str } from "../lib/values";

const subject = "ECR repository '{{resource}}'";
/** Encryption types that encrypt with a KMS key (DSSE-KMS applies two layers under the same key). */
const kmsTypes = ["KMS", "KMS_DSSE"];
const setting = "encryptionConfigurations[].kmsKey";

export const ecrRepositoryEncryptionCustomerManagedKey = definePolicy<AllowedKeyArnsConfig>({
    name: "ecr-repository-encryption-customer-managed-key",
    description: "ECR repositories must encrypt images with KMS under a customer-managed key (encryptionConfigurations).",
    rationale:
        "By default ECR encrypts image layers with AES256 under keys S3 manages, and encryptionType KMS without kmsKey uses the " +
        "AWS managed aws/ecr key: either way anyone who can pull from the repository gets the images, with no key policy to " +
        "narrow who may decrypt them and no way to cut access off by disabling a key. Images carry code, configuration and, too " +
        "often, credentials baked into layers.",
    domain: "encryption-at-rest",
    severity: "medium",
    findingsOn: "the aws.ecr.Repository",
    remediationSteps:
        "Give the repository encryptionConfigurations: [{ encryptionType: \"KMS\", kmsKey: <ARN of a customer-managed aws.kms.Key> }]. " +
        "ECR sets encryption only when a repository is created, so the change replaces the repository: push the images again " +
        "afterwards. A key managed outside the stack can be allowed by adding its ARN to allowedKeyArns.",
    parameters: {
        allowedKeyArns: allowedKeyArnsParameter("repositories"),
    },
    noRemediation: noSafeFix.customerManagedKey,
    messages: {
        notKms:
            `${subject} encrypts with encryptionType '{{encryptionType}}' (AES256 under keys S3 manages, the default without encryptionConfigurations), ` +
            "not with a KMS key. Set encryptionConfigurations to [{ encryptionType: \"KMS\", kmsKey: <ARN of a customer-managed aws.kms.Key> }].",
        missingKey:
            `${subject} encrypts with encryptionType '{{encryptionType}}' but sets no kmsKey, so ECR uses the AWS managed aws/ecr key. ` +
            "Set kmsKey to the ARN of a customer-managed aws.kms.Key.",
        ...keyMessages(subject),
    },
    withoutResourceSide: true,
    stackType: types.ecrRepository[0],
    checkStack(stack, ctx) {
        const repositories = stack.ofType(...types.ecrRepository);
        for (const repository of repositories) {
            const data = { resource: repository.name, setting };
            const configurations = list(repository.inputs.encryptionConfigurations);
            if (configurations === UNKNOWN) {
                // The dependencies of the whole list still tell whether it names a key of the stack.
                const key = classifyKey(stack, repository, "encryptionConfigurations", ctx.config.allowedKeyArns, { value: UNKNOWN });
                judge(ctx, UNKNOWN, key, data, repository.urn);
                continue;
            }
            if (configurations.length === 0) {
                ctx.report("notKms", { ...data, encryptionType: "AES256" }, repository.urn);
                continue;
            }
            for (const configuration of configurations) {
                // Without encryptionType ECR applies its default, AES256; an unknown element reads as unknown here.
                const encryptionType = str(at(configuration, "encryptionType")) || "AES256";
                const key = classifyKey(stack, repository, "encryptionConfigurations", ctx.config.allowedKeyArns, { value: at(configuration, "kmsKey") });
                judge(ctx, encryptionType, key, { ...data, encryptionType }, repository.urn);
            }
        }
    },
});

/**
 * An encryption type other than KMS fails whatever the key; with KMS the key is judged. ECR takes
 * a kmsKey only with a KMS encryption type, so while the type is unknown at preview a
 * customer-managed key decides, and anything else is undecided.
 */
function judge<C>(ctx: CheckContext<C>, encryptionType: string | Unknown, key: KeyClass, data: Record<string, unknown> & { setting: string }, urn: string): void {
    if (encryptionType === UNKNOWN) {
        if (key.kind !== "customer-managed") {
            ctx.undecided("encryptionConfigurations[].encryptionType is unknown", urn);
        }
    } else if (!kmsTypes.includes(encryptionType)) {
        ctx.report("notKms", data, urn);
    } else {
        reportKey(ctx, key, data, urn);
    }
}
