import { expect } from "chai";
import { audit } from "../../cli/audit/audit";
import { parseExport } from "../../cli/audit/exports";
import { ResourceState } from "../../policy-pack/lib/runner";
import { clearRecordedCreated, recordTimes } from "../../policy-pack/lib/timestamps";
import { s3ExistingObjectsEncrypted } from "../../policy-pack/s3/existing-objects-encrypted";
import { Case, Expected, caseTable } from "../lib/cases";
import { resource, secret, unknown } from "../lib/fixtures";
import { bucket, bucketV2Type, config, configV2Type, encryptedBucket, inlineEncryptedBucket, key, keyArn, objectCopyType, objectType, objectV2Type, rule, stackNotApplicable } from "./s3-fixtures";

const policy = s3ExistingObjectsEncrypted;

const bucketCreated = Date.parse("2024-03-01T10:00:00.000Z");
const minutesLater = (minutes: number) => new Date(bucketCreated + minutes * 60_000).toISOString();

/** A deployed object whose outputs record the encryption S3 reported for it. */
const storedObject = (name: string, bucketRef: string, encryption: unknown, type = objectV2Type) =>
    resource(type, name, { bucket: bucketRef, key: `${name}.json`, content: "{}" }, { outputs: { bucket: bucketRef, key: `${name}.json`, serverSideEncryption: encryption, kmsKeyId: keyArn } });

/** A bucket created at the reference time with its configuration created `minutes` later. */
const configuredLater = (name: string, minutes: number, types: [string, string] = ["aws:s3/bucket:Bucket", "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"]) => {
    const b = bucket(name, {}, types[0]);
    const c = config(`${name}-sse`, name, [rule()], {}, types[1]);
    return { resources: [b, c], created: { [b.urn]: minutesLater(0), [c.urn]: minutesLater(minutes) } };
};

// Creation times come from the stack export; the audit records them before the stack checks run.
const createdByCase = new Map<string, Record<string, string>>();

function audited(name: string, resources: ResourceState[], created: Record<string, string>, expect: Expected[], extra: Partial<Case> = {}): Case {
    createdByCase.set(name, created);
    return { name, resources, expect, ...extra };
}

/** Every resource created at the reference time, as after one `pulumi up`. */
const allAtOnce = (resources: ResourceState[]) => Object.fromEntries(resources.map((r) => [r.urn, minutesLater(0)]));

