import { openSearchDomainEncryptionCustomerManagedKey } from "../../policy-pack/opensearch/domain-encryption-customer-managed-key";
import { caseTable } from "../lib/cases";
import { awsManagedAliasArn, dataKeyArn, dataKeyId, externalKeyArn, key, newKey } from "../lib/data-store-fixtures";
import { dependsOn, resource, secret, unknown } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const policy = openSearchDomainEncryptionCustomerManagedKey;
const openSearchType = "aws:opensearch/domain:Domain";
const elasticsearchType = "aws:elasticsearch/domain:Domain";

const domain = (name: string, encryptAtRest: unknown, extra = {}, type = openSearchType) =>
    resource(type, name, { domainName: name.replace(/_/g, "-"), engineVersion: "OpenSearch_2.13", ...(encryptAtRest === undefined ? {} : { encryptAtRest }) }, extra);
const atRest = (kmsKeyId: unknown, enabled: unknown = true) => ({ enabled, ...(kmsKeyId === undefined ? {} : { kmsKeyId }) });

caseTable(policy, [
    { name: "pass_stack_key_arn", resources: [key, domain("pass_key", atRest(dataKeyArn))], expect: [] },
    { name: "pass_stack_key_id", resources: [key, domain("pass_key_id", atRest(dataKeyId))], expect: [] },
    { name: "pass_key_as_secret", resources: [key, domain("pass_secret", atRest(secret(dataKeyArn)))], expect: [] },
    { name: "pass_legacy_elasticsearch_domain", resources: [key, domain("pass_legacy", atRest(dataKeyArn), {}, elasticsearchType)], expect: [] },
    { name: "pass_block_as_one_element_list", resources: [key, domain("pass_list", [atRest(dataKeyArn)])], expect: [] },
    { name: "pass_enabled_as_string", resources: [key, domain("pass_string", atRest(dataKeyArn, "true"))], expect: [] },
    {
        name: "pass_new_key_linked_by_dependencies",
        resources: (() => {
            const k = newKey();
            return [k, domain("pass_linked", atRest(unknown.string), { propertyDependencies: dependsOn({ encryptAtRest: [k] }) })];
        })(),
        expect: [],
    },
    {
        name: "pass_external_key_in_allowed_key_arns",
        resources: [domain("pass_allowed", atRest(externalKeyArn))],
        config: { [policy.name]: { allowedKeyArns: [externalKeyArn] } },
        expect: [],
    },
    { name: "fail_no_encrypt_at_rest", resources: [key, domain("fail_none", undefined)], expect: [{ on: "fail_none", id: "notEncrypted" }] },
    { name: "fail_disabled", resources: [key, domain("fail_disabled", atRest(dataKeyArn, false))], expect: [{ on: "fail_disabled", id: "notEncrypted" }] },
    { name: "fail_legacy_elasticsearch_disabled", resources: [domain("fail_legacy", atRest(undefined, false), {}, elasticsearchType)], expect: [{ on: "fail_legacy", id: "notEncrypted" }] },
    { name: "fail_enabled_without_key_is_aws_es", resources: [key, domain("fail_aws_es", atRest(undefined))], expect: [{ on: "fail_aws_es", id: "missingKey" }] },
    { name: "fail_aws_managed_alias", resources: [key, domain("fail_aws_alias", atRest("alias/aws/es"))], expect: [{ on: "fail_aws_alias", id: "awsManagedKey" }] },
    { name: "fail_aws_managed_alias_arn", resources: [domain("fail_aws_alias_arn", atRest(awsManagedAliasArn("es")))], expect: [{ on: "fail_aws_alias_arn", id: "awsManagedKey" }] },
    { name: "fail_external_key_not_allowed", resources: [key, domain("fail_external", atRest(externalKeyArn))], expect: [{ on: "fail_external", id: "notCustomerManaged" }] },
    { name: "unknown_switch_without_key", resources: [domain("unknown_enabled_no_key", atRest(undefined, unknown.bool))], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "fail_known_switch_off_with_unknown_key", resources: [domain("fail_off_unknown_key", atRest(unknown.string, false))], expect: [{ on: "fail_off_unknown_key", id: "notEncrypted" }] },
    // The service takes a kmsKeyId only with encryption at rest on.
    { name: "pass_unknown_switch_with_stack_key", resources: [key, domain("pass_unknown_enabled", atRest(dataKeyArn, unknown.bool))], expect: [] },
    { name: "unknown_key_not_linked", resources: [key, domain("unknown_key", atRest(unknown.string))], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_whole_block", resources: [key, domain("unknown_block", unknown.object)], expect: [{ on: "(stack)", id: "undecided" }] },
]);

stackNotApplicable(policy, [{ name: "na_no_domains", resources: [key], reason: "no OpenSearch or Elasticsearch domains" }]);
