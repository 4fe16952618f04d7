import { s3BucketPublicAccessBlock } from "../../policy-pack/s3/bucket-public-access-block";
import { caseTable } from "../lib/cases";
import { dependsOn, resource, unknown } from "../lib/fixtures";
import { bucket, bucketV2Type, newBucket, stackNotApplicable } from "./s3-fixtures";

const policy = s3BucketPublicAccessBlock;
const blockType = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const accountBlockType = "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock";
const ownershipType = "aws:s3/bucketOwnershipControls:BucketOwnershipControls";
const allOn = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };

const block = (name: string, bucketRef: unknown, settings: Record<string, unknown> = allOn, extra = {}) => resource(blockType, name, { bucket: bucketRef, ...settings }, extra);
const ownership = (name: string, bucketRef: unknown, objectOwnership: unknown = "BucketOwnerEnforced", extra = {}) =>
    resource(ownershipType, name, { bucket: bucketRef, rule: { objectOwnership } }, extra);
const accountBlock = (name: string, settings: Record<string, unknown> = allOn) => resource(accountBlockType, name, { ...settings });

/** The compliant baseline: a bucket with its own block (all four on) and ACLs disabled. */
function protectedBucket(name: string, change: { block?: Record<string, unknown>; ownership?: unknown } = {}) {
    return [bucket(name), block(`${name}-public-access`, name, { ...allOn, ...change.block }), ownership(`${name}-ownership`, name, change.ownership ?? "BucketOwnerEnforced")];
}

caseTable(policy, [
    { name: "pass_bucket_block_and_owner_enforced", resources: protectedBucket("pass_bucket"), expect: [] },
    {
        name: "pass_legacy_bucket_v2",
        resources: [bucket("pass_bucket_v2", {}, bucketV2Type), block("pass_bucket_v2-public-access", "pass_bucket_v2"), ownership("pass_bucket_v2-ownership", "pass_bucket_v2")],
        expect: [],
    },
    {
        // The account-wide block turns every setting on for every bucket of the account.
        name: "pass_account_block_instead_of_bucket_block",
        resources: [accountBlock("account-public-access"), bucket("pass_account_covered"), ownership("pass_account_covered-ownership", "pass_account_covered")],
        expect: [],
    },
    {
        // S3 applies a setting when either the bucket's or the account's block turns it on.
        name: "pass_settings_split_between_bucket_and_account",
        resources: [
            accountBlock("account-policies", { blockPublicAcls: false, blockPublicPolicy: true, ignorePublicAcls: false, restrictPublicBuckets: true }),
            ...protectedBucket("pass_split", { block: { blockPublicPolicy: false, restrictPublicBuckets: false } }),
        ],
        expect: [{ on: "account-policies", id: "accountSettingsOff" }],
    },
    {
        // A new bucket's name is unknown at preview; propertyDependencies still tie its block and controls to it.
        name: "pass_new_bucket_linked_by_dependencies",
        resources: (() => {
            const b = newBucket("pass_new_bucket");
            return [b, block("pass_new_bucket-public-access", unknown.string, allOn, { propertyDependencies: dependsOn({ bucket: [b] }) }), ownership("pass_new_bucket-ownership", unknown.string, "BucketOwnerEnforced", { propertyDependencies: dependsOn({ bucket: [b] }) })];
        })(),
        expect: [],
    },
    { name: "fail_no_public_access_block", resources: [bucket("fail_no_block"), ownership("fail_no_block-ownership", "fail_no_block")], expect: [{ on: "fail_no_block", id: "noPublicAccessBlock" }] },
    { name: "fail_one_setting_off", resources: protectedBucket("fail_policy_allowed", { block: { blockPublicPolicy: false } }), expect: [{ on: "fail_policy_allowed", id: "settingsOff" }] },
    { name: "fail_setting_left_unset", resources: protectedBucket("fail_unset", { block: { restrictPublicBuckets: undefined } }), expect: [{ on: "fail_unset", id: "settingsOff" }] },
    {
        name: "fail_account_block_partial_and_no_bucket_block",
        resources: [accountBlock("account-acls-only", { blockPublicAcls: true, blockPublicPolicy: false, ignorePublicAcls: true, restrictPublicBuckets: false }), bucket("fail_partial"), ownership("fail_partial-ownership", "fail_partial")],
        expect: [
            { on: "account-acls-only", id: "accountSettingsOff" },
            { on: "fail_partial", id: "settingsOff" },
        ],
    },
    { name: "fail_no_ownership_controls", resources: [bucket("fail_acls_default"), block("fail_acls_default-public-access", "fail_acls_default")], expect: [{ on: "fail_acls_default", id: "noOwnershipControls" }] },
    { name: "fail_object_writer", resources: protectedBucket("fail_object_writer", { ownership: "ObjectWriter" }), expect: [{ on: "fail_object_writer", id: "ownershipNotEnforced" }] },
    { name: "fail_bucket_owner_preferred", resources: protectedBucket("fail_preferred", { ownership: "BucketOwnerPreferred" }), expect: [{ on: "fail_preferred", id: "ownershipNotEnforced" }] },
    {
        // The block of another bucket covers nothing here.
        name: "fail_block_of_another_bucket",
        resources: [bucket("fail_other"), bucket("pass_neighbour"), block("neighbour-public-access", "pass_neighbour"), ownership("fail_other-ownership", "fail_other"), ownership("neighbour-ownership", "pass_neighbour")],
        expect: [{ on: "fail_other", id: "noPublicAccessBlock" }],
    },
    { name: "unknown_setting", resources: protectedBucket("unknown_setting", { block: { ignorePublicAcls: unknown.bool } }), expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_object_ownership", resources: protectedBucket("unknown_ownership", { ownership: unknown.string }), expect: [{ on: "(stack)", id: "undecided" }] },
    {
        // A block whose bucket is unknown may be this bucket's: never a violation for that alone.
        name: "unknown_block_bucket_without_dependencies",
        resources: [newBucket("unknown_block_target"), block("unlinked-public-access", unknown.string), ownership("unlinked-ownership", unknown.string, "BucketOwnerEnforced")],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    { name: "unknown_account_setting", resources: [accountBlock("account-unknown", { ...allOn, blockPublicPolicy: unknown.bool })], expect: [{ on: "(stack)", id: "undecided" }] },
]);

stackNotApplicable(policy, [{ name: "na_no_buckets", resources: [resource("aws:kms/key:Key", "na_key", { enableKeyRotation: true })], reason: "no S3 buckets" }]);