describe("audit of a stack export", () => {
    beforeEach(function () {
        recordTimes(createdByCase.get(this.currentTest!.title) ?? {}, {});
    });
    afterEach(() => clearRecordedCreated());

    const withConfig = configuredLater("pass_same_up", 5);
    const withinGrace = configuredLater("pass_within_grace", 59);
    const customGrace = configuredLater("pass_custom_grace", 180);
    const legacy = configuredLater("pass_legacy", 2, [bucketV2Type, configV2Type]);
    const later = configuredLater("fail_later", 180);
    const laterLegacy = configuredLater("fail_later_v2", 24 * 60, [bucketV2Type, configV2Type]);
    const inline = [key, inlineEncryptedBucket("pass_inline")];
    const kmsObjects = [key, ...encryptedBucket("data"), storedObject("pass_kms", "data", "aws:kms"), storedObject("pass_dsse", "data", "aws:kms:dsse", objectType), storedObject("pass_secret", "data", secret("aws:kms"))];
    const aesObject = [...encryptedBucket("data"), storedObject("fail_aes", "data", "AES256")];
    const plainObject = [...encryptedBucket("data"), storedObject("fail_plain", "data", "", objectType)];
    const aesCopy = [...encryptedBucket("data"), storedObject("fail_copy", "data", "AES256", objectCopyType)];
    const undated = [bucket("pass_undated"), config("pass_undated-sse", "pass_undated", [rule()]), key];
    const unknownOutput = [...encryptedBucket("data"), storedObject("unknown_output", "data", unknown.string)];
    const laterBesideUnresolved = configuredLater("unknown_earlier_configuration", 180);
    const unresolved = config("unknown_earlier_configuration-other", unknown.string, [rule()]);

    caseTable(policy, [
        audited("pass_configuration_in_the_same_up", withConfig.resources, withConfig.created, []),
        audited("pass_configuration_within_grace", withinGrace.resources, withinGrace.created, []),
        audited("pass_custom_grace", customGrace.resources, customGrace.created, [], { config: { [policy.name]: { graceMinutes: 240 } } }),
        audited("pass_legacy_tokens", legacy.resources, legacy.created, []),
        audited("pass_inline_encryption", inline, allAtOnce(inline), []),
        audited("pass_objects_stored_with_kms", kmsObjects, allAtOnce(kmsObjects), []),
        audited("pass_resources_without_recorded_time", undated, { [key.urn]: minutesLater(0) }, []),
        audited("fail_configuration_added_later", later.resources, later.created, [{ on: "fail_later", id: "encryptionAddedLater" }]),
        audited("fail_configuration_added_later_legacy_tokens", laterLegacy.resources, laterLegacy.created, [{ on: "fail_later_v2", id: "encryptionAddedLater" }]),
        audited("fail_object_stored_with_sse_s3", aesObject, allAtOnce(aesObject), [{ on: "fail_aes", id: "objectNotKms" }]),
        audited("fail_object_stored_unencrypted", plainObject, allAtOnce(plainObject), [{ on: "fail_plain", id: "objectNotKms" }]),
        audited("fail_object_copy_stored_with_sse_s3", aesCopy, allAtOnce(aesCopy), [{ on: "fail_copy", id: "objectNotKms" }]),
        audited("unknown_object_encryption_output", unknownOutput, allAtOnce(unknownOutput), [{ on: "(stack)", id: "undecided" }]),
        audited(
            "unknown_configuration_bucket_may_be_the_earlier_one",
            [...laterBesideUnresolved.resources, unresolved],
            { ...laterBesideUnresolved.created, [unresolved.urn]: minutesLater(0) },
            [{ on: "(stack)", id: "undecided" }],
        ),
    ]);
});

stackNotApplicable(policy, [
    { name: "na_preview_without_timestamps", resources: configuredLater("na_later", 180).resources, reason: "audit of a stack export" },
    { name: "na_preview_object_outputs_not_judged", resources: [...encryptedBucket("data"), storedObject("na_aes", "data", "AES256")], reason: "audit of a stack export" },
]);

// What was changed when (`modified`) is in a stack export only: held through the audit of one.
describe("audit of a stack export: an encryption configuration changed long after the bucket", () => {
    const at = (minutes: number) => new Date(bucketCreated + minutes * 60_000).toISOString();
    const exported = (configurationModified: string | undefined) => {
        const b = bucket("ledger");
        const c = config("ledger-sse", "ledger", [rule()]);
        const entry = (r: ResourceState, times: Record<string, string>) => ({ urn: r.urn, type: r.type, custom: true, id: r.name, inputs: r.inputs, outputs: r.outputs ?? r.inputs, ...times });
        return parseExport(
            "state.json",
            JSON.stringify({
                version: 3,
                deployment: {
                    resources: [
                        entry(b, { created: at(0), modified: at(0) }),
                        entry(c, { created: at(1), ...(configurationModified ? { modified: configurationModified } : {}) }),
                    ],
                },
            }),
        );
    };
    const findings = async (configurationModified: string | undefined) =>
        (await audit([policy], [exported(configurationModified)])).violations.map((f) => ({ on: f.name, id: f.messageId, level: f.enforcementLevel, message: f.message }));

    it("is an advisory on the bucket naming the re-encryption runbook", async () => {
        expect(await findings(at(60 * 24 * 30))).to.deep.equal([
            {
                on: "ledger",
                id: "encryptionChangedLater",
                level: "advisory",
                message:
                    "Bucket 'ledger' had its encryption configuration 'ledger-sse' changed 43200 minutes after the bucket was created (more than 60). If the change turned on SSE-KMS " +
                    "or moved to another key, objects written before keep their old encryption: check them and re-encrypt them in place as described in docs/runbooks/reencrypt-existing-objects.md.",
            },
        ]);
    });

    it("changed within the grace period, or with no time recorded, it says nothing", async () => {
        expect(await findings(at(30))).to.deep.equal([]);
        expect(await findings(undefined)).to.deep.equal([]);
    });
});
