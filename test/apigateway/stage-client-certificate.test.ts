import { apigatewayStageClientCertificate } from "../../policy-pack/apigateway/stage-client-certificate";
import { ResourceState } from "../../policy-pack/lib/runner";
import { caseTable } from "../lib/cases";
import { dependsOn, resource, unknown } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const apiType = "aws:apigateway/restApi:RestApi";
const integrationType = "aws:apigateway/integration:Integration";
const stageType = "aws:apigateway/stage:Stage";

const restApi = (name: string, inputs: Record<string, unknown> = {}): ResourceState => resource(apiType, name, { name, ...inputs }, { outputs: { ...inputs, id: `${name.replace(/_/g, "").slice(0, 10)}`, rootResourceId: "root01", name } });
const integration = (name: string, api: ResourceState, type: unknown, uri = "https://backend.example.com/{proxy}"): ResourceState =>
    resource(integrationType, name, { restApi: api.outputs!.id, resourceId: "root01", httpMethod: "ANY", type, integrationHttpMethod: "ANY", uri }, { propertyDependencies: dependsOn({ restApi: [api] }) });
const stage = (name: string, api: ResourceState, clientCertificateId?: unknown): ResourceState =>
    resource(stageType, name, { restApi: api.outputs!.id, stageName: "prod", deployment: "dep123", ...(clientCertificateId !== undefined ? { clientCertificateId } : {}) }, { propertyDependencies: dependsOn({ restApi: [api] }) });
const httpApi = (name: string, type: unknown = "HTTP_PROXY") => {
    const api = restApi(`${name}-api`);
    return { api, resources: [api, integration(`${name}-integration`, api, type)] };
};
const openApi = (type: string) =>
    JSON.stringify({ openapi: "3.0.1", info: { title: "orders", version: "1" }, paths: { "/{proxy+}": { "x-amazon-apigateway-any-method": { "x-amazon-apigateway-integration": { type, httpMethod: "ANY", uri: "https://backend.example.com/{proxy}" } } } } });

caseTable(apigatewayStageClientCertificate, [
    { name: "pass_http_proxy_with_certificate", resources: (() => { const { api, resources } = httpApi("pass_cert"); return [...resources, stage("pass_cert", api, "abc123")]; })(), expect: [] },
    { name: "pass_certificate_unknown_at_preview", resources: (() => { const { api, resources } = httpApi("pass_cert_unknown"); return [...resources, stage("pass_cert_unknown", api, unknown.string)]; })(), expect: [] },
    { name: "pass_lambda_proxy_without_certificate", resources: (() => { const { api, resources } = httpApi("pass_lambda", "AWS_PROXY"); return [...resources, stage("pass_lambda", api)]; })(), expect: [] },
    { name: "pass_mock_without_certificate", resources: (() => { const { api, resources } = httpApi("pass_mock", "MOCK"); return [...resources, stage("pass_mock", api)]; })(), expect: [] },
    {
        name: "pass_http_integration_of_another_api",
        resources: (() => {
            const { resources } = httpApi("other");
            const lambdaApi = restApi("lambda-api");
            return [...resources, lambdaApi, integration("lambda-integration", lambdaApi, "AWS_PROXY"), stage("pass_other_api", lambdaApi)];
        })(),
        expect: [],
    },
    { name: "fail_http_proxy_without_certificate", resources: (() => { const { api, resources } = httpApi("fail_proxy"); return [...resources, stage("fail_proxy", api)]; })(), expect: [{ on: "fail_proxy", id: "noClientCertificate" }] },
    { name: "fail_http_without_certificate", resources: (() => { const { api, resources } = httpApi("fail_http", "HTTP"); return [...resources, stage("fail_http", api, "")]; })(), expect: [{ on: "fail_http", id: "noClientCertificate" }] },
    {
        name: "fail_openapi_body_http_proxy",
        resources: (() => {
            const api = restApi("body-api", { body: openApi("http_proxy") });
            return [api, stage("fail_body", api)];
        })(),
        expect: [{ on: "fail_body", id: "noClientCertificate" }],
    },
    {
        name: "pass_openapi_body_lambda",
        resources: (() => {
            const api = restApi("lambda-body-api", { body: openApi("aws_proxy") });
            return [api, stage("pass_body_lambda", api)];
        })(),
        expect: [],
    },
    {
        name: "fail_api_outside_the_stack_joined_by_id",
        resources: [
            resource(integrationType, "external-integration", { restApi: "a1b2c3d4e5", resourceId: "root01", httpMethod: "GET", type: "HTTP_PROXY", uri: "https://legacy.example.com/" }),
            resource(stageType, "fail_external_api", { restApi: "a1b2c3d4e5", stageName: "prod", deployment: "dep123" }),
        ],
        expect: [{ on: "fail_external_api", id: "noClientCertificate" }],
    },
    { name: "unknown_integration_type", resources: (() => { const { api, resources } = httpApi("unknown_type", unknown.string); return [...resources, stage("unknown_type", api)]; })(), expect: [{ on: "(stack)", id: "undecided" }] },
    {
        name: "unknown_stage_api",
        resources: (() => {
            const { resources } = httpApi("unknown_api");
            return [...resources, resource(stageType, "unknown_api", { restApi: unknown.string, stageName: "prod", deployment: "dep123" })];
        })(),
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    {
        name: "unknown_openapi_body",
        resources: (() => {
            const api = restApi("unknown-body-api", { body: unknown.string });
            return [api, stage("unknown_body", api)];
        })(),
        expect: [{ on: "(stack)", id: "undecided" }],
    },
]);

stackNotApplicable(apigatewayStageClientCertificate, [{ name: "na_no_stages", resources: [restApi("no-stage-api")], reason: "no API Gateway REST API stages" }]);
