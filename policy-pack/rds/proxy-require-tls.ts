import { definePolicy } from "../lib/policy";
import { types } from "../lib/types";
import { UNKNOWN, bool } from "../lib/values";

export const rdsProxyRequireTls = definePolicy({
    name: "rds-proxy-require-tls",
    description: "RDS proxies must require TLS for every client connection.",
    rationale:
        "An RDS proxy pools the connections of many clients to a database. Unless requireTls is on (it is off by default) it " +
        "accepts clients that do not ask for TLS, whose credentials and queries then cross the network in clear text, " +
        "whatever the database behind the proxy enforces.",
    domain: "encryption-in-transit",
    severity: "high",
    remediationSteps: "Set requireTls: true on the aws.rds.Proxy, after checking that every client connects to the proxy with TLS.",
    framework: { name: "AWS Foundational Security Best Practices", version: "1.0.0", reference: "RDS.43", specification: "RDS DB proxies should require TLS encryption for connections" },
    noRemediation:
        "requireTls is updated in place, but every client that connects to the proxy without TLS then stops working, and only the proxy's owner knows whether any does",
    messages: {
        notRequired: "RDS proxy '{{proxy}}' accepts connections without TLS ({{why}}). Set requireTls to true.",
    },
    resourceTypes: [...types.rdsProxy],
    checkResource(proxy, ctx) {
        const required = bool(proxy.props.requireTls);
        if (required === UNKNOWN) {
            ctx.undecided("requireTls is unknown");
        } else if (required !== true) {
            ctx.report("notRequired", { proxy: proxy.name, why: required === false ? "requireTls is false" : "requireTls is unset, and AWS's default is false" });
        }
    },
});
