import { Node } from "../lib/graph";
import { definePolicy } from "../lib/policy";
import { bucketTypes } from "../lib/s3";
import { types } from "../lib/types";
import { UNKNOWN, Verdict, at, bool, some, str, test } from "../lib/values";

/** The four S3 Block Public Access settings; all must be on. */
const settings = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;
type Setting = (typeof settings)[number];

const blockTypes: string[] = [...types.bucketPublicAccessBlock];
const ownershipTypes: string[] = [...types.bucketOwnershipControls];

const isOn = (block: Node, setting: Setting): Verdict => test(bool(block.inputs[setting]), (v) => v === true);

export const s3BucketPublicAccessBlock = definePolicy({
    name: "s3-bucket-public-access-block",
    description:
        "S3 buckets must block public access (all four Block Public Access settings, on the bucket or for the account) and disable ACLs (object ownership BucketOwnerEnforced).",
    rationale:
        "A bucket policy with a public principal, or a public ACL on a bucket or an object, exposes data to the whole internet, and one " +
        "mistaken change is enough. Block Public Access refuses such policies and ACLs (blockPublicAcls, blockPublicPolicy) and overrides " +
        "any that exist (ignorePublicAcls, restrictPublicBuckets); S3 applies a setting when either the bucket's or the account's block " +
        "turns it on, so the account-wide aws.s3.AccountPublicAccessBlock covers every bucket. With object ownership BucketOwnerEnforced, " +
        "ACLs are disabled altogether and the bucket owner owns every object, so access is decided by policies alone. New buckets get both " +
        "by default since April 2023, but only at creation: declaring them keeps them in the program, where a change is reviewed and " +
        "drift is shown by pulumi preview. Security Hub checks the bucket setting (S3.8), the account setting (S3.1) and ACLs (S3.12).",
    domain: "access",
    severity: "high",
    findingsOn: "the bucket, and an aws.s3.AccountPublicAccessBlock that leaves a setting off",
    remediationSteps:
        "Add an aws.s3.BucketPublicAccessBlock for the bucket with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and " +
        "restrictPublicBuckets all true (or set all four on an aws.s3.AccountPublicAccessBlock in the stack that owns the account's " +
        "settings), and an aws.s3.BucketOwnershipControls with rule.objectOwnership \"BucketOwnerEnforced\". Serve public content through " +
        "CloudFront with an origin access control instead of a public bucket.",
    framework: { name: "AWS Foundational Security Best Practices", version: "1.0.0", reference: "S3.8", specification: "S3 general purpose buckets should block public access" },
    noRemediation:
        "a bucket without a block needs a new aws.s3.BucketPublicAccessBlock and ownership controls need their own resource, which a fix " +
        "cannot add; and which of a bucket's readers are meant to be public (a website, a public dataset) is its owner's call",
    messages: {
        noPublicAccessBlock:
            "Bucket '{{bucket}}' has no aws.s3.BucketPublicAccessBlock and the stack sets no account-wide one, so nothing refuses a public bucket " +
            "policy or ACL. Add a BucketPublicAccessBlock with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets true.",
        settingsOff:
            "Bucket '{{bucket}}' leaves {{settings}} off: no public access block that applies to it ({{blocks}}) turns {{them}} on. " +
            "Set {{settings}} to true on its aws.s3.BucketPublicAccessBlock.",
        accountSettingsOff:
            "Account public access block '{{block}}' leaves {{settings}} off for every bucket of the account. Set {{settings}} to true.",
        noOwnershipControls:
            "Bucket '{{bucket}}' has no aws.s3.BucketOwnershipControls, so whether ACLs grant access depends on when and how the bucket was created. " +
            "Add one with rule.objectOwnership \"BucketOwnerEnforced\".",
        ownershipNotEnforced:
            "Bucket '{{bucket}}' keeps ACLs enabled: ownership controls '{{controls}}' set objectOwnership {{ownership}}. Set it to \"BucketOwnerEnforced\".",
    },
    checkStack(stack, ctx) {
        const buckets = stack.ofType(...bucketTypes);
        const accountBlocks = stack.ofType(...types.s3AccountPublicAccessBlock);
        if (buckets.length === 0 && accountBlocks.length === 0) {
            ctx.notApplicable("the stack has no S3 buckets and no account public access block");
        }
        for (const block of accountBlocks) {
            const verdicts = settings.map((s) => ({ s, verdict: isOn(block, s) }));
            const off = verdicts.filter((v) => v.verdict === "fail").map((v) => v.s);
            if (off.length > 0) {
                ctx.report("accountSettingsOff", { block: block.name, settings: off }, block.urn);
            } else if (verdicts.some((v) => v.verdict === "unknown")) {
                ctx.undecided(`${verdicts.filter((v) => v.verdict === "unknown").map((v) => v.s).join(", ")} unknown`, block.urn);
            }
        }
        for (const bucket of buckets) {
            const blocks = stack.referrers(bucket, blockTypes, "bucket");
            const unresolved = stack.unresolvedReferrers(blockTypes, "bucket", bucket.type).length > 0;
            // A setting is in force when the bucket's block or the account's turns it on (Amazon S3 User
            // Guide, "Blocking public access to your Amazon S3 storage": S3 applies the most restrictive
            // combination of the access point, bucket and account settings).
            const verdicts = settings.map((s) => ({ s, verdict: some([...accountBlocks, ...blocks].map((b) => isOn(b, s))) }));
            const off = verdicts.filter((v) => v.verdict === "fail").map((v) => v.s);
            const unknown = verdicts.filter((v) => v.verdict === "unknown").map((v) => v.s);
            if (off.length > 0 && unresolved) {
                ctx.undecided("a public access block's bucket is unknown", bucket.urn);
            } else if (off.length > 0 && blocks.length === 0 && accountBlocks.length === 0) {
                ctx.report("noPublicAccessBlock", { bucket: bucket.name }, bucket.urn);
            } else if (off.length > 0) {
                ctx.report("settingsOff", { bucket: bucket.name, settings: off, blocks: [...blocks.map((b) => `'${b.name}'`), ...accountBlocks.map((b) => `account-wide '${b.name}'`)], them: off.length > 1 ? "them" : "it" }, bucket.urn);
            } else if (unknown.length > 0) {
                ctx.undecided(`${unknown.join(", ")} unknown`, bucket.urn);
            }
            judgeOwnership(bucket);
        }

        function judgeOwnership(bucket: Node): void {
            const controls = stack.referrers(bucket, ownershipTypes, "bucket");
            if (controls.length === 0) {
                if (stack.unresolvedReferrers(ownershipTypes, "bucket", bucket.type).length > 0) {
                    ctx.undecided("an ownership control's bucket is unknown", bucket.urn);
                } else {
                    ctx.report("noOwnershipControls", { bucket: bucket.name }, bucket.urn);
                }
                return;
            }
            for (const control of controls) {
                const ownership = str(at(control.inputs, "rule", "objectOwnership"));
                if (ownership === UNKNOWN) {
                    ctx.undecided("objectOwnership is unknown", bucket.urn);
                } else if (ownership !== "BucketOwnerEnforced") {
                    ctx.report("ownershipNotEnforced", { bucket: bucket.name, controls: control.name, ownership: ownership === undefined ? "unset" : JSON.stringify(ownership) }, bucket.urn);
                }
            }
        }
    },
});
