import { Node } from "../lib/graph";
import { definePolicy } from "../lib/policy";
import { types } from "../lib/types";
import { UNKNOWN, Unknown, at, bool, str } from "../lib/values";

const rotationTypes: string[] = [...types.secretsManagerSecretRotation];

export const secretsManagerSecretRotation = definePolicy({
    name: "secretsmanager-secret-rotation",
    description: "Secrets Manager secrets must rotate automatically (an aws.secretsmanager.SecretRotation with a schedule).",
    rationale:
        "A secret that never rotates stays valid for as long as it exists: a copy leaked in a log, a crash dump, a laptop or a former " +
        "colleague's notes keeps working, and nobody learns when it is used. Automatic rotation bounds that window to the schedule and " +
        "proves that the application reads the secret at run time rather than keeping a copy. Secrets that another AWS service creates " +
        "and rotates itself (managed secrets, named with the service's prefix, such as rds!… for the master user passwords that RDS and " +
        "Aurora manage with manageMasterUserPassword) take their rotation from that service and are not judged.",
    domain: "access",
    severity: "medium",
    findingsOn: "the aws.secretsmanager.Secret",
    remediationSteps:
        "Add an aws.secretsmanager.SecretRotation with secretId set to the secret and rotationRules { automaticallyAfterDays: 30 } (or a " +
        "scheduleExpression), and rotationLambdaArn set to a rotation function (AWS provides templates for RDS, Redshift, DocumentDB and " +
        "other databases). For a database master password, prefer the database's manageMasterUserPassword: RDS then creates the secret and " +
        "rotates it itself.",
    framework: { name: "AWS Foundational Security Best Practices", version: "1.0.0", reference: "SecretsManager.1", specification: "Secrets Manager secrets should have automatic rotation enabled" },
    noRemediation: "rotation needs a rotation function that knows how to change the credential where it is used, a new resource a fix cannot write",
    messages: {
        noRotation:
            "Secret '{{resource}}' has no aws.secretsmanager.SecretRotation, so its value never changes unless someone changes it. " +
            "Add a SecretRotation for it with rotationRules and a rotation function.",
        rotationDisabled:
            "Secret '{{resource}}' does not rotate: its rotation '{{rotation}}' sets rotationEnabled false. Remove rotationEnabled: false.",
        noSchedule:
            "Secret '{{resource}}' has rotation '{{rotation}}' without rotationRules, so Secrets Manager has no schedule to rotate it on. " +
            "Set rotationRules.automaticallyAfterDays or rotationRules.scheduleExpression.",
    },
    checkStack(stack, ctx) {
        const secrets = stack.ofType(...types.secretsManagerSecret);
        if (secrets.length === 0) {
            ctx.notApplicable("the stack has no Secrets Manager secrets");
        }
        const judged = secrets.map((secret) => ({ secret, managedBy: managingService(secret) }));
        if (judged.every(({ managedBy }) => typeof managedBy === "string")) {
            const services = [...new Set(judged.map(({ managedBy }) => managedBy as string))].sort();
            ctx.notApplicable(`every secret in the stack is managed by another AWS service (${services.join(", ")}), which rotates it itself`);
        }
        for (const { secret, managedBy } of judged) {
            if (typeof managedBy === "string") {
                continue;
            }
            const rotations = stack.referrers(secret, rotationTypes, "secretId");
            const inline = inlineRotation(secret);
            if (rotations.length > 0) {
                rotations.forEach((rotation) => judgeRotation(secret, rotation));
            } else if (inline === true) {
                continue;
            } else if (inline === UNKNOWN) {
                ctx.undecided("the secret's own rotationRules or rotationLambdaArn is unknown", secret.urn);
            } else if (stack.unresolvedReferrers(rotationTypes, "secretId", secret.type).length > 0) {
                ctx.undecided("a secret rotation's secretId is unknown", secret.urn);
            } else if (managedBy === UNKNOWN) {
                ctx.undecided("the name is unknown: a secret managed by another AWS service (rds!…) is rotated by that service", secret.urn);
            } else {
                ctx.report("noRotation", { resource: secret.name }, secret.urn);
            }
        }

        function judgeRotation(secret: Node, rotation: Node): void {
            const enabled = bool(rotation.inputs.rotationEnabled);
            const rules = at(rotation.inputs, "rotationRules", 0);
            if (enabled === false) {
                ctx.report("rotationDisabled", { resource: secret.name, rotation: rotation.name }, secret.urn);
            } else if (enabled === UNKNOWN || rules === UNKNOWN) {
                ctx.undecided(`${enabled === UNKNOWN ? "rotationEnabled" : "rotationRules"} is unknown`, secret.urn);
            } else if (rules === undefined || rules === null) {
                ctx.report("noSchedule", { resource: secret.name, rotation: rotation.name }, secret.urn);
            }
        }
    },
});

/**
 * The service that manages a secret, from the prefix AWS gives the names of managed secrets
 * (`rds!db-…`, `rds!cluster-…`, `redshift!…`): such a secret is created, and its rotation
 * configured, by that service (AWS Secrets Manager User Guide, "Secrets managed by other AWS
 * services" and "Managed rotation for AWS Secrets Manager secrets"). Such a name appears in a stack
 * only through an import; a program cannot create one, as `!` is not allowed in the names of the
 * secrets it creates: a secret the program names by a value unknown at preview may be an import,
 * one it leaves unnamed (autonamed from namePrefix or the resource name) never is.
 */
function managingService(secret: Node): string | Unknown | undefined {
    const name = str(secret.inputs.name);
    if (name === UNKNOWN) {
        return UNKNOWN;
    }
    return name === undefined ? undefined : /^([a-z0-9-]+)!/.exec(name)?.[1];
}

/**
 * Rotation declared on the secret itself, as the secrets of @pulumi/aws 4 did (rotationLambdaArn
 * and rotationRules on the Secret): state written then still holds it.
 */
function inlineRotation(secret: Node): boolean | Unknown {
    const rules = at(secret.inputs, "rotationRules", 0);
    const lambdaArn = str(secret.inputs.rotationLambdaArn);
    if (rules === undefined || rules === null || lambdaArn === undefined || lambdaArn === "") {
        return false;
    }
    return rules === UNKNOWN || lambdaArn === UNKNOWN ? UNKNOWN : true;
}
