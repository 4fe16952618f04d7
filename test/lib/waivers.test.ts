import { expect } from "chai";
import { ConfigError, resolveConfig } from "../../policy-pack/lib/config";
import { definePolicy } from "../../policy-pack/lib/policy";
import { Waiver, globMatch, judgeWaivers, waiverTagKey } from "../../policy-pack/lib/waivers";
import { kmsKeyRotationEnabled } from "../../policy-pack/kms/key-rotation-enabled";
import { policies } from "../../policy-pack/policies";
import { kmsKeyPolicyExplicit } from "../../policy-pack/kms/key-policy-explicit";
import { s3BucketBlockSseC } from "../../policy-pack/s3/bucket-block-sse-c";
import { sqsQueueEncryptionCustomerManagedKey } from "../../policy-pack/sqs/queue-encryption-customer-managed-key";
import { caseTable, findings } from "../lib/cases";
import { packVersion } from "../../policy-pack/lib/pack-info";
import { resource, unknown, urn } from "../lib/fixtures";
import { bucketType, encryptedBucket } from "../s3/s3-fixtures";

const keyType = "aws:kms/key:Key";
/** A key that does not rotate (and has no key policy of its own), with the tags given. */
const rotationOff = (name: string, tags?: unknown) => resource(keyType, name, { description: "data key", enableKeyRotation: false, ...(tags === undefined ? {} : { tags }) });
const future = "2999-12-31";
const past = "2000-01-01";
const rotation = kmsKeyRotationEnabled.name;
const sseC = s3BucketBlockSseC.name;
const rotationTag = waiverTagKey(rotation);
const sseCTag = waiverTagKey(sseC);
const queueTag = waiverTagKey(sqsQueueEncryptionCustomerManagedKey.name);

/** A deployed queue without a key: its declared tags, and the provider's default tags added in tagsAll. */
function queueWithoutKey(name: string, tags: Record<string, string>, tagsAll: Record<string, string>) {
    const identity = { id: `https://sqs.us-east-1.amazonaws.com/111122223333/${name}`, name, arn: `arn:aws:sqs:us-east-1:111122223333:${name}` };
    return resource("aws:sqs/queue:Queue", name, { name, tags }, { outputs: { ...identity, sqsManagedSseEnabled: true, tags, tagsAll: { ...tags, ...tagsAll } } });
}

