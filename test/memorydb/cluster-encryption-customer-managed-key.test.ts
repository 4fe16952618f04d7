import { memoryDbClusterEncryptionCustomerManagedKey } from "../../policy-pack/memorydb/cluster-encryption-customer-managed-key";
import { caseTable } from "../lib/cases";
import { account, key, keySettingCases } from "../lib/customer-managed-key-fixtures";
import { dependsOn, resource } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const policy = memoryDbClusterEncryptionCustomerManagedKey;
const clusterType = "aws:memorydb/cluster:Cluster";

/** A deployed cluster: its outputs carry its ARN and the key it was created with, if any. */
function cluster(name: string, inputs: Record<string, unknown>, extra = {}) {
    const declared = { name: name.replace(/_/g, "-"), aclName: "open-access", nodeType: "db.t4g.small", numShards: 1, tlsEnabled: true, ...inputs };
    return resource(clusterType, name, declared, { outputs: { id: declared.name, arn: `arn:aws:memorydb:us-east-1:${account}:cluster/${declared.name}`, ...declared }, ...extra });
}

caseTable(policy, [
    ...keySettingCases(policy.name, {
        prefix: "cluster",
        service: "memorydb",
        build: (name, kmsKeyArn, dependsOnKey) => [
            cluster(name, kmsKeyArn === undefined ? {} : { kmsKeyArn }, dependsOnKey ? { propertyDependencies: dependsOn({ kmsKeyArn: [dependsOnKey] }) } : {}),
        ],
    }),
    // The server answers for the stack check, marked with its one type, without calling it.
    { name: "na_no_clusters_in_the_stack", resources: [key], expect: [], notApplicable: [] },
]);

stackNotApplicable(policy, [{ name: "na_no_clusters", resources: [key], reason: "Policy only applies to resources of type 'aws:memorydb/cluster:Cluster'" }]);
