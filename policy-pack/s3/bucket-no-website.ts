import { definePolicy } from "../lib/policy";
import { bucketTypes, inlineBucketBlocks } from "../lib/s3";
import { types } from "../lib/types";
import { UNKNOWN } from "../lib/values";

const websiteTypes: string[] = [...types.bucketWebsite];

export const s3BucketNoWebsite = definePolicy({
    name: "s3-bucket-no-website",
    description: "S3 buckets must not have static website hosting.",
    rationale:
        "An S3 website endpoint speaks only plain HTTP: pages and downloads cross the network unencrypted and can be read or " +
        "altered in transit, and a redirect to HTTPS cannot be configured on the endpoint itself. Serving a bucket's content " +
        "through CloudFront with an ACM certificate gives HTTPS with the bucket kept private.",
    domain: "encryption-in-transit",
    severity: "high",
    remediationSteps:
        "Remove the aws.s3.BucketWebsiteConfiguration (or the bucket's inline website block) and serve the content through an " +
        "aws.cloudfront.Distribution with an origin access control on the bucket, viewerProtocolPolicy \"redirect-to-https\" and an ACM certificate.",
    noRemediation: "turning the website off takes down what it serves; whether to serve it through CloudFront instead is the owner's call",
    messages: {
        inlineWebsite: "Bucket '{{bucket}}' has website hosting (inline website block); S3 website endpoints are HTTP-only. Remove it and serve the content through CloudFront over HTTPS.",
        websiteConfiguration:
            "Website configuration '{{configuration}}' turns on S3 website hosting, whose endpoint is HTTP-only. Remove it and serve the content through CloudFront over HTTPS.",
        bucketHasWebsiteConfiguration:
            "Bucket '{{bucket}}' has website hosting through '{{configuration}}'; S3 website endpoints are HTTP-only. Remove the website configuration and serve the content through CloudFront over HTTPS.",
    },
    resourceTypes: [...bucketTypes, ...websiteTypes],
    checkResource(resource, ctx) {
        if (websiteTypes.includes(resource.type)) {
            ctx.report("websiteConfiguration", { configuration: resource.name });
            return;
        }
        // The legacy bucket resources hold the block as a list (`websites`).
        const websites = inlineBucketBlocks(resource.props, "website");
        if (websites === UNKNOWN) {
            ctx.undecided("the website block is unknown");
        } else if (websites.length > 0) {
            ctx.report("inlineWebsite", { bucket: resource.name });
        }
    },
    // A website configuration is reported on itself above; here it is reported on its bucket too.
    // One whose bucket is unknown at preview is already reported, so nothing is undecided.
    checkStack(stack, ctx) {
        const configurations = stack.ofType(...websiteTypes);
        if (configurations.length === 0) {
            ctx.notApplicable("the stack has no website configurations (inline website blocks are checked on the bucket)");
        }
        for (const configuration of configurations) {
            const buckets = stack.targets(configuration, "bucket", bucketTypes);
            for (const bucket of buckets === UNKNOWN ? [] : buckets) {
                ctx.report("bucketHasWebsiteConfiguration", { bucket: bucket.name, configuration: configuration.name }, bucket.urn);
            }
        }
    },
});
