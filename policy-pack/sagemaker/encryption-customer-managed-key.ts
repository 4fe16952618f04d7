import { AllowedKeyArnsConfig, allowedKeyArnsParameter, keyMessages, reportKey } from "../lib/customer-managed-keys";
import { Node } from "../lib/graph";
import { classifyKey } from "../lib/kms";
import { definePolicy } from "../lib/policy";
import { isOneOf, types } from "../lib/types";
import { UNKNOWN, Unknown, at, list, str } from "../lib/values";
import { noSafeFix } from "../lib/remediation";

const kinds: Record<string, { kind: string; setting: string; default: string }> = {
    [types.sagemakerNotebookInstance[0]]: { kind: "notebook instance", setting: "kmsKeyId", default: "its ML storage volume with the AWS managed aws/sagemaker key" },
    [types.sagemakerEndpointConfiguration[0]]: {
        kind: "endpoint configuration",
        setting: "kmsKeyArn",
        default: "the ML storage volumes of its endpoint's instances with the AWS managed aws/sagemaker key",
    },
    [types.sagemakerDomain[0]]: { kind: "domain", setting: "kmsKeyId", default: "the EFS volume of its users' home directories with the AWS managed aws/elasticfilesystem key" },
};

export const sagemakerEncryptionCustomerManagedKey = definePolicy<AllowedKeyArnsConfig>({
    name: "sagemaker-encryption-customer-managed-key",
    description:
        "SageMaker notebook instances, endpoint configurations and domains must encrypt their storage with a customer-managed KMS key (kmsKeyId, kmsKeyArn).",
    rationale:
        "Notebook instances keep data sets, credentials and notebooks on their ML storage volume, endpoints keep the model and " +
        "its scratch data on the volumes of their instances, and a domain keeps every user's home directory on an EFS volume. " +
        "Without a key of the team's, SageMaker encrypts them with AWS managed keys whose policies nobody can change, so access " +
        "to the data cannot be restricted, audited or revoked through the key. An endpoint configuration whose production " +
        "variants run on instance types with local NVMe storage is the exception: SageMaker encrypts that storage with a " +
        "hardware module and refuses a KMS key for it, so such a configuration is not judged.",
    domain: "encryption-at-rest",
    severity: "medium",
    findingsOn: "the aws.sagemaker.NotebookInstance, aws.sagemaker.EndpointConfiguration or aws.sagemaker.Domain",
    remediationSteps:
        "Set kmsKeyId on an aws.sagemaker.NotebookInstance and an aws.sagemaker.Domain, and kmsKeyArn on an " +
        "aws.sagemaker.EndpointConfiguration, to the ARN of an aws.kms.Key in the stack whose key policy lets the resource's " +
        "execution role use it. Changing the key of a notebook instance or a domain replaces it. A key managed outside the stack " +
        "can be allowed by adding its ARN to allowedKeyArns.",
    parameters: { allowedKeyArns: allowedKeyArnsParameter("notebook instances, endpoint configurations and domains") },
    noRemediation: noSafeFix.customerManagedKey,
    messages: {
        missingKey: "SageMaker {{kind}} '{{resource}}' sets no {{setting}}, so SageMaker encrypts {{default}}. Set {{setting}} to the ARN of a customer-managed aws.kms.Key.",
        ...keyMessages("SageMaker {{kind}} '{{resource}}'"),
    },
    withoutResourceSide: true,
    checkStack(stack, ctx) {
        const nodes = stack.ofType(...types.sagemakerNotebookInstance, ...types.sagemakerEndpointConfiguration, ...types.sagemakerDomain);
        if (nodes.length === 0) {
            ctx.notApplicable("the stack has no SageMaker notebook instances, endpoint configurations or domains");
        }
        let judged = 0;
        for (const node of nodes) {
            const { kind, setting, default: fallback } = kinds[node.type];
            const localStorage = isOneOf(node.type, types.sagemakerEndpointConfiguration) ? usesLocalInstanceStorage(node) : false;
            if (localStorage === true) {
                continue;
            }
            judged++;
            const key = classifyKey(stack, node, setting, ctx.config.allowedKeyArns);
            if (localStorage === UNKNOWN && key.kind !== "customer-managed") {
                ctx.undecided("the instance types of the production variants are unknown: instances with local storage take no KMS key", node.urn);
                continue;
            }
            reportKey(ctx, key, { kind, resource: node.name, setting, default: fallback }, node.urn);
        }
        if (judged === 0) {
            ctx.notApplicable(
                "every SageMaker resource in the stack is an endpoint configuration whose instances have local NVMe storage, which SageMaker encrypts with a hardware module and for which it refuses a KMS key",
            );
        }
    },
});

/**
 * Whether an endpoint configuration runs a production variant (or shadow variant) on an instance
 * type with local NVMe instance storage. SageMaker refuses KmsKeyId for such a configuration: "If
 * any of the models that you specify in the ProductionVariants parameter use nitro-based instances
 * with local storage, do not specify a value for the KmsKeyId parameter" (SageMaker API Reference,
 * CreateEndpointConfig, KmsKeyId). Which types have instance storage: Amazon EC2 User Guide,
 * "Instance store volumes" — the families with a "d" in their suffix (m5d, c5d, r5d, g4dn, p4d,
 * c6id, …) and the accelerated families g5, g6, g6e, p5, p5e, p5en, trn1 and trn1n.
 */
function usesLocalInstanceStorage(node: Node): boolean | Unknown {
    let unknown = false;
    for (const prop of ["productionVariants", "shadowProductionVariants"]) {
        const variants = list(node.inputs[prop]);
        if (variants === UNKNOWN) {
            unknown = true;
            continue;
        }
        for (const variant of variants) {
            const instanceType = str(at(variant, "instanceType"));
            if (instanceType === UNKNOWN) {
                unknown = true;
            } else if (typeof instanceType === "string" && hasInstanceStorage(instanceType)) {
                return true;
            }
        }
    }
    return unknown ? UNKNOWN : false;
}

function hasInstanceStorage(instanceType: string): boolean {
    const family = /^ml\.([a-z0-9-]+)\./.exec(instanceType)?.[1];
    return family !== undefined && (/^[a-z]+\d+[a-z]*d[a-z]*$/.test(family) || ["g5", "g6", "g6e", "p5", "p5e", "p5en", "trn1", "trn1n"].includes(family));
}
