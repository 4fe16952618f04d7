// Run settings of the property-based tests, from the environment so that a failure can be replayed
// and a longer run started without editing code:
//   FUZZ_RUNS    runs per policy (default 1000; `npm run test:fuzz` uses 50000)
//   FUZZ_SEED    base seed (default below); each policy's seed is derived from it and its name
//   FUZZ_POLICY  only this policy (with FUZZ_PATH, to replay one failure)
//   FUZZ_PATH    the path fast-check printed for a failure, to replay it without searching again
export const defaultSeed = 20260607;

export const settings = {
    runs: positive(process.env.FUZZ_RUNS, 1000),
    seed: Number.isInteger(Number(process.env.FUZZ_SEED)) && process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : defaultSeed,
    policy: process.env.FUZZ_POLICY || undefined,
    path: process.env.FUZZ_PATH || undefined,
};

function positive(value: string | undefined, fallback: number): number {
    const n = Number(value);
    return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** The seed of one policy's run: stable for a base seed and a policy name. */
export function policySeed(base: number, name: string): number {
    let hash = 0x811c9dc5 ^ base;
    for (const c of name) {
        hash = Math.imul(hash ^ c.charCodeAt(0), 0x01000193);
    }
    return hash | 0;
}

/** The command that replays a failure of one policy. */
export function replayCommand(name: string, path?: string): string {
    const env = [`FUZZ_SEED=${settings.seed}`, `FUZZ_POLICY=${name}`, ...(path ? [`FUZZ_PATH=${path}`] : [])];
    return `npx tsc -p . && ${env.join(" ")} npx mocha --grep 'robustness.*${name}'`;
}
