import { iamNoPerpetualDiffConflicts } from "../../policy-pack/iam/no-perpetual-diff-conflicts";
import { ResourceState } from "../../policy-pack/lib/runner";
import { caseTable } from "../lib/cases";
import { dependsOn, resource, secret, unknown } from "../lib/fixtures";

const account = "111122223333";
const logsPolicy = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
const xrayPolicy = "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess";
const document = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*" }] };
const keyPolicyDocument = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" }] });

// Roles
const role = (name: string, inputs: Record<string, unknown> = {}) =>
    resource("aws:iam/role:Role", name, { name, assumeRolePolicy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "lambda.amazonaws.com" } }] }), ...inputs });
const rolePolicy = (name: string, roleRef: unknown, extra: Partial<ResourceState> = {}) => resource("aws:iam/rolePolicy:RolePolicy", name, { role: roleRef, name, policy: JSON.stringify(document) }, extra);
const attach = (name: string, roleRef: unknown, policyArn: unknown = logsPolicy, extra: Partial<ResourceState> = {}) =>
    resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", name, { role: roleRef, policyArn }, extra);
const policyAttachment = (name: string, roles: unknown[], policyArn = xrayPolicy) => resource("aws:iam/policyAttachment:PolicyAttachment", name, { name, roles, policyArn });
const policiesExclusive = (name: string, roleName: unknown, policyNames: unknown[], extra: Partial<ResourceState> = {}) =>
    resource("aws:iam/rolePoliciesExclusive:RolePoliciesExclusive", name, { roleName, policyNames }, extra);
const attachmentsExclusive = (name: string, roleName: unknown, policyArns: unknown[]) =>
    resource("aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", name, { roleName, policyArns });
/** The compliant baseline: a role whose policies are all separate resources. */
const separateRole = (name: string, roleInputs: Record<string, unknown> = {}) => [role(name, roleInputs), rolePolicy(`${name}-read`, name), attach(`${name}-logs`, name)];

