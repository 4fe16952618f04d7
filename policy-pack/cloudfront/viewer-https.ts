import { definePolicy } from "../lib/policy";
import { Change } from "../lib/remediation";
import { types } from "../lib/types";
import { UNKNOWN, at, list, str } from "../lib/values";

export const cloudfrontViewerHttps = definePolicy({
    name: "cloudfront-viewer-https",
    description: "CloudFront distributions must serve viewers over HTTPS only: no cache behaviour may use viewerProtocolPolicy 'allow-all'.",
    rationale:
        "A cache behaviour with 'allow-all' answers plain HTTP requests with content, so pages, cookies and tokens cross the " +
        "internet readable and modifiable by anyone on the path. 'redirect-to-https' sends such viewers to HTTPS before any content is served.",
    domain: "encryption-in-transit",
    severity: "high",
    remediationSteps:
        "On the aws.cloudfront.Distribution set viewerProtocolPolicy to 'redirect-to-https' (or 'https-only') in defaultCacheBehavior " +
        "and in every entry of orderedCacheBehaviors.",
    framework: { name: "AWS Foundational Security Best Practices", version: "1.0.0", reference: "CloudFront.3", specification: "CloudFront distributions should require encryption in transit" },
    messages: {
        defaultBehaviorAllowsHttp:
            "CloudFront distribution '{{distribution}}' serves its default cache behaviour over plain HTTP (viewerProtocolPolicy 'allow-all'). " +
            "Set defaultCacheBehavior.viewerProtocolPolicy to 'redirect-to-https' or 'https-only'.",
        orderedBehaviorAllowsHttp:
            "CloudFront distribution '{{distribution}}' serves the cache behaviour for path pattern {{pathPattern}} over plain HTTP (viewerProtocolPolicy 'allow-all'). " +
            "Set that orderedCacheBehaviors entry's viewerProtocolPolicy to 'redirect-to-https' or 'https-only'.",
    },
    resourceTypes: [...types.cloudfrontDistribution],
    remediation: {
        summary: "Sets viewerProtocolPolicy 'allow-all' to 'redirect-to-https' on the default and every ordered cache behaviour (updated in place).",
        resourceTypes: [...types.cloudfrontDistribution],
        fix(props) {
            const changes: Change[] = [];
            const behaviour = props.defaultCacheBehavior;
            if (str(at(behaviour, "viewerProtocolPolicy")) === "allow-all" && !Array.isArray(behaviour)) {
                changes.push({ path: ["defaultCacheBehavior", "viewerProtocolPolicy"], value: "redirect-to-https" });
            }
            const ordered = props.orderedCacheBehaviors;
            if (Array.isArray(ordered)) {
                ordered.forEach((b, index) => {
                    if (str(at(b, "viewerProtocolPolicy")) === "allow-all") {
                        changes.push({ path: ["orderedCacheBehaviors", index, "viewerProtocolPolicy"], value: "redirect-to-https" });
                    }
                });
            }
            return changes;
        },
    },
    checkResource(distribution, ctx) {
        const props = distribution.props;
        const defaultPolicy = str(at(props, "defaultCacheBehavior", "viewerProtocolPolicy"));
        if (defaultPolicy === UNKNOWN) {
            ctx.undecided("defaultCacheBehavior.viewerProtocolPolicy is unknown");
        } else if (defaultPolicy === "allow-all") {
            ctx.report("defaultBehaviorAllowsHttp", { distribution: distribution.name });
        }

        const ordered = list(at(props, "orderedCacheBehaviors"));
        if (ordered === UNKNOWN) {
            ctx.undecided("orderedCacheBehaviors is unknown");
            return;
        }
        ordered.forEach((behaviour, index) => {
            const policy = str(at(behaviour, "viewerProtocolPolicy"));
            if (policy === UNKNOWN) {
                ctx.undecided(`orderedCacheBehaviors #${index + 1} viewerProtocolPolicy is unknown`);
            } else if (policy === "allow-all") {
                const pattern = str(at(behaviour, "pathPattern"));
                ctx.report("orderedBehaviorAllowsHttp", { distribution: distribution.name, pathPattern: typeof pattern === "string" ? `'${pattern}'` : `#${index + 1}` });
            }
        });
    },
});
