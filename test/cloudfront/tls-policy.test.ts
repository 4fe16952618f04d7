import { expect } from "chai";
import { cloudfrontTlsPolicy } from "../../policy-pack/cloudfront/tls-policy";
import { runPolicies } from "../../policy-pack/lib/runner";
import { caseTable } from "../lib/cases";
import { dependsOn, resource, secret, unknown } from "../lib/fixtures";
import { acmArn, distribution } from "./cloudfront-fixtures";

const certificate = resource("aws:acm/certificate:Certificate", "www-cert", { domainName: "www.example.com", validationMethod: "DNS" }, { outputs: { arn: acmArn } });
const defaultCertificate = { cloudfrontDefaultCertificate: true };

caseTable(cloudfrontTlsPolicy, [
    { name: "pass_baseline", resources: [distribution("pass_baseline")], expect: [] },
    { name: "pass_tls12_2025", resources: [distribution("pass_tls12_2025", (d) => (d.viewerCertificate.minimumProtocolVersion = "TLSv1.2_2025"))], expect: [] },
    { name: "pass_tls13_2025", resources: [distribution("pass_tls13_2025", (d) => (d.viewerCertificate.minimumProtocolVersion = "TLSv1.3_2025"))], expect: [] },
    { name: "pass_alias_as_lone_string", resources: [distribution("pass_lone_alias", (d) => (d.aliases = "www.example.com"))], expect: [] },
    { name: "pass_values_as_secrets", resources: [distribution("pass_secret", (d) => (d.viewerCertificate.minimumProtocolVersion = secret("TLSv1.2_2021")))], expect: [] },
    {
        name: "pass_unknown_certificate_arn_joined_to_acm_certificate",
        resources: [certificate, distribution("pass_joined", (d) => (d.viewerCertificate.acmCertificateArn = unknown.string), { propertyDependencies: dependsOn({ viewerCertificate: [certificate] }) })],
        expect: [],
    },
    {
        name: "pass_unknown_aliases_with_compliant_certificate",
        resources: [distribution("pass_unknown_aliases", (d) => (d.aliases = unknown.array))],
        expect: [],
    },
    {
        name: "pass_older_version_allowed_by_config",
        resources: [distribution("pass_configured", (d) => (d.viewerCertificate.minimumProtocolVersion = "TLSv1.2_2019"))],
        config: { "cloudfront-tls-policy": { allowedMinimumProtocolVersions: ["TLSv1.2_2019", "TLSv1.2_2021"] } },
        expect: [],
    },

    {
        name: "fail_default_certificate_with_aliases",
        resources: [distribution("fail_default_cert", (d) => (d.viewerCertificate = defaultCertificate))],
        expect: [{ on: "fail_default_cert", id: "notAcmCertificate" }],
    },
    {
        name: "fail_iam_certificate_with_vip_and_tls1",
        resources: [distribution("fail_iam_cert", (d) => (d.viewerCertificate = { iamCertificateId: "ASCAEXAMPLE123", sslSupportMethod: "vip", minimumProtocolVersion: "TLSv1" }))],
        expect: [
            { on: "fail_iam_cert", id: "notAcmCertificate" },
            { on: "fail_iam_cert", id: "notSniOnly" },
            { on: "fail_iam_cert", id: "protocolVersionNotAllowed" },
        ],
    },
    { name: "fail_vip", resources: [distribution("fail_vip", (d) => (d.viewerCertificate.sslSupportMethod = "vip"))], expect: [{ on: "fail_vip", id: "notSniOnly" }] },
    { name: "fail_static_ip", resources: [distribution("fail_static_ip", (d) => (d.viewerCertificate.sslSupportMethod = "static-ip"))], expect: [{ on: "fail_static_ip", id: "notSniOnly" }] },
    {
        name: "fail_minimum_version_unset_defaults_to_tls1",
        resources: [distribution("fail_version_unset", (d) => delete d.viewerCertificate.minimumProtocolVersion)],
        expect: [{ on: "fail_version_unset", id: "protocolVersionNotAllowed" }],
    },
    {
        name: "fail_minimum_version_empty_is_the_tls1_default",
        resources: [distribution("fail_version_empty", (d) => (d.viewerCertificate.minimumProtocolVersion = ""))],
        expect: [{ on: "fail_version_empty", id: "protocolVersionNotAllowed" }],
    },
    {
        name: "fail_tls12_2019_not_in_default_list",
        resources: [distribution("fail_tls12_2019", (d) => (d.viewerCertificate.minimumProtocolVersion = "TLSv1.2_2019"))],
        expect: [{ on: "fail_tls12_2019", id: "protocolVersionNotAllowed" }],
    },
    {
        name: "fail_tls11_as_secret",
        resources: [distribution("fail_tls11_secret", (d) => (d.viewerCertificate.minimumProtocolVersion = secret("TLSv1.1_2016")))],
        expect: [{ on: "fail_tls11_secret", id: "protocolVersionNotAllowed" }],
    },
    {
        name: "fail_known_version_while_method_unknown",
        resources: [
            distribution("fail_known_part", (d) => {
                d.viewerCertificate.sslSupportMethod = unknown.string;
                d.viewerCertificate.minimumProtocolVersion = "TLSv1";
            }),
        ],
        expect: [{ on: "fail_known_part", id: "protocolVersionNotAllowed" }],
    },

    // Without aliases the distribution serves only *.cloudfront.net with CloudFront's own certificate.
    {
        name: "na_no_aliases_default_certificate",
        resources: [distribution("na_no_aliases", (d) => ((d.aliases = []), (d.viewerCertificate = defaultCertificate)))],
        expect: [],
        notApplicable: ["na_no_aliases"],
    },
    { name: "na_aliases_unset", resources: [distribution("na_aliases_unset", (d) => delete d.aliases)], expect: [], notApplicable: ["na_aliases_unset"] },
    { name: "na_other_type", resources: [resource("aws:s3/bucket:Bucket", "na_bucket", {})], expect: [], notApplicable: ["na_bucket"] },

    {
        name: "unknown_minimum_version",
        resources: [distribution("unknown_version", (d) => (d.viewerCertificate.minimumProtocolVersion = unknown.string))],
        expect: [{ on: "unknown_version", id: "undecided" }],
    },
    { name: "unknown_viewer_certificate", resources: [distribution("unknown_viewer", (d) => (d.viewerCertificate = unknown.object))], expect: [{ on: "unknown_viewer", id: "undecided" }] },
    {
        name: "unknown_aliases_with_default_certificate",
        resources: [distribution("unknown_aliases", (d) => ((d.aliases = unknown.array), (d.viewerCertificate = defaultCertificate)))],
        expect: [{ on: "unknown_aliases", id: "undecided" }],
    },
]);

describe("cloudfront-tls-policy messages", () => {
    it("names an empty minimumProtocolVersion as the TLSv1 default it is", async () => {
        const { diagnostics } = await runPolicies([cloudfrontTlsPolicy], [distribution("empty_version", (d) => (d.viewerCertificate.minimumProtocolVersion = ""))]);
        expect(diagnostics.map((d) => d.message.split("\n")[1])).to.deep.equal([
            "CloudFront distribution 'empty_version' accepts viewers with security policy 'TLSv1' (the default: minimumProtocolVersion is empty), not one of the allowed 'TLSv1.2_2021', 'TLSv1.2_2025', 'TLSv1.3_2025'. Set viewerCertificate.minimumProtocolVersion to one of them.",
        ]);
    });
});
