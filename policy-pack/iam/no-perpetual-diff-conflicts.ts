import { Node, StackGraph } from "../lib/graph";
import { policyRefs, roleAttachments, roleTypes } from "../lib/iam-roles";
import { CheckContext, definePolicy } from "../lib/policy";
import { legacyBucketBlocks } from "../lib/s3";
import { types } from "../lib/types";
import { UNKNOWN, Unknown, isUnknown, list, raw, str } from "../lib/values";

type Messages =
    | "roleInlinePoliciesTwoWays"
    | "roleManagedPoliciesTwoWays"
    | "exclusiveTwice"
    | "notInExclusiveList"
    | "policyAttachmentShared"
    | "securityGroupRulesTwoWays"
    | "bucketTwoWays"
    | "bucketConfiguredTwice"
    | "keyPolicyTwoWays"
    | "keyPolicyTwice";

type Ctx = CheckContext<{}>;

/**
 * When an inline input manages something, decided per input from the provider's documented
 * behaviour, on what the program declared:
 * - a role's `inlinePolicies`: a non-empty list (one empty block `[{}]` included, which removes
 *   every other inline policy); `[]` is the same as leaving it out;
 * - a role's `managedPolicyArns`: any list, `[]` included (it detaches every other managed policy);
 * - a security group's `ingress` / `egress`: any list, `[]` included (attributes-as-blocks: an
 *   empty list removes every rule of that direction); only rule resources of the same direction
 *   conflict with it, as the provider leaves the direction that is not declared alone;
 * - a bucket's or key's inline settings: any value but an empty one.
 */
type Emptiness = "emptyIsUnmanaged" | "emptyManages";

const bucketSettings: { inputs: string[]; separate: readonly string[]; kind: string }[] = [
    { inputs: ["serverSideEncryptionConfiguration", legacyBucketBlocks.serverSideEncryptionConfiguration], separate: types.bucketEncryption, kind: "server-side encryption configuration" },
    { inputs: ["website", legacyBucketBlocks.website], separate: types.bucketWebsite, kind: "website configuration" },
    { inputs: ["policy"], separate: types.bucketPolicy, kind: "bucket policy" },
    { inputs: ["versioning", legacyBucketBlocks.versioning], separate: types.bucketVersioning, kind: "versioning configuration" },
    { inputs: ["logging", legacyBucketBlocks.logging], separate: types.bucketLogging, kind: "logging configuration" },
    { inputs: ["lifecycleRules"], separate: types.bucketLifecycle, kind: "lifecycle configuration" },
    { inputs: ["corsRules"], separate: types.bucketCors, kind: "CORS configuration" },
    { inputs: ["acl", "grants"], separate: types.bucketAcl, kind: "ACL" },
    { inputs: ["objectLockConfiguration"], separate: types.bucketObjectLock, kind: "object lock configuration" },
    { inputs: ["replicationConfiguration"], separate: types.bucketReplication, kind: "replication configuration" },
    { inputs: ["requestPayer"], separate: types.bucketRequestPayment, kind: "request payment configuration" },
    { inputs: ["accelerationStatus"], separate: types.bucketAccelerate, kind: "transfer acceleration configuration" },
];

const rolePolicyTypes: string[] = [...types.iamRolePolicy, ...types.iamRolePoliciesExclusive];
const roleAttachmentTypes: string[] = [...types.iamRolePolicyAttachment, ...types.iamPolicyAttachment, ...types.iamRolePolicyAttachmentsExclusive];
const principalTypes = { roles: roleTypes, users: [...types.iamUser] as string[], groups: [...types.iamGroup] as string[] };