describe("waivers", () => {
    describe("matching", () => {
        const config = (waivers: Waiver[]) => ({ config: waivers });
        const byFirst = "waiver #1 in the policy pack config";

        it("matches names and, for patterns with '::', URNs; '*' and '?' are the only wildcards", () => {
            expect(globMatch("legacy-*", "legacy-bucket")).to.equal(true);
            expect(globMatch("legacy-?", "legacy-ab")).to.equal(false);
            expect(globMatch("a.b", "axb")).to.equal(false);
            expect(globMatch("(x)+", "(x)+")).to.equal(true);
            const keyUrn = urn(keyType, "old-key");
            expect(judgeWaivers(rotation, config([{ resources: ["*::aws:kms/key:Key::old-*"], reason: "r", expires: future }]), keyUrn, "old-key").waived).to.deep.equal({
                reason: "r",
                expires: future,
                by: byFirst,
            });
            expect(judgeWaivers(rotation, config([{ resources: ["old-key"], reason: "r", expires: future }]), keyUrn, "old-key").waived).to.not.equal(undefined);
            expect(judgeWaivers(rotation, config([{ resources: ["other"], reason: "r", expires: future }]), keyUrn, "old-key")).to.deep.equal({ invalid: [] });
        });

        it("holds through its expires day (UTC) and names what is wrong with an invalid one", () => {
            const on = (waiver: object, today: string) => judgeWaivers(rotation, config([{ resources: ["k"], ...waiver }]), "urn", "k", today);
            expect(on({ reason: "r", expires: "2030-06-30" }, "2030-06-30").waived).to.deep.equal({ reason: "r", expires: "2030-06-30", by: byFirst });
            expect(on({ reason: "r", expires: "2030-06-30" }, "2030-07-01").invalid.map((i) => i.problem)).to.deep.equal(["it expired on 2030-06-30"]);
            expect(on({ reason: "  ", expires: future }, "2030-01-01").invalid.map((i) => i.problem)).to.deep.equal(["it gives no reason"]);
            expect(on({ reason: "r" }, "2030-01-01").invalid.map((i) => i.problem)).to.deep.equal(["it has no expires date"]);
            expect(on({ reason: "r", expires: "2030-02-30" }, "2030-01-01").invalid.map((i) => i.problem)).to.deep.equal(["its expires date '2030-02-30' is not a YYYY-MM-DD date"]);
        });

        it("lets a valid waiver waive even when an earlier matching one is invalid", () => {
            const verdict = judgeWaivers(rotation, config([{ resources: ["k"], reason: "old", expires: past }, { resources: ["k"], reason: "renewed", expires: future }]), "urn", "k");
            expect(verdict.waived).to.deep.equal({ reason: "renewed", expires: future, by: "waiver #2 in the policy pack config" });
            expect(verdict.invalid).to.have.length(1);
        });
    });

    describe("tags", () => {
        const key = waiverTagKey(rotation);
        const withTag = (value: unknown, today = "2030-01-01") => judgeWaivers(rotation, { config: [], tags: { team: "payments", [key]: value } }, "urn", "legacy-key", today);
        const problems = (value: unknown, today?: string) => withTag(value, today).invalid.map((i) => i.problem);

        it("reads 'until YYYY-MM-DD: reason', holding through that day (UTC)", () => {
            expect(key).to.equal("secure-baseline:waive:kms-key-rotation-enabled");
            const by = `tag '${key}'`;
            expect(withTag("until 2030-06-30: vendor integration - SEC-142").waived).to.deep.equal({ reason: "vendor integration - SEC-142", expires: "2030-06-30", by });
            expect(withTag("until 2030-06-30:vendor", "2030-06-30").waived).to.deep.equal({ reason: "vendor", expires: "2030-06-30", by });
            expect(withTag("  Until 2030-06-30 : vendor  ").waived).to.deep.equal({ reason: "vendor", expires: "2030-06-30", by });
            expect(problems("until 2030-06-30: vendor", "2030-07-01")).to.deep.equal(["it expired on 2030-06-30"]);
        });

        it("waives only the findings of the policy it names, and only what the program declared in `tags`", () => {
            const other = judgeWaivers("kms-key-policy-explicit", { config: [], tags: { [key]: "until 2999-12-31: vendor" } }, "urn", "legacy-key");
            expect(other).to.deep.equal({ invalid: [] });
            expect(judgeWaivers(rotation, { config: [], tags: undefined }, "urn", "legacy-key")).to.deep.equal({ invalid: [] });
            // Tags of the list shape some resources use (key, value pairs) are not read as waivers.
            expect(judgeWaivers(rotation, { config: [], tags: [{ key, value: "until 2999-12-31: vendor" }] }, "urn", "legacy-key")).to.deep.equal({ invalid: [] });
        });

        it("refuses a tag without a reason, and one that is malformed, naming what is wrong", () => {
            expect(problems("until 2999-12-31")).to.deep.equal(["it gives no reason"]);
            expect(problems("until 2999-12-31:   ")).to.deep.equal(["it gives no reason"]);
            expect(problems("until 2999-02-30: vendor")).to.deep.equal(["its date '2999-02-30' is not a YYYY-MM-DD date"]);
            expect(problems("until 31/12/2999: vendor")).to.deep.equal(["its date '31/12/2999' is not a YYYY-MM-DD date"]);
            expect(problems("until 2999-12-31 vendor")).to.deep.equal(["its value does not read 'until YYYY-MM-DD: reason'"]);
            expect(problems("vendor integration")).to.deep.equal(["its value does not read 'until YYYY-MM-DD: reason'"]);
            expect(problems("")).to.deep.equal(["its value does not read 'until YYYY-MM-DD: reason'"]);
            expect(problems("until 2999-12-31: vendor, see SEC-142 (HSM)")).to.deep.equal(["its value holds ',', '(', ')', which AWS tag values do not allow"]);
            expect(problems(`until 2999-12-31: ${"x".repeat(240)}`)).to.deep.equal(["its value is 258 characters long, and AWS allows 256"]);
            expect(problems(true)).to.deep.equal(["its value is not a string"]);
        });

        it("counts characters as AWS does (Unicode letters are letters, a character is one however many bytes)", () => {
            expect(withTag("until 2999-12-31: Schlüssel wird vom HSM-Team rotiert").waived?.reason).to.equal("Schlüssel wird vom HSM-Team rotiert");
            expect(withTag(`until 2999-12-31: ${"é".repeat(238)}`).waived).to.not.equal(undefined);
            expect(problems(`until 2999-12-31: ${"é".repeat(239)}`)).to.deep.equal(["its value is 257 characters long, and AWS allows 256"]);
        });

        it("undecided when the tag's value or the tags are unknown at preview, unless another waiver excuses the finding", () => {
            expect(withTag(unknown.string).undecided).to.equal(`the value of its waiver tag '${key}' is unknown`);
            expect(withTag(`until 2999-12-31: ${unknown.string}`).undecided).to.equal(`the value of its waiver tag '${key}' is unknown`);
            expect(judgeWaivers(rotation, { config: [], tags: unknown.object }, "urn", "legacy-key").undecided).to.equal(`its tags, which may hold the waiver tag '${key}', are unknown`);
            const alsoConfig = judgeWaivers(rotation, { config: [{ resources: ["legacy-key"], reason: "r", expires: future }], tags: unknown.object }, "urn", "legacy-key");
            expect(alsoConfig).to.deep.equal({ waived: { reason: "r", expires: future, by: "waiver #1 in the policy pack config" }, invalid: [] });
        });

        it("a policy whose waiver tag would break AWS's rules for tag keys (128 characters) cannot be defined", () => {
            const named = (name: string) => () =>
                definePolicy({ name, description: "x", rationale: "x", domain: "iam", severity: "low", remediationSteps: "x", messages: {}, checkResource: () => {} });
            expect(named("p".repeat(128 - waiverTagKey("").length))).to.not.throw();
            expect(named("p".repeat(129 - waiverTagKey("").length))).to.throw(/would break AWS's rules for tag keys/);
            expect(named("p,q")).to.throw(/would break AWS's rules for tag keys/);
        });
    });

    describe("parameter", () => {
        it("is accepted by every policy, defaulting to none", () => {
            for (const [name, resolved] of resolveConfig(policies)) {
                expect(resolved.properties.waivers, name).to.deep.equal([]);
            }
        });

        it("needs at least one resource pattern and no unknown keys", () => {
            expect(() => resolveConfig(policies, { [rotation]: { waivers: [{ reason: "r", expires: future }] } })).to.throw(ConfigError, /resources/);
            expect(() => resolveConfig(policies, { [rotation]: { waivers: [{ resources: [], reason: "r", expires: future }] } })).to.throw(ConfigError);
            expect(() => resolveConfig(policies, { [rotation]: { waivers: [{ resources: ["k"], reason: "r", expires: future, until: future }] } })).to.throw(ConfigError);
        });

        it("refuses an empty reason as it refuses a malformed date, naming the policy and field", () => {
            for (const reason of ["", "   "]) {
                expect(() => resolveConfig(policies, { [rotation]: { waivers: [{ resources: ["k"], reason, expires: future }] } })).to.throw(
                    ConfigError,
                    `policy pack config: '${rotation}': waivers.0.reason must be a reason, not empty`,
                );
            }
            expect(() => resolveConfig(policies, { [rotation]: { waivers: [{ resources: ["k"], reason: "r", expires: "31/12/2099" }] } })).to.throw(
                ConfigError,
                `policy pack config: '${rotation}': waivers.0.expires must be a YYYY-MM-DD date`,
            );
        });

        it("is reserved: a policy cannot declare its own 'waivers'", () => {
            expect(() =>
                definePolicy<{ waivers: string[] }>({
                    name: "x",
                    description: "x",
                    rationale: "x",
                    domain: "iam",
                    severity: "low",
                    remediationSteps: "x",
                    parameters: { waivers: { type: "array", description: "x", default: [] } },
                    messages: {},
                }),
            ).to.throw(/waivers/);
        });
    });

    describe("messages", () => {
        it("say until when and why a finding is waived, and which waiver does not waive", async () => {
            const waivers = [{ resources: ["legacy-key"], reason: "Migrating to a rotating key in JIRA-123.", expires: future }];
            const waived = await findings(kmsKeyRotationEnabled, [rotationOff("legacy-key")], { config: { [rotation]: { waivers } } });
            const [d] = waived.result.diagnostics;
            expect(d.message.split("\n")[1]).to.match(/^Waived until 2999-12-31: Migrating to a rotating key in JIRA-123\. KMS key 'legacy-key'/);
            expect(d.waived).to.deep.equal({ reason: "Migrating to a rotating key in JIRA-123.", expires: future, by: "waiver #1 in the policy pack config" });

            const expired = await findings(kmsKeyRotationEnabled, [rotationOff("legacy-key")], { config: { [rotation]: { waivers: [{ ...waivers[0], expires: past }] } } });
            const invalid = expired.result.diagnostics.find((x) => x.messageId === "invalidWaiver")!;
            expect(invalid.message.split("\n")[1]).to.equal(
                `Waiver #1 of ${rotation} (resources 'legacy-key') does not waive the finding on 'legacy-key': it expired on ${past}. ` +
                    "Give it a reason and a future expires date, or remove it and fix the resource.",
            );
            expect(expired.result.diagnostics.every((x) => x.waived === undefined)).to.equal(true);
        });

        it("name the tag that waives a finding, and what is wrong with one that does not", async () => {
            const key = waiverTagKey(rotation);
            const tagged = (value: unknown) => findings(kmsKeyRotationEnabled, [rotationOff("legacy-key", { [key]: value })]);
            const [d] = (await tagged("until 2999-12-31: Migrating to a rotating key in JIRA-123.")).result.diagnostics;
            expect(d.message.split("\n")[1]).to.match(/^Waived by tag 'secure-baseline:waive:kms-key-rotation-enabled' until 2999-12-31: Migrating to a rotating key in JIRA-123\. KMS key 'legacy-key'/);
            expect(d.waived).to.deep.equal({ reason: "Migrating to a rotating key in JIRA-123.", expires: future, by: `tag '${key}'` });

            const fix =
                "Set its value to 'until YYYY-MM-DD: reason' (the last day it holds, and why) in at most 256 letters, digits, spaces and _ . : / = + - @, " +
                "or remove the tag and fix the resource.";
            for (const [value, problem] of [
                [`until ${past}: vendor`, `it expired on ${past}`],
                ["until 2999-12-31", "it gives no reason"],
                ["until 2999-12-31: vendor, see JIRA-123", "its value holds ',', which AWS tag values do not allow"],
            ]) {
                const run = await tagged(value);
                expect(run.result.diagnostics.map((x) => [x.messageId, x.enforcementLevel]), value).to.deep.equal([
                    ["rotationDisabled", "mandatory"],
                    ["invalidWaiver", "advisory"],
                ]);
                expect(run.result.diagnostics[1].message.split("\n")[1], value).to.equal(`Waiver tag '${key}' on 'legacy-key' does not waive the finding: ${problem}. ${fix}`);
            }
        });

        it("say that a finding is undecided while the waiver tag that may excuse it is unknown at preview", async () => {
            const key = waiverTagKey(rotation);
            const run = await findings(kmsKeyRotationEnabled, [rotationOff("legacy-key", { [key]: unknown.string })]);
            expect(run.result.diagnostics.map((x) => x.message)).to.deep.equal([
                `can't run policy '${rotation}' from policy pack 'aws-secure-baseline@v${packVersion}' during preview: ` +
                    `legacy-key: the value of its waiver tag '${key}' is unknown (unknown until the resources it depends on exist; the policy decides at update)`,
            ]);
        });

        it("a config waiver and a tag both valid: the config's is reported as the one that waives", async () => {
            const key = waiverTagKey(rotation);
            const waivers = [{ resources: ["legacy-key"], reason: "org-wide exception", expires: future }];
            const run = await findings(kmsKeyRotationEnabled, [rotationOff("legacy-key", { [key]: "until 2999-12-31: vendor" })], { config: { [rotation]: { waivers } } });
            expect(run.result.diagnostics.map((x) => x.waived)).to.deep.equal([{ reason: "org-wide exception", expires: future, by: "waiver #1 in the policy pack config" }]);
        });
    });
});

caseTable(kmsKeyRotationEnabled, [
    {
        name: "waived_by_name",
        resources: [rotationOff("legacy-key"), rotationOff("other-key")],
        config: { [rotation]: { waivers: [{ resources: ["legacy-*"], reason: "rotation breaks the vendor integration", expires: future }] } },
        expect: [
            { on: "legacy-key", id: "rotationDisabled", level: "advisory" },
            { on: "other-key", id: "rotationDisabled" },
        ],
    },
    {
        name: "waived_by_urn",
        resources: [rotationOff("legacy-key")],
        config: { [rotation]: { waivers: [{ resources: [urn(keyType, "legacy-key")], reason: "vendor integration", expires: future }] } },
        expect: [{ on: "legacy-key", id: "rotationDisabled", level: "advisory" }],
    },
    {
        name: "fail_expired_waiver_reported",
        resources: [rotationOff("legacy-key")],
        config: { [rotation]: { waivers: [{ resources: ["legacy-key"], reason: "vendor integration", expires: past }] } },
        expect: [
            { on: "legacy-key", id: "rotationDisabled" },
            { on: "legacy-key", id: "invalidWaiver", level: "advisory" },
        ],
    },
    {
        name: "fail_reasonless_waiver_reported",
        resources: [rotationOff("legacy-key")],
        config: { [rotation]: { waivers: [{ resources: ["legacy-key"], expires: future }] } },
        expect: [
            { on: "legacy-key", id: "rotationDisabled" },
            { on: "legacy-key", id: "invalidWaiver", level: "advisory" },
        ],
    },
    {
        name: "pass_waiver_on_compliant_resource_says_nothing",
        resources: [resource(keyType, "legacy-key", { description: "data key", enableKeyRotation: true })],
        config: { [rotation]: { waivers: [{ resources: ["legacy-key"], expires: past }] } },
        expect: [],
    },
    // Waiver tags: `secure-baseline:waive:<policy>` on the resource itself.
    {
        name: "waived_by_tag_on_its_resource_only",
        resources: [rotationOff("legacy-key", { team: "payments", [rotationTag]: "until 2999-12-31: rotation breaks the vendor integration" }), rotationOff("other-key", { team: "payments" })],
        expect: [
            { on: "legacy-key", id: "rotationDisabled", level: "advisory" },
            { on: "other-key", id: "rotationDisabled" },
        ],
    },
    {
        name: "fail_tag_for_another_policy_waives_nothing",
        resources: [rotationOff("legacy-key", { [waiverTagKey(kmsKeyPolicyExplicit.name)]: "until 2999-12-31: the key policy comes from the vendor" })],
        expect: [{ on: "legacy-key", id: "rotationDisabled" }],
    },
    {
        name: "fail_tag_in_tags_all_only_waives_nothing",
        // What a provider's default tags add: tagsAll is not what the program declared on the resource.
        resources: [resource(keyType, "legacy-key", { description: "data key", enableKeyRotation: false, tags: {}, tagsAll: { [rotationTag]: "until 2999-12-31: every key of the account" } })],
        expect: [{ on: "legacy-key", id: "rotationDisabled" }],
    },
    {
        name: "fail_expired_tag_reported",
        resources: [rotationOff("legacy-key", { [rotationTag]: `until ${past}: rotation breaks the vendor integration` })],
        expect: [
            { on: "legacy-key", id: "rotationDisabled" },
            { on: "legacy-key", id: "invalidWaiver", level: "advisory" },
        ],
    },
    {
        name: "fail_reasonless_tag_reported",
        resources: [rotationOff("legacy-key", { [rotationTag]: "until 2999-12-31:" })],
        expect: [
            { on: "legacy-key", id: "rotationDisabled" },
            { on: "legacy-key", id: "invalidWaiver", level: "advisory" },
        ],
    },
    {
        name: "fail_malformed_tag_reported",
        resources: [
            rotationOff("comma-key", { [rotationTag]: "until 2999-12-31: vendor integration, see JIRA-123" }),
            rotationOff("long-key", { [rotationTag]: `until 2999-12-31: ${"vendor integration ".repeat(14)}` }),
            rotationOff("shapeless-key", { [rotationTag]: "vendor integration" }),
        ],
        expect: [
            { on: "comma-key", id: "rotationDisabled" },
            { on: "comma-key", id: "invalidWaiver", level: "advisory" },
            { on: "long-key", id: "rotationDisabled" },
            { on: "long-key", id: "invalidWaiver", level: "advisory" },
            { on: "shapeless-key", id: "rotationDisabled" },
            { on: "shapeless-key", id: "invalidWaiver", level: "advisory" },
        ],
    },
    {
        name: "pass_malformed_tag_on_compliant_resource_says_nothing",
        resources: [resource(keyType, "legacy-key", { description: "data key", enableKeyRotation: true, tags: { [rotationTag]: "vendor, integration" } })],
        expect: [],
    },
    {
        name: "unknown_tag_value_undecided",
        resources: [rotationOff("legacy-key", { [rotationTag]: unknown.string }), rotationOff("other-key", { team: unknown.string })],
        expect: [
            { on: "legacy-key", id: "undecided" },
            // An unknown tag that is not a waiver changes nothing.
            { on: "other-key", id: "rotationDisabled" },
        ],
    },
    {
        name: "unknown_tags_undecided",
        resources: [rotationOff("legacy-key", unknown.object)],
        expect: [{ on: "legacy-key", id: "undecided" }],
    },
    {
        name: "unknown_tag_value_with_a_config_waiver_waived",
        resources: [rotationOff("legacy-key", { [rotationTag]: unknown.string })],
        config: { [rotation]: { waivers: [{ resources: ["legacy-key"], reason: "vendor integration", expires: future }] } },
        expect: [{ on: "legacy-key", id: "rotationDisabled", level: "advisory" }],
    },
    {
        name: "pass_unknown_tag_value_on_compliant_resource_says_nothing",
        resources: [resource(keyType, "legacy-key", { description: "data key", enableKeyRotation: true, tags: { [rotationTag]: unknown.string } })],
        expect: [],
    },
]);

// The key above that waives rotation by its tag has no key policy either: that finding stands.
caseTable(kmsKeyPolicyExplicit, [
    {
        name: "fail_tag_waives_another_policy_only",
        resources: [rotationOff("legacy-key", { [rotationTag]: "until 2999-12-31: rotation breaks the vendor integration" })],
        expect: [{ on: "legacy-key", id: "noExplicitPolicy" }],
    },
]);

caseTable(s3BucketBlockSseC, [
    {
        name: "waived_stack_finding_on_its_bucket",
        resources: [...encryptedBucket("legacy-uploads", { blockedEncryptionTypes: undefined }), ...encryptedBucket("fail_unset", { blockedEncryptionTypes: undefined })],
        config: { [sseC]: { waivers: [{ resources: ["legacy-uploads"], reason: "a partner still uploads with SSE-C", expires: future }] } },
        expect: [
            { on: "legacy-uploads", id: "sseCNotBlocked", level: "advisory" },
            { on: "fail_unset", id: "sseCNotBlocked" },
        ],
    },
    {
        name: "waived_stack_finding_by_its_buckets_tag",
        resources: [
            ...encryptedBucket("legacy-uploads", { blockedEncryptionTypes: undefined }, bucketType, { tags: { [sseCTag]: "until 2999-12-31: a partner still uploads with SSE-C" } }),
            ...encryptedBucket("fail_unset", { blockedEncryptionTypes: undefined }),
        ],
        expect: [
            { on: "legacy-uploads", id: "sseCNotBlocked", level: "advisory" },
            { on: "fail_unset", id: "sseCNotBlocked" },
        ],
    },
    {
        name: "fail_stack_finding_expired_tag_reported",
        resources: encryptedBucket("legacy-uploads", { blockedEncryptionTypes: undefined }, bucketType, { tags: { [sseCTag]: `until ${past}: a partner still uploads with SSE-C` } }),
        expect: [
            { on: "legacy-uploads", id: "sseCNotBlocked" },
            { on: "legacy-uploads", id: "invalidWaiver", level: "advisory" },
        ],
    },
    {
        name: "unknown_stack_finding_tag_undecided",
        resources: [
            ...encryptedBucket("legacy-uploads", { blockedEncryptionTypes: undefined }, bucketType, { tags: { [sseCTag]: unknown.string } }),
            ...encryptedBucket("fail_unset", { blockedEncryptionTypes: undefined }),
        ],
        expect: [
            { on: "(stack)", id: "undecided" },
            { on: "fail_unset", id: "sseCNotBlocked" },
        ],
    },
]);

// A stack check without a resource side: nothing records the inputs when it runs alone, and the
// tags it honours are the queue's declared `tags` among its outputs (tagsAll adds the provider's).
caseTable(sqsQueueEncryptionCustomerManagedKey, [
    {
        name: "waived_by_tag_read_from_the_outputs",
        resources: [
            queueWithoutKey("legacy-queue", { [queueTag]: "until 2999-12-31: the consumer cannot use KMS yet" }, { [queueTag]: "until 2999-12-31: the consumer cannot use KMS yet" }),
            queueWithoutKey("provider-tagged-queue", {}, { [queueTag]: "until 2999-12-31: every queue of the provider" }),
        ],
        expect: [
            { on: "legacy-queue", id: "missingKey", level: "advisory" },
            { on: "provider-tagged-queue", id: "missingKey" },
        ],
    },
]);
