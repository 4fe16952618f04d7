import { definePolicy } from "../lib/policy";
import { types } from "../lib/types";
import { UNKNOWN, at, bool, str } from "../lib/values";

export const mskClusterTlsOnly = definePolicy({
    name: "msk-cluster-tls-only",
    description: "MSK clusters must accept client connections over TLS only and encrypt traffic between their brokers.",
    rationale:
        "Kafka records are application data. With client-broker encryption 'TLS_PLAINTEXT' or 'PLAINTEXT' the brokers accept " +
        "unencrypted producers and consumers, and with in-cluster encryption off, replication between brokers is in clear text.",
    domain: "encryption-in-transit",
    severity: "high",
    remediationSteps:
        "On the aws.msk.Cluster leave encryptionInfo.encryptionInTransit unset (the defaults are TLS and in-cluster " +
        "encryption) or set clientBroker: \"TLS\" and inCluster: true. In-cluster encryption is chosen at creation: a cluster " +
        "created without it must be replaced.",
    framework: { name: "AWS Foundational Security Best Practices", version: "1.0.0", reference: "MSK.1", specification: "MSK clusters should be encrypted in transit among broker nodes" },
    noRemediation: "clients that connect in plaintext stop working, and encryption between brokers can only be chosen when the cluster is created",
    messages: {
        plaintextClients:
            "MSK cluster '{{cluster}}' accepts client connections with encryptionInTransit.clientBroker '{{clientBroker}}', which " +
            "lets clients connect without TLS. Set encryptionInfo.encryptionInTransit.clientBroker to 'TLS'.",
        inClusterDisabled:
            "MSK cluster '{{cluster}}' does not encrypt traffic between its brokers (encryptionInTransit.inCluster is false). Set " +
            "it to true (or leave it unset): the cluster has to be replaced.",
    },
    resourceTypes: [...types.mskCluster],
    checkResource(resource, ctx) {
        const transit = at(resource.props, "encryptionInfo", 0, "encryptionInTransit", 0);
        if (transit === UNKNOWN) {
            ctx.undecided("encryptionInfo.encryptionInTransit is unknown");
            return;
        }
        // The provider's defaults when unset: clientBroker TLS, inCluster true.
        const clientBroker = str(at(transit, "clientBroker"));
        if (clientBroker === UNKNOWN) {
            ctx.undecided("encryptionInTransit.clientBroker is unknown");
        } else if (clientBroker !== undefined && clientBroker.toUpperCase() !== "TLS") {
            ctx.report("plaintextClients", { cluster: resource.name, clientBroker });
        }
        const inCluster = bool(at(transit, "inCluster"));
        if (inCluster === UNKNOWN) {
            ctx.undecided("encryptionInTransit.inCluster is unknown");
        } else if (inCluster === false) {
            ctx.report("inClusterDisabled", { cluster: resource.name });
        }
    },
});