export const iamNoPerpetualDiffConflicts = definePolicy<{}, Messages>({
    name: "iam-no-perpetual-diff-conflicts",
    description: "Each setting must be managed one way: not by a resource's inline input and a separate resource at once, nor by two exclusive resources.",
    rationale:
        "When a role's policies, a security group's rules, a bucket's configuration or a key's policy are declared both inline " +
        "and by a separate resource, each `pulumi up` makes AWS match one declaration and the next refresh finds the other's " +
        "changes: the stack never converges, and between runs the live setting is whichever wrote last, possibly without the " +
        "encryption, TLS-only policy or least-privilege attachment the program declares.",
    domain: "iam",
    severity: "high",
    remediationSteps:
        "Declare each setting once. Prefer the separate resources: aws.iam.RolePolicy / RolePolicyAttachment instead of a " +
        "role's inlinePolicies / managedPolicyArns (with RolePoliciesExclusive / RolePolicyAttachmentsExclusive listing them " +
        "when you want exclusivity); aws.vpc.SecurityGroupIngressRule / SecurityGroupEgressRule instead of a security " +
        "group's ingress / egress; BucketServerSideEncryptionConfiguration, BucketPolicy, BucketWebsiteConfiguration, " +
        "BucketVersioning, … instead of the bucket's inline inputs; aws.kms.KeyPolicy or the key's policy, not both. Keep " +
        "one separate resource per bucket setting and per key policy.",
    noRemediation: "which of the conflicting declarations should own the policy is the owner's decision; removing either changes what the role may do",
    messages: {
        roleInlinePoliciesTwoWays:
            "Role '{{role}}' manages its inline policies exclusively with inlinePolicies and also through {{others}}, so each " +
            "update removes what the other adds. Move the documents to aws.iam.RolePolicy resources and drop inlinePolicies (or the reverse).",
        roleManagedPoliciesTwoWays:
            "Role '{{role}}' manages its managed policies exclusively with managedPolicyArns and also through {{others}}, so each " +
            "update detaches what the other attaches. Drop managedPolicyArns and attach each policy with one aws.iam.RolePolicyAttachment (or the reverse).",
        exclusiveTwice: "Role '{{role}}' has {{count}} resources that each own all its {{what}} ({{resources}}); they remove each other's. Keep one.",
        notInExclusiveList:
            "Role '{{role}}': {{exclusive}} removes every {{what}} not in its {{property}}, and {{other}} adds '{{policy}}', which is " +
            "not listed, so each update removes and re-adds it. List it in {{property}} or drop {{other}}.",
        policyAttachmentShared:
            "PolicyAttachment '{{attachment}}' owns every attachment of policy '{{policy}}', so each update detaches the ones it does " +
            "not list, made by {{others}}. Replace the PolicyAttachment with RolePolicyAttachment / UserPolicyAttachment / GroupPolicyAttachment resources.",
        securityGroupRulesTwoWays:
            "Security group '{{group}}' declares its {{direction}} rules inline (the {{direction}} input, where even an empty list " +
            "removes every other rule) and also has rule resources {{rules}}, so each update removes what the other adds. Move the " +
            "inline rules to aws.vpc.{{ruleType}} resources and drop {{direction}}.",
        bucketTwoWays:
            "Bucket '{{bucket}}' declares its {{kind}} both inline ({{input}}) and with {{resources}}, which overwrite each other on " +
            "every update. Drop {{input}} from the bucket and keep the separate resource.",
        bucketConfiguredTwice: "Bucket '{{bucket}}' has {{count}} {{kind}} resources ({{resources}}) that overwrite each other on every update. Keep one.",
        keyPolicyTwoWays:
            "KMS key '{{key}}' declares its key policy both inline (policy) and with {{resources}}, which overwrite each other on " +
            "every update. Keep one of them.",
        keyPolicyTwice: "KMS key '{{key}}' has {{count}} aws.kms.KeyPolicy resources ({{resources}}) that overwrite each other on every update. Keep one.",
    },
    checkStack(stack, ctx) {
        const relevant = [...roleTypes, ...types.iamPolicyAttachment, ...types.securityGroup, ...types.bucket, ...types.kmsKey];
        if (stack.ofType(...relevant).length === 0) {
            ctx.notApplicable("the stack has no roles, policy attachments, security groups, buckets or KMS keys");
        }
        for (const role of stack.ofType(...roleTypes)) {
            checkRole(stack, role, ctx);
        }
        for (const attachment of stack.ofType(...types.iamPolicyAttachment)) {
            checkPolicyAttachment(stack, attachment, ctx);
        }
        for (const group of stack.ofType(...types.securityGroup)) {
            checkSecurityGroup(stack, group, ctx);
        }
        for (const bucket of stack.ofType(...types.bucket)) {
            checkBucket(stack, bucket, ctx);
        }
        for (const key of stack.ofType(...types.kmsKey)) {
            checkKey(stack, key, ctx);
        }
    },
});

