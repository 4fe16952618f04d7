// What looks like a credential: names of settings that hold one, and values shaped like the keys
// and tokens that providers issue. Used to judge where a value is stored; a match is described by
// what it looks like, never by the value itself, so no finding can repeat a secret.

/** The last words of a name (of a parameter, variable or setting) that say it holds a credential. */
const credentialWords: { words: string[]; what: string }[] = [
    { words: ["password"], what: "a password" },
    { words: ["passwd"], what: "a password" },
    { words: ["pwd"], what: "a password" },
    { words: ["passphrase"], what: "a passphrase" },
    { words: ["secret"], what: "a secret" },
    { words: ["token"], what: "a token" },
    { words: ["api", "key"], what: "an API key" },
    { words: ["apikey"], what: "an API key" },
    { words: ["private", "key"], what: "a private key" },
    { words: ["access", "key"], what: "an access key" },
    { words: ["secret", "key"], what: "a secret key" },
    { words: ["credential"], what: "a credential" },
    { words: ["credentials"], what: "credentials" },
    { words: ["connection", "string"], what: "a connection string" },
];

/** The words of a name, lower case: "/app/dbPassword" is ["app", "db", "password"]. */
function wordsOf(name: string): string[] {
    return name
        .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
        .split(/[^A-Za-z0-9]+/)
        .filter((w) => w !== "")
        .map((w) => w.toLowerCase());
}

/**
 * What credential a name says it holds ("a password", "an API key"), or undefined. The name's
 * last words decide: "/app/db/password" and "GITHUB_TOKEN" hold credentials, "passwordMinLength"
 * and "/app/token/ttl" describe one.
 */
export function credentialNamed(name: string): string | undefined {
    const words = wordsOf(name);
    for (const { words: pattern, what } of credentialWords) {
        const tail = words.slice(-pattern.length);
        if (tail.length === pattern.length && tail.every((w, i) => w === pattern[i])) {
            return what;
        }
    }
    return undefined;
}

/** Shapes of credentials that providers issue, each with what it is. Anchored within the value. */
const credentialShapes: { shape: RegExp; what: string }[] = [
    { shape: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/, what: "an AWS access key id" },
    { shape: /-----BEGIN (RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/, what: "a PEM private key" },
    { shape: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/, what: "a GitHub token" },
    { shape: /\bgithub_pat_[A-Za-z0-9_]{60,}\b/, what: "a GitHub token" },
    { shape: /\bxox[abposr]-[A-Za-z0-9-]{10,}/, what: "a Slack token" },
    { shape: /\b[sr]k_live_[A-Za-z0-9]{20,}\b/, what: "a Stripe secret key" },
    { shape: /\bAIza[0-9A-Za-z_-]{35}\b/, what: "a Google API key" },
    { shape: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/, what: "a JSON Web Token" },
    { shape: /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:[^\s/@]+@/, what: "a URL with a password in it" },
];

/** What credential a value looks like ("an AWS access key id"), or undefined. */
export function credentialShaped(value: string): string | undefined {
    return credentialShapes.find(({ shape }) => shape.test(value))?.what;
}
