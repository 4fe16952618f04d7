import { Node } from "../lib/graph";
import { definePolicy } from "../lib/policy";
import { types } from "../lib/types";
import { UNKNOWN, Unknown, at, bool, isUnknown, str } from "../lib/values";

export const apigatewayStageCacheEncrypted = definePolicy({
    name: "apigateway-stage-cache-encrypted",
    description: "REST API stages that cache responses must encrypt the cache: cacheDataEncrypted on every method setting that turns caching on, and on the stage-wide (*/*) setting of a stage with a cache cluster.",
    rationale:
        "A stage's cache cluster keeps copies of the backend's responses, with whatever personal data and tokens they carry, for " +
        "up to an hour. API Gateway encrypts the cache only when a method setting says cacheDataEncrypted; once a stage has a " +
        "cache cluster, its GET methods are cached by default (Amazon API Gateway Developer Guide, \"Cache settings for REST APIs " +
        "in API Gateway\"), so a stage without a stage-wide method setting that encrypts the cache keeps those responses " +
        "unencrypted.",
    domain: "encryption-at-rest",
    severity: "medium",
    findingsOn: "the aws.apigateway.MethodSettings that caches without encryption, or the aws.apigateway.Stage whose cache cluster has no stage-wide setting",
    remediationSteps:
        "For each aws.apigateway.Stage with cacheClusterEnabled, declare an aws.apigateway.MethodSettings with methodPath \"*/*\", the " +
        "stage's restApi and stageName, and settings { cachingEnabled: true, cacheDataEncrypted: true }; set cacheDataEncrypted: true " +
        "on every other method setting whose cachingEnabled is true. Encrypting the cache flushes it.",
    framework: { name: "AWS Foundational Security Best Practices", version: "1.0.0", reference: "APIGateway.5", specification: "API Gateway REST API cache data should be encrypted at rest" },
    noRemediation: "a stage whose cache has no stage-wide method setting needs a new aws.apigateway.MethodSettings resource, which a fix cannot add; turning encryption on flushes nothing, but it is left to the owner with that resource",
    messages: {
        methodCacheUnencrypted:
            "Method settings '{{resource}}' turn caching on for {{methodPath}} without settings.cacheDataEncrypted, so API Gateway keeps the cached responses unencrypted. " +
            "Set settings.cacheDataEncrypted to true.",
        stageCacheUnencrypted:
            "Stage '{{resource}}' has a cache cluster (cacheClusterEnabled) but no method settings for \"*/*\" that encrypt the cache, so its GET methods, cached by default, " +
            "are cached unencrypted. Declare an aws.apigateway.MethodSettings for the stage with methodPath \"*/*\" and settings.cacheDataEncrypted true.",
    },
    withoutResourceSide: true,
    checkStack(stack, ctx) {
        const stages = stack.ofType(...types.apiGatewayStage);
        const settings = stack.ofType(...types.apiGatewayMethodSettings);
        if (stages.length === 0 && settings.length === 0) {
            ctx.notApplicable("the stack has no API Gateway stages or method settings");
        }
        for (const setting of settings) {
            const caching = bool(at(setting.inputs.settings, 0, "cachingEnabled"));
            const encrypted = bool(at(setting.inputs.settings, 0, "cacheDataEncrypted"));
            if (encrypted === true || caching === false || caching === undefined) {
                continue;
            }
            if (caching === UNKNOWN || encrypted === UNKNOWN) {
                ctx.undecided("settings.cachingEnabled or settings.cacheDataEncrypted is unknown", setting.urn);
                continue;
            }
            const methodPath = str(setting.inputs.methodPath);
            ctx.report("methodCacheUnencrypted", { resource: setting.name, methodPath: typeof methodPath === "string" ? `'${methodPath}'` : "its methods" }, setting.urn);
        }
        for (const stage of stages) {
            const cacheCluster = bool(stage.inputs.cacheClusterEnabled);
            if (cacheCluster === false || cacheCluster === undefined) {
                continue;
            }
            const stageWide = settings.map((s) => stageWideSettingOf(s, stage)).filter((s) => s !== false);
            // A stage-wide setting that caches nothing, or encrypts what it caches, leaves only the per-method settings judged above.
            const covers = (s: Node) => {
                const caching = bool(at(s.inputs.settings, 0, "cachingEnabled"));
                const encrypted = bool(at(s.inputs.settings, 0, "cacheDataEncrypted"));
                return encrypted === true || caching === false || caching === undefined ? true : caching === UNKNOWN || encrypted === UNKNOWN ? UNKNOWN : false;
            };
            const verdicts = stageWide.map((s) => (s === UNKNOWN ? UNKNOWN : covers(s)));
            if (verdicts.includes(true)) {
                continue;
            }
            if (cacheCluster === UNKNOWN || verdicts.includes(UNKNOWN)) {
                ctx.undecided("cacheClusterEnabled, or which method settings apply to the whole stage, is unknown", stage.urn);
                continue;
            }
            ctx.report("stageCacheUnencrypted", { resource: stage.name }, stage.urn);
        }
    },
});

/**
 * Whether method settings apply to every method of `stage` (the stage-wide method path, an
 * asterisk for every resource and every method, on its REST API and stage name): the settings,
 * false, or UNKNOWN when the path or the reference cannot be told.
 * The stage is named by stageName and restApi, joined through propertyDependencies first.
 */
function stageWideSettingOf(settings: Node, stage: Node): Node | false | Unknown {
    const methodPath = str(settings.inputs.methodPath);
    if (methodPath !== UNKNOWN && methodPath !== "*/*") {
        return false;
    }
    const linked = (settings.propertyDependencies.stageName ?? []).some((d) => d.urn === stage.urn);
    const stageName = str(settings.inputs.stageName);
    const sameName = linked || (typeof stageName === "string" && stageName === str(stage.inputs.stageName));
    if (!sameName) {
        return stageName === UNKNOWN ? UNKNOWN : false;
    }
    const restApi = settings.inputs.restApi;
    const apiDependencies = settings.propertyDependencies.restApi ?? [];
    const sameApi =
        linked ||
        apiDependencies.some((d) => (stage.propertyDependencies.restApi ?? []).some((e) => e.urn === d.urn)) ||
        (typeof restApi === "string" && !isUnknown(restApi) && restApi === stage.inputs.restApi);
    if (!sameApi) {
        return isUnknown(restApi) || isUnknown(stage.inputs.restApi) ? UNKNOWN : false;
    }
    return methodPath === UNKNOWN ? UNKNOWN : settings;
}
