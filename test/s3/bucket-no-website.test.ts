import { s3BucketNoWebsite } from "../../policy-pack/s3/bucket-no-website";
import { caseTable } from "../lib/cases";
import { dependsOn, resource, secret, unknown } from "../lib/fixtures";
import { bucket, bucketV2Type, key, newBucket, stackNotApplicable, websiteType, websiteV2Type } from "./s3-fixtures";

const policy = s3BucketNoWebsite;

const website = (name: string, bucketRef: unknown, type = websiteType, extra = {}) =>
    resource(type, name, { bucket: bucketRef, indexDocument: { suffix: "index.html" }, errorDocument: { key: "error.html" } }, extra);

caseTable(policy, [
    { name: "pass_bucket_without_website", resources: [bucket("pass_plain")], expect: [] },
    { name: "pass_legacy_bucket_v2", resources: [bucket("pass_v2", {}, bucketV2Type)], expect: [] },
    { name: "pass_website_null", resources: [bucket("pass_null", { website: null })], expect: [] },
    { name: "fail_inline_website", resources: [bucket("fail_inline", { website: { indexDocument: "index.html" } })], expect: [{ on: "fail_inline", id: "inlineWebsite" }] },
    {
        name: "fail_inline_website_legacy_v2",
        resources: [bucket("fail_inline_v2", { website: { redirectAllRequestsTo: "https://example.com" } }, bucketV2Type)],
        expect: [{ on: "fail_inline_v2", id: "inlineWebsite" }],
    },
    {
        name: "fail_inline_website_legacy_list",
        resources: [bucket("fail_websites", { websites: [{ indexDocument: "index.html" }] }, bucketV2Type)],
        expect: [{ on: "fail_websites", id: "inlineWebsite" }],
    },
    { name: "pass_legacy_empty_website_list", resources: [bucket("pass_no_websites", { websites: [] }, bucketV2Type)], expect: [] },
    { name: "fail_inline_website_as_secret", resources: [bucket("fail_secret", { website: secret({ indexDocument: "index.html" }) })], expect: [{ on: "fail_secret", id: "inlineWebsite" }] },
    {
        name: "fail_website_configuration",
        resources: [bucket("fail_site"), website("fail_site-website", "fail_site")],
        expect: [
            { on: "fail_site", id: "bucketHasWebsiteConfiguration" },
            { on: "fail_site-website", id: "websiteConfiguration" },
        ],
    },
    {
        name: "fail_website_configuration_v2_on_legacy_bucket",
        resources: [bucket("fail_site_v2", {}, bucketV2Type), website("fail_site_v2-website", "fail_site_v2", websiteV2Type)],
        expect: [
            { on: "fail_site_v2", id: "bucketHasWebsiteConfiguration" },
            { on: "fail_site_v2-website", id: "websiteConfiguration" },
        ],
    },
    {
        name: "fail_unknown_bucket_joined_by_dependencies",
        resources: (() => {
            const b = newBucket("fail_joined");
            return [b, website("fail_joined-website", unknown.string, websiteType, { propertyDependencies: dependsOn({ bucket: [b] }) })];
        })(),
        expect: [
            { on: "fail_joined", id: "bucketHasWebsiteConfiguration" },
            { on: "fail_joined-website", id: "websiteConfiguration" },
        ],
    },
    {
        name: "fail_only_the_bucket_with_website",
        resources: [bucket("pass_neighbour"), bucket("fail_mine"), website("fail_mine-website", "fail_mine")],
        expect: [
            { on: "fail_mine", id: "bucketHasWebsiteConfiguration" },
            { on: "fail_mine-website", id: "websiteConfiguration" },
        ],
    },
    {
        name: "fail_configuration_with_unknown_bucket_reported_on_itself",
        resources: [bucket("pass_unlinked"), website("fail_unlinked-website", unknown.string)],
        expect: [{ on: "fail_unlinked-website", id: "websiteConfiguration" }],
    },
    { name: "na_other_types", resources: [key, bucket("pass_bucket")], expect: [], notApplicable: ["data-key"] },
    { name: "unknown_inline_website", resources: [bucket("unknown_website", { website: unknown.object })], expect: [{ on: "unknown_website", id: "undecided" }] },
]);

stackNotApplicable(policy, [{ name: "na_no_website_configurations", resources: [bucket("na_plain"), key], reason: "no website configurations" }]);
