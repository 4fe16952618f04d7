import { kmsKeyRotationEnabled } from "../../policy-pack/kms/key-rotation-enabled";
import { caseTable } from "../lib/cases";
import { resource, secret, unknown } from "../lib/fixtures";

const keyType = "aws:kms/key:Key";
const compliant = { description: "data key", enableKeyRotation: true, rotationPeriodInDays: 365, deletionWindowInDays: 30 };
const key = (name: string, change: Record<string, unknown> = {}) => resource(keyType, name, { ...compliant, ...change });

caseTable(kmsKeyRotationEnabled, [
    { name: "pass_baseline", resources: [key("pass_baseline")], expect: [] },
    { name: "pass_rotation_unset_period", resources: [key("pass_default_period", { rotationPeriodInDays: undefined })], expect: [] },
    { name: "pass_rotation_as_secret", resources: [key("pass_secret", { enableKeyRotation: secret(true) })], expect: [] },
    { name: "pass_custom_maximum", resources: [key("pass_custom_max", { rotationPeriodInDays: 730 })], config: { "kms-key-rotation-enabled": { maxRotationDays: 730 } }, expect: [] },
    { name: "fail_rotation_off", resources: [key("fail_rotation_off", { enableKeyRotation: false })], expect: [{ on: "fail_rotation_off", id: "rotationDisabled" }] },
    { name: "fail_rotation_unset", resources: [key("fail_rotation_unset", { enableKeyRotation: undefined })], expect: [{ on: "fail_rotation_unset", id: "rotationDisabled" }] },
    { name: "fail_period_too_long", resources: [key("fail_period", { rotationPeriodInDays: 730 })], expect: [{ on: "fail_period", id: "rotationTooSlow" }] },
    {
        name: "na_asymmetric_key",
        resources: [key("na_asymmetric", { customerMasterKeySpec: "RSA_2048", enableKeyRotation: false })],
        expect: [],
        notApplicable: ["na_asymmetric"],
    },
    { name: "na_other_type", resources: [resource("aws:s3/bucket:Bucket", "na_bucket", {})], expect: [], notApplicable: ["na_bucket"] },
    { name: "unknown_rotation", resources: [key("unknown_rotation", { enableKeyRotation: unknown.bool })], expect: [{ on: "unknown_rotation", id: "undecided" }] },
    {
        name: "unknown_period_but_rotation_off_fails",
        resources: [key("fail_known_part", { enableKeyRotation: false, rotationPeriodInDays: unknown.number })],
        expect: [{ on: "fail_known_part", id: "rotationDisabled" }],
    },
]);
