import { definePolicy } from "../lib/policy";
import { types } from "../lib/types";
import { UNKNOWN, str } from "../lib/values";

export const daxClusterTls = definePolicy({
    name: "dax-cluster-tls",
    description: "DynamoDB Accelerator (DAX) clusters must encrypt their endpoint with TLS.",
    rationale:
        "A DAX cluster caches DynamoDB items and answers the application's reads and writes. With endpoint encryption 'NONE' " +
        "(AWS's default) the items, keys and queries cross the VPC in clear text between the application and the cluster.",
    domain: "encryption-in-transit",
    severity: "medium",
    remediationSteps:
        "Set clusterEndpointEncryptionType: \"TLS\" on the aws.dax.Cluster and connect with a DAX client that uses the " +
        "cluster's daxs:// endpoint. The setting is chosen at creation: changing it replaces the cluster.",
    framework: { name: "AWS Foundational Security Best Practices", version: "1.0.0", reference: "DynamoDB.7", specification: "DynamoDB Accelerator clusters should be encrypted in transit" },
    noRemediation:
        "the endpoint's encryption is chosen when a DAX cluster is created, so turning on TLS replaces the cluster, and its clients must then connect to the new daxs:// endpoint",
    messages: {
        noTls:
            "DAX cluster '{{cluster}}' does not encrypt its endpoint ({{why}}), so clients reach it in clear text. Set " +
            "clusterEndpointEncryptionType to 'TLS' (the cluster is replaced).",
    },
    resourceTypes: [...types.daxCluster],
    checkResource(cluster, ctx) {
        const encryption = str(cluster.props.clusterEndpointEncryptionType);
        if (encryption === UNKNOWN) {
            ctx.undecided("clusterEndpointEncryptionType is unknown");
        } else if (encryption === undefined || encryption === "") {
            ctx.report("noTls", { cluster: cluster.name, why: "clusterEndpointEncryptionType is unset, and AWS's default is NONE" });
        } else if (encryption.toUpperCase() !== "TLS") {
            ctx.report("noTls", { cluster: cluster.name, why: `clusterEndpointEncryptionType is '${encryption}'` });
        }
    },
});
