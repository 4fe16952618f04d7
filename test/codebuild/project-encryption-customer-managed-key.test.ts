import { codebuildProjectEncryptionCustomerManagedKey } from "../../policy-pack/codebuild/project-encryption-customer-managed-key";
import { caseTable } from "../lib/cases";
import { account, alias, awsManagedAliasArn, dataKeyArn, externalKeyArn, key, newKey } from "../lib/data-store-fixtures";
import { dependsOn, resource, unknown } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const policy = codebuildProjectEncryptionCustomerManagedKey;

const project = (name: string, inputs: Record<string, unknown>, extra = {}) =>
    resource("aws:codebuild/project:Project", name, {
        serviceRole: `arn:aws:iam::${account}:role/codebuild-service`,
        source: { type: "CODEPIPELINE" },
        environment: { computeType: "BUILD_GENERAL1_SMALL", image: "aws/codebuild/standard:7.0", type: "LINUX_CONTAINER" },
        artifacts: { type: "S3", location: "build-artifacts", packaging: "ZIP" },
        encryptionKey: dataKeyArn,
        ...inputs,
    }, extra);
const reportGroup = (name: string, exportConfig: unknown, extra = {}) => resource("aws:codebuild/reportGroup:ReportGroup", name, { name: name.replace(/_/g, "-"), type: "TEST", exportConfig }, extra);
const s3Export = (s3Destination: Record<string, unknown>) => ({ type: "S3", s3Destination: { bucket: "test-reports", packaging: "NONE", encryptionKey: dataKeyArn, ...s3Destination } });
const s3Logs = (s3: Record<string, unknown>) => ({ logsConfig: { s3Logs: { location: "build-logs/app", ...s3 } } });

caseTable(policy, [
    { name: "pass_project_with_stack_key", resources: [key, project("pass_project", {})], expect: [] },
    { name: "pass_alias_name", resources: [key, alias, project("pass_alias", { encryptionKey: "alias/data" })], expect: [] },
    { name: "pass_report_group_export_with_stack_key", resources: [key, reportGroup("pass_reports", s3Export({}))], expect: [] },
    { name: "pass_report_group_not_exported", resources: [key, reportGroup("pass_no_export", { type: "NO_EXPORT" })], expect: [] },
    { name: "pass_s3_logs_encrypted", resources: [key, project("pass_logs", s3Logs({ status: "ENABLED", encryptionDisabled: false }))], expect: [] },
    // encryptionDisabled counts only where the project writes to S3.
    { name: "pass_disabled_flag_on_logs_that_are_off", resources: [key, project("pass_logs_off", s3Logs({ status: "DISABLED", encryptionDisabled: true }))], expect: [] },
    { name: "pass_disabled_flag_without_s3_artifacts", resources: [key, project("pass_pipeline", { artifacts: { type: "CODEPIPELINE", encryptionDisabled: true } })], expect: [] },
    {
        name: "pass_new_key_linked_by_dependencies",
        resources: (() => {
            const k = newKey();
            return [k, project("pass_linked", { encryptionKey: unknown.string }, { propertyDependencies: dependsOn({ encryptionKey: [k] }) })];
        })(),
        expect: [],
    },
    { name: "pass_external_key_in_allowed_key_arns", resources: [project("pass_allowed", { encryptionKey: externalKeyArn })], config: { [policy.name]: { allowedKeyArns: [externalKeyArn] } }, expect: [] },
    { name: "fail_project_without_key", resources: [key, project("fail_no_key", { encryptionKey: undefined })], expect: [{ on: "fail_no_key", id: "missingKey" }] },
    { name: "fail_aws_managed_alias", resources: [project("fail_aws_alias", { encryptionKey: awsManagedAliasArn("s3") })], expect: [{ on: "fail_aws_alias", id: "awsManagedKey" }] },
    { name: "fail_external_key_not_allowed", resources: [key, project("fail_external", { encryptionKey: externalKeyArn })], expect: [{ on: "fail_external", id: "notCustomerManaged" }] },
    { name: "fail_artifacts_unencrypted", resources: [key, project("fail_artifacts", { artifacts: { type: "S3", location: "build-artifacts", encryptionDisabled: true } })], expect: [{ on: "fail_artifacts", id: "encryptionDisabled" }] },
    {
        name: "fail_secondary_artifacts_unencrypted",
        resources: [key, project("fail_secondary", { secondaryArtifacts: [{ artifactIdentifier: "reports", type: "S3", location: "build-reports", encryptionDisabled: true }] })],
        expect: [{ on: "fail_secondary", id: "encryptionDisabled" }],
    },
    { name: "fail_s3_logs_unencrypted", resources: [key, project("fail_logs", s3Logs({ status: "ENABLED", encryptionDisabled: true }))], expect: [{ on: "fail_logs", id: "encryptionDisabled" }] },
    { name: "fail_report_export_unencrypted", resources: [key, reportGroup("fail_reports", s3Export({ encryptionDisabled: true }))], expect: [{ on: "fail_reports", id: "encryptionDisabled" }] },
    { name: "fail_report_export_aws_managed_key", resources: [key, reportGroup("fail_reports_alias", s3Export({ encryptionKey: "alias/aws/s3" }))], expect: [{ on: "fail_reports_alias", id: "awsManagedKey" }] },
    { name: "unknown_key_not_linked", resources: [key, project("unknown_key", { encryptionKey: unknown.string })], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_encryption_disabled", resources: [key, project("unknown_disabled", { artifacts: { type: "S3", location: "build-artifacts", encryptionDisabled: unknown.bool } })], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_logs_status", resources: [key, project("unknown_status", s3Logs({ status: unknown.string, encryptionDisabled: true }))], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_export_type", resources: [key, reportGroup("unknown_export", { type: unknown.string })], expect: [{ on: "(stack)", id: "undecided" }] },
]);

stackNotApplicable(policy, [{ name: "na_no_projects", resources: [key], reason: "no CodeBuild projects or report groups" }]);
