// The reference stack's key as the data stores meet it, and mutations of the stack that break
// each customer-managed-key policy: the stack's log group passes at preview (its key's ARN still
// unknown, known to come from the key through propertyDependencies) and after the update, and
// fails once its key is taken away; each other kind of data store, added to the stack under the
// data key as a program would write it, passes at preview and update, and fails with its key
// setting left out.
import { expect } from "chai";
import { capture, programs } from "../../scripts/stack-check";
import { toResourceStates } from "../../cli/program/capture";
import { backupVaultEncryptionCustomerManagedKey } from "../../policy-pack/backup/vault-encryption-customer-managed-key";
import { cloudWatchLogGroupEncryptionCustomerManagedKey } from "../../policy-pack/cloudwatch/log-group-encryption-customer-managed-key";
import { ecrRepositoryEncryptionCustomerManagedKey } from "../../policy-pack/ecr/repository-encryption-customer-managed-key";
import { eksClusterSecretsEncryptionCustomerManagedKey } from "../../policy-pack/eks/cluster-secrets-encryption-customer-managed-key";
import { elastiCacheReplicationGroupEncryptionCustomerManagedKey } from "../../policy-pack/elasticache/replication-group-encryption-customer-managed-key";
import { kinesisStreamEncryptionCustomerManagedKey } from "../../policy-pack/kinesis/stream-encryption-customer-managed-key";
import { BaselinePolicy } from "../../policy-pack/lib/policy";
import { ResourceState } from "../../policy-pack/lib/runner";
import { openSearchDomainEncryptionCustomerManagedKey } from "../../policy-pack/opensearch/domain-encryption-customer-managed-key";
import { redshiftClusterEncryptionCustomerManagedKey } from "../../policy-pack/redshift/cluster-encryption-customer-managed-key";
import { findings } from "../lib/cases";
import { isUnknown } from "../../policy-pack/lib/values";
import { account, one, referenceStack } from "./reference";

const logGroupType = "aws:cloudwatch/logGroup:LogGroup";
const keyType = "aws:kms/key:Key";

/** A data store as a program declares it under the stack's key: `keyed(arn)` sets the key where the service takes it. */
interface Store {
    policy: BaselinePolicy;
    type: string;
    /** The top-level input that holds (or contains) the key, as propertyDependencies name it. */
    input: string;
    keyed(keyArn: unknown): Record<string, unknown>;
    /** The same store with its key setting left out. */
    unkeyed: Record<string, unknown>;
    /** What the policy says about the unkeyed store. */
    fails: string;
}

const subnetIds = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"];
const stores: Store[] = [
    {
        policy: ecrRepositoryEncryptionCustomerManagedKey,
        type: "aws:ecr/repository:Repository",
        input: "encryptionConfigurations",
        keyed: (kmsKey) => ({ name: "api", encryptionConfigurations: [{ encryptionType: "KMS", kmsKey }] }),
        unkeyed: { name: "api", encryptionConfigurations: [{ encryptionType: "KMS" }] },
        fails: "missingKey",
    },
    {
        policy: eksClusterSecretsEncryptionCustomerManagedKey,
        type: "aws:eks/cluster:Cluster",
        input: "encryptionConfig",
        keyed: (keyArn) => ({ roleArn: `arn:aws:iam::${account}:role/eks`, vpcConfig: { subnetIds }, encryptionConfig: { resources: ["secrets"], provider: { keyArn } } }),
        unkeyed: { roleArn: `arn:aws:iam::${account}:role/eks`, vpcConfig: { subnetIds } },
        fails: "secretsNotEncrypted",
    },
    {
        policy: openSearchDomainEncryptionCustomerManagedKey,
        type: "aws:opensearch/domain:Domain",
        input: "encryptAtRest",
        keyed: (kmsKeyId) => ({ domainName: "search", engineVersion: "OpenSearch_2.13", encryptAtRest: { enabled: true, kmsKeyId } }),
        unkeyed: { domainName: "search", engineVersion: "OpenSearch_2.13", encryptAtRest: { enabled: true } },
        fails: "missingKey",
    },
    {
        policy: elastiCacheReplicationGroupEncryptionCustomerManagedKey,
        type: "aws:elasticache/replicationGroup:ReplicationGroup",
        input: "kmsKeyId",
        keyed: (kmsKeyId) => ({ description: "sessions", nodeType: "cache.t4g.small", atRestEncryptionEnabled: true, transitEncryptionEnabled: true, kmsKeyId }),
        unkeyed: { description: "sessions", nodeType: "cache.t4g.small", atRestEncryptionEnabled: true, transitEncryptionEnabled: true },
        fails: "missingKey",
    },
    {
        policy: redshiftClusterEncryptionCustomerManagedKey,
        type: "aws:redshift/cluster:Cluster",
        input: "kmsKeyId",
        keyed: (kmsKeyId) => ({ clusterIdentifier: "warehouse", nodeType: "ra3.large", manageMasterPassword: true, encrypted: "true", kmsKeyId }),
        unkeyed: { clusterIdentifier: "warehouse", nodeType: "ra3.large", manageMasterPassword: true },
        fails: "missingKey",
    },
    {
        policy: kinesisStreamEncryptionCustomerManagedKey,
        type: "aws:kinesis/stream:Stream",
        input: "kmsKeyId",
        keyed: (kmsKeyId) => ({ name: "events", encryptionType: "KMS", kmsKeyId }),
        unkeyed: { name: "events" },
        fails: "notEncrypted",
    },
    {
        policy: backupVaultEncryptionCustomerManagedKey,
        type: "aws:backup/vault:Vault",
        input: "kmsKeyArn",
        keyed: (kmsKeyArn) => ({ name: "backups", kmsKeyArn }),
        unkeyed: { name: "backups" },
        fails: "missingKey",
    },
];

