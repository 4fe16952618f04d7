import { resourcePolicyNoPublicAccess } from "../../policy-pack/iam/resource-policy-no-public-access";
import { caseTable } from "../lib/cases";
import { resource, unknown } from "../lib/fixtures";
import { account, bucketArn, bucketPolicyType, doc, queuePolicyType, topicPolicyType } from "./iam-fixtures";

const queueArn = `arn:aws:sqs:us-east-1:${account}:orders`;
const anyone = (action: string, target: string, change: Record<string, unknown> = {}) => ({ Effect: "Allow", Principal: "*", Action: action, Resource: target, ...change });
const ownAccount = (action: string, target: string) => ({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: action, Resource: target });
const bucketPolicy = (name: string, ...statements: unknown[]) => resource(bucketPolicyType, name, { bucket: "orders-data", policy: JSON.stringify(doc(ownAccount("s3:GetObject", `${bucketArn}/*`), ...statements)) });
const permission = (name: string, inputs: Record<string, unknown>) => resource("aws:lambda/permission:Permission", name, { action: "lambda:InvokeFunction", function: "orders", ...inputs });

caseTable(resourcePolicyNoPublicAccess, [
    { name: "pass_bucket_policy_for_own_account", resources: [bucketPolicy("pass_own")], expect: [] },
    { name: "pass_anyone_pinned_to_organization", resources: [bucketPolicy("pass_org", anyone("s3:GetObject", `${bucketArn}/*`, { Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } }))], expect: [] },
    { name: "pass_anyone_pinned_to_vpc_endpoint", resources: [bucketPolicy("pass_vpce", anyone("s3:GetObject", `${bucketArn}/*`, { Condition: { StringEquals: { "aws:SourceVpce": "vpce-1a2b3c4d" } } }))], expect: [] },
    { name: "pass_deny_to_anyone", resources: [bucketPolicy("pass_deny", { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: `${bucketArn}/*`, Condition: { Bool: { "aws:SecureTransport": "false" } } })], expect: [] },
    {
        name: "pass_topic_publish_pinned_to_source_arn",
        resources: [resource(topicPolicyType, "pass_topic", { arn: "t", policy: JSON.stringify(doc(anyone("sns:Publish", "t", { Condition: { ArnLike: { "aws:SourceArn": bucketArn } } }))) })],
        expect: [],
    },
    { name: "pass_permission_pinned_to_organization", resources: [permission("pass_permission_org", { principal: "*", principalOrgId: "o-a1b2c3d4e5" })], expect: [] },

    { name: "fail_public_read_bucket_policy", resources: [bucketPolicy("fail_read", anyone("s3:GetObject", `${bucketArn}/*`))], expect: [{ on: "fail_read", id: "publicStatement" }] },
    { name: "fail_aws_star_in_inline_bucket_policy", resources: [resource("aws:s3/bucket:Bucket", "fail_inline", { policy: JSON.stringify(doc({ ...anyone("s3:PutObject", `${bucketArn}/*`), Principal: { AWS: ["*"] } })) })], expect: [{ on: "fail_inline", id: "publicStatement" }] },
    { name: "fail_source_ip_does_not_pin", resources: [bucketPolicy("fail_ip", anyone("s3:GetObject", `${bucketArn}/*`, { Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } }))], expect: [{ on: "fail_ip", id: "publicStatement" }] },
    { name: "fail_only_wildcard_account", resources: [bucketPolicy("fail_wild_account", anyone("s3:GetObject", `${bucketArn}/*`, { Condition: { StringLike: { "aws:SourceAccount": "*" } } }))], expect: [{ on: "fail_wild_account", id: "publicStatement" }] },
    { name: "fail_not_principal", resources: [bucketPolicy("fail_not_principal", { Effect: "Allow", NotPrincipal: { AWS: `arn:aws:iam::${account}:root` }, Action: "s3:GetObject", Resource: `${bucketArn}/*` })], expect: [{ on: "fail_not_principal", id: "publicStatement" }] },
    { name: "fail_public_queue_policy", resources: [resource(queuePolicyType, "fail_queue", { queueUrl: "q", policy: JSON.stringify(doc(anyone("sqs:SendMessage", queueArn))) })], expect: [{ on: "fail_queue", id: "publicStatement" }] },
    { name: "fail_public_inline_topic_policy", resources: [resource("aws:sns/topic:Topic", "fail_topic", { policy: JSON.stringify(doc(anyone("sns:Subscribe", "*"))) })], expect: [{ on: "fail_topic", id: "publicStatement" }] },
    { name: "fail_public_ecr_repository_policy", resources: [resource("aws:ecr/repositoryPolicy:RepositoryPolicy", "fail_ecr", { repository: "app", policy: JSON.stringify(doc({ Effect: "Allow", Principal: "*", Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"] })) })], expect: [{ on: "fail_ecr", id: "publicStatement" }] },
    { name: "fail_public_secret_policy", resources: [resource("aws:secretsmanager/secretPolicy:SecretPolicy", "fail_secret", { secretArn: "s", policy: JSON.stringify(doc(anyone("secretsmanager:GetSecretValue", "*"))) })], expect: [{ on: "fail_secret", id: "publicStatement" }] },
    { name: "fail_public_search_domain_policy", resources: [resource("aws:opensearch/domainPolicy:DomainPolicy", "fail_domain", { domainName: "logs", accessPolicies: JSON.stringify(doc(anyone("es:ESHttp*", "*"))) })], expect: [{ on: "fail_domain", id: "publicStatement" }] },
    { name: "fail_public_event_bus_policy", resources: [resource("aws:cloudwatch/eventBusPolicy:EventBusPolicy", "fail_bus", { eventBusName: "default", policy: JSON.stringify(doc(anyone("events:PutEvents", "*"))) })], expect: [{ on: "fail_bus", id: "publicStatement" }] },
    { name: "fail_public_lambda_permission", resources: [permission("fail_permission", { principal: "*" })], expect: [{ on: "fail_permission", id: "publicPermission" }] },

    { name: "not_applicable_permission_to_account", resources: [permission("na_account", { principal: account })], expect: [], notApplicable: ["na_account"] },
    { name: "not_applicable_public_function_url_permission", resources: [permission("na_url", { principal: "*", action: "lambda:InvokeFunctionUrl", functionUrlAuthType: "NONE" })], expect: [], notApplicable: ["na_url"] },
    { name: "not_applicable_queue_without_policy", resources: [resource("aws:sqs/queue:Queue", "na_queue", {})], expect: [], notApplicable: ["na_queue"] },

    { name: "unknown_document", resources: [resource(bucketPolicyType, "unknown_doc", { bucket: "b", policy: unknown.string })], expect: [{ on: "unknown_doc", id: "undecided" }] },
    { name: "unknown_condition", resources: [bucketPolicy("unknown_condition", anyone("s3:GetObject", `${bucketArn}/*`, { Condition: unknown.object }))], expect: [{ on: "unknown_condition", id: "undecided" }] },
    { name: "unknown_condition_value_comes_from_a_resource", resources: [bucketPolicy("pass_unknown_org", anyone("s3:GetObject", `${bucketArn}/*`, { Condition: { StringEquals: { "aws:PrincipalOrgID": unknown.string } } }))], expect: [] },
    { name: "unknown_function_url_auth_type", resources: [permission("unknown_auth_type", { principal: "*", action: "lambda:InvokeFunctionUrl", functionUrlAuthType: unknown.string })], expect: [{ on: "unknown_auth_type", id: "undecided" }] },
    { name: "unknown_permission_principal", resources: [permission("unknown_principal", { principal: unknown.string })], expect: [{ on: "unknown_principal", id: "undecided" }] },
]);
