import { AllowedKeyArnsConfig, allowedKeyArnsParameter, keyMessages, reportEncryption } from "../lib/customer-managed-keys";
import { Node, StackGraph } from "../lib/graph";
import { classifyKey } from "../lib/kms";
import { CheckContext, definePolicy } from "../lib/policy";
import { types } from "../lib/types";
import { UNKNOWN, Unknown, at, bool, str } from "../lib/values";
import { noSafeFix } from "../lib/remediation";

export const glueEncryptionCustomerManagedKey = definePolicy<AllowedKeyArnsConfig>({
    name: "glue-encryption-customer-managed-key",
    description:
        "The Glue Data Catalog (its metadata and connection passwords) and what Glue security configurations write (S3 data, CloudWatch logs, job bookmarks) must be encrypted with customer-managed KMS keys.",
    rationale:
        "The Data Catalog holds the schema and location of every table, and its connections hold database passwords; a Glue " +
        "job or crawler writes data to S3, logs to CloudWatch and bookmarks of what it has read, following its security " +
        "configuration. With encryption DISABLED, or S3 encryption by SSE-S3, nothing stands between anyone with read access " +
        "and the data; with an AWS managed key, no key policy the team controls does. Each of these settings takes a " +
        "customer-managed key. (Security Hub's Glue.3 judges machine learning transforms, whose encryption @pulumi/aws cannot " +
        "set; their task runs follow the security configuration judged here.)",
    domain: "encryption-at-rest",
    severity: "medium",
    findingsOn: "the aws.glue.DataCatalogEncryptionSettings or aws.glue.SecurityConfiguration",
    remediationSteps:
        'In an aws.glue.DataCatalogEncryptionSettings set encryptionAtRest { catalogEncryptionMode: "SSE-KMS", sseAwsKmsKeyId } and ' +
        "connectionPasswordEncryption { returnConnectionPasswordEncrypted: true, awsKmsKeyId }. In an aws.glue.SecurityConfiguration " +
        'set s3Encryption { s3EncryptionMode: "SSE-KMS", kmsKeyArn }, cloudwatchEncryption { cloudwatchEncryptionMode: "SSE-KMS", ' +
        'kmsKeyArn } and jobBookmarksEncryption { jobBookmarksEncryptionMode: "CSE-KMS", kmsKeyArn }. Each key is the ARN of an ' +
        "aws.kms.Key in the stack whose key policy lets Glue and the jobs' roles use it (CloudWatch Logs too, for the log " +
        "encryption). A security configuration cannot be changed: create a new one and point the jobs and crawlers at it. A key " +
        "managed outside the stack can be allowed by adding its ARN to allowedKeyArns.",
    parameters: { allowedKeyArns: allowedKeyArnsParameter("the Data Catalog and security configurations") },
    noRemediation: noSafeFix.customerManagedKey,
    messages: {
        notEncrypted:
            "Glue {{kind}} '{{resource}}' does not encrypt {{what}} with KMS ({{flag}} is {{value}}). Set {{flag}} to {{mode}} and {{setting}} to the ARN of a customer-managed aws.kms.Key.",
        missingKey: "Glue {{kind}} '{{resource}}' encrypts {{what}} with KMS but sets no {{setting}}, so Glue uses the AWS managed aws/glue key. Set {{setting}} to the ARN of a customer-managed aws.kms.Key.",
        ...keyMessages("Glue {{kind}} '{{resource}}'"),
    },
    withoutResourceSide: true,
    checkStack(stack, ctx) {
        const catalogs = stack.ofType(...types.glueDataCatalogEncryptionSettings);
        const configurations = stack.ofType(...types.glueSecurityConfiguration);
        if (catalogs.length === 0 && configurations.length === 0) {
            ctx.notApplicable("the stack has no Glue Data Catalog encryption settings or security configurations");
        }
        for (const node of catalogs) {
            const settings = at(node.inputs.dataCatalogEncryptionSettings, 0);
            const where = "dataCatalogEncryptionSettings";
            const atRest = at(settings, "encryptionAtRest", 0);
            // SSE-KMS-WITH-SERVICE-ROLE encrypts with the same key, used through a role of the team's.
            judge(stack, ctx, node, { kind: "Data Catalog encryption configuration", what: "the Data Catalog's metadata", prop: where }, {
                mode: str(at(atRest, "catalogEncryptionMode")),
                encryptedModes: ["SSE-KMS", "SSE-KMS-WITH-SERVICE-ROLE"],
                flag: `${where}.encryptionAtRest.catalogEncryptionMode`,
                setting: `${where}.encryptionAtRest.sseAwsKmsKeyId`,
                key: at(atRest, "sseAwsKmsKeyId"),
            });
            const passwords = at(settings, "connectionPasswordEncryption", 0);
            const returned = bool(at(passwords, "returnConnectionPasswordEncrypted"));
            judge(stack, ctx, node, { kind: "Data Catalog encryption configuration", what: "connection passwords", prop: where }, {
                mode: returned === UNKNOWN ? UNKNOWN : returned === true ? "true" : String(returned ?? "unset"),
                encryptedModes: ["true"],
                flag: `${where}.connectionPasswordEncryption.returnConnectionPasswordEncrypted`,
                setting: `${where}.connectionPasswordEncryption.awsKmsKeyId`,
                key: at(passwords, "awsKmsKeyId"),
            });
        }
        for (const node of configurations) {
            const configuration = at(node.inputs.encryptionConfiguration, 0);
            const where = "encryptionConfiguration";
            const kind = { kind: "security configuration", prop: where };
            const s3 = at(configuration, "s3Encryption", 0);
            judge(stack, ctx, node, { ...kind, what: "the data its jobs write to S3" }, {
                mode: str(at(s3, "s3EncryptionMode")),
                encryptedModes: ["SSE-KMS"],
                flag: `${where}.s3Encryption.s3EncryptionMode`,
                setting: `${where}.s3Encryption.kmsKeyArn`,
                key: at(s3, "kmsKeyArn"),
            });
            const logs = at(configuration, "cloudwatchEncryption", 0);
            judge(stack, ctx, node, { ...kind, what: "the logs its jobs write to CloudWatch" }, {
                mode: str(at(logs, "cloudwatchEncryptionMode")),
                encryptedModes: ["SSE-KMS"],
                flag: `${where}.cloudwatchEncryption.cloudwatchEncryptionMode`,
                setting: `${where}.cloudwatchEncryption.kmsKeyArn`,
                key: at(logs, "kmsKeyArn"),
            });
            const bookmarks = at(configuration, "jobBookmarksEncryption", 0);
            judge(stack, ctx, node, { ...kind, what: "its job bookmarks" }, {
                mode: str(at(bookmarks, "jobBookmarksEncryptionMode")),
                encryptedModes: ["CSE-KMS"],
                flag: `${where}.jobBookmarksEncryption.jobBookmarksEncryptionMode`,
                setting: `${where}.jobBookmarksEncryption.kmsKeyArn`,
                key: at(bookmarks, "kmsKeyArn"),
            });
        }
    },
});

interface Setting {
    /** The mode as declared; unset means DISABLED, Glue's default for each of these settings. */
    mode: string | Unknown | undefined;
    encryptedModes: string[];
    flag: string;
    setting: string;
    key: unknown;
}

function judge(stack: StackGraph, ctx: CheckContext<AllowedKeyArnsConfig>, node: Node, subject: { kind: string; what: string; prop: string }, s: Setting): void {
    // The block holds several keys (one per setting): its dependencies decide only an unknown key.
    const key = classifyKey(stack, node, subject.prop, ctx.config.allowedKeyArns, { value: s.key, shared: true });
    const mode = s.mode ?? "DISABLED";
    reportEncryption(
        ctx,
        mode === UNKNOWN ? UNKNOWN : s.encryptedModes.includes(mode),
        key,
        { kind: subject.kind, resource: node.name, what: subject.what, flag: s.flag, setting: s.setting, value: mode === UNKNOWN ? "unknown" : `'${mode}'`, mode: `'${s.encryptedModes[0]}'` },
        node.urn,
    );
}
