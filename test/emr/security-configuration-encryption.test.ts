import { emrSecurityConfigurationEncryption } from "../../policy-pack/emr/security-configuration-encryption";
import { caseTable } from "../lib/cases";
import { alias, awsManagedAliasArn, dataKeyArn, externalKeyArn, key, newKey } from "../lib/data-store-fixtures";
import { dependsOn, resource, secret, unknown } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const policy = emrSecurityConfigurationEncryption;
const configurationType = "aws:emr/securityConfiguration:SecurityConfiguration";

/** The JSON of a security configuration that encrypts everything with `s3Key` and `diskKey`; `change` edits it. */
function document(s3Key: unknown = dataKeyArn, diskKey: unknown = dataKeyArn, change: (d: any) => void = () => undefined): string {
    const d = {
        EncryptionConfiguration: {
            EnableInTransitEncryption: true,
            EnableAtRestEncryption: true,
            InTransitEncryptionConfiguration: { TLSCertificateConfiguration: { CertificateProviderType: "PEM", S3Object: "s3://emr-certificates/certs.zip" } },
            AtRestEncryptionConfiguration: {
                S3EncryptionConfiguration: { EncryptionMode: "SSE-KMS", AwsKmsKey: s3Key },
                LocalDiskEncryptionConfiguration: { EncryptionKeyProviderType: "AwsKms", AwsKmsKey: diskKey, EnableEbsEncryption: true },
            },
        },
    };
    change(d);
    return JSON.stringify(d);
}
const securityConfiguration = (name: string, configuration: unknown, extra = {}) => resource(configurationType, name, { name: name.replace(/_/g, "-"), configuration }, extra);

caseTable(policy, [
    { name: "pass_everything_with_stack_key", resources: [key, securityConfiguration("pass_all", document())], expect: [] },
    { name: "pass_cse_kms_and_alias", resources: [key, alias, securityConfiguration("pass_cse", document("alias/data", dataKeyArn, (d) => (d.EncryptionConfiguration.AtRestEncryptionConfiguration.S3EncryptionConfiguration.EncryptionMode = "CSE-KMS")))], expect: [] },
    { name: "pass_configuration_as_secret", resources: [key, securityConfiguration("pass_secret", secret(document()))], expect: [] },
    { name: "pass_external_key_in_allowed_key_arns", resources: [securityConfiguration("pass_allowed", document(externalKeyArn, externalKeyArn))], config: { [policy.name]: { allowedKeyArns: [externalKeyArn] } }, expect: [] },
    { name: "fail_at_rest_off", resources: [key, securityConfiguration("fail_at_rest", document(dataKeyArn, dataKeyArn, (d) => (d.EncryptionConfiguration.EnableAtRestEncryption = false)))], expect: [{ on: "fail_at_rest", id: "notEnabled" }] },
    { name: "fail_in_transit_off", resources: [key, securityConfiguration("fail_in_transit", document(dataKeyArn, dataKeyArn, (d) => delete d.EncryptionConfiguration.EnableInTransitEncryption))], expect: [{ on: "fail_in_transit", id: "notEnabled" }] },
    { name: "fail_empty_configuration", resources: [securityConfiguration("fail_empty", "{}")], expect: [{ on: "fail_empty", id: "notEnabled" }, { on: "fail_empty", id: "notEnabled" }] },
    {
        name: "fail_s3_with_sse_s3",
        resources: [key, securityConfiguration("fail_sse_s3", document(dataKeyArn, dataKeyArn, (d) => (d.EncryptionConfiguration.AtRestEncryptionConfiguration.S3EncryptionConfiguration = { EncryptionMode: "SSE-S3" })))],
        expect: [{ on: "fail_sse_s3", id: "notKms" }],
    },
    {
        name: "fail_local_disk_custom_provider",
        resources: [key, securityConfiguration("fail_custom", document(dataKeyArn, dataKeyArn, (d) => (d.EncryptionConfiguration.AtRestEncryptionConfiguration.LocalDiskEncryptionConfiguration = { EncryptionKeyProviderType: "Custom", S3Object: "s3://keys/provider.jar", EncryptionKeyProviderClass: "com.example.Provider" })))],
        expect: [{ on: "fail_custom", id: "notKms" }],
    },
    {
        name: "fail_local_disk_not_configured",
        resources: [key, securityConfiguration("fail_no_disk", document(dataKeyArn, dataKeyArn, (d) => delete d.EncryptionConfiguration.AtRestEncryptionConfiguration.LocalDiskEncryptionConfiguration))],
        expect: [{ on: "fail_no_disk", id: "notKms" }],
    },
    {
        name: "fail_s3_kms_without_key",
        resources: [key, securityConfiguration("fail_no_key", document(dataKeyArn, dataKeyArn, (d) => delete d.EncryptionConfiguration.AtRestEncryptionConfiguration.S3EncryptionConfiguration.AwsKmsKey))], expect: [{ on: "fail_no_key", id: "missingKey" }] },
    { name: "fail_aws_managed_alias", resources: [key, securityConfiguration("fail_aws_alias", document(dataKeyArn, awsManagedAliasArn("elasticmapreduce")))], expect: [{ on: "fail_aws_alias", id: "awsManagedKey" }] },
    { name: "fail_external_key_not_allowed", resources: [key, securityConfiguration("fail_external", document(externalKeyArn))], expect: [{ on: "fail_external", id: "notCustomerManaged" }] },
    { name: "fail_not_json", resources: [securityConfiguration("fail_not_json", "EncryptionConfiguration: on")], expect: [{ on: "fail_not_json", id: "invalidConfiguration" }] },
    { name: "unknown_configuration", resources: [key, securityConfiguration("unknown_configuration", unknown.string)], expect: [{ on: "(stack)", id: "undecided" }] },
    // A JSON text built from a key the preview has yet to create is unknown as a whole: its switches cannot be read.
    {
        name: "unknown_configuration_built_from_a_new_key",
        resources: (() => {
            const k = newKey();
            return [k, securityConfiguration("unknown_built", unknown.string, { propertyDependencies: dependsOn({ configuration: [k] }) })];
        })(),
        expect: [{ on: "(stack)", id: "undecided" }],
    },
]);

stackNotApplicable(policy, [{ name: "na_no_security_configurations", resources: [key], reason: `Policy only applies to resources of type '${configurationType}'` }]);
