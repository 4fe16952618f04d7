import { iamTrustPolicyScoped } from "../../policy-pack/iam/trust-policy-scoped";
import { caseTable } from "../lib/cases";
import { dependsOn, resource, secret, unknown } from "../lib/fixtures";

const roleType = "aws:iam/role:Role";
const own = "111122223333";
const other = "444455556666";
const github = "token.actions.githubusercontent.com";
const githubProviderArn = `arn:aws:iam::${own}:oidc-provider/${github}`;

const statement = (principal: unknown, condition?: unknown, extra: Record<string, unknown> = {}) => ({
    Effect: "Allow",
    Action: "sts:AssumeRole",
    Principal: principal,
    ...(condition === undefined ? {} : { Condition: condition }),
    ...extra,
});
const doc = (...statements: unknown[]) => ({ Version: "2012-10-17", Statement: statements });
const serviceTrust = doc(statement({ Service: "lambda.amazonaws.com" }));

/** A deployed role in the stack's own account (its ARN output names the account). */
const role = (name: string, assumeRolePolicy: unknown, extra: Record<string, unknown> = {}) =>
    resource(roleType, name, { assumeRolePolicy, ...extra }, { outputs: { assumeRolePolicy, arn: `arn:aws:iam::${own}:role/${name}`, name } });
/** A role at the first preview of a stack: no ARN is known yet. */
const newRole = (name: string, assumeRolePolicy: unknown, extra: Partial<Parameters<typeof resource>[3]> = {}) =>
    resource(roleType, name, { assumeRolePolicy }, { outputs: { assumeRolePolicy, arn: unknown.string }, ...extra });

const githubTrust = (condition?: unknown) =>
    doc(statement({ Federated: githubProviderArn }, condition, { Action: "sts:AssumeRoleWithWebIdentity" }));
const githubSub = (operator: string, value: unknown) => ({ [operator]: { [`${github}:sub`]: value, [`${github}:aud`]: "sts.amazonaws.com" } });
const oidcProvider = (name: string, url: unknown) =>
    resource("aws:iam/openIdConnectProvider:OpenIdConnectProvider", name, { url, clientIdLists: ["sts.amazonaws.com"] }, { outputs: { url, arn: unknown.string } });

