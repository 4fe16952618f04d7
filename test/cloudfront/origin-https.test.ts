import { cloudfrontOriginHttps } from "../../policy-pack/cloudfront/origin-https";
import { caseTable } from "../lib/cases";
import { dependsOn, resource, secret, unknown } from "../lib/fixtures";
import { distribution } from "./cloudfront-fixtures";

const albType = "aws:lb/loadBalancer:LoadBalancer";

caseTable(cloudfrontOriginHttps, [
    { name: "pass_baseline", resources: [distribution("pass_baseline")], expect: [] },
    { name: "pass_s3_origins_only", resources: [distribution("pass_s3_only", (d) => d.origins.shift())], expect: [] },
    { name: "pass_tls13_and_tls12", resources: [distribution("pass_tls13", (d) => (d.origins[0].customOriginConfig.originSslProtocols = ["TLSv1.2", "TLSv1.3"]))], expect: [] },
    { name: "pass_protocols_as_lone_string", resources: [distribution("pass_lone_string", (d) => (d.origins[0].customOriginConfig.originSslProtocols = "TLSv1.2"))], expect: [] },
    { name: "pass_policy_as_secret", resources: [distribution("pass_secret", (d) => (d.origins[0].customOriginConfig.originProtocolPolicy = secret("https-only")))], expect: [] },
    {
        name: "pass_unknown_origin_domain_joined_to_load_balancer",
        resources: (() => {
            const alb = resource(albType, "app-alb", { loadBalancerType: "application" });
            return [alb, distribution("pass_joined", (d) => (d.origins[0].domainName = unknown.string), { propertyDependencies: dependsOn({ origins: [alb] }) })];
        })(),
        expect: [],
    },

    {
        name: "fail_http_only",
        resources: [distribution("fail_http_only", (d) => (d.origins[0].customOriginConfig.originProtocolPolicy = "http-only"))],
        expect: [{ on: "fail_http_only", id: "originNotHttpsOnly" }],
    },
    {
        name: "fail_match_viewer",
        resources: [distribution("fail_match_viewer", (d) => (d.origins[0].customOriginConfig.originProtocolPolicy = "match-viewer"))],
        expect: [{ on: "fail_match_viewer", id: "originNotHttpsOnly" }],
    },
    {
        name: "fail_tls10_allowed",
        resources: [distribution("fail_tls10", (d) => (d.origins[0].customOriginConfig.originSslProtocols = ["TLSv1", "TLSv1.1", "TLSv1.2"]))],
        expect: [{ on: "fail_tls10", id: "originWeakTls" }],
    },
    {
        name: "fail_sslv3_as_lone_string",
        resources: [distribution("fail_sslv3", (d) => (d.origins[0].customOriginConfig.originSslProtocols = "SSLv3"))],
        expect: [{ on: "fail_sslv3", id: "originWeakTls" }],
    },
    {
        name: "fail_http_only_and_weak_tls_both_reported",
        resources: [
            distribution("fail_both", (d) => {
                d.origins[0].customOriginConfig.originProtocolPolicy = "http-only";
                d.origins[0].customOriginConfig.originSslProtocols = ["TLSv1.1"];
            }),
        ],
        expect: [
            { on: "fail_both", id: "originNotHttpsOnly" },
            { on: "fail_both", id: "originWeakTls" },
        ],
    },
    {
        name: "fail_weak_tls_known_beside_unknown_entry",
        resources: [distribution("fail_known_weak", (d) => (d.origins[0].customOriginConfig.originSslProtocols = ["TLSv1", unknown.string]))],
        expect: [{ on: "fail_known_weak", id: "originWeakTls" }],
    },
    {
        name: "fail_single_origin_object",
        resources: [distribution("fail_origin_object", (d) => (d.origins = { ...d.origins[0], customOriginConfig: { ...d.origins[0].customOriginConfig, originProtocolPolicy: "http-only" } }))],
        expect: [{ on: "fail_origin_object", id: "originNotHttpsOnly" }],
    },
    {
        name: "fail_s3_website_endpoint_as_custom_origin",
        resources: [
            distribution("fail_website", (d) =>
                d.origins.push({
                    originId: "site",
                    domainName: "site.s3-website-us-east-1.amazonaws.com",
                    customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "http-only", originSslProtocols: ["TLSv1.2"] },
                }),
            ),
        ],
        expect: [{ on: "fail_website", id: "originNotHttpsOnly" }],
    },

    { name: "na_other_type", resources: [resource("aws:s3/bucket:Bucket", "na_bucket", {})], expect: [], notApplicable: ["na_bucket"] },

    {
        name: "unknown_origin_protocol_policy",
        resources: [distribution("unknown_policy", (d) => (d.origins[0].customOriginConfig.originProtocolPolicy = unknown.string))],
        expect: [{ on: "unknown_policy", id: "undecided" }],
    },
    {
        name: "unknown_ssl_protocols",
        resources: [distribution("unknown_protocols", (d) => (d.origins[0].customOriginConfig.originSslProtocols = unknown.array))],
        expect: [{ on: "unknown_protocols", id: "undecided" }],
    },
    { name: "unknown_origins", resources: [distribution("unknown_origins", (d) => (d.origins = unknown.array))], expect: [{ on: "unknown_origins", id: "undecided" }] },
]);
