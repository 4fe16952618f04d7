import { AllowedKeyArnsConfig, allowedKeyArnsParameter, keyMessages, reportKey } from "../lib/customer-managed-keys";
import { Node, StackGraph } from "../lib/graph";
import { classifyKey } from "../lib/kms";
import { definePolicy } from "../lib/policy";
import { noSafeFix } from "../lib/remediation";
import { types } from "../lib/types";
import { UNKNOWN, Unknown, at, list, str } from "../lib/values";

export const secretsManagerSecretCustomerManagedKey = definePolicy<AllowedKeyArnsConfig>({
    name: "secretsmanager-secret-customer-managed-key",
    description: "Secrets Manager secrets (and their replicas) must be encrypted with a customer-managed KMS key (kmsKeyId), not the AWS managed aws/secretsmanager key.",
    rationale:
        "Without kmsKeyId a secret is encrypted with the AWS managed aws/secretsmanager key, whose policy cannot be changed: every principal " +
        "in the account that may call secretsmanager:GetSecretValue on the secret can decrypt it, and another account cannot be given the " +
        "secret at all. A customer-managed key adds a second, separately governed permission in front of every secret value. The " +
        "credentials of an ECR pull-through cache rule are the exception: ECR reads only secrets named ecr-pullthroughcache/… and " +
        "encrypted with aws/secretsmanager, so those secrets are not judged.",
    domain: "encryption-at-rest",
    severity: "medium",
    findingsOn: "the aws.secretsmanager.Secret (its replicas' keys included)",
    remediationSteps:
        "Set the secret's kmsKeyId to the ARN (or an aws.kms.Alias) of an aws.kms.Key in the stack whose key policy lets the secret's readers " +
        "(and its rotation function) call kms:Decrypt through Secrets Manager (kms:ViaService), and each of its replicas' kmsKeyId to a key in " +
        "the replica's Region. A key managed outside the stack can be allowed " +
        "by adding its ARN to allowedKeyArns.",
    parameters: { allowedKeyArns: allowedKeyArnsParameter("secrets") },
    noRemediation: noSafeFix.customerManagedKey,
    messages: {
        missingKey:
            "Secret '{{resource}}' sets no {{setting}}, so Secrets Manager encrypts it{{where}} with the AWS managed aws/secretsmanager key. " +
            "Set {{setting}} to the ARN of a customer-managed aws.kms.Key.",
        ...keyMessages("Secret '{{resource}}'"),
    },
    withoutResourceSide: true,
    stackType: types.secretsManagerSecret[0],
    checkStack(stack, ctx) {
        const secrets = stack.ofType(...types.secretsManagerSecret).map((secret) => ({ secret, forPullThroughCache: holdsPullThroughCacheCredentials(stack, secret) }));
        if (secrets.every((s) => s.forPullThroughCache === true)) {
            ctx.notApplicable(
                "every secret in the stack holds the upstream credentials of an ECR pull-through cache rule (ecr-pullthroughcache/…), which ECR accepts only encrypted with aws/secretsmanager",
            );
        }
        const allowed = ctx.config.allowedKeyArns;
        for (const { secret, forPullThroughCache } of secrets) {
            if (forPullThroughCache === true) {
                continue;
            }
            const key = classifyKey(stack, secret, "kmsKeyId", allowed);
            if (forPullThroughCache === UNKNOWN && key.kind !== "customer-managed") {
                ctx.undecided("the name is unknown: a secret named ecr-pullthroughcache/… must keep aws/secretsmanager", secret.urn);
                continue;
            }
            reportKey(ctx, key, { resource: secret.name, setting: "kmsKeyId", where: "" }, secret.urn);
            const replicas = list(secret.inputs.replicas);
            if (replicas === UNKNOWN) {
                ctx.undecided("replicas is unknown", secret.urn);
                continue;
            }
            replicas.forEach((replica, i) => {
                const region = at(replica, "region");
                const key = classifyKey(stack, secret, "replicas", allowed, { value: at(replica, "kmsKeyId"), shared: true });
                reportKey(ctx, key, { resource: secret.name, setting: `replicas[${i}].kmsKeyId`, where: typeof region === "string" ? ` in ${region}` : "" }, secret.urn);
            });
        }
    },
});

/**
 * Whether a secret holds the upstream credentials of an ECR pull-through cache rule: a rule in the
 * stack names it (credentialArn), or its name has the prefix ECR requires of such secrets. ECR
 * supports only the AWS managed aws/secretsmanager key for them, not a customer-managed one
 * (Amazon ECR User Guide, "Storing your upstream repository credentials in an AWS Secrets Manager
 * secret"; the API's credentialArn pattern requires the prefix).
 */
function holdsPullThroughCacheCredentials(stack: StackGraph, secret: Node): boolean | Unknown {
    if (stack.referrers(secret, [...types.ecrPullThroughCacheRule], "credentialArn").length > 0) {
        return true;
    }
    const name = str(secret.inputs.name) ?? str(secret.inputs.namePrefix) ?? str(secret.outputs.name);
    return name === UNKNOWN ? UNKNOWN : typeof name === "string" && name.startsWith("ecr-pullthroughcache/");
}
