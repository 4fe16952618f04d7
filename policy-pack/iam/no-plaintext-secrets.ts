import { gunzipSync } from "zlib";
import { CheckContext, definePolicy } from "../lib/policy";
import { SecretFinding, credentialFormat, isSecretName, scriptAssignments, secretValue } from "../lib/secret-values";
import { types } from "../lib/types";
import { UNKNOWN, at, entries, holdsUnknown, isUnknown, list, raw, str } from "../lib/values";

type Messages = "lambdaEnvironment" | "containerEnvironment" | "userData" | "codeBuildEnvironment";

export const noPlaintextSecrets = definePolicy<{}, Messages>({
    name: "no-plaintext-secrets",
    description:
        "Lambda environment variables, ECS container environments, EC2 user data and CodeBuild environment variables must not hold credentials as literal values.",
    rationale:
        "These values are configuration, not secrets: anyone who may read the function's, task definition's, instance's or project's " +
        "configuration (lambda:GetFunctionConfiguration, ecs:DescribeTaskDefinition, ec2:DescribeInstanceAttribute, " +
        "codebuild:BatchGetProjects, and every read-only role) reads them in clear, they are copied into the stack's state and " +
        "CloudTrail, and they cannot be rotated without a deployment. A Pulumi secret passed there is stored in clear by AWS all the same.",
    domain: "iam",
    severity: "high",
    remediationSteps:
        "Store the credential in an aws.secretsmanager.Secret or an SSM SecureString parameter and pass only its name or ARN: a Lambda " +
        "function reads it at run time (its role allowed secretsmanager:GetSecretValue on that secret); an ECS container lists it under " +
        "`secrets` with valueFrom; an instance reads it at boot with its instance profile; a CodeBuild variable takes type " +
        "SECRETS_MANAGER or PARAMETER_STORE with the secret's name as its value. Then rotate the exposed credential.",
    noRemediation:
        "the fix is a Secrets Manager secret or a SecureString parameter, a new resource that a fix cannot add, read by code that must change too, and the exposed credential must be rotated all the same",
    messages: {
        lambdaEnvironment: "Lambda function '{{resource}}' sets environment variable '{{variable}}' to {{kind}} in plain text. Pass the ARN of a Secrets Manager secret instead and read the value at run time.",
        containerEnvironment:
            "Task definition '{{resource}}' sets environment variable '{{variable}}' of container '{{container}}' to {{kind}} in plain text. Move it to the container's `secrets`, with valueFrom naming a Secrets Manager secret or SSM parameter.",
        userData: "The user data of '{{resource}}' holds {{kind}} in plain text ({{variable}}). Have the instance read it at boot from Secrets Manager or SSM Parameter Store with its instance profile.",
        codeBuildEnvironment:
            "CodeBuild project '{{resource}}' sets environment variable '{{variable}}' to {{kind}} in plain text. Set the variable's type to SECRETS_MANAGER or PARAMETER_STORE, with the secret's name as its value.",
    },
    resourceTypes: [...types.lambdaFunction, ...types.ecsTaskDefinition, ...types.ec2Instance, ...types.ec2LaunchTemplate, ...types.codeBuildProject],
    checkResource(resource, ctx) {
        const type = resource.type as never;
        const found = types.lambdaFunction.includes(type)
            ? checkVariables(mapVariables(at(resource.props, "environment", 0, "variables")), "lambdaEnvironment", resource.name, ctx)
            : types.ecsTaskDefinition.includes(type)
              ? checkContainers(resource.props.containerDefinitions, resource.name, ctx)
              : types.codeBuildProject.includes(type)
                ? checkVariables(codeBuildVariables(at(resource.props, "environment", 0, "environmentVariables")), "codeBuildEnvironment", resource.name, ctx)
                : checkUserData(resource.props, types.ec2LaunchTemplate.includes(type), resource.name, ctx);
        if (!found) {
            ctx.notApplicable(`the resource '${resource.name}' declares no environment variables or user data`);
        }
    },
});

type Variables = { name: string; value: unknown }[] | typeof UNKNOWN;

/** Judges each variable; false when there are none to judge. */
function checkVariables(variables: Variables, messageId: Messages, resource: string, ctx: CheckContext<{}>, extra: Record<string, unknown> = {}): boolean {
    if (variables === UNKNOWN) {
        ctx.undecided("the environment variables are unknown");
        return true;
    }
    for (const { name, value } of variables) {
        const text = str(value);
        if (text === UNKNOWN || (typeof text === "string" && holdsUnknown(text))) {
            // An output of another resource: a generated password or an access key's secret are credentials too.
            if (isSecretName(name)) {
                ctx.undecided(`the value of variable '${name}' is unknown`);
            }
        } else if (typeof text === "string") {
            const finding = secretValue(name, text);
            if (finding) {
                ctx.report(messageId, { resource, variable: name, kind: finding.kind, ...extra });
            }
        }
    }
    return variables.length > 0;
}

