import { opensearchDomainTls } from "../../policy-pack/opensearch/domain-tls";
import { caseTable } from "../lib/cases";
import { resource, secret, unknown } from "../lib/fixtures";

const domainType = "aws:opensearch/domain:Domain";
const legacyType = "aws:elasticsearch/domain:Domain";
const endpoint = (change: Record<string, unknown> = {}) => ({ enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10", ...change });
const compliant = { engineVersion: "OpenSearch_2.13", domainEndpointOptions: endpoint(), nodeToNodeEncryption: { enabled: true }, encryptAtRest: { enabled: true } };
const domain = (name: string, change: Record<string, unknown> = {}, type = domainType) => resource(type, name, { ...compliant, ...change });

caseTable(opensearchDomainTls, [
    { name: "pass_baseline", resources: [domain("pass_baseline")], expect: [] },
    { name: "pass_tls_1_2_policy", resources: [domain("pass_tls12", { domainEndpointOptions: endpoint({ tlsSecurityPolicy: "Policy-Min-TLS-1-2-2019-07" }) })], expect: [] },
    { name: "pass_enforce_https_defaults_to_true_in_block", resources: [domain("pass_default_https", { domainEndpointOptions: endpoint({ enforceHttps: undefined }) })], expect: [] },
    { name: "pass_legacy_elasticsearch", resources: [domain("pass_legacy", { engineVersion: undefined, elasticsearchVersion: "7.10" }, legacyType)], expect: [] },
    { name: "pass_list_shaped_blocks", resources: [domain("pass_lists", { domainEndpointOptions: [endpoint()], nodeToNodeEncryption: [{ enabled: true }] })], expect: [] },
    { name: "pass_values_as_secrets", resources: [domain("pass_secret", { domainEndpointOptions: endpoint({ enforceHttps: secret(true) }) })], expect: [] },
    {
        name: "pass_custom_allowed_policy",
        resources: [domain("pass_custom", { domainEndpointOptions: endpoint({ tlsSecurityPolicy: "Policy-Min-TLS-1-2-RFC9151-FIPS-2024-08" }) })],
        config: { "opensearch-domain-tls": { allowedTlsSecurityPolicies: ["Policy-Min-TLS-1-2-RFC9151-FIPS-2024-08"] } },
        expect: [],
    },
    { name: "fail_https_not_enforced", resources: [domain("fail_http", { domainEndpointOptions: endpoint({ enforceHttps: false }) })], expect: [{ on: "fail_http", id: "httpsNotEnforced" }] },
    {
        name: "fail_no_endpoint_options",
        resources: [domain("fail_no_block", { domainEndpointOptions: undefined })],
        expect: [{ on: "fail_no_block", id: "httpsNotEnforced" }, { on: "fail_no_block", id: "tlsPolicy" }],
    },
    { name: "fail_tls_1_0_policy", resources: [domain("fail_tls10", { domainEndpointOptions: endpoint({ tlsSecurityPolicy: "Policy-Min-TLS-1-0-2019-07" }) })], expect: [{ on: "fail_tls10", id: "tlsPolicy" }] },
    { name: "fail_tls_policy_unset", resources: [domain("fail_tls_unset", { domainEndpointOptions: endpoint({ tlsSecurityPolicy: undefined }) })], expect: [{ on: "fail_tls_unset", id: "tlsPolicy" }] },
    { name: "fail_node_to_node_off", resources: [domain("fail_n2n_off", { nodeToNodeEncryption: { enabled: false } })], expect: [{ on: "fail_n2n_off", id: "nodeToNodeDisabled" }] },
    { name: "fail_node_to_node_unset", resources: [domain("fail_n2n_unset", { nodeToNodeEncryption: undefined })], expect: [{ on: "fail_n2n_unset", id: "nodeToNodeDisabled" }] },
    {
        name: "fail_legacy_everything_off",
        resources: [domain("fail_legacy", { domainEndpointOptions: { enforceHttps: false, tlsSecurityPolicy: "Policy-Min-TLS-1-0-2019-07" }, nodeToNodeEncryption: undefined }, legacyType)],
        expect: [{ on: "fail_legacy", id: "httpsNotEnforced" }, { on: "fail_legacy", id: "tlsPolicy" }, { on: "fail_legacy", id: "nodeToNodeDisabled" }],
    },
    { name: "fail_known_part_beside_unknown", resources: [domain("fail_known_part", { domainEndpointOptions: unknown.object, nodeToNodeEncryption: { enabled: false } })], expect: [{ on: "fail_known_part", id: "nodeToNodeDisabled" }] },
    { name: "na_other_type", resources: [resource("aws:s3/bucket:Bucket", "na_bucket", {})], expect: [], notApplicable: ["na_bucket"] },
    { name: "unknown_endpoint_options", resources: [domain("unknown_block", { domainEndpointOptions: unknown.object })], expect: [{ on: "unknown_block", id: "undecided" }] },
    { name: "unknown_tls_policy", resources: [domain("unknown_policy", { domainEndpointOptions: endpoint({ tlsSecurityPolicy: unknown.string }) })], expect: [{ on: "unknown_policy", id: "undecided" }] },
    { name: "unknown_node_to_node", resources: [domain("unknown_n2n", { nodeToNodeEncryption: { enabled: unknown.bool } })], expect: [{ on: "unknown_n2n", id: "undecided" }] },
]);
