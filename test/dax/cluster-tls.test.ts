import { daxClusterTls } from "../../policy-pack/dax/cluster-tls";
import { caseTable } from "../lib/cases";
import { resource, unknown } from "../lib/fixtures";

const clusterType = "aws:dax/cluster:Cluster";
const compliant = {
    clusterName: "items-cache",
    nodeType: "dax.t3.small",
    replicationFactor: 3,
    iamRoleArn: "arn:aws:iam::111122223333:role/dax-items",
    serverSideEncryption: { enabled: true },
    clusterEndpointEncryptionType: "TLS",
};
const cluster = (name: string, change: Record<string, unknown> = {}) => resource(clusterType, name, { ...compliant, ...change });

caseTable(daxClusterTls, [
    { name: "pass_baseline", resources: [cluster("pass_baseline")], expect: [] },
    { name: "pass_lower_case", resources: [cluster("pass_lower", { clusterEndpointEncryptionType: "tls" })], expect: [] },
    { name: "fail_none", resources: [cluster("fail_none", { clusterEndpointEncryptionType: "NONE" })], expect: [{ on: "fail_none", id: "noTls" }] },
    { name: "fail_unset", resources: [cluster("fail_unset", { clusterEndpointEncryptionType: undefined })], expect: [{ on: "fail_unset", id: "noTls" }] },
    { name: "na_other_type", resources: [resource("aws:dax/parameterGroup:ParameterGroup", "na_parameters", { name: "p" })], expect: [], notApplicable: ["na_parameters"] },
    { name: "unknown_encryption_type", resources: [cluster("unknown_type", { clusterEndpointEncryptionType: unknown.string })], expect: [{ on: "unknown_type", id: "undecided" }] },
]);
