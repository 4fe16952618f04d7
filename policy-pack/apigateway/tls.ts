import { definePolicy } from "../lib/policy";
import { isOneOf, types } from "../lib/types";
import { UNKNOWN, at, str } from "../lib/values";

/** Integration types whose uri is an HTTP endpoint; the others call Lambda, an AWS service or nothing (MOCK). */
const httpIntegrationTypes = ["HTTP", "HTTP_PROXY"];

export const apigatewayTls = definePolicy<{ allowedSecurityPolicies: string[]; recommendedSecurityPolicy: string }>({
    name: "apigateway-tls",
    description:
        "API Gateway custom domains must declare an allowed TLS 1.2+ security policy and serve an ACM certificate, and integrations must call their backends over HTTPS.",
    rationale:
        "The security policy of a custom domain decides which TLS versions clients may use: TLS_1_0 still accepts TLS 1.0 and 1.1. An " +
        "undeclared policy leaves the floor to API Gateway's default for the endpoint type, which has changed over time and which the " +
        "provider does not hold against drift. A certificate uploaded with certificateBody is not renewed by ACM and its private key " +
        "passes through the program and its state. An integration with an http:// URI sends each request, with its headers and tokens, to " +
        "the backend in clear text.",
    domain: "encryption-in-transit",
    severity: "high",
    remediationSteps:
        "On aws.apigateway.DomainName set securityPolicy to 'TLS_1_2' or an enhanced policy such as 'SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09' " +
        "(regional) or 'SecurityPolicy_TLS12_PFS_2025_EDGE' (edge; enhanced policies also need endpointAccessMode), and serve an ACM " +
        "certificate through certificateArn (edge) or regionalCertificateArn (regional) instead of certificateBody/certificatePrivateKey. On " +
        "aws.apigatewayv2.DomainName set domainNameConfiguration.securityPolicy to 'TLS_1_2'. Point aws.apigateway.Integration uri and " +
        "aws.apigatewayv2.Integration integrationUri at an https:// endpoint.",
    parameters: {
        allowedSecurityPolicies: {
            type: "array",
            items: { type: "string" },
            description:
                "API Gateway security policies a custom domain may use: by default the legacy TLS_1_2 and every enhanced SecurityPolicy_* policy, " +
                "all of which accept TLS 1.2 or newer only.",
            default: [
                "TLS_1_2",
                "SecurityPolicy_TLS13_1_3_2025_09",
                "SecurityPolicy_TLS13_1_3_FIPS_2025_09",
                "SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09",
                "SecurityPolicy_TLS13_1_2_FIPS_PQ_2025_09",
                "SecurityPolicy_TLS13_1_2_FIPS_PFS_PQ_2025_09",
                "SecurityPolicy_TLS13_1_2_PQ_2025_09",
                "SecurityPolicy_TLS13_1_2_2021_06",
                "SecurityPolicy_TLS13_2025_EDGE",
                "SecurityPolicy_TLS12_PFS_2025_EDGE",
                "SecurityPolicy_TLS12_2018_EDGE",
            ],
        },
        recommendedSecurityPolicy: {
            type: "string",
            description:
                "The security policy the fix at enforcement level remediate sets on a custom domain; it fixes nothing unless " +
                "allowedSecurityPolicies lists it. TLS_1_2 is valid for edge and regional domains alike.",
            default: "TLS_1_2",
        },
    },
    messages: {
        securityPolicyUnset:
            "API Gateway custom domain '{{domain}}' declares no security policy, so the TLS versions it accepts are API Gateway's default for its endpoint type. " +
            "Set {{property}} to an allowed TLS 1.2+ policy such as '{{suggestion}}'.",
        securityPolicyNotAllowed:
            "API Gateway custom domain '{{domain}}' uses security policy '{{policy}}', which is not in allowedSecurityPolicies. " +
            "Set {{property}} to an allowed TLS 1.2+ policy such as '{{suggestion}}'.",
        uploadedCertificate:
            "API Gateway custom domain '{{domain}}' serves a certificate uploaded through certificateBody instead of one from ACM. " +
            "Issue or import the certificate in ACM, set certificateArn (edge) or regionalCertificateArn (regional), and remove certificateBody, certificateChain and certificatePrivateKey.",
        plaintextIntegration:
            "API Gateway integration '{{integration}}' calls its backend {{host}} over plain HTTP ({{property}} starts with 'http://'). " +
            "Serve the backend over HTTPS and point {{property}} at its https:// URL.",
    },
    resourceTypes: [...types.apiGatewayDomainName, ...types.apiGatewayV2DomainName, ...types.apiGatewayIntegration, ...types.apiGatewayV2Integration],
    remediation: {
        summary:
            "Sets a custom domain's security policy (securityPolicy, or domainNameConfiguration.securityPolicy) to " +
            "recommendedSecurityPolicy when it is unset or not allowed (updated in place). An uploaded certificate and a " +
            "plain-HTTP integration are not changed: the fix would need an ACM certificate or an HTTPS backend, which it cannot invent.",
        resourceTypes: [...types.apiGatewayDomainName, ...types.apiGatewayV2DomainName],
        fix(props, config) {
            const allowed = config.allowedSecurityPolicies;
            if (!allowed.includes(config.recommendedSecurityPolicy)) {
                return [];
            }
            const configuration = props.domainNameConfiguration;
            const path: (string | number)[] =
                configuration === undefined ? ["securityPolicy"] : Array.isArray(configuration) ? ["domainNameConfiguration", 0, "securityPolicy"] : ["domainNameConfiguration", "securityPolicy"];
            if (configuration !== undefined && (configuration === null || typeof configuration !== "object")) {
                return [];
            }
            const policy = str(at(props, ...path));
            return policy === UNKNOWN || (policy !== undefined && allowed.includes(policy)) ? [] : [{ path, value: config.recommendedSecurityPolicy }];
        },
    },
    checkResource(resource, ctx) {
        const props = resource.props;
        const allowed = ctx.config.allowedSecurityPolicies;

        if (isOneOf(resource.type, types.apiGatewayDomainName) || isOneOf(resource.type, types.apiGatewayV2DomainName)) {
            const v2 = isOneOf(resource.type, types.apiGatewayV2DomainName);
            const property = v2 ? "domainNameConfiguration.securityPolicy" : "securityPolicy";
            const domainName = str(props.domainName);
            const domain = typeof domainName === "string" ? domainName : resource.name;
            // The provider takes domainNameConfiguration as one object; index 0 reads it as well from a one-element list.
            const policy = str(v2 ? at(props, "domainNameConfiguration", 0, "securityPolicy") : props.securityPolicy);
            const suggestion = allowed.includes("TLS_1_2") || allowed.length === 0 ? "TLS_1_2" : allowed[0];
            if (policy === UNKNOWN) {
                ctx.undecided(`${property} is unknown`);
            } else if (policy === undefined || policy === "") {
                ctx.report("securityPolicyUnset", { domain, property, suggestion });
            } else if (!allowed.includes(policy)) {
                ctx.report("securityPolicyNotAllowed", { domain, policy, property, suggestion });
            }
            // certificateBody exists on REST (v1) domains only. An unknown value may still resolve to nothing.
            const body = props.certificateBody;
            if (!v2 && str(body) === UNKNOWN) {
                ctx.undecided("certificateBody is unknown");
            } else if (!v2 && body !== undefined && body !== null && body !== "") {
                ctx.report("uploadedCertificate", { domain });
            }
            return;
        }

        const v2 = isOneOf(resource.type, types.apiGatewayV2Integration);
        const typeProperty = v2 ? "integrationType" : "type";
        const uriProperty = v2 ? "integrationUri" : "uri";
        const integrationType = str(props[typeProperty]);
        if (typeof integrationType === "string" && !httpIntegrationTypes.includes(integrationType.toUpperCase())) {
            ctx.notApplicable(`the integration is of type ${integrationType}: it calls no HTTP endpoint`);
        }
        const uri = str(props[uriProperty]);
        if (uri === UNKNOWN) {
            ctx.undecided(`${uriProperty} is unknown`);
        } else if (typeof uri === "string" && uri.toLowerCase().startsWith("http://")) {
            if (integrationType === UNKNOWN) {
                // A MOCK integration never calls its uri, so the plain-HTTP uri alone does not decide.
                ctx.undecided(`${typeProperty} is unknown, and ${uriProperty} is http://: plain HTTP only if the integration calls it`);
                return;
            }
            ctx.report("plaintextIntegration", { integration: resource.name, host: `'${hostOf(uri)}'`, property: uriProperty });
        }
    },
});

/** The host of an http:// URL, without any user:password part, so that no credential reaches a message. */
function hostOf(uri: string): string {
    const authority = uri.slice("http://".length).split(/[/?#]/)[0];
    return authority.slice(authority.lastIndexOf("@") + 1);
}
