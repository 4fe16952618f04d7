import { glueEncryptionCustomerManagedKey } from "../../policy-pack/glue/encryption-customer-managed-key";
import { caseTable } from "../lib/cases";
import { alias, awsManagedAliasArn, dataKeyArn, externalKeyArn, key, newKey } from "../lib/data-store-fixtures";
import { dependsOn, resource, unknown } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const policy = glueEncryptionCustomerManagedKey;

const catalog = (name: string, atRest: Record<string, unknown>, passwords: Record<string, unknown> = { returnConnectionPasswordEncrypted: true, awsKmsKeyId: dataKeyArn }, extra = {}) =>
    resource("aws:glue/dataCatalogEncryptionSettings:DataCatalogEncryptionSettings", name, { dataCatalogEncryptionSettings: { encryptionAtRest: atRest, connectionPasswordEncryption: passwords } }, extra);
const sseKms = (sseAwsKmsKeyId: unknown = dataKeyArn) => ({ catalogEncryptionMode: "SSE-KMS", sseAwsKmsKeyId });

const encrypted = (kmsKeyArn: unknown = dataKeyArn) => ({
    s3Encryption: { s3EncryptionMode: "SSE-KMS", kmsKeyArn },
    cloudwatchEncryption: { cloudwatchEncryptionMode: "SSE-KMS", kmsKeyArn },
    jobBookmarksEncryption: { jobBookmarksEncryptionMode: "CSE-KMS", kmsKeyArn },
});
const securityConfiguration = (name: string, encryptionConfiguration: unknown, extra = {}) =>
    resource("aws:glue/securityConfiguration:SecurityConfiguration", name, { name: name.replace(/_/g, "-"), encryptionConfiguration }, extra);

caseTable(policy, [
    { name: "pass_catalog_with_stack_key", resources: [key, catalog("pass_catalog", sseKms())], expect: [] },
    { name: "pass_catalog_through_service_role", resources: [key, catalog("pass_role", { ...sseKms(), catalogEncryptionMode: "SSE-KMS-WITH-SERVICE-ROLE", catalogEncryptionServiceRole: "arn:aws:iam::123456789012:role/glue-catalog" })], expect: [] },
    { name: "pass_security_configuration_with_stack_key", resources: [key, securityConfiguration("pass_configuration", encrypted())], expect: [] },
    { name: "pass_alias_name", resources: [key, alias, securityConfiguration("pass_alias", encrypted("alias/data"))], expect: [] },
    {
        name: "pass_new_key_linked_by_dependencies",
        resources: (() => {
            const k = newKey();
            return [k, securityConfiguration("pass_linked", encrypted(unknown.string), { propertyDependencies: dependsOn({ encryptionConfiguration: [k] }) })];
        })(),
        expect: [],
    },
    { name: "pass_external_key_in_allowed_key_arns", resources: [securityConfiguration("pass_allowed", encrypted(externalKeyArn))], config: { [policy.name]: { allowedKeyArns: [externalKeyArn] } }, expect: [] },
    { name: "fail_catalog_disabled", resources: [key, catalog("fail_catalog_disabled", { catalogEncryptionMode: "DISABLED" })], expect: [{ on: "fail_catalog_disabled", id: "notEncrypted" }] },
    { name: "fail_catalog_without_key", resources: [key, catalog("fail_catalog_no_key", { catalogEncryptionMode: "SSE-KMS" })], expect: [{ on: "fail_catalog_no_key", id: "missingKey" }] },
    { name: "fail_connection_passwords_not_encrypted", resources: [key, catalog("fail_passwords", sseKms(), { returnConnectionPasswordEncrypted: false })], expect: [{ on: "fail_passwords", id: "notEncrypted" }] },
    { name: "fail_connection_passwords_aws_managed_key", resources: [key, catalog("fail_passwords_alias", sseKms(), { returnConnectionPasswordEncrypted: true, awsKmsKeyId: "alias/aws/glue" })], expect: [{ on: "fail_passwords_alias", id: "awsManagedKey" }] },
    {
        name: "fail_s3_with_sse_s3",
        resources: [key, securityConfiguration("fail_sse_s3", { ...encrypted(), s3Encryption: { s3EncryptionMode: "SSE-S3" } })],
        expect: [{ on: "fail_sse_s3", id: "notEncrypted" }],
    },
    {
        name: "fail_logs_and_bookmarks_disabled",
        resources: [key, securityConfiguration("fail_disabled", { ...encrypted(), cloudwatchEncryption: { cloudwatchEncryptionMode: "DISABLED" }, jobBookmarksEncryption: {} })],
        expect: [
            { on: "fail_disabled", id: "notEncrypted" },
            { on: "fail_disabled", id: "notEncrypted" },
        ],
    },
    { name: "fail_aws_managed_alias_arn", resources: [securityConfiguration("fail_aws_alias", encrypted(awsManagedAliasArn("glue")))], expect: Array(3).fill({ on: "fail_aws_alias", id: "awsManagedKey" }) },
    { name: "fail_external_key_not_allowed", resources: [key, catalog("fail_external", sseKms(externalKeyArn))], expect: [{ on: "fail_external", id: "notCustomerManaged" }] },
    // The block holds several keys: its dependencies on a stack key vouch only for an unknown one.
    {
        name: "fail_known_key_beside_a_linked_one",
        resources: [key, securityConfiguration("fail_beside", { ...encrypted(), s3Encryption: { s3EncryptionMode: "SSE-KMS", kmsKeyArn: externalKeyArn } }, { propertyDependencies: dependsOn({ encryptionConfiguration: [key] }) })],
        expect: [{ on: "fail_beside", id: "notCustomerManaged" }],
    },
    { name: "unknown_mode", resources: [key, securityConfiguration("unknown_mode", { ...encrypted(), s3Encryption: { s3EncryptionMode: unknown.string } })], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_key_not_linked", resources: [key, catalog("unknown_key", sseKms(unknown.string))], expect: [{ on: "(stack)", id: "undecided" }] },
]);

stackNotApplicable(policy, [{ name: "na_no_glue_settings", resources: [key], reason: "no Glue Data Catalog encryption settings or security configurations" }]);
