// The pack's Analyze, once per resource rather than once per policy.
//
// The server hands each policy it calls at Analyze the resource's properties deserialized anew:
// it converts the request's protobuf Struct to JavaScript and then copies that into the policy's
// own object, for every policy, before the policy can answer that it does not apply. The pack
// converts the Struct once per call instead: the SDK only reads the converted value (each policy
// still gets its own deserialized copy), so it is kept on the request for the duration of the
// call, and the provider's likewise. And the call's resource type is known to the type markers of
// the checks of several types (analyze-call.ts, policy.ts), so that the server answers "not
// applicable" for them itself, without calling them.
//
// The same conversion records the inputs the stack checks judge (inputs.ts), once per resource,
// instead of having the server call every stack check's resource side only to record them. They
// are recorded for the resources of the types for which the runner records them: the types for
// which some enabled policy has a resource side the server would call (`recordsInputsAtAnalyze`),
// so that the pack and the runner judge the same inputs under every configuration.
import { ServerExtension } from "./analyzer-server";
import { PolicyPackConfigFile, reportKey } from "./config";
import { configFromRequest } from "./configure-guard";
import { analyzing } from "./analyze-call";
import { recordInputs } from "./inputs";
import { BaselinePolicy } from "./policy";
import { recordsInputsAtAnalyze } from "./runner";
import { deserializeProperties } from "./sdk";

interface ConvertibleStruct {
    toJavaScript(): Record<string, unknown>;
}

export function recordAnalyzedInputs(policies: BaselinePolicy[]): ServerExtension {
    return (implementation) => {
        // Until Configure, the policies' own levels (the server's, too).
        let records = recordsInputsAtAnalyze(policies, undefined);
        const { configure, analyze } = implementation;
        return {
            ...implementation,
            configure(call, callback) {
                const levels = enforcementLevels(configFromRequest(call.request));
                return configure.call(this, call, (error: unknown, response?: unknown) => {
                    if (!error) {
                        records = recordsInputsAtAnalyze(policies, levels);
                    }
                    callback(error, response);
                });
            },
            analyze(call, callback) {
                const request = call.request;
                const properties: ConvertibleStruct | undefined = request.getProperties();
                const structs = [properties, request.getProvider()?.getProperties()].filter((s): s is ConvertibleStruct => s !== undefined);
                for (const struct of structs) {
                    const converted = struct.toJavaScript();
                    struct.toJavaScript = () => converted;
                }
                const type: string = request.getType();
                const done = analyzing(type);
                if (properties !== undefined && records(type)) {
                    recordInputs(request.getUrn(), deserializeProperties(properties.toJavaScript()));
                }
                return analyze.call(this, call, (error: unknown, response?: unknown) => {
                    done();
                    // Whoever reads the request later (the run's report) converts it afresh.
                    for (const struct of structs) {
                        delete (struct as Partial<ConvertibleStruct>).toJavaScript;
                    }
                    callback(error, response);
                });
            },
        };
    };
}

/**
 * The levels of a Configure, as a config file: whether a policy is called at Analyze depends on its
 * level only, and leaving out the parameters spares validating them again (the configuration
 * guard has).
 */
function enforcementLevels(file: PolicyPackConfigFile): PolicyPackConfigFile {
    const levels: PolicyPackConfigFile = {};
    for (const [name, entry] of Object.entries(file)) {
        if (name !== reportKey && entry !== null && typeof entry === "object" && "enforcementLevel" in entry) {
            levels[name] = { enforcementLevel: entry.enforcementLevel };
        }
    }
    return levels;
}
