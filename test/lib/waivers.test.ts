import { expect } from "chai";
import { ConfigError, resolveConfig } from "../../policy-pack/lib/config";
import { definePolicy } from "../../policy-pack/lib/policy";
import { globMatch, judgeWaivers } from "../../policy-pack/lib/waivers";
import { kmsKeyRotationEnabled } from "../../policy-pack/kms/key-rotation-enabled";
import { policies } from "../../policy-pack/policies";
import { s3BucketBlockSseC } from "../../policy-pack/s3/bucket-block-sse-c";
import { caseTable, findings } from "../lib/cases";
import { resource, urn } from "../lib/fixtures";
import { encryptedBucket } from "../s3/s3-fixtures";

const keyType = "aws:kms/key:Key";
const rotationOff = (name: string) => resource(keyType, name, { description: "data key", enableKeyRotation: false });
const future = "2999-12-31";
const past = "2000-01-01";
const rotation = kmsKeyRotationEnabled.name;
const sseC = s3BucketBlockSseC.name;

describe("waivers", () => {
    describe("matching", () => {
        it("matches names and, for patterns with '::', URNs; '*' and '?' are the only wildcards", () => {
            expect(globMatch("legacy-*", "legacy-bucket")).to.equal(true);
            expect(globMatch("legacy-?", "legacy-ab")).to.equal(false);
            expect(globMatch("a.b", "axb")).to.equal(false);
            expect(globMatch("(x)+", "(x)+")).to.equal(true);
            const keyUrn = urn(keyType, "old-key");
            expect(judgeWaivers([{ resources: ["*::aws:kms/key:Key::old-*"], reason: "r", expires: future }], keyUrn, "old-key").waived).to.deep.equal({ reason: "r", expires: future });
            expect(judgeWaivers([{ resources: ["old-key"], reason: "r", expires: future }], keyUrn, "old-key").waived).to.not.equal(undefined);
            expect(judgeWaivers([{ resources: ["other"], reason: "r", expires: future }], keyUrn, "old-key")).to.deep.equal({ invalid: [] });
        });

        it("holds through its expires day (UTC) and names what is wrong with an invalid one", () => {
            const on = (waiver: object, today: string) => judgeWaivers([{ resources: ["k"], ...waiver }], "urn", "k", today);
            expect(on({ reason: "r", expires: "2030-06-30" }, "2030-06-30").waived).to.deep.equal({ reason: "r", expires: "2030-06-30" });
            expect(on({ reason: "r", expires: "2030-06-30" }, "2030-07-01").invalid.map((i) => i.problem)).to.deep.equal(["it expired on 2030-06-30"]);
            expect(on({ reason: "  ", expires: future }, "2030-01-01").invalid.map((i) => i.problem)).to.deep.equal(["it gives no reason"]);
            expect(on({ reason: "r" }, "2030-01-01").invalid.map((i) => i.problem)).to.deep.equal(["it has no expires date"]);
            expect(on({ reason: "r", expires: "2030-02-30" }, "2030-01-01").invalid.map((i) => i.problem)).to.deep.equal(["its expires date '2030-02-30' is not a YYYY-MM-DD date"]);
        });

        it("lets a valid waiver waive even when an earlier matching one is invalid", () => {
            const verdict = judgeWaivers([{ resources: ["k"], reason: "old", expires: past }, { resources: ["k"], reason: "renewed", expires: future }], "urn", "k");
            expect(verdict.waived).to.deep.equal({ reason: "renewed", expires: future });
            expect(verdict.invalid).to.have.length(1);
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
            expect(d.waived).to.deep.equal({ reason: "Migrating to a rotating key in JIRA-123.", expires: future });

            const expired = await findings(kmsKeyRotationEnabled, [rotationOff("legacy-key")], { config: { [rotation]: { waivers: [{ ...waivers[0], expires: past }] } } });
            const invalid = expired.result.diagnostics.find((x) => x.messageId === "invalidWaiver")!;
            expect(invalid.message.split("\n")[1]).to.equal(
                `Waiver #1 of ${rotation} (resources 'legacy-key') does not waive the finding on 'legacy-key': it expired on ${past}. ` +
                    "Give it a reason and a future expires date, or remove it and fix the resource.",
            );
            expect(expired.result.diagnostics.every((x) => x.waived === undefined)).to.equal(true);
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
]);
