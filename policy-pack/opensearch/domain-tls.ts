import { definePolicy } from "../lib/policy";
import { types } from "../lib/types";
import { UNKNOWN, at, bool, str } from "../lib/values";

export const opensearchDomainTls = definePolicy<{ allowedTlsSecurityPolicies: string[]; recommendedTlsSecurityPolicy: string }>({
    name: "opensearch-domain-tls",
    description: "OpenSearch and Elasticsearch domains must accept HTTPS only, with a TLS 1.2+ security policy, and encrypt traffic between their nodes.",
    rationale:
        "A search domain holds copies of application data and answers on an HTTP endpoint. Unless HTTPS is enforced it also " +
        "answers plain HTTP, and the default TLS policy has long accepted TLS 1.0; without node-to-node encryption, shard " +
        "replication and queries between nodes cross the VPC in clear text.",
    domain: "encryption-in-transit",
    severity: "high",
    remediationSteps:
        "On the aws.opensearch.Domain (or legacy aws.elasticsearch.Domain) set domainEndpointOptions: { enforceHttps: true, " +
        "tlsSecurityPolicy: \"Policy-Min-TLS-1-2-PFS-2023-10\" } and nodeToNodeEncryption: { enabled: true }. Node-to-node " +
        "encryption cannot be turned off once on; on an old Elasticsearch version it may need a version upgrade first.",
    framework: { name: "AWS Foundational Security Best Practices", version: "1.0.0", reference: "Opensearch.8", specification: "Connections to OpenSearch domains should be encrypted using the latest TLS security policy" },
    parameters: {
        allowedTlsSecurityPolicies: {
            type: "array",
            items: { type: "string" },
            description: "TLS security policies a domain endpoint may use (TLS 1.2 minimum).",
            default: ["Policy-Min-TLS-1-2-2019-07", "Policy-Min-TLS-1-2-PFS-2023-10"],
        },
        recommendedTlsSecurityPolicy: {
            type: "string",
            description: "The TLS security policy the fix at enforcement level remediate sets; it fixes nothing unless allowedTlsSecurityPolicies lists it.",
            default: "Policy-Min-TLS-1-2-2019-07",
        },
    },
    messages: {
        httpsNotEnforced:
            "Search domain '{{domain}}' does not enforce HTTPS ({{why}}), so its endpoint also answers plain HTTP. Set " +
            "domainEndpointOptions.enforceHttps to true.",
        tlsPolicy:
            "Search domain '{{domain}}' uses TLS security policy {{policy}}, which is not one of {{allowed}}. Set " +
            "domainEndpointOptions.tlsSecurityPolicy to 'Policy-Min-TLS-1-2-PFS-2023-10'.",
        nodeToNodeDisabled:
            "Search domain '{{domain}}' does not encrypt traffic between its nodes ({{why}}). Set nodeToNodeEncryption.enabled to true.",
    },
    resourceTypes: [...types.searchDomain],
    remediation: {
        summary:
            "Sets domainEndpointOptions.enforceHttps to true and domainEndpointOptions.tlsSecurityPolicy to " +
            "recommendedTlsSecurityPolicy (updated in place). Node-to-node encryption is not turned on: on an existing domain " +
            "that can mean a new domain (Elasticsearch before 6.7 cannot enable it, and the provider replaces the domain to " +
            "set it), and the remediation request does not say whether the domain exists, so that finding stays mandatory.",
        resourceTypes: [...types.searchDomain],
        fix(props, config) {
            const allowed = config.allowedTlsSecurityPolicies;
            const endpoint = props.domainEndpointOptions;
            if (endpoint === undefined || endpoint === null) {
                return allowed.includes(config.recommendedTlsSecurityPolicy)
                    ? [{ path: ["domainEndpointOptions"], value: { enforceHttps: true, tlsSecurityPolicy: config.recommendedTlsSecurityPolicy } }]
                    : [{ path: ["domainEndpointOptions"], value: { enforceHttps: true } }];
            }
            if (typeof endpoint !== "object") {
                return [];
            }
            const base: (string | number)[] = Array.isArray(endpoint) ? ["domainEndpointOptions", 0] : ["domainEndpointOptions"];
            const changes = [];
            if (bool(at(props, ...base, "enforceHttps")) === false) {
                changes.push({ path: [...base, "enforceHttps"], value: true });
            }
            const policy = str(at(props, ...base, "tlsSecurityPolicy"));
            if (policy !== UNKNOWN && (policy === undefined || !allowed.includes(policy)) && allowed.includes(config.recommendedTlsSecurityPolicy)) {
                changes.push({ path: [...base, "tlsSecurityPolicy"], value: config.recommendedTlsSecurityPolicy });
            }
            return changes;
        },
    },
    checkResource(resource, ctx) {
        const props = resource.props;
        const endpoint = at(props, "domainEndpointOptions", 0);
        if (endpoint === UNKNOWN) {
            ctx.undecided("domainEndpointOptions is unknown");
        } else {
            // Within a declared block the provider defaults enforceHttps to true; a domain created
            // without the block gets the API's default, which does not enforce HTTPS.
            const enforceHttps = endpoint === undefined || endpoint === null ? false : bool(at(endpoint, "enforceHttps")) ?? true;
            if (enforceHttps === UNKNOWN) {
                ctx.undecided("domainEndpointOptions.enforceHttps is unknown");
            } else if (!enforceHttps) {
                ctx.report("httpsNotEnforced", { domain: resource.name, why: endpoint === undefined || endpoint === null ? "no domainEndpointOptions" : "enforceHttps is false" });
            }
            const policy = endpoint === undefined || endpoint === null ? undefined : str(at(endpoint, "tlsSecurityPolicy"));
            const allowed = ctx.config.allowedTlsSecurityPolicies;
            if (policy === UNKNOWN) {
                ctx.undecided("domainEndpointOptions.tlsSecurityPolicy is unknown");
            } else if (policy === undefined || !allowed.includes(policy)) {
                // Unset, the domain keeps what AWS chose at creation (TLS 1.0 for older domains), and
                // the provider does not even detect drift.
                ctx.report("tlsPolicy", { domain: resource.name, policy: policy === undefined ? "(unset: AWS's default, which may accept TLS 1.0)" : `'${policy}'`, allowed: allowed.length > 0 ? allowed : "(none allowed)" });
            }
        }
        const nodeToNode = at(props, "nodeToNodeEncryption", 0);
        const enabled = nodeToNode === UNKNOWN ? UNKNOWN : bool(at(nodeToNode, "enabled"));
        if (enabled === UNKNOWN) {
            ctx.undecided("nodeToNodeEncryption is unknown");
        } else if (enabled !== true) {
            ctx.report("nodeToNodeDisabled", { domain: resource.name, why: nodeToNode === undefined || nodeToNode === null ? "no nodeToNodeEncryption block" : "enabled is not true" });
        }
    },
});
