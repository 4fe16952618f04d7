import { kmsKeyPolicyNoPublicPrincipal } from "../../policy-pack/kms/key-policy-no-public-principal";
import { caseTable } from "../lib/cases";
import { resource, secret, unknown } from "../lib/fixtures";
import { account, keyId, keyPolicyType, keyType } from "../lib/kms-fixtures";

const administrators = { Sid: "Administrators", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:role/key-admin` }, Action: ["kms:Describe*", "kms:PutKeyPolicy"], Resource: "*" };
// The compliant baseline: any principal, but only from the account and only through S3.
const viaS3 = {
    Sid: "UseThroughS3",
    Effect: "Allow",
    Principal: { AWS: "*" },
    Action: ["kms:Decrypt", "kms:GenerateDataKey"],
    Resource: "*",
    Condition: { StringEquals: { "kms:CallerAccount": account, "kms:ViaService": "s3.us-east-1.amazonaws.com" } },
};
const document = (change: Record<string, unknown> = {}) => ({ Version: "2012-10-17", Statement: [administrators, { ...viaS3, ...change }] });
const json = (change: Record<string, unknown> = {}) => JSON.stringify(document(change));

const key = (name: string, policy: unknown = json(), type = keyType) => resource(type, name, { enableKeyRotation: true, policy });
const keyPolicy = (name: string, policy: unknown = json()) => resource(keyPolicyType, name, { keyId: keyId("data-key"), policy });
const unscoped = { Condition: undefined };

caseTable(kmsKeyPolicyNoPublicPrincipal, [
    { name: "pass_baseline_json_string", resources: [key("pass_baseline")], expect: [] },
    { name: "pass_document_object", resources: [key("pass_object", document())], expect: [] },
    { name: "pass_statement_single_object", resources: [key("pass_single", JSON.stringify({ Version: "2012-10-17", Statement: { ...viaS3 } }))], expect: [] },
    { name: "pass_policy_as_secret", resources: [key("pass_secret", secret(json()))], expect: [] },
    { name: "pass_key_policy_resource", resources: [keyPolicy("pass_key_policy")], expect: [] },
    { name: "pass_external_key", resources: [key("pass_external", json(), "aws:kms/externalKey:ExternalKey")], expect: [] },
    { name: "pass_named_principals_only", resources: [key("pass_named", JSON.stringify({ Version: "2012-10-17", Statement: [administrators] }))], expect: [] },
    { name: "pass_deny_for_everyone", resources: [key("pass_deny", json({ Effect: "Deny", ...unscoped }))], expect: [] },
    {
        name: "pass_org_condition_key_in_other_case",
        resources: [key("pass_org", json({ Principal: "*", Condition: { StringEquals: { "AWS:PRINCIPALORGID": "o-a1b2c3d4e5" } } }))],
        expect: [],
    },
    {
        name: "pass_source_arn_like",
        resources: [key("pass_source_arn", json({ Condition: { ArnLike: { "aws:SourceArn": `arn:aws:logs:us-east-1:${account}:log-group:*` } } }))],
        expect: [],
    },
    { name: "pass_account_list_value", resources: [key("pass_list", json({ Condition: { StringEquals: { "aws:PrincipalAccount": [account, "444455556666"] } } }))], expect: [] },
    {
        name: "pass_condition_value_unknown_at_preview",
        resources: [key("pass_unknown_value", document({ Condition: { StringEquals: { "kms:CallerAccount": unknown.string } } }))],
        expect: [],
    },
    {
        name: "pass_principal_list_element_unknown_at_preview",
        resources: [key("pass_unknown_principal_arn", document({ Principal: { AWS: [unknown.string] }, ...unscoped }))],
        expect: [],
    },
    {
        name: "pass_custom_scoping_key",
        resources: [key("pass_custom", json({ Condition: { StringEquals: { "aws:SourceVpce": "vpce-1a2b3c4d" } } }))],
        config: { "kms-key-policy-no-public-principal": { scopingConditionKeys: ["aws:SourceVpce"] } },
        expect: [],
    },
    { name: "fail_principal_star", resources: [key("fail_star", json({ Principal: "*", ...unscoped }))], expect: [{ on: "fail_star", id: "publicPrincipal" }] },
    { name: "fail_aws_star_list", resources: [key("fail_aws_list", json({ Principal: { AWS: ["*"] }, ...unscoped }))], expect: [{ on: "fail_aws_list", id: "publicPrincipal" }] },
    { name: "fail_document_object", resources: [key("fail_object", document({ ...unscoped }))], expect: [{ on: "fail_object", id: "publicPrincipal" }] },
    {
        name: "fail_statement_single_object",
        resources: [key("fail_single", JSON.stringify({ Version: "2012-10-17", Statement: { ...viaS3, ...unscoped } }))],
        expect: [{ on: "fail_single", id: "publicPrincipal" }],
    },
    { name: "fail_policy_as_secret", resources: [key("fail_secret", secret(json(unscoped)))], expect: [{ on: "fail_secret", id: "publicPrincipal" }] },
    { name: "fail_key_policy_resource", resources: [keyPolicy("fail_key_policy", json(unscoped))], expect: [{ on: "fail_key_policy", id: "publicPrincipal" }] },
    { name: "fail_replica_key", resources: [key("fail_replica", json(unscoped), "aws:kms/replicaKey:ReplicaKey")], expect: [{ on: "fail_replica", id: "publicPrincipal" }] },
    {
        name: "fail_source_ip_does_not_scope",
        resources: [key("fail_source_ip", json({ Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } }))],
        expect: [{ on: "fail_source_ip", id: "publicPrincipal" }],
    },
    {
        name: "fail_scoping_key_if_exists",
        resources: [key("fail_if_exists", json({ Condition: { StringEqualsIfExists: { "kms:CallerAccount": account } } }))],
        expect: [{ on: "fail_if_exists", id: "publicPrincipal" }],
    },
    {
        name: "fail_scoping_key_negated",
        resources: [key("fail_negated", json({ Condition: { StringNotEquals: { "aws:PrincipalAccount": "444455556666" } } }))],
        expect: [{ on: "fail_negated", id: "publicPrincipal" }],
    },
    {
        name: "fail_scoping_key_wildcard_value",
        resources: [key("fail_wildcard_value", json({ Condition: { StringLike: { "aws:PrincipalAccount": "*" } } }))],
        expect: [{ on: "fail_wildcard_value", id: "publicPrincipal" }],
    },
    {
        name: "fail_default_key_not_in_custom_list",
        resources: [key("fail_custom_list")],
        config: { "kms-key-policy-no-public-principal": { scopingConditionKeys: ["aws:PrincipalOrgID"] } },
        expect: [{ on: "fail_custom_list", id: "publicPrincipal" }],
    },
    {
        name: "fail_not_principal",
        resources: [key("fail_not_principal", json({ Principal: undefined, NotPrincipal: { AWS: `arn:aws:iam::${account}:role/blocked` }, ...unscoped }))],
        expect: [{ on: "fail_not_principal", id: "publicPrincipal" }],
    },
    { name: "na_key_without_policy", resources: [resource(keyType, "na_no_policy", { enableKeyRotation: true })], expect: [], notApplicable: ["na_no_policy"] },
    { name: "na_policy_not_json", resources: [key("na_invalid", "{not json")], expect: [], notApplicable: ["na_invalid"] },
    { name: "na_other_type", resources: [resource("aws:s3/bucketPolicy:BucketPolicy", "na_bucket_policy", { bucket: "b", policy: json(unscoped) })], expect: [], notApplicable: ["na_bucket_policy"] },
    { name: "unknown_document", resources: [key("unknown_document", unknown.string)], expect: [{ on: "unknown_document", id: "undecided" }] },
    {
        name: "unknown_statement_list",
        resources: [key("unknown_statements", { Version: "2012-10-17", Statement: unknown.array })],
        expect: [{ on: "unknown_statements", id: "undecided" }],
    },
    { name: "unknown_condition_block", resources: [key("unknown_condition", document({ Condition: unknown.object }))], expect: [{ on: "unknown_condition", id: "undecided" }] },
    {
        name: "unknown_condition_operator_block",
        resources: [key("unknown_operator_block", document({ Condition: { StringEquals: unknown.object } }))],
        expect: [{ on: "unknown_operator_block", id: "undecided" }],
    },
    { name: "unknown_effect", resources: [key("unknown_effect", document({ Effect: unknown.string, ...unscoped }))], expect: [{ on: "unknown_effect", id: "undecided" }] },
    { name: "unknown_principal", resources: [key("unknown_principal", document({ Principal: unknown.object, ...unscoped }))], expect: [{ on: "unknown_principal", id: "undecided" }] },
    {
        name: "pass_unknown_condition_on_named_principal",
        resources: [key("pass_named_unknown_condition", document({ Principal: { AWS: `arn:aws:iam::${account}:role/app` }, Condition: unknown.object }))],
        expect: [],
    },
    {
        name: "unknown_condition_but_another_statement_fails",
        resources: [
            key("fail_known_part", {
                Version: "2012-10-17",
                Statement: [
                    { ...viaS3, Condition: unknown.object },
                    { ...viaS3, Sid: "Public", Principal: "*", Condition: undefined },
                ],
            }),
        ],
        expect: [{ on: "fail_known_part", id: "publicPrincipal" }],
    },
    {
        // JSON text (pulumi.jsonStringify) with a role's ARN not known yet in one statement and any principal in the other.
        name: "fail_json_text_with_unknown_principal_arn_and_public_statement",
        resources: [key("fail_json_public", JSON.stringify({ Version: "2012-10-17", Statement: [{ ...administrators, Principal: { AWS: unknown.string } }, { ...viaS3, ...unscoped }] }))],
        expect: [{ on: "fail_json_public", id: "publicPrincipal" }],
    },
    {
        // A scoping key whose name is interpolated from an unknown value may or may not scope.
        name: "unknown_condition_key_interpolated",
        resources: [key("unknown_condition_key", JSON.stringify(document({ Condition: { StringEquals: { [`${unknown.string}:CallerAccount`]: account } } })))],
        expect: [{ on: "unknown_condition_key", id: "undecided" }],
    },
]);
