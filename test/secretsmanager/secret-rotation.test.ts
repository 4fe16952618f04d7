import { secretsManagerSecretRotation } from "../../policy-pack/secretsmanager/secret-rotation";
import { ResourceState } from "../../policy-pack/lib/runner";
import { caseTable } from "../lib/cases";
import { dependsOn, resource, unknown } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const account = "111122223333";
const secretType = "aws:secretsmanager/secret:Secret";
const rotationType = "aws:secretsmanager/secretRotation:SecretRotation";
const rotationFunction = `arn:aws:lambda:us-east-1:${account}:function:rotate-postgres`;

/** A deployed secret: its id is its ARN (with the random suffix Secrets Manager adds). */
function secret(name: string, inputs: Record<string, unknown> = {}): ResourceState {
    const arn = `arn:aws:secretsmanager:us-east-1:${account}:secret:${name}-AbCdEf`;
    return resource(secretType, name, { name, recoveryWindowInDays: 30, ...inputs }, { outputs: { id: arn, arn, name, recoveryWindowInDays: 30, ...inputs } });
}
/** A rotation of `target`, referenced by its ARN and linked by propertyDependencies. */
function rotation(name: string, target: ResourceState, inputs: Record<string, unknown> = {}, secretId: unknown = target.outputs!.arn): ResourceState {
    return resource(rotationType, name, { secretId, rotationLambdaArn: rotationFunction, rotationRules: { automaticallyAfterDays: 30 }, ...inputs }, { propertyDependencies: dependsOn({ secretId: [target] }) });
}
const rotated = (name: string, inputs: Record<string, unknown> = {}) => {
    const s = secret(name);
    return [s, rotation(`${name}-rotation`, s, inputs)];
};

caseTable(secretsManagerSecretRotation, [
    { name: "pass_rotation_every_30_days", resources: rotated("pass_db_password"), expect: [] },
    { name: "pass_schedule_expression", resources: rotated("pass_scheduled", { rotationRules: { scheduleExpression: "rate(10 days)" } }), expect: [] },
    {
        // Referenced by value (the ARN), without propertyDependencies: an export of a stack written before they were recorded.
        name: "pass_rotation_by_arn_value",
        resources: (() => {
            const s = secret("pass_by_value");
            return [s, resource(rotationType, "pass_by_value-rotation", { secretId: s.outputs!.arn, rotationLambdaArn: rotationFunction, rotationRules: { automaticallyAfterDays: 7 } })];
        })(),
        expect: [],
    },
    // @pulumi/aws 4 declared rotation on the secret itself; state written then still holds it.
    { name: "pass_legacy_inline_rotation", resources: [secret("pass_legacy", { rotationLambdaArn: rotationFunction, rotationRules: [{ automaticallyAfterDays: 30 }] })], expect: [] },
    {
        // An imported secret that RDS manages (manageMasterUserPassword) is rotated by RDS.
        name: "pass_rds_managed_secret_beside_a_rotated_one",
        resources: [secret("rds!db-3f2a1b4c-5d6e-7f80-91a2-b3c4d5e6f708"), ...rotated("pass_app_token")],
        expect: [],
    },
    { name: "fail_no_rotation", resources: [secret("fail_api_key")], expect: [{ on: "fail_api_key", id: "noRotation" }] },
    {
        // Auto-named secrets are never managed by another service, so an unknown name at preview decides nothing.
        name: "fail_autonamed_secret_without_rotation",
        resources: [resource(secretType, "fail_autonamed", { namePrefix: "app/" }, { outputs: { namePrefix: "app/", name: unknown.string, arn: unknown.string, id: unknown.string } })],
        expect: [{ on: "fail_autonamed", id: "noRotation" }],
    },
    { name: "fail_rotation_disabled", resources: rotated("fail_disabled", { rotationEnabled: false }), expect: [{ on: "fail_disabled", id: "rotationDisabled" }] },
    { name: "fail_rotation_without_rules", resources: rotated("fail_no_rules", { rotationRules: undefined }), expect: [{ on: "fail_no_rules", id: "noSchedule" }] },
    {
        // A rotation of another secret rotates nothing here.
        name: "fail_rotation_of_another_secret",
        resources: [secret("fail_unrotated"), ...rotated("pass_neighbour")],
        expect: [{ on: "fail_unrotated", id: "noRotation" }],
    },
    {
        // The first deployment: the secret's ARN is unknown, propertyDependencies tie the rotation to it.
        name: "pass_new_secret_linked_by_dependencies",
        resources: (() => {
            const s = resource(secretType, "pass_new", { name: "app/new" }, { outputs: { name: "app/new", arn: unknown.string, id: unknown.string } });
            return [s, rotation("pass_new-rotation", s, {}, unknown.string)];
        })(),
        expect: [],
    },
    {
        name: "unknown_rotation_target",
        resources: [secret("unknown_target"), resource(rotationType, "unlinked-rotation", { secretId: unknown.string, rotationRules: { automaticallyAfterDays: 30 } })],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    { name: "unknown_rotation_enabled", resources: rotated("unknown_enabled", { rotationEnabled: unknown.bool }), expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_legacy_inline_rules", resources: [secret("unknown_inline", { rotationLambdaArn: rotationFunction, rotationRules: unknown.array })], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_secret_name", resources: [resource(secretType, "unknown_name", { name: unknown.string })], expect: [{ on: "(stack)", id: "undecided" }] },
]);

stackNotApplicable(secretsManagerSecretRotation, [
    { name: "na_no_secrets", resources: [resource("aws:kms/key:Key", "na_key", { enableKeyRotation: true })], reason: "no Secrets Manager secrets" },
    { name: "na_only_managed_secrets", resources: [secret("rds!cluster-0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9")], reason: "managed by another AWS service (rds)" },
]);