function mapVariables(value: unknown): Variables {
    const pairs = entries(value);
    return pairs === UNKNOWN ? UNKNOWN : pairs.map(([name, v]) => ({ name, value: v }));
}

/** CodeBuild variables of type PLAINTEXT (the default); the other types hold a secret's name, not its value. */
function codeBuildVariables(value: unknown): Variables {
    const items = list(value);
    if (items === UNKNOWN) {
        return UNKNOWN;
    }
    const result: { name: string; value: unknown }[] = [];
    for (const item of items) {
        const name = str(at(item, "name"));
        const kind = str(at(item, "type"));
        if (kind === UNKNOWN && typeof name === "string" && isSecretName(name)) {
            return UNKNOWN;
        }
        if (typeof name === "string" && (kind === undefined || (typeof kind === "string" && kind.toUpperCase() === "PLAINTEXT"))) {
            result.push({ name, value: at(item, "value") });
        }
    }
    return result;
}

/** containerDefinitions: a JSON list of containers, each with `environment: [{name, value}]`. */
function checkContainers(definitions: unknown, resource: string, ctx: CheckContext<{}>): boolean {
    const text = raw(definitions);
    if (isUnknown(text)) {
        ctx.undecided("the container definitions are unknown");
        return true;
    }
    let containers: unknown;
    try {
        containers = typeof text === "string" ? JSON.parse(text) : text;
    } catch {
        if (typeof text === "string" && holdsUnknown(text)) {
            ctx.undecided("the container definitions are unknown in part");
            return true;
        }
        return false;
    }
    const items = list(containers);
    let any = false;
    for (const container of items === UNKNOWN ? [] : items) {
        const name = str(at(container, "name"));
        const environment = list(at(container, "environment"));
        const variables: Variables = environment === UNKNOWN ? UNKNOWN : environment.flatMap((v) => (typeof str(at(v, "name")) === "string" ? [{ name: str(at(v, "name")) as string, value: at(v, "value") }] : []));
        any = checkVariables(variables, "containerEnvironment", resource, ctx, { container: typeof name === "string" ? name : "(unnamed)" }) || any;
    }
    return any;
}

/**
 * User data: plain text in an instance's `userData`, base64 in its `userDataBase64` and in a
 * launch template's `userData` (the EC2 API takes it base64-encoded), possibly gzipped, which
 * cloud-init accepts (cloud-init docs, "User-data formats", gzip compressed content).
 */
function checkUserData(props: Record<string, unknown>, launchTemplate: boolean, resource: string, ctx: CheckContext<{}>): boolean {
    const sources = launchTemplate ? [{ value: props.userData, base64: true }] : [{ value: props.userData, base64: false }, { value: props.userDataBase64, base64: true }];
    let any = false;
    for (const { value, base64 } of sources) {
        const text = str(value);
        if (text === UNKNOWN) {
            ctx.undecided("the user data is unknown");
            any = true;
            continue;
        }
        if (typeof text !== "string" || text === "") {
            continue;
        }
        any = true;
        const script = base64 ? decode(text) : text;
        if (script === undefined) {
            continue;
        }
        const finding = userDataFinding(script);
        if (finding) {
            ctx.report("userData", { resource, kind: finding.kind, variable: finding.variable });
        }
        // A script built from outputs: a secret's name given a value not known yet may be a credential.
        for (const { name } of scriptAssignments(script).filter((a) => holdsUnknown(a.value) && isSecretName(a.name))) {
            ctx.undecided(`the value of '${name}' in the user data is unknown`);
        }
    }
    return any;
}

function userDataFinding(script: string): (SecretFinding & { variable: string }) | undefined {
    for (const { name, value } of scriptAssignments(script)) {
        const finding = holdsUnknown(value) ? undefined : secretValue(name, value);
        if (finding) {
            return { ...finding, variable: `in '${name}'` };
        }
    }
    const format = credentialFormat(script);
    return format ? { ...format, variable: "outside any variable" } : undefined;
}

function decode(text: string): string | undefined {
    if (holdsUnknown(text)) {
        return undefined;
    }
    const bytes = Buffer.from(text, "base64");
    try {
        return bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes).toString("utf8") : bytes.toString("utf8");
    } catch {
        return undefined;
    }
}
