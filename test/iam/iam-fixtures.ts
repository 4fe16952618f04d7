// Builders for the IAM least-privilege case tables: policy documents, the resources that hold
// them, and the roles, users, groups and attachments that grant them.
import { resource } from "../lib/fixtures";

export const account = "111122223333";

export const policyType = "aws:iam/policy:Policy";
export const roleType = "aws:iam/role:Role";
export const userType = "aws:iam/user:User";
export const groupType = "aws:iam/group:Group";
export const rolePolicyType = "aws:iam/rolePolicy:RolePolicy";
export const userPolicyType = "aws:iam/userPolicy:UserPolicy";
export const groupPolicyType = "aws:iam/groupPolicy:GroupPolicy";
export const rolePolicyAttachmentType = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
export const userPolicyAttachmentType = "aws:iam/userPolicyAttachment:UserPolicyAttachment";
export const groupPolicyAttachmentType = "aws:iam/groupPolicyAttachment:GroupPolicyAttachment";
export const policyAttachmentType = "aws:iam/policyAttachment:PolicyAttachment";
export const bucketPolicyType = "aws:s3/bucketPolicy:BucketPolicy";
export const keyType = "aws:kms/key:Key";
export const keyPolicyType = "aws:kms/keyPolicy:KeyPolicy";
export const queuePolicyType = "aws:sqs/queuePolicy:QueuePolicy";
export const topicPolicyType = "aws:sns/topicPolicy:TopicPolicy";

export const bucketArn = "arn:aws:s3:::orders-data";
export const keyArn = `arn:aws:kms:us-east-1:${account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

/** An Allow statement on scoped resources; `change` replaces or adds elements. */
export const allow = (action: unknown, resource: unknown = `${bucketArn}/*`, change: Record<string, unknown> = {}) => ({ Effect: "Allow", Action: action, Resource: resource, ...change });
export const doc = (...statements: unknown[]) => ({ Version: "2012-10-17", Statement: statements });

/** The compliant identity document every case starts from. */
export const readOrders = doc(allow(["s3:GetObject", "s3:PutObject"]), allow("kms:Decrypt", keyArn));
export const lambdaTrustStatement = { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" };
export const lambdaTrust = doc(lambdaTrustStatement);

export const policy = (name: string, document: unknown, extra: Parameters<typeof resource>[3] = {}) => resource(policyType, name, { policy: document }, extra);

export const role = (name: string, inputs: Record<string, unknown> = {}, extra: Parameters<typeof resource>[3] = {}) =>
    resource(roleType, name, { assumeRolePolicy: JSON.stringify(lambdaTrust), ...inputs }, { outputs: { name, id: name, arn: `arn:aws:iam::${account}:role/${name}`, ...inputs }, ...extra });

export const user = (name: string) => resource(userType, name, { name }, { outputs: { name, id: name, arn: `arn:aws:iam::${account}:user/${name}` } });
export const group = (name: string) => resource(groupType, name, { name }, { outputs: { name, id: name, arn: `arn:aws:iam::${account}:group/${name}` } });

/** An in-stack customer-managed policy as deployed: its ARN is known. */
export const deployedPolicy = (name: string, document: unknown) =>
    resource(policyType, name, { policy: document }, { outputs: { policy: document, name, id: `arn:aws:iam::${account}:policy/${name}`, arn: `arn:aws:iam::${account}:policy/${name}` } });

export const awsManaged = (name: string) => `arn:aws:iam::aws:policy/${name}`;
