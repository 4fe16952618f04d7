import { AllowedKeyArnsConfig, allowedKeyArnsParameter, keyMessages, reportKey } from "../lib/customer-managed-keys";
import { Node } from "../lib/graph";
import { classifyKey } from "../lib/kms";
import { CheckContext, definePolicy } from "../lib/policy";
import { isOneOf, types } from "../lib/types";
import { UNKNOWN, Unknown, at, bool, list, str } from "../lib/values";
import { noSafeFix } from "../lib/remediation";

export const codebuildProjectEncryptionCustomerManagedKey = definePolicy<AllowedKeyArnsConfig>({
    name: "codebuild-project-encryption-customer-managed-key",
    description:
        "CodeBuild projects must encrypt build artifacts with a customer-managed KMS key (encryptionKey), never turn off the encryption of artifacts or S3 logs, and report groups must encrypt their exports with a customer-managed key.",
    rationale:
        "Build artifacts and logs hold what a build produced and printed: packaged code, configuration, sometimes credentials " +
        "echoed by a script. Without encryptionKey CodeBuild encrypts artifacts with the AWS managed aws/s3 key, whose policy " +
        "nobody can change; with encryptionDisabled it writes artifacts, S3 logs or exported test reports in the clear (Security " +
        "Hub CodeBuild.3 for logs, CodeBuild.7 for report exports). A customer-managed key puts them behind a key policy the " +
        "team controls.",
    domain: "encryption-at-rest",
    severity: "medium",
    findingsOn: "the aws.codebuild.Project or aws.codebuild.ReportGroup",
    remediationSteps:
        "Set the project's encryptionKey to the ARN of an aws.kms.Key in the stack whose key policy lets the project's service " +
        "role use it; remove encryptionDisabled (or set it to false) from artifacts, every secondaryArtifacts entry and " +
        "logsConfig.s3Logs. On an aws.codebuild.ReportGroup that exports to S3, set exportConfig.s3Destination.encryptionKey " +
        "to a customer-managed key and leave encryptionDisabled false. A key managed outside the stack can be allowed by adding " +
        "its ARN to allowedKeyArns.",
    framework: { name: "AWS Foundational Security Best Practices", version: "1.0.0", reference: "CodeBuild.3", specification: "CodeBuild S3 logs should be encrypted" },
    parameters: { allowedKeyArns: allowedKeyArnsParameter("projects and report groups") },
    noRemediation: noSafeFix.customerManagedKey,
    messages: {
        missingKey:
            "CodeBuild {{kind}} '{{resource}}' sets no {{setting}}, so CodeBuild encrypts its artifacts with the AWS managed aws/s3 key. " +
            "Set {{setting}} to the ARN of a customer-managed aws.kms.Key.",
        encryptionDisabled: "CodeBuild {{kind}} '{{resource}}' sets {{flag}} to true, so {{what}} are written to S3 unencrypted. Remove {{flag}} or set it to false.",
        ...keyMessages("CodeBuild {{kind}} '{{resource}}'"),
    },
    withoutResourceSide: true,
    checkStack(stack, ctx) {
        const projects = stack.ofType(...types.codebuildProject);
        const reportGroups = stack.ofType(...types.codebuildReportGroup);
        if (projects.length === 0 && reportGroups.length === 0) {
            ctx.notApplicable("the stack has no CodeBuild projects or report groups");
        }
        for (const project of projects) {
            const key = classifyKey(stack, project, "encryptionKey", ctx.config.allowedKeyArns);
            reportKey(ctx, key, { kind: "project", resource: project.name, setting: "encryptionKey" }, project.urn);
            checkDisabled(ctx, project, at(project.inputs.artifacts, 0), "artifacts", "artifacts", is("type", "S3"));
            const secondary = list(project.inputs.secondaryArtifacts);
            if (secondary === UNKNOWN) {
                ctx.undecided("secondaryArtifacts is unknown", project.urn);
            } else {
                secondary.forEach((artifact, i) => checkDisabled(ctx, project, artifact, `secondaryArtifacts[${i}]`, "artifacts", is("type", "S3")));
            }
            // S3 logs are off unless their status is ENABLED.
            checkDisabled(ctx, project, at(project.inputs.logsConfig, 0, "s3Logs", 0), "logsConfig.s3Logs", "build logs", is("status", "ENABLED"));
        }
        for (const group of reportGroups) {
            const exportConfig = at(group.inputs.exportConfig, 0);
            const type = str(at(exportConfig, "type"));
            if (type === UNKNOWN) {
                ctx.undecided("exportConfig.type is unknown", group.urn);
                continue;
            }
            // NO_EXPORT keeps the reports in CodeBuild only.
            if (type !== "S3") {
                continue;
            }
            const destination = at(exportConfig, "s3Destination", 0);
            checkDisabled(ctx, group, destination, "exportConfig.s3Destination", "exported test reports", () => true);
            const key = classifyKey(stack, group, "exportConfig", ctx.config.allowedKeyArns, { value: at(destination, "encryptionKey") });
            reportKey(ctx, key, { kind: "report group", resource: group.name, setting: "exportConfig.s3Destination.encryptionKey" }, group.urn);
        }
    },
});

/**
 * Reports a block whose encryptionDisabled is true, when `writes` says the block writes to S3
 * (an artifact of type S3, logs whose status is ENABLED); anything unknown on the way is undecided.
 */
function checkDisabled(ctx: CheckContext<AllowedKeyArnsConfig>, node: Node, block: unknown, where: string, what: string, writes: (block: unknown) => boolean | Unknown): void {
    if (block === UNKNOWN) {
        ctx.undecided(`${where} is unknown`, node.urn);
        return;
    }
    const disabled = bool(at(block, "encryptionDisabled"));
    if (disabled === UNKNOWN) {
        ctx.undecided(`${where}.encryptionDisabled is unknown`, node.urn);
        return;
    }
    if (disabled !== true) {
        return;
    }
    const written = writes(block);
    if (written === UNKNOWN) {
        ctx.undecided(`whether ${where} writes to S3 is unknown`, node.urn);
    } else if (written) {
        ctx.report("encryptionDisabled", { kind: isOneOf(node.type, types.codebuildProject) ? "project" : "report group", resource: node.name, flag: `${where}.encryptionDisabled`, what }, node.urn);
    }
}

/** Whether a block's `field` is `value`, or UNKNOWN. */
function is(field: string, value: string): (block: unknown) => boolean | Unknown {
    return (block) => {
        const actual = str(at(block, field));
        return actual === UNKNOWN ? UNKNOWN : actual === value;
    };
}
