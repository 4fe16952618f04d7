import { sfnStateMachineEncryptionCustomerManagedKey } from "../../policy-pack/sfn/state-machine-encryption-customer-managed-key";
import { caseTable } from "../lib/cases";
import { account, alias, awsManagedAliasArn, dataKeyArn, externalKeyArn, key, newKey } from "../lib/data-store-fixtures";
import { dependsOn, resource, unknown } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const policy = sfnStateMachineEncryptionCustomerManagedKey;
const stateMachineType = "aws:sfn/stateMachine:StateMachine";
const activityType = "aws:sfn/activity:Activity";
const definition = JSON.stringify({ StartAt: "Done", States: { Done: { Type: "Succeed" } } });

const customerKey = (kmsKeyId: unknown) => ({ type: "CUSTOMER_MANAGED_KMS_KEY", kmsKeyId, kmsDataKeyReusePeriodSeconds: 300 });
const stateMachine = (name: string, encryptionConfiguration: unknown, extra = {}) =>
    resource(stateMachineType, name, { roleArn: `arn:aws:iam::${account}:role/orders-workflow`, definition, ...(encryptionConfiguration === undefined ? {} : { encryptionConfiguration }) }, extra);
const activity = (name: string, encryptionConfiguration: unknown) => resource(activityType, name, { name, ...(encryptionConfiguration === undefined ? {} : { encryptionConfiguration }) });

caseTable(policy, [
    { name: "pass_state_machine_with_stack_key", resources: [key, stateMachine("pass_machine", customerKey(dataKeyArn))], expect: [] },
    { name: "pass_activity_with_alias", resources: [key, alias, activity("pass_activity", customerKey("alias/data"))], expect: [] },
    { name: "pass_block_as_legacy_list", resources: [key, stateMachine("pass_list", [customerKey(dataKeyArn)])], expect: [] },
    {
        name: "pass_new_key_linked_by_dependencies",
        resources: (() => {
            const k = newKey();
            return [k, stateMachine("pass_linked", customerKey(unknown.string), { propertyDependencies: dependsOn({ encryptionConfiguration: [k] }) })];
        })(),
        expect: [],
    },
    { name: "pass_external_key_in_allowed_key_arns", resources: [stateMachine("pass_allowed", customerKey(externalKeyArn))], config: { [policy.name]: { allowedKeyArns: [externalKeyArn] } }, expect: [] },
    { name: "fail_state_machine_without_encryption_configuration", resources: [key, stateMachine("fail_default", undefined)], expect: [{ on: "fail_default", id: "notEncrypted" }] },
    { name: "fail_aws_owned_key", resources: [key, stateMachine("fail_owned", { type: "AWS_OWNED_KEY" })], expect: [{ on: "fail_owned", id: "notEncrypted" }] },
    { name: "fail_activity_without_encryption_configuration", resources: [activity("fail_activity", undefined)], expect: [{ on: "fail_activity", id: "notEncrypted" }] },
    { name: "fail_customer_type_without_key", resources: [stateMachine("fail_no_key", { type: "CUSTOMER_MANAGED_KMS_KEY" })], expect: [{ on: "fail_no_key", id: "missingKey" }] },
    { name: "fail_aws_managed_alias", resources: [stateMachine("fail_aws_alias", customerKey(awsManagedAliasArn("states")))], expect: [{ on: "fail_aws_alias", id: "awsManagedKey" }] },
    { name: "fail_external_key_not_allowed", resources: [key, activity("fail_external", customerKey(externalKeyArn))], expect: [{ on: "fail_external", id: "notCustomerManaged" }] },
    { name: "unknown_key_not_linked", resources: [key, stateMachine("unknown_key", customerKey(unknown.string))], expect: [{ on: "(stack)", id: "undecided" }] },
    // Step Functions takes kmsKeyId only with type CUSTOMER_MANAGED_KMS_KEY.
    { name: "pass_unknown_type_with_stack_key", resources: [key, stateMachine("pass_unknown_type", { type: unknown.string, kmsKeyId: dataKeyArn })], expect: [] },
    { name: "unknown_type_without_key", resources: [stateMachine("unknown_type", { type: unknown.string })], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_block", resources: [stateMachine("unknown_block", unknown.object)], expect: [{ on: "(stack)", id: "undecided" }] },
]);

stackNotApplicable(policy, [{ name: "na_no_state_machines", resources: [key], reason: "no Step Functions state machines or activities" }]);
