// Whether a literal value, given under a variable name, is a credential: a value in a known
// credential format (whatever the name), or a high-entropy value under a name that says it is a
// secret. What is found is described by kind only: no part of a value ever leaves this file.
//
// Also reads `NAME=value` assignments out of a script (EC2 user data), for the same judgement, and
// tells which credential a setting's name says it holds (an SSM parameter's, say).

export interface SecretFinding {
    /** What the value is, in words for a message: `an AWS access key ID`, `a private key`, … */
    kind: string;
}

/**
 * Credential formats recognizable by their shape, each documented by its issuer:
 * - AWS access key IDs: `AKIA` (long-term) and `ASIA` (temporary) followed by 16 upper-case
 *   letters or digits (IAM User Guide, "Manage access keys for IAM users", unique ID prefixes);
 * - PEM private keys: the `-----BEGIN … PRIVATE KEY-----` armour of RFC 7468 (PKCS #8, and the
 *   RSA, EC, DSA and OpenSSH key types);
 * - GitHub tokens: `ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_` and `github_pat_` prefixes (GitHub Docs,
 *   "About authentication to GitHub", GitHub's token formats);
 * - Slack tokens: `xoxb-`, `xoxp-`, `xoxa-`, `xoxr-`, `xoxs-` (Slack API docs, "Token types");
 * - Stripe live secret and restricted keys: `sk_live_`, `rk_live_` (Stripe Docs, "API keys");
 * - Google API keys: `AIza` followed by 35 characters (Google Cloud docs, "Manage API keys");
 * - npm access tokens: `npm_` followed by 36 characters (npm Docs, "About access tokens");
 * - JSON Web Tokens: three base64url parts, the first two JSON objects (`eyJ…`, RFC 7519);
 * - a URL with a password in its user-info part (`scheme://user:password@host`, RFC 3986 3.2.1).
 */
const formats: { kind: string; pattern: RegExp }[] = [
    { kind: "an AWS access key ID", pattern: /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/ },
    { kind: "a private key", pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/ },
    { kind: "a GitHub token", pattern: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{50,})/ },
    { kind: "a Slack token", pattern: /(?<![A-Za-z0-9])xox[abprs]-[A-Za-z0-9-]{10,}/ },
    { kind: "a Stripe secret key", pattern: /(?<![A-Za-z0-9])[sr]k_live_[A-Za-z0-9]{20,}/ },
    { kind: "a Google API key", pattern: /(?<![A-Za-z0-9])AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/ },
    { kind: "an npm access token", pattern: /(?<![A-Za-z0-9])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/ },
    { kind: "a JSON Web Token", pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/ },
    { kind: "a URL with a password in it", pattern: /[a-z][a-z0-9+.-]*:\/\/[^\s:/@$]+:[^\s@/${}]{3,}@[^\s]/i },
];

/** Names that say the value is a secret: PASSWORD, DB_PASS, API_KEY, CLIENT_SECRET, AUTH_TOKEN, PRIVATE_KEY, CREDENTIALS, … */
const secretName = /(?:PASSWORD|PASSWD|PASSPHRASE|(?:^|[_.-])PASS(?:$|[_.-])|(?:^|[_.-])PWD(?:$|[_.-])|SECRET|TOKEN|API[_.-]?KEY|PRIVATE[_.-]?KEY|ACCESS[_.-]?KEY|CREDENTIAL|(?:^|[_.-])AUTH(?:$|[_.-]))/i;

/**
 * Names that hold where a secret is, not the secret: SECRET_ARN, DB_PASSWORD_PARAMETER,
 * TOKEN_URL, API_KEY_NAME, ACCESS_KEY_ID (an ID, judged by its format), …
 */
const referenceName = /[_.-](?:ARN|NAME|ID|PATH|URL|URI|ENDPOINT|PARAM|PARAMETER|FILE|REF|KEY_ID|SSM|LOCATION|TTL|EXPIRY|LENGTH|HEADER)$/i;

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

/** Whether a variable name says it holds a secret. */
export function isSecretName(name: string): boolean {
    return secretName.test(name) && !referenceName.test(name);
}

/** Values that are references to a secret, not secrets: ARNs, SSM paths, dynamic references, interpolations. */
const referenceValue = /^(?:arn:|\/|\{\{resolve:|\$\{|\$\(|ssm:|secretsmanager:|https?:\/\/[^@]*$)/i;

/**
 * Shannon entropy in bits per character; random secrets of the usual alphabets (hex, base64,
 * alphanumeric) have 3.5 to 6, words and identifiers less.
 */
function entropy(value: string): number {
    const counts = new Map<string, number>();
    for (const c of value) {
        counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    let bits = 0;
    for (const n of counts.values()) {
        const p = n / value.length;
        bits -= p * Math.log2(p);
    }
    return bits;
}

/**
 * A value looks random: 16 characters or more without spaces, with at least 3.5 bits of entropy per
 * character (or 3 for hex strings, whose alphabet caps them at 4), and holding letters and digits,
 * so that long words and names such as `orders-production-eu-west` pass.
 */
export function isHighEntropy(value: string): boolean {
    if (value.length < 16 || /\s/.test(value) || referenceValue.test(value)) {
        return false;
    }
    if (!/[A-Za-z]/.test(value) || !/[0-9]/.test(value)) {
        return false;
    }
    const threshold = /^[0-9a-f]+$/i.test(value) ? 3 : 3.5;
    return entropy(value) >= threshold;
}

/** The credential format a text holds somewhere, if any. */
export function credentialFormat(text: string): SecretFinding | undefined {
    const found = formats.find((f) => f.pattern.test(text));
    return found ? { kind: found.kind } : undefined;
}

/**
 * Judges a literal value under a variable name: a known credential format anywhere in it, or a
 * high-entropy value under a name that says it is a secret.
 */
export function secretValue(name: string, value: string): SecretFinding | undefined {
    const format = credentialFormat(value);
    if (format) {
        return format;
    }
    if (isSecretName(name) && isHighEntropy(value.trim().replace(/^(["'])(.*)\1$/, "$2"))) {
        return { kind: "a high-entropy value under a secret's name" };
    }
    return undefined;
}

/**
 * The `NAME=value` and `NAME: value` assignments of a script (shell `export`, env files, YAML
 * cloud-config), quotes removed, for judging each under its name.
 */
export function scriptAssignments(script: string): { name: string; value: string }[] {
    const found: { name: string; value: string }[] = [];
    const assignment = /(?:^|[\s;])(?:export\s+|set\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*(?:=|:\s)\s*(?:"([^"\n]*)"|'([^'\n]*)'|([^\s"';]+))/gm;
    for (const m of script.matchAll(assignment)) {
        found.push({ name: m[1], value: m[2] ?? m[3] ?? m[4] ?? "" });
    }
    return found;
}
