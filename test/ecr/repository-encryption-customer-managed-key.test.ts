import { ecrRepositoryEncryptionCustomerManagedKey } from "../../policy-pack/ecr/repository-encryption-customer-managed-key";
import { caseTable } from "../lib/cases";
import { alias, awsManagedAliasArn, dataKeyArn, externalKeyArn, key, newKey } from "../lib/data-store-fixtures";
import { dependsOn, resource, secret, unknown } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const policy = ecrRepositoryEncryptionCustomerManagedKey;
const repositoryType = "aws:ecr/repository:Repository";

const repository = (name: string, encryptionConfigurations: unknown, extra = {}) =>
    resource(repositoryType, name, { name, imageTagMutability: "IMMUTABLE", ...(encryptionConfigurations === undefined ? {} : { encryptionConfigurations }) }, extra);
const kms = (kmsKey: unknown, encryptionType: unknown = "KMS") => [{ encryptionType, ...(kmsKey === undefined ? {} : { kmsKey }) }];

caseTable(policy, [
    { name: "pass_kms_with_stack_key", resources: [key, repository("pass_kms", kms(dataKeyArn))], expect: [] },
    { name: "pass_dsse_kms_with_stack_key", resources: [key, repository("pass_dsse", kms(dataKeyArn, "KMS_DSSE"))], expect: [] },
    { name: "pass_key_as_secret", resources: [key, repository("pass_secret", kms(secret(dataKeyArn)))], expect: [] },
    { name: "pass_alias_name_of_stack_key", resources: [key, alias, repository("pass_alias", kms("alias/data"))], expect: [] },
    // A program that passes the block as one object rather than a list of one.
    { name: "pass_single_object_block", resources: [key, repository("pass_object", { encryptionType: "KMS", kmsKey: dataKeyArn })], expect: [] },
    {
        name: "pass_new_key_linked_by_dependencies",
        resources: (() => {
            const k = newKey();
            return [k, repository("pass_linked", kms(unknown.string), { propertyDependencies: dependsOn({ encryptionConfigurations: [k] }) })];
        })(),
        expect: [],
    },
    {
        name: "pass_external_key_in_allowed_key_arns",
        resources: [repository("pass_allowed", kms(externalKeyArn))],
        config: { [policy.name]: { allowedKeyArns: [externalKeyArn] } },
        expect: [],
    },
    { name: "fail_no_encryption_configuration", resources: [key, repository("fail_default", undefined)], expect: [{ on: "fail_default", id: "notKms" }] },
    { name: "fail_empty_list", resources: [repository("fail_empty_list", [])], expect: [{ on: "fail_empty_list", id: "notKms" }] },
    { name: "fail_aes256", resources: [key, repository("fail_aes256", [{ encryptionType: "AES256" }])], expect: [{ on: "fail_aes256", id: "notKms" }] },
    { name: "fail_block_without_type", resources: [key, repository("fail_no_type", [{ kmsKey: dataKeyArn }])], expect: [{ on: "fail_no_type", id: "notKms" }] },
    { name: "fail_kms_without_key_is_aws_ecr", resources: [key, repository("fail_aws_ecr", kms(undefined))], expect: [{ on: "fail_aws_ecr", id: "missingKey" }] },
    { name: "fail_aws_managed_alias", resources: [key, repository("fail_aws_alias", kms("alias/aws/ecr"))], expect: [{ on: "fail_aws_alias", id: "awsManagedKey" }] },
    { name: "fail_aws_managed_alias_arn", resources: [repository("fail_aws_alias_arn", kms(awsManagedAliasArn("ecr")))], expect: [{ on: "fail_aws_alias_arn", id: "awsManagedKey" }] },
    { name: "fail_external_key_not_allowed", resources: [key, repository("fail_external", kms(externalKeyArn))], expect: [{ on: "fail_external", id: "notCustomerManaged" }] },
    { name: "unknown_type_with_aws_managed_key", resources: [repository("unknown_type_aws_key", kms("alias/aws/ecr", unknown.string))], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_key_not_linked", resources: [key, repository("unknown_key", kms(unknown.string))], expect: [{ on: "(stack)", id: "undecided" }] },
    // ECR takes a kmsKey only with a KMS encryption type.
    { name: "pass_unknown_type_with_stack_key", resources: [key, repository("pass_unknown_type", kms(dataKeyArn, unknown.string))], expect: [] },
    { name: "unknown_whole_list", resources: [key, repository("unknown_list", unknown.array)], expect: [{ on: "(stack)", id: "undecided" }] },
    {
        name: "pass_unknown_whole_list_linked_to_stack_key",
        resources: [key, repository("pass_list_linked", unknown.array, { propertyDependencies: dependsOn({ encryptionConfigurations: [key] }) })],
        expect: [],
    },
    // The server answers for the stack check, marked with its one type, without calling it.
    { name: "na_no_repositories_in_the_stack", resources: [key], expect: [], notApplicable: [] },
    { name: "unknown_list_element", resources: [key, repository("unknown_element", [unknown.object])], expect: [{ on: "(stack)", id: "undecided" }] },
]);

stackNotApplicable(policy, [{ name: "na_no_repositories", resources: [key], reason: "Policy only applies to resources of type 'aws:ecr/repository:Repository'" }]);
