import { apigatewayTls } from "../../policy-pack/apigateway/tls";
import { caseTable } from "../lib/cases";
import { dependsOn, resource, secret, unknown } from "../lib/fixtures";

const domainType = "aws:apigateway/domainName:DomainName";
const domainV2Type = "aws:apigatewayv2/domainName:DomainName";
const integrationType = "aws:apigateway/integration:Integration";
const integrationV2Type = "aws:apigatewayv2/integration:Integration";
const acmArn = "arn:aws:acm:us-east-1:111122223333:certificate/11111111-2222-3333-4444-555555555555";
const listenerArn = "arn:aws:elasticloadbalancing:us-east-1:111122223333:listener/app/internal/50dc6c495c0c9188/f2f7dc8efc522ab2";
const pem = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUExample\n-----END CERTIFICATE-----\n";

const certificate = resource("aws:acm/certificate:Certificate", "api-cert", { domainName: "api.example.com", validationMethod: "DNS" }, { outputs: { arn: acmArn } });

const domain = (name: string, change: Record<string, unknown> = {}, extra = {}) =>
    resource(domainType, name, { domainName: "api.example.com", regionalCertificateArn: acmArn, endpointConfiguration: { types: "REGIONAL" }, securityPolicy: "TLS_1_2", ...change }, extra);
const domainV2 = (name: string, configuration: unknown = {}) =>
    resource(domainV2Type, name, {
        domainName: "ws.example.com",
        domainNameConfiguration: configuration !== null && typeof configuration === "object" && !Array.isArray(configuration) ? { certificateArn: acmArn, endpointType: "REGIONAL", securityPolicy: "TLS_1_2", ...configuration } : configuration,
    });
const integration = (name: string, change: Record<string, unknown> = {}) =>
    resource(integrationType, name, { restApi: "a1b2c3d4e5", resourceId: "r1s2t3", httpMethod: "GET", type: "HTTP_PROXY", integrationHttpMethod: "GET", uri: "https://backend.example.com/{proxy}", ...change });
const integrationV2 = (name: string, change: Record<string, unknown> = {}) =>
    resource(integrationV2Type, name, { apiId: "f6g7h8i9j0", integrationType: "HTTP_PROXY", integrationMethod: "ANY", integrationUri: "https://backend.example.com", ...change });

