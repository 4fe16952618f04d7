import { daxClusterEncryptionEnabled } from "../../policy-pack/dax/cluster-encryption-enabled";
import { caseTable } from "../lib/cases";
import { resource, unknown } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const policy = daxClusterEncryptionEnabled;
const clusterType = "aws:dax/cluster:Cluster";

const cluster = (name: string, serverSideEncryption: unknown) =>
    resource(clusterType, name, {
        clusterName: name.replace(/_/g, "-"),
        nodeType: "dax.t3.small",
        replicationFactor: 3,
        iamRoleArn: "arn:aws:iam::111122223333:role/dax-tables",
        clusterEndpointEncryptionType: "TLS",
        ...(serverSideEncryption === undefined ? {} : { serverSideEncryption }),
    });

caseTable(policy, [
    { name: "pass_encryption_enabled", resources: [cluster("pass_enabled", { enabled: true })], expect: [] },
    { name: "pass_enabled_as_string", resources: [cluster("pass_string", { enabled: "true" })], expect: [] },
    // @pulumi/aws 6 state and older programs hold the block as a list of one.
    { name: "pass_legacy_list_shaped_block", resources: [cluster("pass_legacy", [{ enabled: true }])], expect: [] },
    { name: "fail_encryption_unset", resources: [cluster("fail_unset", undefined)], expect: [{ on: "fail_unset", id: "notEncrypted" }] },
    { name: "fail_empty_block", resources: [cluster("fail_empty", {})], expect: [{ on: "fail_empty", id: "notEncrypted" }] },
    { name: "fail_encryption_disabled", resources: [cluster("fail_disabled", { enabled: false })], expect: [{ on: "fail_disabled", id: "notEncrypted" }] },
    {
        name: "fail_only_the_unencrypted_cluster",
        resources: [cluster("pass_neighbour", { enabled: true }), cluster("fail_neighbour", { enabled: false })],
        expect: [{ on: "fail_neighbour", id: "notEncrypted" }],
    },
    { name: "unknown_enabled", resources: [cluster("unknown_enabled", { enabled: unknown.bool })], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_block", resources: [cluster("unknown_block", unknown.object)], expect: [{ on: "(stack)", id: "undecided" }] },
    // The server answers for the stack check, marked with its one type, without calling it.
    { name: "na_no_clusters_in_the_stack", resources: [resource("aws:dynamodb/table:Table", "orders", { hashKey: "id" })], expect: [], notApplicable: [] },
]);

stackNotApplicable(policy, [
    { name: "na_no_clusters", resources: [resource("aws:dynamodb/table:Table", "orders", { hashKey: "id" })], reason: "Policy only applies to resources of type 'aws:dax/cluster:Cluster'" },
]);
