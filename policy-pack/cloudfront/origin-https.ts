import { definePolicy } from "../lib/policy";
import { types } from "../lib/types";
import { UNKNOWN, at, list, str } from "../lib/values";

/** Origin SSL protocols older than TLS 1.2, as CloudFront names them. */
const weakOriginProtocols = ["SSLv3", "TLSv1", "TLSv1.1"];

export const cloudfrontOriginHttps = definePolicy({
    name: "cloudfront-origin-https",
    description: "CloudFront must reach custom origins over HTTPS only, with TLS 1.2 or newer.",
    rationale:
        "HTTPS between viewer and edge protects nothing if CloudFront then fetches the content from the origin over plain HTTP, or over " +
        "SSLv3/TLS 1.0/1.1, which have practical attacks: the request, its cookies and the response cross the internet exposed. S3 origins " +
        "are always reached over HTTPS and are not affected.",
    domain: "encryption-in-transit",
    severity: "high",
    remediationSteps:
        "In every origin of the aws.cloudfront.Distribution that has a customOriginConfig, set originProtocolPolicy to 'https-only' and " +
        "originSslProtocols to ['TLSv1.2'], and serve a certificate on the origin that matches its domainName.",
    framework: { name: "AWS Foundational Security Best Practices", version: "1.0.0", reference: "CloudFront.9", specification: "CloudFront distributions should encrypt traffic to custom origins" },
    noRemediation: "the origin must first serve HTTPS with a trusted certificate; switching the origin protocol without that breaks the distribution",
    messages: {
        originNotHttpsOnly:
            "CloudFront distribution '{{distribution}}' reaches custom origin {{origin}} with originProtocolPolicy '{{policy}}', which lets it fetch over plain HTTP. " +
            "Set customOriginConfig.originProtocolPolicy to 'https-only'.",
        originWeakTls:
            "CloudFront distribution '{{distribution}}' lets custom origin {{origin}} negotiate {{protocols}} (older than TLS 1.2). " +
            "Set customOriginConfig.originSslProtocols to ['TLSv1.2'].",
    },
    resourceTypes: [...types.cloudfrontDistribution],
    checkResource(distribution, ctx) {
        const origins = list(at(distribution.props, "origins"));
        if (origins === UNKNOWN) {
            ctx.undecided("origins is unknown");
            return;
        }
        origins.forEach((origin, index) => {
            const config = at(origin, "customOriginConfig");
            // S3 origins have no customOriginConfig: CloudFront reaches S3 over HTTPS by itself. (A VPC origin's
            // protocol is set on its aws.cloudfront.VpcOrigin, not here.)
            if (config === undefined || config === null) {
                return;
            }
            const id = str(at(origin, "originId"));
            const label = typeof id === "string" ? `'${id}'` : `#${index + 1}`;
            if (config === UNKNOWN) {
                ctx.undecided(`origin ${label} customOriginConfig is unknown`);
                return;
            }

            const policy = str(at(config, "originProtocolPolicy"));
            if (policy === UNKNOWN) {
                ctx.undecided(`origin ${label} originProtocolPolicy is unknown`);
            } else if (policy !== "https-only") {
                ctx.report("originNotHttpsOnly", { distribution: distribution.name, origin: label, policy: policy ?? "(unset)" });
            }

            const protocols = list(at(config, "originSslProtocols"));
            if (protocols === UNKNOWN) {
                ctx.undecided(`origin ${label} originSslProtocols is unknown`);
                return;
            }
            const values = protocols.map(str);
            const weak = values.filter((p): p is string => typeof p === "string" && weakOriginProtocols.some((w) => w.toLowerCase() === p.toLowerCase()));
            if (weak.length > 0) {
                ctx.report("originWeakTls", { distribution: distribution.name, origin: label, protocols: weak });
            } else if (values.includes(UNKNOWN)) {
                ctx.undecided(`origin ${label} originSslProtocols has unknown entries`);
            }
        });
    },
});