caseTable(apigatewayTls, [
    { name: "pass_rest_domain_tls12", resources: [domain("pass_rest_domain")], expect: [] },
    {
        name: "pass_rest_domain_enhanced_tls13",
        resources: [domain("pass_tls13", { securityPolicy: "SecurityPolicy_TLS13_1_3_2025_09", endpointAccessMode: "STRICT" })],
        expect: [],
    },
    {
        name: "pass_rest_domain_enhanced_pq",
        resources: [domain("pass_pq", { securityPolicy: "SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09", endpointAccessMode: "BASIC" })],
        expect: [],
    },
    {
        name: "pass_edge_domain_enhanced_tls12",
        resources: [domain("pass_edge", { regionalCertificateArn: undefined, certificateArn: acmArn, endpointConfiguration: { types: ["EDGE"] }, securityPolicy: "SecurityPolicy_TLS12_PFS_2025_EDGE", endpointAccessMode: "BASIC" })],
        expect: [],
    },
    { name: "pass_security_policy_as_secret", resources: [domain("pass_secret", { securityPolicy: secret("TLS_1_2") })], expect: [] },
    {
        name: "pass_unknown_certificate_arn_joined_to_acm_certificate",
        resources: [certificate, domain("pass_joined", { regionalCertificateArn: unknown.string }, { propertyDependencies: dependsOn({ regionalCertificateArn: [certificate] }) })],
        expect: [],
    },
    { name: "pass_v2_domain_tls12", resources: [domainV2("pass_v2_domain")], expect: [] },
    { name: "pass_v2_configuration_as_list", resources: [domainV2("pass_v2_list", [{ certificateArn: acmArn, endpointType: "REGIONAL", securityPolicy: "TLS_1_2" }])], expect: [] },
    { name: "pass_https_integration", resources: [integration("pass_https")], expect: [] },
    { name: "pass_https_integration_v2", resources: [integrationV2("pass_https_v2")], expect: [] },
    {
        name: "pass_v2_vpc_link_to_listener_arn",
        resources: [integrationV2("pass_vpc_link", { connectionType: "VPC_LINK", connectionId: "abc123", integrationUri: listenerArn, tlsConfig: { serverNameToVerify: "internal.example.com" } })],
        expect: [],
    },
    {
        name: "pass_tls12_excluded_but_enhanced_kept_by_config",
        resources: [domain("pass_configured", { securityPolicy: "SecurityPolicy_TLS13_1_3_2025_09", endpointAccessMode: "STRICT" })],
        config: { "apigateway-tls": { allowedSecurityPolicies: ["SecurityPolicy_TLS13_1_3_2025_09"] } },
        expect: [],
    },

    { name: "fail_rest_domain_tls10", resources: [domain("fail_tls10", { securityPolicy: "TLS_1_0" })], expect: [{ on: "fail_tls10", id: "securityPolicyNotAllowed" }] },
    { name: "fail_rest_domain_policy_unset", resources: [domain("fail_unset", { securityPolicy: undefined })], expect: [{ on: "fail_unset", id: "securityPolicyUnset" }] },
    { name: "fail_rest_domain_tls10_as_secret", resources: [domain("fail_tls10_secret", { securityPolicy: secret("TLS_1_0") })], expect: [{ on: "fail_tls10_secret", id: "securityPolicyNotAllowed" }] },
    {
        name: "fail_tls12_not_in_configured_list",
        resources: [domain("fail_configured")],
        config: { "apigateway-tls": { allowedSecurityPolicies: ["SecurityPolicy_TLS13_1_3_2025_09"] } },
        expect: [{ on: "fail_configured", id: "securityPolicyNotAllowed" }],
    },
    {
        name: "fail_uploaded_certificate",
        resources: [domain("fail_uploaded", { regionalCertificateArn: undefined, certificateName: "api", certificateBody: pem, certificateChain: pem, certificatePrivateKey: secret("private key material") })],
        expect: [{ on: "fail_uploaded", id: "uploadedCertificate" }],
    },
    {
        name: "fail_uploaded_certificate_as_secret_and_tls10",
        resources: [domain("fail_uploaded_tls10", { certificateBody: secret(pem), securityPolicy: "TLS_1_0" })],
        expect: [
            { on: "fail_uploaded_tls10", id: "securityPolicyNotAllowed" },
            { on: "fail_uploaded_tls10", id: "uploadedCertificate" },
        ],
    },
    { name: "fail_v2_domain_tls10", resources: [domainV2("fail_v2_tls10", { securityPolicy: "TLS_1_0" })], expect: [{ on: "fail_v2_tls10", id: "securityPolicyNotAllowed" }] },
    { name: "fail_v2_domain_policy_unset", resources: [domainV2("fail_v2_unset", { securityPolicy: undefined })], expect: [{ on: "fail_v2_unset", id: "securityPolicyUnset" }] },
    { name: "fail_http_integration", resources: [integration("fail_http", { uri: "http://backend.example.com/{proxy}" })], expect: [{ on: "fail_http", id: "plaintextIntegration" }] },
    {
        name: "fail_http_integration_with_credentials_in_url",
        resources: [integration("fail_http_userinfo", { type: "HTTP", uri: "http://user:pa55@backend.example.com:8080/orders" })],
        expect: [{ on: "fail_http_userinfo", id: "plaintextIntegration" }],
    },
    { name: "fail_http_integration_v2_upper_case", resources: [integrationV2("fail_http_v2", { integrationUri: "HTTP://backend.example.com" })], expect: [{ on: "fail_http_v2", id: "plaintextIntegration" }] },
    { name: "fail_http_integration_uri_as_secret", resources: [integrationV2("fail_http_secret", { integrationUri: secret("http://backend.example.com") })], expect: [{ on: "fail_http_secret", id: "plaintextIntegration" }] },
    {
        name: "fail_known_policy_while_certificate_body_unknown",
        resources: [domain("fail_known_part", { securityPolicy: "TLS_1_0", certificateBody: unknown.string })],
        expect: [{ on: "fail_known_part", id: "securityPolicyNotAllowed" }],
    },

    { name: "na_lambda_proxy_integration", resources: [integration("na_lambda", { type: "AWS_PROXY", integrationHttpMethod: "POST", uri: unknown.string })], expect: [], notApplicable: ["na_lambda"] },
    { name: "na_mock_integration_v2", resources: [integrationV2("na_mock", { integrationType: "MOCK", integrationUri: undefined })], expect: [], notApplicable: ["na_mock"] },
    { name: "na_other_type", resources: [resource("aws:apigateway/restApi:RestApi", "na_rest_api", { name: "api" })], expect: [], notApplicable: ["na_rest_api"] },

    { name: "unknown_security_policy", resources: [domain("unknown_policy", { securityPolicy: unknown.string })], expect: [{ on: "unknown_policy", id: "undecided" }] },
    { name: "unknown_v2_configuration", resources: [domainV2("unknown_v2_config", unknown.object)], expect: [{ on: "unknown_v2_config", id: "undecided" }] },
    { name: "unknown_certificate_body", resources: [domain("unknown_body", { certificateBody: unknown.string })], expect: [{ on: "unknown_body", id: "undecided" }] },
    { name: "unknown_http_integration_uri", resources: [integration("unknown_uri", { uri: unknown.string })], expect: [{ on: "unknown_uri", id: "undecided" }] },
    {
        name: "unknown_integration_type_with_plain_http_uri",
        resources: [integration("unknown_type_http", { type: unknown.string, uri: "http://backend.example.com/{proxy}" })],
        expect: [{ on: "unknown_type_http", id: "undecided" }],
    },
    { name: "unknown_integration_type_and_uri", resources: [integrationV2("unknown_type", { integrationType: unknown.string, integrationUri: unknown.string })], expect: [{ on: "unknown_type", id: "undecided" }] },
]);
