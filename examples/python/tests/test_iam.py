"""IAM: each role's permissions are scoped to named ARNs with no wildcard action; the application
role reaches the data bucket's objects, the data key and its own logs; the deployer ships the
function's code, reads no data, and is assumable from one repository's ref only."""
import json

from reference import ACCOUNT, PREFIX, REGION, Stack, as_list, statements

ROLE = "aws:iam/role:Role"
ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy"
BUCKET_ARN = f"arn:aws:s3:::{PREFIX}-data-{ACCOUNT}"
FUNCTION_ARN = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{PREFIX}-api"
LOG_GROUP_ARN = f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:/aws/lambda/{PREFIX}-api"
ISSUER = "token.actions.githubusercontent.com"


def identity(stack: Stack, role: str) -> list[dict]:
    """The statements every inline policy of a role grants it."""
    name = stack.one(ROLE, role).inputs["name"]
    return [s for p in stack.of_type(ROLE_POLICY) if p.inputs["role"] == name for s in statements(p.inputs["policy"])]


def test_two_roles_each_with_one_inline_policy_and_nothing_attached(stack: Stack) -> None:
    assert sorted(r.name for r in stack.of_type(ROLE)) == ["app", "deployer"]
    assert sorted(p.inputs["role"] for p in stack.of_type(ROLE_POLICY)) == [f"{PREFIX}-app", f"{PREFIX}-deployer"]
    for role in stack.of_type(ROLE):
        assert not {"inlinePolicies", "managedPolicyArns"} & role.inputs.keys(), role.name
    for kind in ("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "aws:iam/policy:Policy", "aws:iam/policyAttachment:PolicyAttachment"):
        assert stack.of_type(kind) == [], kind


def test_no_statement_of_any_document_allows_a_wildcard_action(stack: Stack) -> None:
    documents = [p.inputs["policy"] for p in stack.of_type(ROLE_POLICY)]
    documents += [r.inputs["assumeRolePolicy"] for r in stack.of_type(ROLE)]
    documents += [k.inputs["policy"] for k in stack.of_type("aws:kms/key:Key")]
    documents += [b.inputs["policy"] for b in stack.of_type("aws:s3/bucketPolicy:BucketPolicy")]
    allowed = [(a, s.get("Sid")) for d in documents for s in statements(d) if s["Effect"] == "Allow" for a in as_list(s["Action"])]
    assert len(allowed) > 20
    assert [(a, sid) for a, sid in allowed if "*" in a] == []
    assert [s for d in documents for s in statements(d) if "NotAction" in s or "NotResource" in s] == []


def test_the_application_role_reaches_the_data_bucket_objects_the_data_key_and_its_own_logs_only(stack: Stack) -> None:
    key_arn = stack.one("aws:kms/key:Key", "data-key").outputs["arn"]
    assert [(s["Action"], s["Resource"]) for s in identity(stack, "app")] == [
        (["s3:GetObject", "s3:PutObject"], f"{BUCKET_ARN}/*"),
        (["kms:Decrypt", "kms:GenerateDataKey"], key_arn),
        (["logs:CreateLogStream", "logs:PutLogEvents"], f"{LOG_GROUP_ARN}:*"),
    ]
    assert {s["Effect"] for s in identity(stack, "app")} == {"Allow"}
    assert json.loads(stack.one(ROLE, "app").inputs["assumeRolePolicy"])["Statement"] == [
        {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}
    ]


def test_the_deployer_ships_the_functions_code_and_nothing_else(stack: Stack) -> None:
    assert identity(stack, "deployer") == [
        {
            "Sid": "ShipFunctionCode",
            "Effect": "Allow",
            "Action": ["lambda:UpdateFunctionCode", "lambda:PublishVersion", "lambda:GetFunction"],
            "Resource": FUNCTION_ARN,
        }
    ]


def test_the_deployer_can_read_no_data(stack: Stack) -> None:
    actions = [a for s in identity(stack, "deployer") for a in as_list(s["Action"])]
    assert [a for a in actions if a.split(":")[0] in ("s3", "kms", "logs", "dynamodb", "secretsmanager")] == []
    # Neither the key policy nor the bucket policy names the deployer.
    deployer_arn = f"arn:aws:iam::{ACCOUNT}:role/{PREFIX}-deployer"
    for document in (stack.one("aws:kms/key:Key", "data-key").inputs["policy"], stack.one("aws:s3/bucketPolicy:BucketPolicy", "data-policy").inputs["policy"]):
        assert deployer_arn not in document


def test_only_one_repositorys_ref_can_assume_the_deployer_through_github_oidc(stack: Stack) -> None:
    provider = stack.one("aws:iam/openIdConnectProvider:OpenIdConnectProvider", "github-actions").inputs
    assert (provider["url"], provider["clientIdLists"]) == (f"https://{ISSUER}", ["sts.amazonaws.com"])
    assert json.loads(stack.one(ROLE, "deployer").inputs["assumeRolePolicy"])["Statement"] == [
        {
            "Effect": "Allow",
            "Principal": {"Federated": f"arn:aws:iam::{ACCOUNT}:oidc-provider/{ISSUER}"},
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": {"StringEquals": {f"{ISSUER}:aud": "sts.amazonaws.com", f"{ISSUER}:sub": "repo:acme/payments:ref:refs/heads/main"}},
        }
    ]


def test_the_function_runs_as_the_application_role_and_is_invoked_only_by_the_stacks_endpoints(stack: Stack) -> None:
    assert stack.one("aws:lambda/function:Function", "api").inputs["role"] == stack.one(ROLE, "app").outputs["arn"]
    permissions = {p.name: p.inputs for p in stack.of_type("aws:lambda/permission:Permission")}
    assert permissions["alb-invoke"]["sourceArn"] == stack.one("aws:lb/targetGroup:TargetGroup", "api").outputs["arn"]
    assert permissions["api-invoke"]["sourceArn"] == f"{stack.one('aws:apigatewayv2/api:Api', 'api').outputs['executionArn']}/*/*"
