// The few internals of @pulumi/policy this engine relies on, typed in one place. The SDK's own
// .d.ts files strip them, but the analyzer server behaves through exactly these objects, so using
// them (rather than look-alikes) keeps the runner and the server in step.
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

interface DeserializeModule {
    deserializeProperties(struct: { toJavaScript(): Record<string, unknown> }, proxySecrets: boolean): Record<string, any>;
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
/** The engine's wire format: the signature key of special objects (secrets, resource references) and the unknown sentinel. */
export const wire: RpcModule = require("@pulumi/pulumi/runtime/rpc");
const deserializeModule: DeserializeModule = require("@pulumi/policy/deserialize");
export const sdkPolicy: PolicyModule = require("@pulumi/policy/policy");

/**
 * Deserializes plain property values exactly as the analyzer server does for a gRPC Struct
 * (secrets unwrapped, assets and archives turned into runtime objects), without the Struct
 * round trip: the SDK only calls `toJavaScript()` on what it is given.
 */
export function deserializeProperties(props: Record<string, unknown>): Record<string, any> {
    return deserializeModule.deserializeProperties({ toJavaScript: () => props }, false);
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