function checkRole(stack: StackGraph, role: Node, ctx: Ctx): void {
    const attached = roleAttachments(stack, role);
    const unresolved = (tokens: string[]) => attached.unresolved.filter((a) => tokens.includes(a.type));

    const inline = declares(role, "inlinePolicies", "emptyIsUnmanaged");
    const inlineOthers = [...attached.rolePolicies, ...attached.policiesExclusive];
    conflict(ctx, role, inline, inlineOthers, unresolved(rolePolicyTypes), "inlinePolicies", () =>
        ctx.report("roleInlinePoliciesTwoWays", { role: role.name, others: inlineOthers.map(describe) }, role.urn),
    );

    const managed = declares(role, "managedPolicyArns", "emptyManages");
    const managedOthers = [...attached.rolePolicyAttachments, ...attached.policyAttachments, ...attached.attachmentsExclusive];
    conflict(ctx, role, managed, managedOthers, unresolved(roleAttachmentTypes), "managedPolicyArns", () =>
        ctx.report("roleManagedPoliciesTwoWays", { role: role.name, others: managedOthers.map(describe) }, role.urn),
    );

    for (const [exclusives, what] of [
        [attached.policiesExclusive, "inline policies"],
        [attached.attachmentsExclusive, "managed policy attachments"],
    ] as const) {
        if (exclusives.length > 1) {
            ctx.report("exclusiveTwice", { role: role.name, count: exclusives.length, what, resources: exclusives.map(describe) }, role.urn);
        }
    }
    if (attached.policiesExclusive.length === 1) {
        const exclusive = attached.policiesExclusive[0];
        for (const rolePolicy of attached.rolePolicies) {
            const listed = listsRolePolicy(exclusive, rolePolicy);
            if (listed === UNKNOWN) {
                ctx.undecided(`whether ${describe(exclusive)} lists ${describe(rolePolicy)} is unknown`, role.urn);
            } else if (!listed) {
                ctx.report(
                    "notInExclusiveList",
                    { role: role.name, exclusive: describe(exclusive), what: "inline policy", property: "policyNames", other: describe(rolePolicy), policy: policyName(rolePolicy) },
                    role.urn,
                );
            }
        }
    }
    if (attached.attachmentsExclusive.length === 1) {
        const exclusive = attached.attachmentsExclusive[0];
        for (const attachment of [...attached.rolePolicyAttachments, ...attached.policyAttachments]) {
            const missing = unlistedPolicy(stack, exclusive, attachment);
            if (missing === UNKNOWN) {
                ctx.undecided(`whether ${describe(exclusive)} lists the policy of ${describe(attachment)} is unknown`, role.urn);
            } else if (missing !== undefined) {
                ctx.report(
                    "notInExclusiveList",
                    { role: role.name, exclusive: describe(exclusive), what: "managed policy", property: "policyArns", other: describe(attachment), policy: missing },
                    role.urn,
                );
            }
        }
    }
}

/** True when the RolePoliciesExclusive names the RolePolicy, by its name or through propertyDependencies. */
function listsRolePolicy(exclusive: Node, rolePolicy: Node): boolean | Unknown {
    if ((exclusive.propertyDependencies.policyNames ?? []).includes(rolePolicy)) {
        return true;
    }
    const names = list(exclusive.inputs.policyNames);
    const name = policyName(rolePolicy);
    if (names === UNKNOWN) {
        return UNKNOWN;
    }
    if (name !== undefined && names.includes(name)) {
        return true;
    }
    return name === undefined || names.some(isUnknown) ? UNKNOWN : false;
}

function policyName(rolePolicy: Node): string | undefined {
    const name = str(rolePolicy.inputs.name) ?? str(rolePolicy.outputs.name);
    return typeof name === "string" ? name : undefined;
}

/** The policy an attachment adds that the RolePolicyAttachmentsExclusive does not list; undefined when listed. */
function unlistedPolicy(stack: StackGraph, exclusive: Node, attachment: Node): string | Unknown | undefined {
    if ((exclusive.propertyDependencies.policyArns ?? []).includes(attachment)) {
        return undefined;
    }
    const listed = policyRefs(stack, exclusive, "policyArns");
    const attaches = policyRefs(stack, attachment, "policyArn");
    const keys = new Set(listed.refs.map((r) => r.key));
    const missing = attaches.refs.filter((r) => !keys.has(r.key));
    if (missing.length === 0) {
        return attaches.unknown ? UNKNOWN : undefined;
    }
    return listed.unknown ? UNKNOWN : missing[0].label;
}

