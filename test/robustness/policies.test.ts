// Property-based tests over every policy of the pack, through the runner (the analyzer server's
// semantics). For each policy, stacks are generated from the case tables' resources of the types
// it handles, changed in hostile ways (wrong types, nulls, empty lists, unknowns of every kind,
// secrets, broken and oddly cased documents, dangling and duplicate references), and three
// properties must hold:
//   1. the policy never fails with anything but the SDK's unknown-value error (the runner turns
//      any other error into "Error validating …", which fails the whole analyzer call);
//   2. replacing one known value anywhere in the stack with an unknown never turns a resource that
//      had no mandatory finding into one with a mandatory finding (advisories are allowed);
//   3. the same input gives the same diagnostics and not-applicable answers twice.
// Runs are seeded; a failure prints the command that replays it.
import fc from "fast-check";
import { Diagnostic, ResourceState, RunResult, runPolicies } from "../../policy-pack/lib/runner";
import { BaselinePolicy } from "../../policy-pack/lib/policy";
import { policies } from "../../policy-pack/policies";
import { PolicyPackConfigFile } from "../../policy-pack/lib/config";
import { Corpus, buildCorpus, relevantTypes } from "./corpus";
import { buildStack, policyConfig, possible, stackSample, substitute, substitution, vocabulary } from "./arbitraries";
import { policySeed, replayCommand, settings } from "./settings";

async function run(policy: BaselinePolicy, resources: ResourceState[], config: PolicyPackConfigFile, created: Record<string, string>): Promise<RunResult> {
    return runPolicies([policy], resources, { config, created });
}

function comparable(result: RunResult): string {
    return JSON.stringify({ diagnostics: result.diagnostics, notApplicable: result.notApplicable });
}

const mandatoryOn = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.enforcementLevel === "mandatory");

describe("robustness: every policy on hostile input (property-based)", function () {
    let corpus: Corpus;
    const totals = { runs: 0, ms: 0, policies: 0 };

    before(function () {
        corpus = buildCorpus();
    });

    after(function () {
        if (totals.policies > 0) {
            console.log(`    robustness: ${totals.runs} generated stacks over ${totals.policies} policies (${settings.runs} per policy, base seed ${settings.seed}) in ${(totals.ms / 1000).toFixed(1)} s`);
        }
    });

    for (const policy of policies) {
        if (settings.policy && settings.policy !== policy.name) {
            continue;
        }
        it(`${policy.name}: never throws, unknowns never fail it, deterministic`, async function () {
            this.timeout(0);
            const started = Date.now();
            const seed = policySeed(settings.seed, policy.name);
            const relevant = await relevantTypes(policy, corpus);
            const v = vocabulary(corpus);
            const bases = corpus.stacks.get(policy.name) ?? [];
            const names = [...new Set(bases.flat().map((r) => r.name ?? ""))].filter((n) => n !== "");
            let substituted = 0;
            const input = fc.record({ stack: stackSample(bases, relevant, v), config: policyConfig(policy, v, names.length > 0 ? names : ["a"]), unknown: substitution });

            const property = fc.asyncProperty(input, async ({ stack, config, unknown }) => {
                const { resources, created } = buildStack(stack, relevant, corpus);
                const first = await run(policy, resources, config, created);
                const second = await run(policy, resources, config, created);
                if (comparable(first) !== comparable(second)) {
                    throw new Error(`not deterministic:\n  first:  ${comparable(first)}\n  second: ${comparable(second)}`);
                }
                const changed = possible(resources) ? substitute(resources, unknown) : undefined;
                if (changed === undefined) {
                    return;
                }
                substituted++;
                const known = changed.before === resources ? first : await run(policy, changed.before, config, created);
                const hidden = await run(policy, changed.after, config, created);
                const failedBefore = new Set(mandatoryOn(known.diagnostics).map((d) => d.urn ?? "(stack)"));
                const turned = mandatoryOn(hidden.diagnostics).filter((d) => !failedBefore.has(d.urn ?? "(stack)"));
                if (turned.length > 0) {
                    throw new Error(
                        `an unknown at ${changed.where} turned a pass into a mandatory violation:\n` +
                            turned.map((d) => `  ${d.urn ?? "(stack)"} ${d.messageId}: ${d.message.split("\n").slice(1).join(" ")}`).join("\n") +
                            `\nstack before: ${JSON.stringify(changed.before)}`,
                    );
                }
            });

            try {
                await fc.assert(property, { numRuns: settings.runs, seed, ...(settings.path ? { path: settings.path } : {}) });
            } catch (e) {
                const path = /path: "([^"]*)"/.exec(String((e as Error).message))?.[1];
                (e as Error).message = `${(e as Error).message}\n\nReplay: ${replayCommand(policy.name, path)}`;
                throw e;
            }
            const ms = Date.now() - started;
            totals.runs += settings.runs;
            totals.ms += ms;
            totals.policies++;
            this.test!.title += ` (${settings.runs} runs, ${substituted} with a value hidden, seed ${seed}, ${bases.length} case stacks, ${relevant.length} types, ${ms} ms)`;
        });
    }
});
