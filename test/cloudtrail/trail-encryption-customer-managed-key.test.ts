import { cloudTrailTrailEncryptionCustomerManagedKey } from "../../policy-pack/cloudtrail/trail-encryption-customer-managed-key";
import { caseTable } from "../lib/cases";
import { account, key, keyArn, keySettingCases } from "../lib/customer-managed-key-fixtures";
import { dependsOn, resource, unknown } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const policy = cloudTrailTrailEncryptionCustomerManagedKey;
const trailType = "aws:cloudtrail/trail:Trail";
const storeType = "aws:cloudtrail/eventDataStore:EventDataStore";

/** A deployed trail: its outputs carry its ARN and, when no key was named, an empty kmsKeyId. */
function trail(name: string, inputs: Record<string, unknown>, extra = {}) {
    const declared = { name, s3BucketName: "audit-logs-111122223333", isMultiRegionTrail: true, enableLogFileValidation: true, ...inputs };
    return resource(trailType, name, declared, { outputs: { id: name, arn: `arn:aws:cloudtrail:us-east-1:${account}:trail/${name}`, kmsKeyId: "", ...declared }, ...extra });
}
const store = (name: string, inputs: Record<string, unknown>, extra = {}) => resource(storeType, name, { name, retentionPeriod: 365, ...inputs }, extra);
const withKey = (kmsKeyId: unknown) => (kmsKeyId === undefined ? {} : { kmsKeyId });

caseTable(policy, [
    ...keySettingCases(policy.name, {
        prefix: "trail",
        service: "cloudtrail",
        build: (name, kmsKeyId, dependsOnKey) => [trail(name, withKey(kmsKeyId), dependsOnKey ? { propertyDependencies: dependsOn({ kmsKeyId: [dependsOnKey] }) } : {})],
    }),
    ...keySettingCases(policy.name, {
        prefix: "store",
        service: "cloudtrail",
        build: (name, kmsKeyId, dependsOnKey) => [store(name, withKey(kmsKeyId), dependsOnKey ? { propertyDependencies: dependsOn({ kmsKeyId: [dependsOnKey] }) } : {})],
    }).map((c) => ({ ...c, name: `event_data_store_${c.name}` })),
    // What a deployed trail's outputs say when the program named no key: judged the same.
    { name: "fail_trail_export_empty_key", resources: [key, trail("fail_trail_export", {})], expect: [{ on: "fail_trail_export", id: "missingKey" }] },
    {
        name: "fail_only_the_store_beside_a_trail_with_a_key",
        resources: [key, trail("pass_trail_beside_store", { kmsKeyId: keyArn }), store("fail_store_beside_trail", {})],
        expect: [{ on: "fail_store_beside_trail", id: "missingKey" }],
    },
    { name: "unknown_store_key_not_linked", resources: [key, store("unknown_store", { kmsKeyId: unknown.string })], expect: [{ on: "(stack)", id: "undecided" }] },
]);

stackNotApplicable(policy, [{ name: "na_no_trails", resources: [key], reason: "no CloudTrail trails or event data stores" }]);
