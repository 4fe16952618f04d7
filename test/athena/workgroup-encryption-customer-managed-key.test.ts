import { athenaWorkgroupEncryptionCustomerManagedKey } from "../../policy-pack/athena/workgroup-encryption-customer-managed-key";
import { caseTable } from "../lib/cases";
import { alias, awsManagedAliasArn, dataKeyArn, externalKeyArn, key, newKey } from "../lib/data-store-fixtures";
import { dependsOn, resource, unknown } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const policy = athenaWorkgroupEncryptionCustomerManagedKey;
const workgroupType = "aws:athena/workgroup:Workgroup";

const results = (encryptionConfiguration: unknown) => ({ outputLocation: "s3://athena-results/", ...(encryptionConfiguration === undefined ? {} : { encryptionConfiguration }) });
const workgroup = (name: string, configuration: unknown, extra = {}) =>
    resource(workgroupType, name, { name: name.replace(/_/g, "-"), ...(configuration === undefined ? {} : { configuration }) }, extra);
const kms = (kmsKeyArn: unknown, encryptionOption = "SSE_KMS") => ({ enforceWorkgroupConfiguration: true, resultConfiguration: results({ encryptionOption, kmsKeyArn }) });

caseTable(policy, [
    { name: "pass_sse_kms_with_stack_key", resources: [key, workgroup("pass_sse_kms", kms(dataKeyArn))], expect: [] },
    { name: "pass_cse_kms_with_alias", resources: [key, alias, workgroup("pass_cse_kms", kms("alias/data", "CSE_KMS"))], expect: [] },
    // enforceWorkgroupConfiguration is true unless set.
    { name: "pass_enforced_by_default", resources: [key, workgroup("pass_default_enforced", { resultConfiguration: results({ encryptionOption: "SSE_KMS", kmsKeyArn: dataKeyArn }) })], expect: [] },
    {
        name: "pass_managed_results_with_stack_key",
        resources: [key, workgroup("pass_managed", { managedQueryResultsConfiguration: { enabled: true, encryptionConfiguration: { kmsKey: dataKeyArn } } })],
        expect: [],
    },
    {
        name: "pass_new_key_linked_by_dependencies",
        resources: (() => {
            const k = newKey();
            return [k, workgroup("pass_linked", kms(unknown.string), { propertyDependencies: dependsOn({ configuration: [k] }) })];
        })(),
        expect: [],
    },
    { name: "pass_external_key_in_allowed_key_arns", resources: [workgroup("pass_allowed", kms(externalKeyArn))], config: { [policy.name]: { allowedKeyArns: [externalKeyArn] } }, expect: [] },
    { name: "fail_no_configuration", resources: [key, workgroup("fail_no_configuration", undefined)], expect: [{ on: "fail_no_configuration", id: "notEncrypted" }] },
    { name: "fail_results_unencrypted", resources: [key, workgroup("fail_unencrypted", { resultConfiguration: results(undefined) })], expect: [{ on: "fail_unencrypted", id: "notEncrypted" }] },
    { name: "fail_sse_s3", resources: [key, workgroup("fail_sse_s3", { resultConfiguration: results({ encryptionOption: "SSE_S3" }) })], expect: [{ on: "fail_sse_s3", id: "notEncrypted" }] },
    { name: "fail_not_enforced", resources: [key, workgroup("fail_not_enforced", { ...kms(dataKeyArn), enforceWorkgroupConfiguration: false })], expect: [{ on: "fail_not_enforced", id: "notEnforced" }] },
    { name: "fail_kms_without_key", resources: [workgroup("fail_no_key", kms(undefined))], expect: [{ on: "fail_no_key", id: "missingKey" }] },
    { name: "fail_aws_managed_alias", resources: [workgroup("fail_aws_alias", kms(awsManagedAliasArn("s3")))], expect: [{ on: "fail_aws_alias", id: "awsManagedKey" }] },
    { name: "fail_external_key_not_allowed", resources: [key, workgroup("fail_external", kms(externalKeyArn))], expect: [{ on: "fail_external", id: "notCustomerManaged" }] },
    { name: "fail_managed_results_without_key", resources: [workgroup("fail_managed", { managedQueryResultsConfiguration: { enabled: true } })], expect: [{ on: "fail_managed", id: "managedResultsAwsOwnedKey" }] },
    { name: "unknown_configuration", resources: [workgroup("unknown_configuration", unknown.object)], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_option_without_key", resources: [workgroup("unknown_option", { resultConfiguration: results({ encryptionOption: unknown.string }) })], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_key_not_linked", resources: [key, workgroup("unknown_key", kms(unknown.string))], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "na_no_workgroups_in_the_stack", resources: [key], expect: [], notApplicable: [] },
]);

stackNotApplicable(policy, [{ name: "na_no_workgroups", resources: [key], reason: `Policy only applies to resources of type '${workgroupType}'` }]);