caseTable(iamTrustPolicyScoped, [
    { name: "pass_service_principal_json_string", resources: [role("pass_service_json", JSON.stringify(serviceTrust))], expect: [] },
    { name: "pass_service_principal_object", resources: [role("pass_service_object", serviceTrust)], expect: [] },
    { name: "pass_service_principal_list", resources: [role("pass_service_list", doc(statement({ Service: ["ecs-tasks.amazonaws.com", "lambda.amazonaws.com"] })))], expect: [] },
    { name: "pass_secret_wrapped_document", resources: [role("pass_secret", secret(JSON.stringify(serviceTrust)))], expect: [] },
    { name: "pass_same_account_root", resources: [role("pass_same_root", doc(statement({ AWS: `arn:aws:iam::${own}:root` })))], expect: [] },
    {
        name: "pass_same_account_known_from_another_resource",
        resources: [
            resource("aws:kms/key:Key", "pass_key", {}, { outputs: { arn: `arn:aws:kms:us-east-1:${other}:key/1234` } }),
            newRole("pass_account_of_key", doc(statement({ AWS: [`arn:aws:iam::${other}:role/deployer`] }))),
        ],
        expect: [],
    },
    {
        name: "pass_in_stack_role_principal_by_arn",
        resources: [role("pass_peer", JSON.stringify(serviceTrust)), role("pass_trusts_peer", doc(statement({ AWS: `arn:aws:iam::${own}:role/pass_peer` })))],
        expect: [],
    },
    {
        name: "pass_other_account_with_external_id",
        resources: [role("pass_external_id", doc(statement({ AWS: `arn:aws:iam::${other}:root` }, { StringEquals: { "sts:ExternalId": "a1b2c3" } })))],
        expect: [],
    },
    {
        name: "pass_other_account_id_with_org_condition_list",
        resources: [role("pass_org", doc(statement({ AWS: [other] }, { StringEquals: { "aws:PrincipalOrgID": ["o-abc123"] } })))],
        expect: [],
    },
    {
        name: "pass_other_account_in_trusted_account_ids",
        resources: [role("pass_trusted_param", doc(statement({ AWS: `arn:aws:iam::${other}:root` })))],
        config: { "iam-trust-policy-scoped": { trustedAccountIds: [other] } },
        expect: [],
    },
    {
        name: "pass_public_principal_scoped_to_organization",
        resources: [role("pass_public_org", doc(statement("*", { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } })))],
        expect: [],
    },
    {
        name: "pass_public_principal_scoped_by_source_arn",
        resources: [role("pass_public_source_arn", doc(statement({ AWS: "*" }, { ArnLike: { "aws:SourceArn": `arn:aws:s3:::reports-${own}` } })))],
        expect: [],
    },
    {
        name: "pass_cognito_identity_pool",
        resources: [
            role(
                "pass_cognito",
                doc(statement({ Federated: "cognito-identity.amazonaws.com" }, { StringEquals: { "cognito-identity.amazonaws.com:aud": "us-east-1:12345678-aaaa-bbbb-cccc-1234567890ab" } })),
            ),
        ],
        expect: [],
    },
    { name: "pass_deny_public_principal", resources: [role("pass_deny", doc(statement({ Service: "ec2.amazonaws.com" }), { ...statement("*"), Effect: "Deny" }))], expect: [] },
    { name: "pass_github_one_branch", resources: [role("pass_github_branch", githubTrust(githubSub("StringEquals", "repo:acme/payments:ref:refs/heads/main")))], expect: [] },
    { name: "pass_github_wildcard_after_repository", resources: [role("pass_github_any_ref", githubTrust(githubSub("StringLike", "repo:acme/payments:*")))], expect: [] },
    {
        name: "pass_github_two_named_repositories",
        resources: [role("pass_github_two", githubTrust(githubSub("StringLike", ["repo:acme/payments:*", "repo:acme/ledger:environment:prod"])))],
        expect: [],
    },
    {
        name: "pass_eks_service_account",
        resources: [
            role(
                "pass_eks",
                doc(
                    statement({ Federated: `arn:aws:iam::${own}:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC` }, {
                        StringEquals: { "oidc.eks.us-east-1.amazonaws.com/id/ABC:sub": "system:serviceaccount:payments:api" },
                    }),
                ),
            ),
        ],
        expect: [],
    },
    { name: "pass_saml_provider", resources: [role("pass_saml", doc(statement({ Federated: `arn:aws:iam::${own}:saml-provider/corp` }, { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } })))], expect: [] },
    {
        name: "pass_unknown_oidc_provider_joined_by_dependencies",
        resources: (() => {
            const provider = oidcProvider("pass_provider", `https://${github}`);
            const trust = doc(statement({ Federated: unknown.string }, githubSub("StringEquals", "repo:acme/payments:ref:refs/heads/main")));
            return [provider, newRole("pass_joined_oidc", trust, { propertyDependencies: dependsOn({ assumeRolePolicy: [provider] }) })];
        })(),
        expect: [],
    },
    {
        name: "pass_unknown_role_principal_joined_by_dependencies",
        resources: (() => {
            const peer = newRole("pass_joined_peer", serviceTrust);
            return [peer, newRole("pass_joined_principal", doc(statement({ AWS: unknown.string })), { propertyDependencies: dependsOn({ assumeRolePolicy: [peer] }) })];
        })(),
        expect: [],
    },
    { name: "fail_public_principal", resources: [role("fail_public", JSON.stringify(doc(statement("*"))))], expect: [{ on: "fail_public", id: "publicPrincipal" }] },
    { name: "fail_public_aws_star_list", resources: [role("fail_public_aws", doc(statement({ AWS: ["*"] })))], expect: [{ on: "fail_public_aws", id: "publicPrincipal" }] },
    {
        name: "fail_public_network_condition_does_not_scope",
        resources: [role("fail_public_ip", doc(statement({ AWS: "*" }, { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } })))],
        expect: [{ on: "fail_public_ip", id: "publicPrincipal" }],
    },
    {
        name: "fail_public_if_exists_condition",
        resources: [role("fail_public_ifexists", doc(statement("*", { StringEqualsIfExists: { "aws:PrincipalOrgID": "o-abc123" } })))],
        expect: [{ on: "fail_public_ifexists", id: "publicPrincipal" }],
    },
    {
        name: "fail_not_principal_allow",
        resources: [role("fail_not_principal", doc({ Effect: "Allow", Action: "sts:AssumeRole", NotPrincipal: { AWS: `arn:aws:iam::${own}:root` } }))],
        expect: [{ on: "fail_not_principal", id: "publicPrincipal" }],
    },
    { name: "fail_other_account_root", resources: [role("fail_cross_root", doc(statement({ AWS: `arn:aws:iam::${other}:root` })))], expect: [{ on: "fail_cross_root", id: "crossAccountUnguarded" }] },
    { name: "fail_other_account_id", resources: [role("fail_cross_id", JSON.stringify(doc(statement({ AWS: other }))))], expect: [{ on: "fail_cross_id", id: "crossAccountUnguarded" }] },
    {
        name: "fail_other_account_role_with_unrelated_condition",
        resources: [role("fail_cross_role", doc(statement({ AWS: [`arn:aws:iam::${other}:role/ci`] }, { Bool: { "aws:MultiFactorAuthPresent": "true" } })))],
        expect: [{ on: "fail_cross_role", id: "crossAccountUnguarded" }],
    },
    { name: "fail_github_without_sub", resources: [role("fail_github_no_sub", githubTrust({ StringEquals: { [`${github}:aud`]: "sts.amazonaws.com" } }))], expect: [{ on: "fail_github_no_sub", id: "oidcSubjectMissing" }] },
    { name: "fail_github_no_conditions", resources: [role("fail_github_bare", githubTrust())], expect: [{ on: "fail_github_bare", id: "oidcSubjectMissing" }] },
    { name: "fail_github_owner_wildcard", resources: [role("fail_github_owner", githubTrust(githubSub("StringLike", "repo:acme/*")))], expect: [{ on: "fail_github_owner", id: "oidcSubjectTooBroad" }] },
    { name: "fail_github_any_subject", resources: [role("fail_github_star", githubTrust(githubSub("StringLike", "*")))], expect: [{ on: "fail_github_star", id: "oidcSubjectTooBroad" }] },
    {
        name: "fail_github_one_broad_value_among_named",
        resources: [role("fail_github_mixed", githubTrust(githubSub("StringLike", ["repo:acme/payments:*", "repo:*"])))],
        expect: [{ on: "fail_github_mixed", id: "oidcSubjectTooBroad" }],
    },
    {
        name: "fail_github_negated_sub_condition",
        resources: [role("fail_github_not", githubTrust(githubSub("StringNotEquals", "repo:acme/payments:ref:refs/heads/main")))],
        expect: [{ on: "fail_github_not", id: "oidcSubjectMissing" }],
    },
    {
        name: "fail_unknown_oidc_provider_joined_without_sub",
        resources: (() => {
            const provider = oidcProvider("fail_provider", `https://${github}`);
            return [provider, newRole("fail_joined_oidc", doc(statement({ Federated: unknown.string })), { propertyDependencies: dependsOn({ assumeRolePolicy: [provider] }) })];
        })(),
        expect: [{ on: "fail_joined_oidc", id: "oidcSubjectMissing" }],
    },
    {
        name: "fail_eks_service_account_without_sub",
        resources: [role("fail_eks_no_sub", doc(statement({ Federated: `arn:aws:iam::${own}:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC` })))],
        expect: [{ on: "fail_eks_no_sub", id: "oidcSubjectMissing" }],
    },
    { name: "na_other_type", resources: [resource("aws:s3/bucket:Bucket", "na_bucket", {})], expect: [], notApplicable: ["na_bucket"] },
    { name: "unknown_document", resources: [newRole("unknown_document", unknown.string)], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_principal_without_dependencies", resources: [newRole("unknown_principal", doc(statement({ AWS: unknown.string })))], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_own_account", resources: [newRole("unknown_account", doc(statement({ AWS: `arn:aws:iam::${other}:root` })))], expect: [{ on: "(stack)", id: "undecided" }] },
    {
        name: "unknown_github_condition_block",
        resources: [role("unknown_github_block", githubTrust({ StringEquals: unknown.object }))],
        expect: [{ on: "unknown_github_block", id: "undecided" }],
    },
    {
        name: "unknown_github_condition_block_beside_broad_subject",
        resources: [role("unknown_github_block_broad", githubTrust({ ...githubSub("StringLike", "repo:acme/*"), StringEquals: unknown.object }))],
        expect: [{ on: "unknown_github_block_broad", id: "undecided" }],
    },
    { name: "unknown_principal_kind", resources: [role("unknown_kind", doc(statement({ CanonicalUser: "79a59df900b949e55d96a1e698fbaced" })))], expect: [{ on: "unknown_kind", id: "undecided" }] },
    { name: "unknown_github_subject", resources: [role("unknown_subject", githubTrust(githubSub("StringLike", unknown.string)))], expect: [{ on: "unknown_subject", id: "undecided" }] },
    {
        name: "unknown_public_condition_but_other_statement_fails",
        resources: [role("fail_known_part", doc(statement("*", unknown.object), statement({ AWS: `arn:aws:iam::${other}:root` })))],
        expect: [
            { on: "fail_known_part", id: "crossAccountUnguarded" },
            { on: "fail_known_part", id: "undecided" },
        ],
    },
    {
        // JSON text whose first principal interpolates an account not known yet; the second lets anyone in.
        name: "fail_json_text_with_interpolated_principal_and_public_statement",
        resources: [role("fail_json_public", JSON.stringify(doc(statement({ AWS: `arn:aws:iam::${unknown.string}:root` }), statement("*"))))],
        expect: [
            { on: "fail_json_public", id: "publicPrincipal" },
            { on: "(stack)", id: "undecided" },
        ],
    },
]);
