import { Node, StackGraph } from "../lib/graph";
import { definePolicy } from "../lib/policy";
import { types } from "../lib/types";
import { UNKNOWN, Unknown, str } from "../lib/values";

/** Integration types that proxy to an HTTP backend, the only ones API Gateway presents a client certificate to. */
const httpIntegrationTypes = ["HTTP", "HTTP_PROXY"];

const restApiTypes = [...types.apiGatewayRestApi];

export const apigatewayStageClientCertificate = definePolicy({
    name: "apigateway-stage-client-certificate",
    description: "REST API stages whose API proxies to HTTP backends must present a client certificate to those backends.",
    rationale:
        "An HTTP backend behind API Gateway is reachable by its own URL. Without a client certificate on the stage, the backend " +
        "cannot tell API Gateway's requests, which passed its authorizers, throttling and validation, from anyone else's sent " +
        "straight to it. With one, API Gateway authenticates itself in the TLS handshake and the backend can refuse the rest.",
    domain: "encryption-in-transit",
    severity: "medium",
    remediationSteps:
        "Declare an aws.apigateway.ClientCertificate, set clientCertificateId on the aws.apigateway.Stage to its id, and make the " +
        "backend require TLS client authentication with that certificate's public key (rotate it before it expires).",
    framework: {
        name: "AWS Foundational Security Best Practices",
        version: "1.0.0",
        reference: "APIGateway.2",
        specification: "API Gateway REST API stages should be configured to use SSL certificates for backend authentication",
    },
    findingsOn: "the aws.apigateway.Stage",
    noRemediation:
        "the fix is a client certificate, a new resource that a fix cannot add, and it protects nothing until the backends are made to require it, which only their owner can do",
    messages: {
        noClientCertificate:
            "REST API stage '{{stage}}' proxies to HTTP backends ({{backends}}) without a client certificate, so those backends cannot " +
            "tell API Gateway's requests from direct ones. Set clientCertificateId to an aws.apigateway.ClientCertificate's id and " +
            "have the backends require it.",
    },
    // Judged on what other policies recorded at Analyze, else on outputs: the stage's certificate, the
    // integrations' types and the API references are the same in both.
    withoutResourceSide: true,
    checkStack(stack, ctx) {
        const stages = stack.ofType(...types.apiGatewayStage);
        if (stages.length === 0) {
            ctx.notApplicable("the stack has no API Gateway REST API stages");
        }
        for (const stage of stages) {
            const certificate = str(stage.inputs.clientCertificateId);
            // A certificate id unknown at preview comes from a ClientCertificate the program creates.
            if (certificate === UNKNOWN || (certificate !== undefined && certificate !== "")) {
                continue;
            }
            const backends = httpBackends(stack, stage);
            if (backends.found.length > 0) {
                ctx.report("noClientCertificate", { stage: stage.name, backends: backends.found }, stage.urn);
            } else if (backends.undecided.length > 0) {
                ctx.undecided(backends.undecided.join("; "), stage.urn);
            }
        }
    },
});

/** The HTTP backends of a stage's API: its HTTP integrations in the stack, and those of its OpenAPI body. */
function httpBackends(stack: StackGraph, stage: Node): { found: string[]; undecided: string[] } {
    const found: string[] = [];
    const undecided: string[] = [];
    const apis = stack.targets(stage, "restApi", restApiTypes);
    if (apis === UNKNOWN) {
        return { found, undecided: ["restApi is unknown"] };
    }
    const reference = str(stage.inputs.restApi);
    for (const integration of stack.ofType(...types.apiGatewayIntegration)) {
        const targets = stack.targets(integration, "restApi", restApiTypes);
        const sameApi =
            targets === UNKNOWN
                ? "unknown"
                : apis.length > 0
                  ? targets.some((t) => apis.includes(t))
                  : targets.length === 0 && typeof reference === "string" && str(integration.inputs.restApi) === reference;
        if (sameApi === false) {
            continue;
        }
        const type = str(integration.inputs.type);
        if (type === UNKNOWN) {
            undecided.push(`the type of integration '${integration.name}' is unknown`);
        } else if (typeof type === "string" && httpIntegrationTypes.includes(type.toUpperCase())) {
            if (sameApi === "unknown") {
                undecided.push(`the API of HTTP integration '${integration.name}' is unknown`);
            } else {
                found.push(`integration '${integration.name}'`);
            }
        }
    }
    for (const api of apis) {
        const body = bodyIntegrations(api.inputs.body);
        if (body === UNKNOWN) {
            undecided.push(`the OpenAPI body of '${api.name}' is unknown`);
        } else if (body > 0) {
            found.push(`${body} HTTP integration(s) in the OpenAPI body of '${api.name}'`);
        }
    }
    return { found, undecided };
}

/**
 * How many x-amazon-apigateway-integration objects of an OpenAPI body (JSON, as programs write it
 * with JSON.stringify) proxy to HTTP. A body that is not JSON (YAML) is not read.
 */
function bodyIntegrations(body: unknown): number | Unknown {
    const text = str(body);
    if (text === UNKNOWN) {
        return UNKNOWN;
    }
    if (text === undefined || text.trim() === "") {
        return 0;
    }
    let document: unknown;
    try {
        document = JSON.parse(text);
    } catch {
        return 0;
    }
    let count = 0;
    const walk = (value: unknown): void => {
        if (Array.isArray(value)) {
            value.forEach(walk);
        } else if (value !== null && typeof value === "object") {
            for (const [key, child] of Object.entries(value)) {
                const type = key === "x-amazon-apigateway-integration" ? (child as { type?: unknown } | null)?.type : undefined;
                if (typeof type === "string" && httpIntegrationTypes.includes(type.toUpperCase())) {
                    count++;
                }
                walk(child);
            }
        }
    };
    walk(document);
    return count;
}
