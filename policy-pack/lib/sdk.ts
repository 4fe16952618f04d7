// The few internals of @pulumi/policy this engine relies on, typed in one place. The SDK's own
// .d.ts files strip them, but the analyzer server behaves through exactly these objects, so using
// them (rather than look-alikes) keeps the runner and the server in step. The protocol constants
// and the three tests of a policy's kind are restated here instead, so that a command that never
// talks to an engine does not load the SDK; a test holds them to the SDK's.
/* eslint-disable @typescript-eslint/no-var-requires */

interface ProxyModule {
    UnknownValueError: new (sentinel: string, path: string[]) => Error;
    getSpecialProxyTarget: string;
    isSpecialProxy: string;
    unknownCheckingProxy<T extends object>(value: T): T;
    unknownBooleanValue: string;
    unknownNumberValue: string;
    unknownStringValue: string;
    unknownArrayValue: string;
    unknownAssetValue: string;
    unknownArchiveValue: string;
    unknownObjectValue: string;
}

interface PolicyModule {
    getPulumiType(obj: unknown): string | undefined;
    isResourcePolicy(p: unknown): boolean;
    isStackPolicy(p: unknown): boolean;
}

interface RpcModule {
    specialSigKey: string;
    specialSecretSig: string;
    specialResourceSig: string;
    unknownValue: string;
}

export const proxy: ProxyModule = require("@pulumi/policy/proxy");

/**
 * The engine's wire format: the signature key of special objects (secrets, resource references)
 * and the unknown sentinel, as @pulumi/pulumi's runtime/rpc.js defines them. They are constants of
 * the protocol; loading that module to read them would load most of the Pulumi SDK (about 0.4 s,
 * and 2 s with what the analyzer server brings) into every `secure-baseline` command, most of
 * which never talk to an engine. test/lib/sdk.test.ts holds them to the installed SDK's values.
 */
export const wire: RpcModule = {
    specialSigKey: "4dabf18193072939515e22adb298388d",
    specialSecretSig: "1b47061264138c4ac30d75fd1eb44270",
    specialResourceSig: "5cf8f73096256a8f31e491e813e4eb8e",
    unknownValue: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
};

/**
 * How the analyzer server tells a policy's kind and its single type, as @pulumi/policy's
 * policy.js (isResourcePolicy, isStackPolicy, getPulumiType) does. That module starts the SDK's
 * gRPC server code and @pulumi/pulumi when loaded, which the offline audit does not use;
 * test/lib/sdk.test.ts holds these to the SDK's own functions.
 */
export const sdkPolicy: PolicyModule = {
    getPulumiType(obj: unknown): string | undefined {
        const pulumiType = (obj as { __pulumiType?: unknown } | null | undefined)?.__pulumiType;
        return typeof pulumiType === "string" && pulumiType.length > 0 ? pulumiType : undefined;
    },
    isResourcePolicy(p: unknown): boolean {
        // A validate routine (or a list of them) or a remediation routine makes a resource policy.
        const { validateResource: validation, remediateResource: remediation } = p as { validateResource?: unknown; remediateResource?: unknown };
        if (typeof validation === "function") {
            return true;
        }
        if (Array.isArray(validation)) {
            return validation.every((v) => typeof v === "function");
        }
        return typeof remediation === "function";
    },
    isStackPolicy(p: unknown): boolean {
        return typeof (p as { validateStack?: unknown }).validateStack === "function";
    },
};

/**
 * Deserializes plain property values exactly as the analyzer server does for a gRPC Struct
 * (@pulumi/policy's deserialize.js, with secrets unwrapped rather than proxied, as the server
 * calls it): undefined properties dropped, secrets replaced by their values, assets and archives
 * turned into @pulumi/pulumi's asset objects. The SDK's module loads all of @pulumi/pulumi for
 * those classes (about 2 s); their own module is loaded here, when an asset first needs it.
 * test/lib/sdk.test.ts holds this to the SDK's deserializer.
 */
export function deserializeProperties(props: Record<string, unknown>): Record<string, any> {
    const result: Record<string, any> = {};
    for (const key of Object.keys(props)) {
        if (props[key] !== undefined) {
            result[key] = deserializeProperty(props[key]);
        }
    }
    return result;
}

/** The protocol's signatures of assets and archives (runtime/rpc.js), held to the SDK's by the same test. */
export const assetSigs = { asset: "c44067f5952c0a294b673a41bacd8c17", archive: "0def7320c3a5731c473e5ecbe6d01bc7" };

function deserializeProperty(prop: unknown): any {
    if (prop === undefined) {
        throw new Error("unexpected undefined property value during deserialization");
    }
    if (prop === null || typeof prop !== "object") {
        return prop;
    }
    if (Array.isArray(prop)) {
        return prop.map(deserializeProperty);
    }
    const object = prop as Record<string, any>;
    const sig = object[wire.specialSigKey];
    if (sig) {
        const asset: typeof import("@pulumi/pulumi/asset") = require("@pulumi/pulumi/asset");
        switch (sig) {
            case assetSigs.asset:
                if (object.path) {
                    return new asset.FileAsset(object.path);
                } else if (object.text) {
                    return new asset.StringAsset(object.text);
                } else if (object.uri) {
                    return new asset.RemoteAsset(object.uri);
                }
                throw new Error("Invalid asset encountered when unmarshaling resource property");
            case assetSigs.archive:
                if (object.assets) {
                    const assets: Record<string, any> = {};
                    for (const name of Object.keys(object.assets)) {
                        const a = deserializeProperty(object.assets[name]);
                        if (!asset.Asset.isInstance(a) && !asset.Archive.isInstance(a)) {
                            throw new Error("Expected an AssetArchive's assets to be unmarshaled Asset or Archive objects");
                        }
                        assets[name] = a;
                    }
                    return new asset.AssetArchive(assets);
                } else if (object.path) {
                    return new asset.FileArchive(object.path);
                } else if (object.uri) {
                    return new asset.RemoteArchive(object.uri);
                }
                throw new Error("Invalid archive encountered when unmarshaling resource property");
            case wire.specialSecretSig:
                return deserializeProperty(object.value);
            default:
                throw new Error(`Unrecognized signature '${sig}' when unmarshaling resource property`);
        }
    }
    const result: Record<string, any> = {};
    for (const key of Object.keys(object)) {
        result[key] = deserializeProperty(object[key]);
    }
    return result;
}

/**
 * The error the SDK turns into an advisory "can't run policy … during preview" diagnostic.
 * `about` names the resources a stack check could not decide on; the SDK's diagnostic carries no
 * URN, so reports read them from here to point at those resources.
 */
export function unknownValueError(message: string, about: string[] = []): Error {
    const e = new proxy.UnknownValueError(proxy.unknownStringValue, []);
    e.message = message;
    if (about.length > 0) {
        (e as { about?: string[] }).about = about;
    }
    return e;
}

export function isUnknownValueError(e: unknown): boolean {
    return e instanceof proxy.UnknownValueError;
}
