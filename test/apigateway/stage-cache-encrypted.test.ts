import { apigatewayStageCacheEncrypted } from "../../policy-pack/apigateway/stage-cache-encrypted";
import { caseTable } from "../lib/cases";
import { dependsOn, resource, unknown } from "../lib/fixtures";
import { ResourceState } from "../../policy-pack/lib/runner";
import { stackNotApplicable } from "../s3/s3-fixtures";

const policy = apigatewayStageCacheEncrypted;
const apiId = "a1b2c3d4e5";

const api = resource("aws:apigateway/restApi:RestApi", "orders-api", { name: "orders" }, { outputs: { id: apiId, rootResourceId: "r00t1d", name: "orders" } });
const stage = (name: string, inputs: Record<string, unknown>) =>
    resource("aws:apigateway/stage:Stage", name, { restApi: apiId, deployment: "d3pl0y", stageName: name.replace(/_/g, "-"), cacheClusterEnabled: true, cacheClusterSize: "0.5", ...inputs }, {
        propertyDependencies: dependsOn({ restApi: [api] }),
    });
/** Method settings of `target` (joined through propertyDependencies, as a program that passes stage.stageName is). */
const methodSettings = (name: string, target: ResourceState, settings: Record<string, unknown>, methodPath: unknown = "*/*", inputs: Record<string, unknown> = {}) =>
    resource("aws:apigateway/methodSettings:MethodSettings", name, { restApi: apiId, stageName: target.inputs.stageName, methodPath, settings, ...inputs }, {
        propertyDependencies: dependsOn({ restApi: [api], stageName: [target] }),
    });
const encryptedCache = { cachingEnabled: true, cacheDataEncrypted: true, cacheTtlInSeconds: 300 };

caseTable(policy, [
    {
        name: "pass_stage_wide_encrypted_cache",
        resources: (() => {
            const s = stage("pass_stage", {});
            return [api, s, methodSettings("pass_stage_settings", s, encryptedCache)];
        })(),
        expect: [],
    },
    { name: "pass_stage_without_cache_cluster", resources: [api, stage("pass_no_cache", { cacheClusterEnabled: false })], expect: [] },
    { name: "pass_method_settings_without_caching", resources: (() => { const s = stage("pass_logging", { cacheClusterEnabled: false }); return [api, s, methodSettings("pass_logging_settings", s, { metricsEnabled: true, loggingLevel: "INFO" })]; })(), expect: [] },
    {
        name: "pass_stage_matched_by_name_without_dependencies",
        resources: (() => {
            const s = stage("pass_by_name", {});
            return [api, s, resource("aws:apigateway/methodSettings:MethodSettings", "pass_by_name_settings", { restApi: apiId, stageName: "pass-by-name", methodPath: "*/*", settings: encryptedCache })];
        })(),
        expect: [],
    },
    { name: "fail_stage_cache_without_stage_wide_settings", resources: [api, stage("fail_no_settings", {})], expect: [{ on: "fail_no_settings", id: "stageCacheUnencrypted" }] },
    {
        name: "fail_stage_wide_cache_unencrypted",
        resources: (() => {
            const s = stage("fail_stage_wide", {});
            return [api, s, methodSettings("fail_stage_wide_settings", s, { cachingEnabled: true, cacheTtlInSeconds: 300 })];
        })(),
        expect: [
            { on: "fail_stage_wide", id: "stageCacheUnencrypted" },
            { on: "fail_stage_wide_settings", id: "methodCacheUnencrypted" },
        ],
    },
    {
        name: "fail_method_override_unencrypted",
        resources: (() => {
            const s = stage("fail_override", {});
            return [api, s, methodSettings("fail_override_stage", s, encryptedCache), methodSettings("fail_override_items", s, { cachingEnabled: true, cacheDataEncrypted: false }, "items/POST")];
        })(),
        expect: [{ on: "fail_override_items", id: "methodCacheUnencrypted" }],
    },
    // Settings for one method do not cover the GET methods cached by default.
    {
        name: "fail_only_one_method_encrypted",
        resources: (() => {
            const s = stage("fail_one_method", {});
            return [api, s, methodSettings("fail_one_method_settings", s, encryptedCache, "items/GET")];
        })(),
        expect: [{ on: "fail_one_method", id: "stageCacheUnencrypted" }],
    },
    { name: "unknown_cache_cluster", resources: [api, stage("unknown_cluster", { cacheClusterEnabled: unknown.bool })], expect: [{ on: "(stack)", id: "undecided" }] },
    {
        name: "unknown_method_path",
        resources: (() => {
            const s = stage("unknown_path", {});
            return [api, s, methodSettings("unknown_path_settings", s, encryptedCache, unknown.string)];
        })(),
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    {
        name: "unknown_encryption_flag",
        resources: (() => {
            const s = stage("unknown_flag", { cacheClusterEnabled: false });
            return [api, s, methodSettings("unknown_flag_settings", s, { cachingEnabled: true, cacheDataEncrypted: unknown.bool })];
        })(),
        expect: [{ on: "(stack)", id: "undecided" }],
    },
]);

stackNotApplicable(policy, [{ name: "na_no_stages", resources: [api], reason: "no API Gateway stages or method settings" }]);
