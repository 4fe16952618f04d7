import { ebsDefaultEncryptionCustomerManagedKey } from "../../policy-pack/ebs/default-encryption-customer-managed-key";
import { caseTable } from "../lib/cases";
import { account, alias, aliasArn, externalKeyArn, key, keyArn, newKey } from "../lib/customer-managed-key-fixtures";
import { dependsOn, resource, unknown } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const policy = ebsDefaultEncryptionCustomerManagedKey;
const settingType = "aws:ebs/encryptionByDefault:EncryptionByDefault";
const defaultKeyType = "aws:ebs/defaultKmsKey:DefaultKmsKey";

/** Deployed, both resources' id is the Region. */
function setting(name: string, inputs: Record<string, unknown> = {}) {
    return resource(settingType, name, inputs, { outputs: { id: "us-east-1", enabled: true, region: "us-east-1", ...inputs } });
}

function defaultKey(name: string, inputs: Record<string, unknown>, extra = {}) {
    return resource(defaultKeyType, name, inputs, { outputs: { id: "us-east-1", region: "us-east-1", ...inputs }, ...extra });
}

/** An explicit AWS provider, as the state records it: the provider resource's inputs. */
function awsProvider(name: string, region: unknown) {
    return { urn: `urn:pulumi:test::fixture::pulumi:providers:aws::${name}`, type: "pulumi:providers:aws", name, inputs: { region, skipCredentialsValidation: "false", version: "6.83.0" } };
}
const usEast1 = awsProvider("us-east-1", "us-east-1");
const euWest1 = awsProvider("eu-west-1", "eu-west-1");

/** @pulumi/aws 6: no `region` at all, the Region is the provider's. */
function settingV6(name: string, provider: ReturnType<typeof awsProvider>) {
    return resource(settingType, name, {}, { outputs: { id: String(provider.inputs.region), enabled: true }, provider });
}

function defaultKeyV6(name: string, provider: ReturnType<typeof awsProvider>) {
    return resource(defaultKeyType, name, { keyArn }, { outputs: { id: String(provider.inputs.region), keyArn }, provider });
}

caseTable(policy, [
    // @pulumi/aws 6: one setting and one default key per Region, each through its Region's provider.
    {
        name: "pass_v6_each_region_its_default_key",
        resources: [key, settingV6("pass_setting_us", usEast1), defaultKeyV6("pass_default_us_v6", usEast1), settingV6("pass_setting_eu_v6", euWest1), defaultKeyV6("pass_default_eu_v6", euWest1)],
        expect: [],
    },
    {
        name: "fail_v6_default_key_on_another_regions_provider",
        resources: [key, settingV6("fail_setting_eu_v6", euWest1), defaultKeyV6("pass_default_us_only", usEast1)],
        expect: [{ on: "fail_setting_eu_v6", id: "noDefaultKey" }],
    },
    // @pulumi/aws 7 at preview of a new stack, region unset on the resources: the providers' Regions decide, as in 6.
    {
        name: "fail_v7_preview_region_unset_providers_of_two_regions",
        resources: [key, resource(settingType, "fail_setting_eu_v7", {}, { provider: euWest1 }), resource(defaultKeyType, "pass_default_us_v7", { keyArn }, { provider: usEast1 })],
        expect: [{ on: "fail_setting_eu_v7", id: "noDefaultKey" }],
    },
    {
        name: "unknown_region_of_a_provider",
        resources: [key, settingV6("unknown_setting_provider_region", awsProvider("computed", unknown.string)), defaultKeyV6("pass_default_us_known", usEast1)],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    { name: "pass_enabled_with_default_key", resources: [key, setting("pass_setting"), defaultKey("pass_default_key", { keyArn })], expect: [] },
    { name: "pass_enabled_explicitly_with_alias_arn", resources: [key, alias, setting("pass_setting_true", { enabled: true }), defaultKey("pass_default_alias", { keyArn: aliasArn })], expect: [] },
    {
        name: "pass_new_key_unknown_arn_linked_by_dependencies",
        resources: [newKey, setting("pass_setting_new"), defaultKey("pass_default_new", { keyArn: unknown.string }, { propertyDependencies: dependsOn({ keyArn: [newKey] }) })],
        expect: [],
    },
    {
        name: "pass_allowed_external_key",
        resources: [setting("pass_setting_allowed"), defaultKey("pass_default_allowed", { keyArn: externalKeyArn })],
        config: { [policy.name]: { allowedKeyArns: [externalKeyArn] } },
        expect: [],
    },
    {
        name: "pass_same_region_named_on_both",
        resources: [key, setting("pass_setting_eu", { region: "eu-west-1" }), defaultKey("pass_default_eu", { keyArn, region: "eu-west-1" })],
        expect: [],
    },
    { name: "pass_default_key_alone", resources: [key, defaultKey("pass_default_only", { keyArn })], expect: [] },
    { name: "fail_disabled", resources: [key, setting("fail_setting_off", { enabled: false }), defaultKey("pass_default_beside_off", { keyArn })], expect: [{ on: "fail_setting_off", id: "disabled" }] },
    { name: "fail_enabled_without_default_key", resources: [key, setting("fail_setting_no_key")], expect: [{ on: "fail_setting_no_key", id: "noDefaultKey" }] },
    {
        name: "fail_default_key_for_another_region",
        resources: [key, setting("fail_setting_other_region", { region: "eu-west-1" }), defaultKey("pass_default_us", { keyArn })],
        expect: [{ on: "fail_setting_other_region", id: "noDefaultKey" }],
    },
    { name: "fail_default_key_aws_managed", resources: [setting("pass_setting_aws_key"), defaultKey("fail_default_aws", { keyArn: `arn:aws:kms:us-east-1:${account}:alias/aws/ebs` })], expect: [{ on: "fail_default_aws", id: "awsManagedKey" }] },
    { name: "fail_default_key_of_another_account", resources: [key, defaultKey("fail_default_external", { keyArn: externalKeyArn })], expect: [{ on: "fail_default_external", id: "notCustomerManaged" }] },
    { name: "unknown_enabled", resources: [key, setting("unknown_setting", { enabled: unknown.bool }), defaultKey("pass_default_beside_unknown", { keyArn })], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_default_key_not_linked", resources: [key, defaultKey("unknown_default_key", { keyArn: unknown.string })], expect: [{ on: "(stack)", id: "undecided" }] },
    {
        name: "unknown_region_of_the_default_key",
        resources: [key, setting("unknown_setting_region", { region: "eu-west-1" }), defaultKey("pass_default_region_unknown", { keyArn, region: unknown.string })],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
]);

stackNotApplicable(policy, [{ name: "na_no_default_encryption_settings", resources: [key], reason: "neither EBS encryption by default nor the default EBS key" }]);