function urnOf(type: string, name: string): string {
    return `urn:pulumi:dev::aws-secure-baseline-reference::${type}::${name}`;
}

describe("reference stack: data stores under its key, and mutations that break each customer-managed-key policy", function () {
    this.timeout(60000);
    let update: ResourceState[];
    let preview: ResourceState[];

    before(async () => {
        update = await referenceStack();
        preview = toResourceStates((await capture(programs.reference.dir, true)).resources);
    });

    const keyOf = (stack: ResourceState[]) => one(stack, keyType, "data-key");
    const withLogGroup = (stack: ResourceState[], change: (r: ResourceState) => ResourceState) => stack.map((r) => (r.type === logGroupType && r.name === "api" ? change(r) : r));
    const decide = async (policy: BaselinePolicy, resources: ResourceState[]) => (await findings(policy, resources)).got;

    describe("the function's log group", () => {
        const policy = cloudWatchLogGroupEncryptionCustomerManagedKey;

        it("passes at preview, where the key's ARN is unknown, and after the update", async () => {
            expect(isUnknown(one(preview, logGroupType, "api").inputs.kmsKeyId), "the key's ARN at preview").to.equal(true);
            expect(await decide(policy, preview)).to.deep.equal([]);
            expect(await decide(policy, update)).to.deep.equal([]);
        });

        it("fails without kmsKeyId, at preview and after the update", async () => {
            const drop = (r: ResourceState): ResourceState => {
                const { kmsKeyId: _in, ...inputs } = r.inputs;
                const { kmsKeyId: _out, ...outputs } = r.outputs ?? {};
                return { ...r, inputs, outputs, propertyDependencies: { ...r.propertyDependencies, kmsKeyId: [] } };
            };
            for (const stack of [preview, update]) {
                expect(await decide(policy, withLogGroup(stack, drop))).to.deep.equal([{ on: "api", id: "missingKey", level: "mandatory" }]);
            }
        });

        it("fails under the AWS managed alias even while it depends on the stack's key", async () => {
            const awsManaged = (r: ResourceState): ResourceState => ({ ...r, inputs: { ...r.inputs, kmsKeyId: "alias/aws/logs" }, outputs: { ...r.outputs, kmsKeyId: "alias/aws/logs" } });
            expect(await decide(policy, withLogGroup(preview, awsManaged))).to.deep.equal([{ on: "api", id: "awsManagedKey", level: "mandatory" }]);
        });

        it("is undecided at preview when nothing says where its unknown key comes from", async () => {
            const unlinked = (r: ResourceState): ResourceState => ({ ...r, propertyDependencies: { ...r.propertyDependencies, kmsKeyId: [] } });
            expect(await decide(policy, withLogGroup(preview, unlinked))).to.deep.equal([{ on: "(stack)", id: "undecided", level: "advisory" }]);
        });
    });

    for (const store of stores) {
        describe(`${store.type} added under the data key`, () => {
            const add = (stack: ResourceState[], inputs: Record<string, unknown>, linked: boolean): ResourceState[] => {
                const key = keyOf(stack);
                return [...stack, { urn: urnOf(store.type, "added"), type: store.type, name: "added", inputs, ...(linked ? { propertyDependencies: { [store.input]: [key.urn] } } : {}) }];
            };

            it(`passes ${store.policy.name} at preview (key ARN unknown, linked) and after the update (key ARN known)`, async () => {
                // What key.arn is at preview: the same unknown the log group's kmsKeyId holds.
                const previewArn = one(preview, logGroupType, "api").inputs.kmsKeyId;
                expect(isUnknown(previewArn), "the key's ARN at preview").to.equal(true);
                expect(await decide(store.policy, add(preview, store.keyed(previewArn), true))).to.deep.equal([]);
                // Without the link, the unknown ARN could be any key's.
                expect(await decide(store.policy, add(preview, store.keyed(previewArn), false))).to.deep.equal([{ on: "(stack)", id: "undecided", level: "advisory" }]);
                expect(await decide(store.policy, add(update, store.keyed(keyOf(update).outputs!.arn), false))).to.deep.equal([]);
            });

            it(`fails ${store.policy.name} with ${store.fails} when its key setting is left out`, async () => {
                for (const stack of [preview, update]) {
                    expect(await decide(store.policy, add(stack, store.unkeyed, false))).to.deep.equal([{ on: "added", id: store.fails, level: "mandatory" }]);
                }
            });
        });
    }
});