/**
 * aws.iam.PolicyAttachment owns all attachments of its policy across the account: any other
 * attachment of the same policy to an entity it does not list is detached on its next update.
 */
function checkPolicyAttachment(stack: StackGraph, attachment: Node, ctx: Ctx): void {
    const own = policyRefs(stack, attachment, "policyArn");
    const policies = new Set(own.refs.map((r) => r.key));
    const owned = entityKeys(stack, attachment);
    const others: string[] = [];
    const consider = (other: Node, prop: string, entities: Set<string> | Unknown) => {
        if (own.unknown) {
            ctx.undecided(`its policy is unknown, and ${describe(other)} may attach the same`, attachment.urn);
            return;
        }
        const refs = policyRefs(stack, other, prop);
        const same = refs.refs.some((r) => policies.has(r.key));
        if (!same && refs.unknown) {
            ctx.undecided(`whether ${describe(other)} attaches the same policy is unknown`, attachment.urn);
        } else if (same && (entities === UNKNOWN || owned === UNKNOWN)) {
            ctx.undecided(`whether ${describe(other)} attaches it to an entity the attachment lists is unknown`, attachment.urn);
        } else if (same && entities !== UNKNOWN && owned !== UNKNOWN && [...entities].some((e) => !owned.has(e))) {
            others.push(describe(other));
        }
    };
    for (const other of stack.ofType(...types.iamRolePolicyAttachment)) {
        consider(other, "policyArn", keysOf(stack, other, "role", principalTypes.roles));
    }
    for (const other of stack.ofType(...types.iamUserPolicyAttachment)) {
        consider(other, "policyArn", keysOf(stack, other, "user", principalTypes.users));
    }
    for (const other of stack.ofType(...types.iamGroupPolicyAttachment)) {
        consider(other, "policyArn", keysOf(stack, other, "group", principalTypes.groups));
    }
    for (const other of stack.ofType(...types.iamPolicyAttachment).filter((o) => o !== attachment)) {
        consider(other, "policyArn", entityKeys(stack, other));
    }
    for (const role of stack.ofType(...roleTypes).filter((r) => declares(r, "managedPolicyArns", "emptyManages") === true)) {
        consider(role, "managedPolicyArns", new Set([role.urn]));
    }
    if (others.length > 0) {
        ctx.report("policyAttachmentShared", { attachment: attachment.name, policy: own.refs.map((r) => r.label), others }, attachment.urn);
    }
}

/** The roles, users and groups a PolicyAttachment lists. */
function entityKeys(stack: StackGraph, attachment: Node): Set<string> | Unknown {
    const keys = new Set<string>();
    for (const [prop, tokens] of Object.entries(principalTypes)) {
        const found = keysOf(stack, attachment, prop, tokens);
        if (found === UNKNOWN) {
            return UNKNOWN;
        }
        found.forEach((k) => keys.add(k));
    }
    return keys;
}

/** In-stack entities by URN (joined by value or propertyDependencies), others by their name. */
function keysOf(stack: StackGraph, node: Node, prop: string, tokens: string[]): Set<string> | Unknown {
    const keys = new Set<string>();
    const deps = (node.propertyDependencies[prop] ?? []).filter((d) => tokens.includes(d.type));
    deps.forEach((d) => keys.add(d.urn));
    const values = list(node.inputs[prop]);
    if (values === UNKNOWN) {
        return deps.length > 0 ? keys : UNKNOWN;
    }
    for (const v of values) {
        if (isUnknown(v)) {
            if (deps.length === 0) {
                return UNKNOWN;
            }
        } else if (typeof v === "string") {
            const inStack = stack.identifiedBy(v, tokens);
            (inStack.length > 0 ? inStack.map((n) => n.urn) : [`name:${v}`]).forEach((k) => keys.add(k));
        }
    }
    return keys;
}

