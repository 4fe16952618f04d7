// The Pulumi CLI validates a `--policy-pack-config` file against each policy's config schema, but
// only against its `properties` and `required` (pkg/resource/analyzer/config.go, convertSchema, in
// CLI 3.252): `additionalProperties` never reaches the validator, and an entry naming no policy of
// the pack is passed on without a word. So a misspelled parameter or policy name would silently
// leave the default in force. The pack refuses such a configuration itself, when the CLI hands it
// over in Configure, with the same validation the audit and the offline preview apply; the CLI then
// stops before the program runs and prints the message.
import { EnforcementLevel } from "@pulumi/policy";
import { grpcError, ServerExtension } from "./analyzer-server";
import { ConfigError, PolicyPackConfigFile, resolveConfig } from "./config";
import { BaselinePolicy } from "./policy";

/** The analyzer protocol's EnforcementLevel values (proto/pulumi/analyzer.proto). */
const levelsByNumber: Record<number, EnforcementLevel> = { 0: "advisory", 1: "mandatory", 2: "disabled", 3: "remediate" };

interface ConfigureRequest {
    getPolicyconfigMap(): { entries(): Iterable<[string, { getEnforcementlevel(): number; getProperties(): { toJavaScript(): Record<string, unknown> } | undefined }]> };
}

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
 * Makes the analyzer server answer an invalid Configure with INVALID_ARGUMENT, which the CLI
 * prints before it stops.
 */
export function refuseInvalidConfiguration(policies: BaselinePolicy[]): ServerExtension {
    return (implementation, modules) => {
        const configure = implementation.configure;
        return {
            ...implementation,
            configure(call, callback) {
                const problem = configurationProblem(policies, configFromRequest(call.request));
                if (problem !== undefined) {
                    callback(grpcError(modules, "INVALID_ARGUMENT", problem));
                    return;
                }
                return configure.call(this, call, callback);
            },
        };
    };
}
