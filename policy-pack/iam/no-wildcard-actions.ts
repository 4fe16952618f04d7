import { documentHolders, documentStatements, heldDocuments, statementLabel, summarize, wildcardActionIssues } from "../lib/iam-checks";
import { parseDocument } from "../lib/iam-document";
import { definePolicy } from "../lib/policy";
import { noSafeFix } from "../lib/remediation";
import { UNKNOWN } from "../lib/values";

export const iamNoWildcardActions = definePolicy<{ maxWildcardExpansion: number; allowedActionPatterns: string[] }>({
    name: "iam-no-wildcard-actions",
    description: "IAM policy statements that allow must name their actions: no NotAction, '*', 'service:*', or wildcard reaching permissions management or many actions.",
    rationale:
        "A wildcard grants every action that matches it, including actions AWS adds later; 'service:*' and partial wildcards such as " +
        "'kms:Create*' quietly include permissions-management actions (kms:CreateGrant) that let a principal give itself or others more access.",
    domain: "iam",
    severity: "high",
    remediationSteps:
        "In the document of the aws.iam.Policy, RolePolicy, UserPolicy, GroupPolicy, the Role's inlinePolicies or assumeRolePolicy, the " +
        "BucketPolicy, the kms Key policy or KeyPolicy, or the queue/topic policy, replace NotAction, '*' and 'service:*' with the list of " +
        "actions needed, and narrow partial wildcards until they expand to at most maxWildcardExpansion actions with no permissions-management " +
        "action. A deliberate pattern can be listed in allowedActionPatterns.",
    framework: {
        name: "AWS Foundational Security Best Practices",
        version: "1.0.0",
        reference: "IAM.21",
        specification: "IAM customer managed policies that you create should not allow wildcard actions for services",
    },
    parameters: {
        maxWildcardExpansion: {
            type: "integer",
            description: "The most actions a partial wildcard (such as 'kms:GenerateDataKey*') may expand to, per the AWS IAM reference data.",
            default: 10,
            minimum: 1,
        },
        allowedActionPatterns: {
            type: "array",
            items: { type: "string" },
            description: "Action patterns accepted as they are (compared without regard to case), e.g. 'logs:*' for a log shipper.",
            default: [],
        },
    },
    noRemediation: noSafeFix.policyDocument,
    messages: {
        notAction: "The {{location}} of '{{resource}}', statement {{statement}}, uses NotAction: it allows every action except {{patterns}}. List the allowed actions in Action instead.",
        allActions: "The {{location}} of '{{resource}}', statement {{statement}}, allows every action ('{{pattern}}'). List only the actions needed.",
        serviceWide:
            "The {{location}} of '{{resource}}', statement {{statement}}, allows every action of the service ('{{pattern}}': {{count}} actions: {{actions}}). List only the actions needed.",
        permissionsManagement:
            "The {{location}} of '{{resource}}', statement {{statement}}, has '{{pattern}}', which reaches permissions-management actions ({{permissionsActions}}); it expands to {{count}} actions: {{actions}}. List the actions needed without the wildcard.",
        tooBroad:
            "The {{location}} of '{{resource}}', statement {{statement}}, has '{{pattern}}', which expands to {{count}} actions, more than {{max}}: {{actions}}. List the actions needed, or narrow the wildcard.",
    },
    resourceTypes: documentHolders,
    checkResource(resource, ctx) {
        const { documents, unknown } = heldDocuments(resource.type, resource.props);
        unknown.forEach((what) => ctx.undecided(`${what} is unknown`));
        let declared = unknown.length > 0;
        for (const held of documents) {
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
                const { issues, unknown: unknownAction } = wildcardActionIssues(s, ctx.config);
                if (s.effect === UNKNOWN) {
                    if (issues.length > 0 || unknownAction) {
                        ctx.undecided(`the Effect of statement ${where.statement} in the ${held.location} is unknown`);
                    }
                    continue;
                }
                for (const issue of issues) {
                    if (issue.kind === "notAction") {
                        ctx.report("notAction", { ...where, patterns: issue.patterns.join(", ") || "none" });
                    } else if (issue.kind === "allActions") {
                        ctx.report("allActions", { ...where, pattern: issue.pattern });
                    } else {
                        const expansion = { pattern: issue.pattern, count: issue.expansion.length, actions: summarize(issue.expansion) };
                        if (issue.kind === "permissionsManagement") {
                            ctx.report("permissionsManagement", { ...where, ...expansion, permissionsActions: summarize(issue.permissionsManagement) });
                        } else if (issue.kind === "tooBroad") {
                            ctx.report("tooBroad", { ...where, ...expansion, max: ctx.config.maxWildcardExpansion });
                        } else {
                            ctx.report("serviceWide", { ...where, ...expansion });
                        }
                    }
                }
                if (unknownAction) {
                    ctx.undecided(`an action of statement ${where.statement} in the ${held.location} is unknown`);
                }
            }
        }
        if (!declared) {
            ctx.notApplicable(`the resource '${resource.name}' declares no policy document`);
        }
    },
});