function checkSecurityGroup(stack: StackGraph, group: Node, ctx: Ctx): void {
    const ruleResources = stack.referrers(group, [...types.securityGroupRule], "securityGroupId");
    const byDirection = {
        ingress: [...stack.referrers(group, [...types.securityGroupIngressRule], "securityGroupId"), ...ruleResources.filter((r) => str(r.inputs.type) === "ingress")],
        egress: [...stack.referrers(group, [...types.securityGroupEgressRule], "securityGroupId"), ...ruleResources.filter((r) => str(r.inputs.type) === "egress")],
    };
    const eitherDirection = ruleResources.filter((r) => str(r.inputs.type) === UNKNOWN);
    const unresolvedRules = [...types.securityGroupRule, ...types.securityGroupIngressRule, ...types.securityGroupEgressRule].flatMap((t) =>
        stack.unresolvedReferrers([t], "securityGroupId", group.type),
    );
    for (const direction of ["ingress", "egress"] as const) {
        const inline = declares(group, direction, "emptyManages");
        const rules = byDirection[direction];
        conflict(ctx, group, inline, rules, [...eitherDirection, ...unresolvedRules], direction, () =>
            ctx.report(
                "securityGroupRulesTwoWays",
                { group: group.name, direction, rules: rules.map(describe), ruleType: direction === "ingress" ? "SecurityGroupIngressRule" : "SecurityGroupEgressRule" },
                group.urn,
            ),
        );
    }
}

function checkBucket(stack: StackGraph, bucket: Node, ctx: Ctx): void {
    for (const setting of bucketSettings) {
        const separate = stack.referrers(bucket, [...setting.separate], "bucket");
        const unresolved = stack.unresolvedReferrers([...setting.separate], "bucket", bucket.type);
        if (separate.length > 1) {
            ctx.report("bucketConfiguredTwice", { bucket: bucket.name, count: separate.length, kind: setting.kind, resources: separate.map(describe) }, bucket.urn);
        } else if (separate.length === 1 && unresolved.length > 0) {
            ctx.undecided(`whether ${unresolved.map(describe).join(", ")} also configures it is unknown`, bucket.urn);
        }
        for (const input of setting.inputs) {
            conflict(ctx, bucket, declares(bucket, input, "emptyIsUnmanaged"), separate, unresolved, input, () =>
                ctx.report("bucketTwoWays", { bucket: bucket.name, input, resources: separate.map(describe), kind: setting.kind }, bucket.urn),
            );
        }
    }
}

function checkKey(stack: StackGraph, key: Node, ctx: Ctx): void {
    const keyPolicies = stack.referrers(key, [...types.kmsKeyPolicy], "keyId");
    const unresolved = stack.unresolvedReferrers([...types.kmsKeyPolicy], "keyId", key.type);
    if (keyPolicies.length > 1) {
        ctx.report("keyPolicyTwice", { key: key.name, count: keyPolicies.length, resources: keyPolicies.map(describe) }, key.urn);
    }
    conflict(ctx, key, declares(key, "policy", "emptyIsUnmanaged"), keyPolicies, unresolved, "policy", () =>
        ctx.report("keyPolicyTwoWays", { key: key.name, resources: keyPolicies.map(describe) }, key.urn),
    );
}

/**
 * Reports through `report` when the inline input manages the setting and separate resources do
 * too; undecided when either side is unknown at preview (an unknown inline value, or separate
 * resources whose target cannot be resolved).
 */
function conflict(ctx: Ctx, node: Node, inline: boolean | Unknown, separate: Node[], unresolved: Node[], input: string, report: () => void): void {
    if (inline === true && separate.length > 0) {
        report();
    } else if (inline === UNKNOWN && separate.length > 0) {
        ctx.undecided(node.declared ? `${input} is unknown` : `its declared inputs were not recorded, so whether it declares ${input} is unknown`, node.urn);
    } else if (inline !== false && unresolved.length > 0) {
        ctx.undecided(`whether ${unresolved.map(describe).join(", ")} is for it is unknown`, node.urn);
    }
}

/** Whether the program declares the inline input (see Emptiness), decided on declared inputs only. */
function declares(node: Node, input: string, emptiness: Emptiness): boolean | Unknown {
    if (!node.declared) {
        return UNKNOWN;
    }
    const value = raw(node.inputs[input]);
    if (isUnknown(value)) {
        return UNKNOWN;
    }
    if (value === undefined || value === null || value === "") {
        return false;
    }
    if (Array.isArray(value)) {
        return value.length > 0 || emptiness === "emptyManages";
    }
    return true;
}

function describe(node: Node): string {
    return `${node.type.slice(node.type.lastIndexOf(":") + 1)} '${node.name}'`;
}
