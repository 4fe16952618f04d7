import { documentStatements, HeldDocument, heldDocuments, identityDocumentHolders, statementLabel, summarize, wildcardResourceIssues } from "../lib/iam-checks";
import { parseDocument, Statement } from "../lib/iam-document";
import { types } from "../lib/types";
import { definePolicy } from "../lib/policy";
import { noSafeFix } from "../lib/remediation";
import { UNKNOWN } from "../lib/values";

export const iamNoWildcardResources = definePolicy({
    name: "iam-no-wildcard-resources",
    description: "Identity-policy statements that allow actions which can be scoped to resources must name those resources, not '*', NotResource or a service-wide ARN.",
    rationale:
        "An action allowed on '*' or on 'arn:aws:s3:::*/*' reaches every bucket, key, role or table in the account, including ones created " +
        "later and ones holding other teams' data; a leaked credential then exposes all of them instead of the few the workload uses.",
    domain: "iam",
    severity: "high",
    remediationSteps:
        "In the document of the aws.iam.Policy, RolePolicy, UserPolicy, GroupPolicy or the Role's inlinePolicies, set Resource to the ARNs the " +
        "principal needs (e.g. pulumi.interpolate`${bucket.arn}/*`, key.arn, role.arn) instead of '*', a NotResource, or an ARN whose name " +
        "part is a wildcard. Actions that accept only '*' (such as sts:GetCallerIdentity) may stay on '*', best in a statement of their own.",
    noRemediation: noSafeFix.policyDocument,
    messages: {
        notResource:
            "The {{location}} of '{{resource}}', statement {{statement}}, uses NotResource: it allows {{actions}} on every resource except {{resources}}. Name the resources in Resource instead.",
        allResources:
            "The {{location}} of '{{resource}}', statement {{statement}}, allows {{actions}} on every resource ('{{pattern}}'), though these actions can be scoped to resources. Set Resource to the ARNs needed.",
        serviceWideArn:
            "The {{location}} of '{{resource}}', statement {{statement}}, allows {{actions}} on '{{pattern}}', which matches every resource of its type. Set Resource to the ARNs needed.",
    },
    resourceTypes: identityDocumentHolders,
    checkResource(resource, ctx) {
        const { documents, unknown } = heldDocuments(resource.type, resource.props);
        unknown.forEach((what) => ctx.undecided(`${what} is unknown`));
        let declared = unknown.length > 0;
        // Trust, resource and key policies are exempt: in a key policy '*' means "this key".
        for (const held of identityDocuments(documents)) {
            const parsed = parseDocument(held.value);
            if (parsed.kind === "absent" || parsed.kind === "invalid") {
                continue;
            }
            declared = true;
            const { statements, unknown: unknownStatements } = documentStatements(parsed);
            if (unknownStatements) {
                ctx.undecided(`the ${held.location} is unknown`);
            }
            for (const s of statements) {
                const where = { location: held.location, resource: resource.name, statement: statementLabel(s) };
                const { issues, unknown: unknownParts } = wildcardResourceIssues(s);
                if (s.effect === UNKNOWN) {
                    if (issues.length > 0 || unknownParts) {
                        ctx.undecided(`the Effect of statement ${where.statement} in the ${held.location} is unknown`);
                    }
                    continue;
                }
                for (const issue of issues) {
                    const actions = summarize(issue.scopedActions);
                    if (issue.kind === "notResource") {
                        ctx.report("notResource", { ...where, actions, resources: issue.resources.join(", ") || "none" });
                    } else {
                        const pattern = issue.resources[0];
                        ctx.report(/^\*+$/.test(pattern.trim()) ? "allResources" : "serviceWideArn", { ...where, actions, pattern });
                    }
                }
                // Resource ARNs unknown at preview are decided by the stack check, which can see
                // where they come from.
                if (issues.length === 0 && unknownParts && !onlyResourcesUnknown(s)) {
                    ctx.undecided(`an action or resource of statement ${where.statement} in the ${held.location} is unknown`);
                }
            }
        }
        if (!declared) {
            ctx.notApplicable(`the resource '${resource.name}' declares no identity policy`);
        }
    },
    // An ARN unknown at preview is the output of the resource it comes from, and an in-stack
    // resource's ARN names that one resource, never a wildcard. So a document whose unknown ARNs
    // all come from in-stack resources (its propertyDependencies) is decided; one whose unknown
    // ARNs come from elsewhere (an invoke, another stack) is not.
    checkStack(stack, ctx) {
        for (const holder of stack.ofType(...identityDocumentHolders)) {
            const documentProperty = types.iamRole.includes(holder.type as never) ? "inlinePolicies" : "policy";
            if ((holder.propertyDependencies[documentProperty] ?? []).length > 0) {
                continue;
            }
            for (const held of identityDocuments(heldDocuments(holder.type, holder.inputs).documents)) {
                const parsed = parseDocument(held.value);
                if (parsed.kind !== "document") {
                    continue;
                }
                const deferred = documentStatements(parsed).statements.filter((s) => s.effect !== UNKNOWN && onlyResourcesUnknown(s) && wildcardResourceIssues(s).issues.length === 0);
                for (const s of deferred) {
                    ctx.undecided(`a Resource of statement ${statementLabel(s)} in the ${held.location} is unknown and comes from no resource in the stack`, holder.urn);
                }
            }
        }
    },
});

function identityDocuments(documents: HeldDocument[]): HeldDocument[] {
    return documents.filter((d) => d.scope === "identity");
}

/** True when a statement's actions are known and only some of its resources are unknown. */
function onlyResourcesUnknown(s: Statement): boolean {
    return !(s.action?.unknown ?? false) && !(s.notAction?.unknown ?? false) && (s.resource?.unknown ?? false);
}
