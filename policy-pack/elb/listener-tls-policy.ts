import { declaredProtocol, tlsProtocols } from "../lib/elb";
import { definePolicy } from "../lib/policy";
import { types } from "../lib/types";
import { UNKNOWN, str } from "../lib/values";

export const lbListenerTlsPolicy = definePolicy<{ allowedSslPolicies: string[]; recommendedSslPolicy: string }>({
    name: "lb-listener-tls-policy",
    description: "HTTPS and TLS listeners must use a security policy that allows only TLS 1.2 or later with forward-secret ciphers.",
    rationale:
        "Without an explicit policy a listener gets ELBSecurityPolicy-2016-08, which still accepts TLS 1.0/1.1 and ciphers without " +
        "forward secrecy: a client can be pushed down to them, and recorded traffic can be decrypted later if the key leaks.",
    domain: "encryption-in-transit",
    severity: "medium",
    remediationSteps:
        "Set sslPolicy on the aws.lb.Listener to one of the allowed policies, e.g. 'ELBSecurityPolicy-TLS13-1-2-2021-06' " +
        "(TLS 1.3 and 1.2) or 'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04' where FIPS endpoints are required.",
    framework: { name: "AWS Foundational Security Best Practices", version: "1.0.0", reference: "ELB.17", specification: "Application and Network Load Balancers with listeners should use recommended security policies" },
    parameters: {
        allowedSslPolicies: {
            type: "array",
            items: { type: "string" },
            description: "The listener security policies allowed (ELB predefined policy names).",
            default: [
                "ELBSecurityPolicy-TLS13-1-2-2021-06",
                "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
                "ELBSecurityPolicy-TLS13-1-3-2021-06",
                "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
                "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
                "ELBSecurityPolicy-FS-1-2-Res-2020-10",
            ],
        },
        recommendedSslPolicy: {
            type: "string",
            description: "The security policy the fix at enforcement level remediate sets; it fixes nothing unless allowedSslPolicies lists it.",
            default: "ELBSecurityPolicy-TLS13-1-2-2021-06",
        },
    },
    messages: {
        noSslPolicy: "{{protocol}} listener '{{listener}}' sets no sslPolicy, so it gets ELBSecurityPolicy-2016-08 (TLS 1.0 and weak ciphers). Set sslPolicy to one of: {{allowed}}.",
        sslPolicyNotAllowed: "{{protocol}} listener '{{listener}}' uses security policy '{{policy}}', which is not allowed. Set sslPolicy to one of: {{allowed}}.",
    },
    resourceTypes: [...types.listener],
    remediation: {
        summary: "Sets sslPolicy to recommendedSslPolicy on an HTTPS or TLS listener whose policy is unset or not allowed (updated in place).",
        resourceTypes: [...types.listener],
        fix(props, config) {
            const protocol = declaredProtocol(props);
            const policy = str(props.sslPolicy);
            if (typeof protocol !== "string" || !tlsProtocols.includes(protocol) || policy === UNKNOWN || !config.allowedSslPolicies.includes(config.recommendedSslPolicy)) {
                return [];
            }
            return policy !== undefined && config.allowedSslPolicies.includes(policy) ? [] : [{ path: ["sslPolicy"], value: config.recommendedSslPolicy }];
        },
    },
    checkResource(listener, ctx) {
        const allowed = ctx.config.allowedSslPolicies;
        const protocol = declaredProtocol(listener.props);
        const policy = str(listener.props.sslPolicy);
        if (protocol === UNKNOWN) {
            if (!(typeof policy === "string" && allowed.includes(policy))) {
                ctx.undecided("the protocol is unknown");
            }
            return;
        }
        if (protocol === undefined || !tlsProtocols.includes(protocol)) {
            ctx.notApplicable(`only HTTPS and TLS listeners negotiate TLS; this one is ${protocol ?? "unset (HTTP, or GENEVE on a Gateway Load Balancer)"}`);
        }
        if (policy === UNKNOWN) {
            ctx.undecided("sslPolicy is unknown");
        } else if (policy === undefined || policy === "") {
            ctx.report("noSslPolicy", { listener: listener.name, protocol, allowed });
        } else if (!allowed.includes(policy)) {
            ctx.report("sslPolicyNotAllowed", { listener: listener.name, protocol, policy, allowed });
        }
    },
});
