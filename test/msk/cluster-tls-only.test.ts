import { mskClusterTlsOnly } from "../../policy-pack/msk/cluster-tls-only";
import { caseTable } from "../lib/cases";
import { resource, unknown } from "../lib/fixtures";

const clusterType = "aws:msk/cluster:Cluster";
const transit = (change: Record<string, unknown> = {}) => ({ clientBroker: "TLS", inCluster: true, ...change });
const compliant = {
    clusterName: "events",
    kafkaVersion: "3.6.0",
    numberOfBrokerNodes: 3,
    brokerNodeGroupInfo: { instanceType: "kafka.m5.large", clientSubnets: ["subnet-a", "subnet-b", "subnet-c"], securityGroups: ["sg-0123"] },
    encryptionInfo: { encryptionAtRestKmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", encryptionInTransit: transit() },
};
const cluster = (name: string, encryptionInTransit?: unknown, extra: Record<string, unknown> = {}) =>
    resource(clusterType, name, { ...compliant, encryptionInfo: { ...compliant.encryptionInfo, encryptionInTransit }, ...extra });

caseTable(mskClusterTlsOnly, [
    { name: "pass_baseline", resources: [cluster("pass_baseline", transit())], expect: [] },
    { name: "pass_defaults_when_unset", resources: [cluster("pass_defaults", undefined)], expect: [] },
    { name: "pass_no_encryption_info", resources: [resource(clusterType, "pass_no_info", { ...compliant, encryptionInfo: undefined })], expect: [] },
    { name: "pass_lower_case_tls", resources: [cluster("pass_lower", transit({ clientBroker: "tls" }))], expect: [] },
    { name: "pass_list_shaped", resources: [cluster("pass_list", [transit()])], expect: [] },
    { name: "fail_tls_plaintext", resources: [cluster("fail_tls_plaintext", transit({ clientBroker: "TLS_PLAINTEXT" }))], expect: [{ on: "fail_tls_plaintext", id: "plaintextClients" }] },
    { name: "fail_plaintext", resources: [cluster("fail_plaintext", transit({ clientBroker: "PLAINTEXT" }))], expect: [{ on: "fail_plaintext", id: "plaintextClients" }] },
    { name: "fail_in_cluster_off", resources: [cluster("fail_in_cluster", transit({ inCluster: false }))], expect: [{ on: "fail_in_cluster", id: "inClusterDisabled" }] },
    {
        name: "fail_both",
        resources: [cluster("fail_both", { clientBroker: "PLAINTEXT", inCluster: "false" })],
        expect: [{ on: "fail_both", id: "plaintextClients" }, { on: "fail_both", id: "inClusterDisabled" }],
    },
    { name: "na_serverless", resources: [resource("aws:msk/serverlessCluster:ServerlessCluster", "na_serverless", { clusterName: "s" })], expect: [], notApplicable: ["na_serverless"] },
    { name: "unknown_transit_block", resources: [cluster("unknown_block", unknown.object)], expect: [{ on: "unknown_block", id: "undecided" }] },
    { name: "unknown_client_broker", resources: [cluster("unknown_client", transit({ clientBroker: unknown.string }))], expect: [{ on: "unknown_client", id: "undecided" }] },
    { name: "unknown_client_broker_but_in_cluster_off", resources: [cluster("fail_known_part", transit({ clientBroker: unknown.string, inCluster: false }))], expect: [{ on: "fail_known_part", id: "inClusterDisabled" }] },
]);