// Security groups
const group = (name: string, inputs: Record<string, unknown> = {}) => resource("aws:ec2/securityGroup:SecurityGroup", name, { name, vpcId: "vpc-1", ...inputs }, { outputs: { id: `sg-${name}`, name, ...inputs } });
const https = { fromPort: 443, toPort: 443, protocol: "tcp", cidrBlocks: ["10.0.0.0/16"] };
const ingressRule = (name: string, groupId: unknown, extra: Partial<ResourceState> = {}) =>
    resource("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", name, { securityGroupId: groupId, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.0.0.0/16" }, extra);
const egressRule = (name: string, groupId: unknown) => resource("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", name, { securityGroupId: groupId, ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" });
const ec2Rule = (name: string, groupId: unknown, type: unknown) => resource("aws:ec2/securityGroupRule:SecurityGroupRule", name, { securityGroupId: groupId, type, ...https });

// Buckets
const bucketType = "aws:s3/bucket:Bucket";
const bucket = (name: string, inputs: Record<string, unknown> = {}, type = bucketType) => resource(type, name, { bucket: name, ...inputs }, { outputs: { bucket: name, id: name, ...inputs } });
const sseRule = { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "alias/data" }, bucketKeyEnabled: true };
const sse = (name: string, bucketRef: unknown, type = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", extra: Partial<ResourceState> = {}) =>
    resource(type, name, { bucket: bucketRef, rules: [sseRule] }, extra);
const bucketPolicy = (name: string, bucketRef: unknown) => resource("aws:s3/bucketPolicy:BucketPolicy", name, { bucket: bucketRef, policy: JSON.stringify(document) });
const sub = (token: string, name: string, bucketRef: unknown, inputs: Record<string, unknown> = {}) => resource(token, name, { bucket: bucketRef, ...inputs });

// Keys
const key = (name: string, inputs: Record<string, unknown> = {}) =>
    resource("aws:kms/key:Key", name, { enableKeyRotation: true, ...inputs }, { outputs: { keyId: `${name}-id`, arn: `arn:aws:kms:us-east-1:${account}:key/${name}-id`, ...inputs } });
const keyPolicy = (name: string, keyId: unknown) => resource("aws:kms/keyPolicy:KeyPolicy", name, { keyId, policy: keyPolicyDocument });

const inlineBucketCases: [string, string, Record<string, unknown>][] = [
    ["versioning", "aws:s3/bucketVersioning:BucketVersioning", { versioning: { enabled: true } }],
    ["logging", "aws:s3/bucketLoggingV2:BucketLoggingV2", { logging: { targetBucket: "logs", targetPrefix: "s3/" } }],
    ["lifecycle", "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", { lifecycleRules: [{ enabled: true, expiration: { days: 30 } }] }],
    ["cors", "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration", { corsRules: [{ allowedMethods: ["GET"], allowedOrigins: ["https://example.com"] }] }],
    ["acl", "aws:s3/bucketAclV2:BucketAclV2", { acl: "private" }],
];

caseTable(iamNoPerpetualDiffConflicts, [
    // Roles
    { name: "pass_role_with_separate_resources_only", resources: separateRole("pass_separate"), expect: [] },
    {
        name: "pass_deployed_role_outputs_list_its_attachments",
        resources: (() => {
            const [r, ...rest] = separateRole("pass_deployed_role");
            return [{ ...r, outputs: { ...r.inputs, managedPolicyArns: [logsPolicy], inlinePolicies: [{ name: "pass_deployed_role-read", policy: JSON.stringify(document) }] } }, ...rest];
        })(),
        expect: [],
    },
    { name: "pass_role_with_inline_inputs_only", resources: [role("pass_inline", { inlinePolicies: [{ name: "read", policy: JSON.stringify(document) }], managedPolicyArns: [logsPolicy] })], expect: [] },
    { name: "pass_empty_inline_policies_list_is_unmanaged", resources: separateRole("pass_empty_inline", { inlinePolicies: [] }), expect: [] },
    {
        name: "pass_exclusive_resources_list_the_separate_ones",
        resources: [...separateRole("pass_exclusive"), policiesExclusive("pass_exclusive-inline", "pass_exclusive", ["pass_exclusive-read"]), attachmentsExclusive("pass_exclusive-managed", "pass_exclusive", [logsPolicy])],
        expect: [],
    },
    {
        name: "pass_exclusive_list_joined_by_dependencies",
        resources: (() => {
            const r = role("pass_joined_exclusive");
            const p = rolePolicy("pass_joined_exclusive-read", unknown.string, { propertyDependencies: dependsOn({ role: [r] }) });
            return [r, p, policiesExclusive("pass_joined_exclusive-inline", unknown.string, [unknown.string], { propertyDependencies: dependsOn({ roleName: [r], policyNames: [p] }) })];
        })(),
        expect: [],
    },
    { name: "fail_inline_policies_and_role_policy", resources: separateRole("fail_inline_and_role_policy", { inlinePolicies: [{ name: "read", policy: document }] }), expect: [{ on: "fail_inline_and_role_policy", id: "roleInlinePoliciesTwoWays" }] },
    { name: "fail_empty_inline_block_and_role_policy", resources: separateRole("fail_empty_block", { inlinePolicies: [{}] }), expect: [{ on: "fail_empty_block", id: "roleInlinePoliciesTwoWays" }] },
    {
        name: "fail_inline_policies_and_role_policies_exclusive",
        resources: [role("fail_inline_and_exclusive", { inlinePolicies: [{ name: "read", policy: JSON.stringify(document) }] }), policiesExclusive("fail_inline_and_exclusive-x", "fail_inline_and_exclusive", ["read"])],
        expect: [{ on: "fail_inline_and_exclusive", id: "roleInlinePoliciesTwoWays" }],
    },
    { name: "fail_managed_policy_arns_and_attachment", resources: separateRole("fail_managed_and_attachment", { managedPolicyArns: [xrayPolicy] }), expect: [{ on: "fail_managed_and_attachment", id: "roleManagedPoliciesTwoWays" }] },
    { name: "fail_empty_managed_policy_arns_and_attachment", resources: separateRole("fail_empty_managed", { managedPolicyArns: [] }), expect: [{ on: "fail_empty_managed", id: "roleManagedPoliciesTwoWays" }] },
    {
        name: "fail_managed_policy_arns_and_policy_attachment",
        resources: [role("fail_managed_and_pa", { managedPolicyArns: [logsPolicy] }), policyAttachment("fail_managed_and_pa-xray", ["fail_managed_and_pa"])],
        expect: [{ on: "fail_managed_and_pa", id: "roleManagedPoliciesTwoWays" }],
    },
    {
        name: "fail_managed_policy_arns_and_attachments_exclusive",
        resources: [role("fail_managed_and_exclusive", { managedPolicyArns: [logsPolicy] }), attachmentsExclusive("fail_managed_and_exclusive-x", "fail_managed_and_exclusive", [logsPolicy])],
        expect: [{ on: "fail_managed_and_exclusive", id: "roleManagedPoliciesTwoWays" }],
    },
    {
        name: "fail_managed_policy_arns_joined_by_dependencies",
        resources: (() => {
            const r = resource("aws:iam/role:Role", "fail_joined_managed", { assumeRolePolicy: "{}", managedPolicyArns: [logsPolicy] }, { outputs: { name: unknown.string, arn: unknown.string } });
            return [r, attach("fail_joined_managed-xray", unknown.string, xrayPolicy, { propertyDependencies: dependsOn({ role: [r] }) })];
        })(),
        expect: [{ on: "fail_joined_managed", id: "roleManagedPoliciesTwoWays" }],
    },
    {
        name: "fail_role_policy_not_in_exclusive_list",
        resources: [...separateRole("fail_unlisted_inline"), policiesExclusive("fail_unlisted_inline-x", "fail_unlisted_inline", ["other"])],
        expect: [{ on: "fail_unlisted_inline", id: "notInExclusiveList" }],
    },
    {
        name: "fail_attachment_not_in_exclusive_list",
        resources: [...separateRole("fail_unlisted_managed"), attachmentsExclusive("fail_unlisted_managed-x", "fail_unlisted_managed", [xrayPolicy])],
        expect: [{ on: "fail_unlisted_managed", id: "notInExclusiveList" }],
    },
    {
        name: "fail_two_exclusive_attachment_resources",
        resources: [role("fail_two_exclusive"), attachmentsExclusive("fail_two_exclusive-a", "fail_two_exclusive", []), attachmentsExclusive("fail_two_exclusive-b", "fail_two_exclusive", [])],
        expect: [{ on: "fail_two_exclusive", id: "exclusiveTwice" }],
    },
    { name: "pass_policy_attachment_alone", resources: [role("pass_pa"), policyAttachment("pass_pa-xray", ["pass_pa"])], expect: [] },
    {
        name: "fail_policy_attachment_and_another_attachment_of_its_policy",
        resources: [role("pass_pa_listed"), role("pass_pa_other"), policyAttachment("fail_pa_shared", ["pass_pa_listed"]), attach("pass_pa_other-xray", "pass_pa_other", xrayPolicy)],
        expect: [{ on: "fail_pa_shared", id: "policyAttachmentShared" }],
    },
    {
        name: "unknown_policy_attachment_policy",
        resources: [role("unknown_pa_role"), resource("aws:iam/policyAttachment:PolicyAttachment", "unknown_pa", { roles: ["unknown_pa_role"], policyArn: unknown.string }), attach("unknown_pa_role-logs", "unknown_pa_role")],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    { name: "unknown_managed_policy_arns", resources: separateRole("unknown_managed", { managedPolicyArns: unknown.array }), expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_attachment_role_without_dependencies", resources: [role("unknown_attachment_role", { managedPolicyArns: [logsPolicy] }), attach("unknown_role-att", unknown.string)], expect: [{ on: "(stack)", id: "undecided" }] },

    // Security groups
    { name: "pass_group_with_rule_resources_only", resources: [group("pass_rules"), ingressRule("pass_rules-https", "sg-pass_rules"), egressRule("pass_rules-all", "sg-pass_rules")], expect: [] },
    {
        name: "pass_deployed_group_outputs_list_its_rules",
        resources: [
            resource("aws:ec2/securityGroup:SecurityGroup", "pass_deployed_group", { vpcId: "vpc-1" }, { outputs: { id: "sg-deployed", ingress: [https], egress: [] } }),
            ingressRule("pass_deployed_group-https", "sg-deployed"),
        ],
        expect: [],
    },
    { name: "pass_group_with_inline_rules_only", resources: [group("pass_inline_rules", { ingress: [https], egress: [] })], expect: [] },
    {
        name: "pass_inline_egress_with_ingress_rule_resources",
        resources: [group("pass_split", { egress: [{ fromPort: 0, toPort: 0, protocol: "-1", cidrBlocks: ["0.0.0.0/0"] }] }), ingressRule("pass_split-https", "sg-pass_split"), ec2Rule("pass_split-ec2", "sg-pass_split", "ingress")],
        expect: [],
    },
    { name: "fail_inline_ingress_and_vpc_ingress_rule", resources: [group("fail_vpc_rule", { ingress: [https] }), ingressRule("fail_vpc_rule-https", "sg-fail_vpc_rule")], expect: [{ on: "fail_vpc_rule", id: "securityGroupRulesTwoWays" }] },
    { name: "fail_inline_ingress_and_ec2_rule", resources: [group("fail_ec2_rule", { ingress: [https] }), ec2Rule("fail_ec2_rule-https", "sg-fail_ec2_rule", "ingress")], expect: [{ on: "fail_ec2_rule", id: "securityGroupRulesTwoWays" }] },
    { name: "fail_inline_egress_and_vpc_egress_rule", resources: [group("fail_egress", { egress: [https] }), egressRule("fail_egress-all", "sg-fail_egress")], expect: [{ on: "fail_egress", id: "securityGroupRulesTwoWays" }] },
    { name: "fail_empty_ingress_list_manages_rules", resources: [group("fail_empty_ingress", { ingress: [] }), ingressRule("fail_empty_ingress-https", "sg-fail_empty_ingress")], expect: [{ on: "fail_empty_ingress", id: "securityGroupRulesTwoWays" }] },
    {
        name: "fail_rule_joined_by_dependencies",
        resources: (() => {
            const g = resource("aws:ec2/securityGroup:SecurityGroup", "fail_joined_group", { ingress: [https] }, { outputs: { id: unknown.string } });
            return [g, ingressRule("fail_joined_group-https", unknown.string, { propertyDependencies: dependsOn({ securityGroupId: [g] }) })];
        })(),
        expect: [{ on: "fail_joined_group", id: "securityGroupRulesTwoWays" }],
    },
    { name: "unknown_rule_direction", resources: [group("unknown_direction", { ingress: [https] }), ec2Rule("unknown_direction-rule", "sg-unknown_direction", unknown.string)], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_rule_group_without_dependencies", resources: [group("unknown_rule_group", { egress: [] }), egressRule("unknown_rule_group-all", unknown.string)], expect: [{ on: "(stack)", id: "undecided" }] },

    // Buckets
    { name: "pass_bucket_with_separate_resources_only", resources: [bucket("pass_bucket"), sse("pass_bucket-sse", "pass_bucket"), bucketPolicy("pass_bucket-policy", "pass_bucket")], expect: [] },
    { name: "pass_bucket_with_inline_inputs_only", resources: [bucket("pass_bucket_inline", { serverSideEncryptionConfiguration: { rule: sseRule }, policy: JSON.stringify(document) })], expect: [] },
    {
        name: "pass_bucket_empty_inline_list_is_unmanaged",
        resources: [bucket("pass_empty_cors", { corsRules: [] }), sub("aws:s3/bucketCorsConfiguration:BucketCorsConfiguration", "pass_empty_cors-cors", "pass_empty_cors")],
        expect: [],
    },
    {
        name: "fail_inline_encryption_and_configuration",
        resources: [bucket("fail_sse_two_ways", { serverSideEncryptionConfiguration: { rule: sseRule } }), sse("fail_sse_two_ways-sse", "fail_sse_two_ways")],
        expect: [{ on: "fail_sse_two_ways", id: "bucketTwoWays" }],
    },
    {
        name: "fail_inline_website_and_configuration",
        resources: [bucket("fail_website", { website: { indexDocument: "index.html" } }), sub("aws:s3/bucketWebsiteConfiguration:BucketWebsiteConfiguration", "fail_website-site", "fail_website", { indexDocument: { suffix: "index.html" } })],
        expect: [{ on: "fail_website", id: "bucketTwoWays" }],
    },
    { name: "fail_inline_policy_and_bucket_policy", resources: [bucket("fail_policy", { policy: JSON.stringify(document) }), bucketPolicy("fail_policy-policy", "fail_policy")], expect: [{ on: "fail_policy", id: "bucketTwoWays" }] },
    ...inlineBucketCases.map(([label, token, inline]) => ({
        name: `fail_inline_${label}_and_separate_resource`,
        resources: [bucket(`fail_${label}`, inline), sub(token, `fail_${label}-separate`, `fail_${label}`)],
        expect: [{ on: `fail_${label}`, id: "bucketTwoWays" }],
    })),
    { name: "fail_two_encryption_configurations", resources: [bucket("fail_two_sse"), sse("fail_two_sse-a", "fail_two_sse"), sse("fail_two_sse-b", "fail_two_sse")], expect: [{ on: "fail_two_sse", id: "bucketConfiguredTwice" }] },
    {
        name: "fail_legacy_bucket_v2_and_v2_configuration",
        resources: [
            bucket("fail_legacy", { serverSideEncryptionConfiguration: { rule: sseRule } }, "aws:s3/bucketV2:BucketV2"),
            sse("fail_legacy-sse", "fail_legacy", "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2"),
        ],
        expect: [{ on: "fail_legacy", id: "bucketTwoWays" }],
    },
    {
        // @pulumi/aws 6's BucketV2 holds its inline blocks as lists: they conflict the same way.
        name: "fail_legacy_list_shaped_blocks_and_separate_resources",
        resources: [
            bucket("fail_lists", { websites: [{ indexDocument: "index.html" }], versionings: [{ enabled: true }], loggings: [{ targetBucket: "logs" }] }, "aws:s3/bucketV2:BucketV2"),
            sub("aws:s3/bucketWebsiteConfigurationV2:BucketWebsiteConfigurationV2", "fail_lists-site", "fail_lists", { indexDocument: { suffix: "index.html" } }),
            sub("aws:s3/bucketVersioningV2:BucketVersioningV2", "fail_lists-versioning", "fail_lists"),
            sub("aws:s3/bucketLoggingV2:BucketLoggingV2", "fail_lists-logging", "fail_lists"),
        ],
        expect: [
            { on: "fail_lists", id: "bucketTwoWays" },
            { on: "fail_lists", id: "bucketTwoWays" },
            { on: "fail_lists", id: "bucketTwoWays" },
        ],
    },
    { name: "pass_legacy_empty_lists_beside_separate_resource", resources: [bucket("pass_lists", { websites: [] }, "aws:s3/bucketV2:BucketV2"), sub("aws:s3/bucketWebsiteConfigurationV2:BucketWebsiteConfigurationV2", "pass_lists-site", "pass_lists", { indexDocument: { suffix: "index.html" } })], expect: [] },
    {
        name: "fail_bucket_joined_by_dependencies",
        resources: (() => {
            const b = resource(bucketType, "fail_joined_bucket", { policy: JSON.stringify(document) }, { outputs: { bucket: unknown.string, id: unknown.string } });
            return [b, sse("fail_joined_bucket-sse-a", unknown.string, undefined, { propertyDependencies: dependsOn({ bucket: [b] }) }), sse("fail_joined_bucket-sse-b", unknown.string, undefined, { propertyDependencies: dependsOn({ bucket: [b] }) })];
        })(),
        expect: [{ on: "fail_joined_bucket", id: "bucketConfiguredTwice" }],
    },
    { name: "unknown_inline_encryption", resources: [bucket("unknown_inline", { serverSideEncryptionConfiguration: unknown.object }), sse("unknown_inline-sse", "unknown_inline")], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_configuration_bucket", resources: [bucket("unknown_target", { policy: JSON.stringify(document) }), bucketPolicy("unknown_target-policy", unknown.string)], expect: [{ on: "(stack)", id: "undecided" }] },

    // KMS keys
    { name: "pass_key_policy_inline_only", resources: [key("pass_key_inline", { policy: keyPolicyDocument })], expect: [] },
    { name: "pass_key_policy_resource_only", resources: [key("pass_key_resource"), keyPolicy("pass_key_resource-policy", "pass_key_resource-id")], expect: [] },
    { name: "fail_key_policy_inline_and_resource", resources: [key("fail_key_two_ways", { policy: secret(keyPolicyDocument) }), keyPolicy("fail_key_two_ways-policy", "fail_key_two_ways-id")], expect: [{ on: "fail_key_two_ways", id: "keyPolicyTwoWays" }] },
    {
        name: "fail_two_key_policies",
        resources: [key("fail_two_key_policies"), keyPolicy("fail_two_key_policies-a", "fail_two_key_policies-id"), keyPolicy("fail_two_key_policies-b", `arn:aws:kms:us-east-1:${account}:key/fail_two_key_policies-id`)],
        expect: [{ on: "fail_two_key_policies", id: "keyPolicyTwice" }],
    },

    { name: "na_nothing_managed_two_ways_can_happen_to", resources: [resource("aws:sqs/queue:Queue", "na_queue", {})], expect: [] },
]);
