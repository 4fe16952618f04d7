import { sagemakerEncryptionCustomerManagedKey } from "../../policy-pack/sagemaker/encryption-customer-managed-key";
import { caseTable } from "../lib/cases";
import { account, alias, awsManagedAliasArn, dataKeyArn, externalKeyArn, key, newKey } from "../lib/data-store-fixtures";
import { dependsOn, resource, unknown } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const policy = sagemakerEncryptionCustomerManagedKey;
const roleArn = `arn:aws:iam::${account}:role/sagemaker-execution`;

const notebook = (name: string, inputs: Record<string, unknown>, extra = {}) =>
    resource("aws:sagemaker/notebookInstance:NotebookInstance", name, { roleArn, instanceType: "ml.t3.medium", directInternetAccess: "Disabled", ...inputs }, extra);
const variant = (instanceType: unknown) => ({ variantName: "primary", modelName: "churn", initialInstanceCount: 1, instanceType });
const endpointConfiguration = (name: string, inputs: Record<string, unknown>, instanceType: unknown = "ml.m5.large") =>
    resource("aws:sagemaker/endpointConfiguration:EndpointConfiguration", name, { productionVariants: [variant(instanceType)], ...inputs });
const domain = (name: string, inputs: Record<string, unknown>) =>
    resource("aws:sagemaker/domain:Domain", name, {
        domainName: name.replace(/_/g, "-"),
        authMode: "IAM",
        vpcId: "vpc-0123456789abcdef0",
        subnetIds: ["subnet-0123456789abcdef0"],
        defaultUserSettings: { executionRole: roleArn },
        ...inputs,
    });

caseTable(policy, [
    {
        name: "pass_each_kind_with_stack_key",
        resources: [key, notebook("pass_notebook", { kmsKeyId: dataKeyArn }), endpointConfiguration("pass_endpoint", { kmsKeyArn: dataKeyArn }), domain("pass_domain", { kmsKeyId: dataKeyArn })],
        expect: [],
    },
    { name: "pass_alias_name", resources: [key, alias, notebook("pass_alias", { kmsKeyId: "alias/data" })], expect: [] },
    {
        name: "pass_new_key_linked_by_dependencies",
        resources: (() => {
            const k = newKey();
            return [k, notebook("pass_linked", { kmsKeyId: unknown.string }, { propertyDependencies: dependsOn({ kmsKeyId: [k] }) })];
        })(),
        expect: [],
    },
    { name: "pass_external_key_in_allowed_key_arns", resources: [domain("pass_allowed", { kmsKeyId: externalKeyArn })], config: { [policy.name]: { allowedKeyArns: [externalKeyArn] } }, expect: [] },
    // SageMaker refuses a KMS key for instances with local NVMe storage (CreateEndpointConfig, KmsKeyId).
    { name: "pass_endpoint_on_local_storage_instances_without_key", resources: [key, notebook("pass_beside", { kmsKeyId: dataKeyArn }), endpointConfiguration("pass_nvme", {}, "ml.g5.xlarge")], expect: [] },
    { name: "pass_endpoint_on_d_family_without_key", resources: [key, notebook("pass_beside_d", { kmsKeyId: dataKeyArn }), endpointConfiguration("pass_m5d", {}, "ml.m5d.large")], expect: [] },
    { name: "fail_notebook_without_key", resources: [key, notebook("fail_notebook", {})], expect: [{ on: "fail_notebook", id: "missingKey" }] },
    { name: "fail_endpoint_without_key", resources: [key, endpointConfiguration("fail_endpoint", {})], expect: [{ on: "fail_endpoint", id: "missingKey" }] },
    { name: "fail_domain_without_key", resources: [key, domain("fail_domain", {})], expect: [{ on: "fail_domain", id: "missingKey" }] },
    { name: "fail_aws_managed_alias", resources: [notebook("fail_aws_alias", { kmsKeyId: awsManagedAliasArn("sagemaker") })], expect: [{ on: "fail_aws_alias", id: "awsManagedKey" }] },
    { name: "fail_external_key_not_allowed", resources: [key, endpointConfiguration("fail_external", { kmsKeyArn: externalKeyArn })], expect: [{ on: "fail_external", id: "notCustomerManaged" }] },
    { name: "unknown_key_not_linked", resources: [key, domain("unknown_key", { kmsKeyId: unknown.string })], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_instance_type_without_key", resources: [key, endpointConfiguration("unknown_instance", {}, unknown.string)], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "pass_unknown_instance_type_with_stack_key", resources: [key, endpointConfiguration("pass_unknown_instance", { kmsKeyArn: dataKeyArn }, unknown.string)], expect: [] },
]);

stackNotApplicable(policy, [
    { name: "na_no_sagemaker_resources", resources: [key], reason: "no SageMaker notebook instances, endpoint configurations or domains" },
    { name: "na_only_local_storage_endpoints", resources: [endpointConfiguration("na_nvme", {}, "ml.p4d.24xlarge")], reason: "local NVMe storage" },
]);
