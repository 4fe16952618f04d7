import { definePolicy } from "../lib/policy";
import { types } from "../lib/types";
import { UNKNOWN, bool, str } from "../lib/values";

export const elasticacheReplicationGroupTransitEncryption = definePolicy({
    name: "elasticache-replication-group-transit-encryption",
    description: "ElastiCache replication groups (Redis OSS, Valkey) must require TLS for every client and between their nodes.",
    rationale:
        "Caches hold session tokens, credentials and query results. Without in-transit encryption, clients and replicas speak " +
        "plain RESP over the VPC, readable by anything on the path; in the 'preferred' mode the group accepts TLS and plaintext " +
        "connections alike, so a client that does not ask for TLS still sends in clear text.",
    domain: "encryption-in-transit",
    severity: "high",
    remediationSteps:
        "Set transitEncryptionEnabled: true on the aws.elasticache.ReplicationGroup and leave transitEncryptionMode unset or " +
        "'required'. Migrating an existing group goes through 'preferred' first: move every client to TLS, then set 'required'.",
    framework: { name: "AWS Foundational Security Best Practices", version: "1.0.0", reference: "ElastiCache.5", specification: "ElastiCache replication groups should be encrypted in transit" },
    noRemediation: "turning on in-transit encryption on an existing replication group needs a migration through transitEncryptionMode preferred (or a replacement), and every client must then connect with TLS",
    messages: {
        disabled:
            "Replication group '{{group}}' does not encrypt connections in transit ({{why}}). Set transitEncryptionEnabled to true.",
        preferredMode:
            "Replication group '{{group}}' has transitEncryptionMode 'preferred', which still accepts plaintext connections. Once " +
            "every client connects with TLS, set transitEncryptionMode to 'required'.",
    },
    resourceTypes: [...types.elastiCacheReplicationGroup],
    checkResource(resource, ctx) {
        const enabled = bool(resource.props.transitEncryptionEnabled);
        if (enabled === UNKNOWN) {
            ctx.undecided("transitEncryptionEnabled is unknown");
            return;
        }
        if (enabled !== true) {
            // AWS creates a replication group without in-transit encryption unless asked.
            ctx.report("disabled", { group: resource.name, why: enabled === false ? "transitEncryptionEnabled is false" : "transitEncryptionEnabled is unset, and AWS's default is off" });
            return;
        }
        // With encryption enabled and no mode, AWS applies 'required'.
        const mode = str(resource.props.transitEncryptionMode);
        if (mode === UNKNOWN) {
            ctx.undecided("transitEncryptionMode is unknown");
        } else if (typeof mode === "string" && mode.toLowerCase() === "preferred") {
            ctx.report("preferredMode", { group: resource.name });
        }
    },
});
