import { mskClusterEncryptionCustomerManagedKey } from "../../policy-pack/msk/cluster-encryption-customer-managed-key";
import { caseTable } from "../lib/cases";
import { key, keyArn, keySettingCases } from "../lib/customer-managed-key-fixtures";
import { dependsOn, resource, unknown } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const policy = mskClusterEncryptionCustomerManagedKey;
const clusterType = "aws:msk/cluster:Cluster";
const serverlessType = "aws:msk/serverlessCluster:ServerlessCluster";
const subnets = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"];
const transit = { encryptionInTransit: { clientBroker: "TLS", inCluster: true } };

const cluster = (name: string, encryptionInfo: unknown, extra = {}) =>
    resource(
        clusterType,
        name,
        { clusterName: name.replace(/_/g, "-"), kafkaVersion: "3.6.0", numberOfBrokerNodes: 2, brokerNodeGroupInfo: { instanceType: "kafka.m7g.large", clientSubnets: subnets }, encryptionInfo },
        extra,
    );
const serverless = (name: string) =>
    resource(serverlessType, name, { clusterName: name.replace(/_/g, "-"), vpcConfigs: [{ subnetIds: subnets }], clientAuthentication: { sasl: { iam: { enabled: true } } } });

caseTable(policy, [
    ...keySettingCases(policy.name, {
        prefix: "cluster",
        service: "kafka",
        build: (name, encryptionAtRestKmsKeyArn, dependsOnKey) => [
            cluster(
                name,
                encryptionAtRestKmsKeyArn === undefined ? transit : { ...transit, encryptionAtRestKmsKeyArn },
                dependsOnKey ? { propertyDependencies: dependsOn({ encryptionInfo: [dependsOnKey] }) } : {},
            ),
        ],
    }),
    // @pulumi/aws 6 state and older programs hold the block as a list of one.
    { name: "pass_legacy_list_shaped_block", resources: [key, cluster("pass_legacy", [{ ...transit, encryptionAtRestKmsKeyArn: keyArn }])], expect: [] },
    { name: "fail_legacy_list_shaped_block_without_key", resources: [key, cluster("fail_legacy", [transit])], expect: [{ on: "fail_legacy", id: "missingKey" }] },
    { name: "fail_no_encryption_info", resources: [key, cluster("fail_no_block", undefined)], expect: [{ on: "fail_no_block", id: "missingKey" }] },
    { name: "unknown_encryption_info_not_linked", resources: [key, cluster("unknown_block", unknown.object)], expect: [{ on: "(stack)", id: "undecided" }] },
    // MSK Serverless always encrypts with a key AWS owns: not judged, beside a provisioned cluster or alone.
    { name: "pass_serverless_beside_a_cluster_with_a_key", resources: [key, serverless("pass_serverless"), cluster("pass_cluster", { ...transit, encryptionAtRestKmsKeyArn: keyArn })], expect: [] },
]);

stackNotApplicable(policy, [
    { name: "na_only_serverless_clusters", resources: [serverless("serverless")], reason: "MSK Serverless, which always encrypts at rest with a key AWS owns" },
    { name: "na_no_clusters", resources: [key], reason: "the stack has no MSK clusters" },
]);
