// The Pulumi CLI validates a `--policy-pack-config` file against each policy's config schema, but
// only against its `properties` and `required` (pkg/resource/analyzer/config.go, convertSchema, in
// CLI 3.252): `additionalProperties` never reaches the validator, and an entry naming no policy of
// the pack is passed on without a word. So a misspelled parameter or policy name would silently
// leave the default in force. The pack refuses such a configuration itself, when the CLI hands it
// over in Configure, with the same validation the audit and the offline preview apply; the CLI then
// stops before the program runs and prints the message.
import * as path from "path";
import { EnforcementLevel } from "@pulumi/policy";
import { ConfigError, PolicyPackConfigFile, resolveConfig } from "./config";
import { BaselinePolicy } from "./policy";

/** The analyzer protocol's EnforcementLevel values (proto/pulumi/analyzer.proto). */
const levelsByNumber: Record<number, EnforcementLevel> = { 0: "advisory", 1: "mandatory", 2: "disabled", 3: "remediate" };

interface ConfigureRequest {
    getPolicyconfigMap(): { entries(): Iterable<[string, { getEnforcementlevel(): number; getProperties(): { toJavaScript(): Record<string, unknown> } | undefined }]> };
}

type Callback = (error: unknown, value?: unknown) => void;
type Handler = (call: { request: ConfigureRequest }, callback: Callback) => unknown;

/** The configuration the CLI sent, in the shape of a `--policy-pack-config` file. */
export function configFromRequest(request: ConfigureRequest): PolicyPackConfigFile {
    const file: PolicyPackConfigFile = {};
    for (const [name, config] of request.getPolicyconfigMap().entries()) {
        const properties = config.getProperties()?.toJavaScript() ?? {};
        const level = levelsByNumber[config.getEnforcementlevel()];
        file[name] = level === undefined ? properties : { ...properties, enforcementLevel: level };
    }
    return file;
}

/** Why the configuration is refused, or undefined when it is valid. */
export function configurationProblem(policies: BaselinePolicy[], file: PolicyPackConfigFile): string | undefined {
    try {
        resolveConfig(policies, file);
        return undefined;
    } catch (err) {
        if (err instanceof ConfigError) {
            return err.message;
        }
        throw err;
    }
}

/**
 * Makes the analyzer server that @pulumi/policy starts answer an invalid Configure with
 * INVALID_ARGUMENT. @pulumi/policy offers no hook there, so this wraps the handler as the server
 * registers it; every other call is left as it is.
 */
export function refuseInvalidConfiguration(policies: BaselinePolicy[]): void {
    const policySdk = path.dirname(require.resolve("@pulumi/policy"));
    const grpc = require(require.resolve("@grpc/grpc-js", { paths: [policySdk] }));
    const addService = grpc.Server.prototype.addService;
    grpc.Server.prototype.addService = function (service: unknown, implementation: Record<string, Handler>) {
        const configure = implementation.configure;
        if (typeof configure === "function" && typeof implementation.analyzeStack === "function") {
            implementation = {
                ...implementation,
                configure(call, callback) {
                    const problem = configurationProblem(policies, configFromRequest(call.request));
                    if (problem !== undefined) {
                        callback({ code: grpc.status.INVALID_ARGUMENT, details: problem });
                        return;
                    }
                    return configure.call(this, call, callback);
                },
            };
        }
        return addService.call(this, service, implementation);
    };
}
