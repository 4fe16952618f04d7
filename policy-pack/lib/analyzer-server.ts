// The analyzer server that @pulumi/policy starts offers no hooks: the pack extends it by wrapping
// the handlers as the server registers them (the only place they can be reached). Everything the
// SDK does stays as it is; an extension sees each call before and after it.
import * as path from "path";

export type Callback = (error: unknown, value?: unknown) => void;
export type Handler = (call: { request: any }, callback: Callback) => unknown;
export type Implementation = Record<string, Handler>;

/** gRPC and the protocol's messages, as loaded by @pulumi/policy (a second copy would not interoperate). */
export interface ServerModules {
    grpc: any;
    analyzer: any;
}

/** Wraps some handlers of the analyzer service; the others are left as they are. */
export type ServerExtension = (implementation: Implementation, modules: ServerModules) => Implementation;

/** The gRPC status of an error the CLI prints as it is, e.g. INVALID_ARGUMENT with the message. */
export function grpcError(modules: ServerModules, code: "INVALID_ARGUMENT" | "FAILED_PRECONDITION", details: string): unknown {
    return { code: modules.grpc.status[code], details };
}

/** Applies the extensions to the analyzer service when @pulumi/policy registers it; the first sees each call first. */
export function extendAnalyzerServer(...extensions: ServerExtension[]): void {
    const policySdk = path.dirname(require.resolve("@pulumi/policy"));
    const grpc = require(require.resolve("@grpc/grpc-js", { paths: [policySdk] }));
    const analyzer = require(require.resolve("@pulumi/pulumi/proto/analyzer_pb", { paths: [policySdk] }));
    const addService = grpc.Server.prototype.addService;
    grpc.Server.prototype.addService = function (service: unknown, implementation: Implementation) {
        // Only the analyzer service has both; the engine's other services pass untouched.
        if (typeof implementation.configure === "function" && typeof implementation.analyzeStack === "function") {
            for (const extend of [...extensions].reverse()) {
                implementation = extend(implementation, { grpc, analyzer });
            }
        }
        return addService.call(this, service, implementation);
    };
}
