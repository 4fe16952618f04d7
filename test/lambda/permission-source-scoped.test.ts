import { lambdaPermissionSourceScoped } from "../../policy-pack/lambda/permission-source-scoped";
import { caseTable } from "../lib/cases";
import { resource, secret, unknown, urn } from "../lib/fixtures";

const permissionType = "aws:lambda/permission:Permission";
const account = "111122223333";
const permission = (name: string, inputs: Record<string, unknown>, extra = {}) => resource(permissionType, name, { action: "lambda:InvokeFunction", function: "api", ...inputs }, extra);

caseTable(lambdaPermissionSourceScoped, [
    { name: "pass_api_gateway_source_arn", resources: [permission("pass_apigw", { principal: "apigateway.amazonaws.com", sourceArn: `arn:aws:execute-api:us-east-1:${account}:a1b2c3/*/*` })], expect: [] },
    { name: "pass_s3_with_account", resources: [permission("pass_s3", { principal: "s3.amazonaws.com", sourceArn: "arn:aws:s3:::uploads", sourceAccount: account })], expect: [] },
    { name: "pass_unknown_arn_of_target_group", resources: [permission("pass_alb", { principal: "elasticloadbalancing.amazonaws.com", sourceArn: unknown.string })], expect: [] },
    { name: "pass_regional_service_principal", resources: [permission("pass_logs", { principal: "logs.us-east-1.amazonaws.com", sourceArn: `arn:aws:logs:us-east-1:${account}:log-group:/app:*` })], expect: [] },
    { name: "pass_unknown_account_with_s3", resources: [permission("pass_s3_unknown", { principal: "s3.amazonaws.com", sourceArn: unknown.string, sourceAccount: unknown.string })], expect: [] },
    // A secret sourceArn the audit decodes (b64 secrets provider, or a plaintext output twin) arrives as the engine sends a secret.
    {
        name: "pass_source_arn_held_as_secret",
        resources: [permission("pass_secret_arn", { principal: "sns.amazonaws.com", sourceArn: secret(`arn:aws:sns:us-east-1:${account}:alerts`) })],
        expect: [],
    },
    {
        name: "fail_s3_source_arn_held_as_secret_without_account",
        resources: [permission("fail_secret_s3", { principal: "s3.amazonaws.com", sourceArn: secret("arn:aws:s3:::uploads") })],
        expect: [{ on: "fail_secret_s3", id: "noAccount" }],
    },
    { name: "fail_no_source", resources: [permission("fail_sns", { principal: "sns.amazonaws.com" })], expect: [{ on: "fail_sns", id: "noSource" }] },
    { name: "fail_empty_source_arn", resources: [permission("fail_empty", { principal: "events.amazonaws.com", sourceArn: "" })], expect: [{ on: "fail_empty", id: "noSource" }] },
    { name: "fail_account_only", resources: [permission("fail_account_only", { principal: "events.amazonaws.com", sourceAccount: account })], expect: [{ on: "fail_account_only", id: "accountOnly" }] },
    { name: "fail_s3_without_account", resources: [permission("fail_s3", { principal: "s3.amazonaws.com", sourceArn: "arn:aws:s3:::uploads" })], expect: [{ on: "fail_s3", id: "noAccount" }] },
    { name: "fail_s3_unknown_arn_without_account", resources: [permission("fail_s3_unknown", { principal: "s3.amazonaws.com", sourceArn: unknown.string })], expect: [{ on: "fail_s3_unknown", id: "noAccount" }] },
    {
        // bucket.onObjectCreated("thumbnails", handler): @pulumi/aws parents the permission to the subscription component, with the bucket's ARN and no sourceAccount.
        name: "fail_s3_permission_of_bucket_event_handler",
        resources: [
            permission("fail_on_object_created", { principal: "s3.amazonaws.com", sourceArn: unknown.string }, {
                urn: urn("aws:s3/bucket:Bucket$aws:s3:BucketEventSubscription$aws:lambda/permission:Permission", "fail_on_object_created"),
            }),
        ],
        expect: [{ on: "fail_on_object_created", id: "noAccountOfBucketEvent" }],
    },
    { name: "fail_wildcard_account_in_arn", resources: [permission("fail_wild", { principal: "sns.amazonaws.com", sourceArn: "arn:aws:sns:us-east-1:*:alerts" })], expect: [{ on: "fail_wild", id: "noAccount" }] },
    { name: "fail_china_partition_principal", resources: [permission("fail_cn", { principal: "s3.amazonaws.com.cn" })], expect: [{ on: "fail_cn", id: "noSource" }] },
    { name: "na_account_principal", resources: [permission("na_account", { principal: account })], expect: [], notApplicable: ["na_account"] },
    { name: "na_alexa", resources: [permission("na_alexa", { principal: "alexa-appkit.amazon.com", eventSourceToken: "amzn1.ask.skill.x" })], expect: [], notApplicable: ["na_alexa"] },
    { name: "na_other_type", resources: [resource("aws:lambda/function:Function", "na_function", { runtime: "nodejs20.x" })], expect: [], notApplicable: ["na_function"] },
    { name: "unknown_principal", resources: [permission("unknown_principal", { principal: unknown.string })], expect: [{ on: "unknown_principal", id: "undecided" }] },
]);
