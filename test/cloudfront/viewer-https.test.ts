import { cloudfrontViewerHttps } from "../../policy-pack/cloudfront/viewer-https";
import { caseTable } from "../lib/cases";
import { resource, secret, unknown } from "../lib/fixtures";
import { distribution } from "./cloudfront-fixtures";

caseTable(cloudfrontViewerHttps, [
    { name: "pass_baseline", resources: [distribution("pass_baseline")], expect: [] },
    { name: "pass_https_only_everywhere", resources: [distribution("pass_https_only", (d) => (d.defaultCacheBehavior.viewerProtocolPolicy = "https-only"))], expect: [] },
    { name: "pass_no_ordered_behaviours", resources: [distribution("pass_default_only", (d) => delete d.orderedCacheBehaviors)], expect: [] },
    { name: "pass_policy_as_secret", resources: [distribution("pass_secret", (d) => (d.defaultCacheBehavior.viewerProtocolPolicy = secret("redirect-to-https")))], expect: [] },
    {
        name: "pass_unknown_origin_domain_does_not_matter",
        resources: [distribution("pass_unknown_domain", (d) => (d.origins[0].domainName = unknown.string))],
        expect: [],
    },

    {
        name: "fail_default_behaviour_allow_all",
        resources: [distribution("fail_default", (d) => (d.defaultCacheBehavior.viewerProtocolPolicy = "allow-all"))],
        expect: [{ on: "fail_default", id: "defaultBehaviorAllowsHttp" }],
    },
    {
        name: "fail_ordered_behaviour_allow_all",
        resources: [distribution("fail_ordered", (d) => (d.orderedCacheBehaviors[0].viewerProtocolPolicy = "allow-all"))],
        expect: [{ on: "fail_ordered", id: "orderedBehaviorAllowsHttp" }],
    },
    {
        name: "fail_every_ordered_behaviour_reported",
        resources: [
            distribution("fail_two_ordered", (d) => {
                d.orderedCacheBehaviors[0].viewerProtocolPolicy = "allow-all";
                d.orderedCacheBehaviors.push({ ...d.orderedCacheBehaviors[0], pathPattern: "/api/*" });
            }),
        ],
        expect: [
            { on: "fail_two_ordered", id: "orderedBehaviorAllowsHttp" },
            { on: "fail_two_ordered", id: "orderedBehaviorAllowsHttp" },
        ],
    },
    {
        name: "fail_ordered_behaviour_single_object",
        resources: [distribution("fail_ordered_object", (d) => (d.orderedCacheBehaviors = { ...d.orderedCacheBehaviors[0], viewerProtocolPolicy: "allow-all" }))],
        expect: [{ on: "fail_ordered_object", id: "orderedBehaviorAllowsHttp" }],
    },
    {
        name: "fail_allow_all_as_secret",
        resources: [distribution("fail_secret", (d) => (d.defaultCacheBehavior.viewerProtocolPolicy = secret("allow-all")))],
        expect: [{ on: "fail_secret", id: "defaultBehaviorAllowsHttp" }],
    },
    {
        name: "fail_known_default_while_ordered_unknown",
        resources: [
            distribution("fail_known_part", (d) => {
                d.defaultCacheBehavior.viewerProtocolPolicy = "allow-all";
                d.orderedCacheBehaviors[0].viewerProtocolPolicy = unknown.string;
            }),
        ],
        expect: [{ on: "fail_known_part", id: "defaultBehaviorAllowsHttp" }],
    },

    { name: "na_other_type", resources: [resource("aws:s3/bucket:Bucket", "na_bucket", {})], expect: [], notApplicable: ["na_bucket"] },

    {
        name: "unknown_default_policy",
        resources: [distribution("unknown_default", (d) => (d.defaultCacheBehavior.viewerProtocolPolicy = unknown.string))],
        expect: [{ on: "unknown_default", id: "undecided" }],
    },
    {
        name: "unknown_ordered_behaviours",
        resources: [distribution("unknown_ordered", (d) => (d.orderedCacheBehaviors = unknown.array))],
        expect: [{ on: "unknown_ordered", id: "undecided" }],
    },
]);
