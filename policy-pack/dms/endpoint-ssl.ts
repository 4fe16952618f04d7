import { definePolicy } from "../lib/policy";
import { types } from "../lib/types";
import { UNKNOWN, at, str } from "../lib/values";

/**
 * Engines whose endpoints have no sslMode to set: AWS DMS reaches S3, DynamoDB, Kinesis, Neptune,
 * OpenSearch / Elasticsearch and Kafka through their own settings or HTTPS APIs, and Redis through
 * redisSettings (judged below); SSL to Amazon Redshift targets is not supported, DMS moves the data
 * through S3 instead (AWS DMS User Guide, "Using SSL with AWS Database Migration Service",
 * limitations).
 */
const withoutSslMode = ["s3", "dynamodb", "kinesis", "neptune", "opensearch", "elasticsearch", "kafka", "redis", "redshift", "redshift-serverless"];

export const dmsEndpointSsl = definePolicy({
    name: "dms-endpoint-ssl",
    description: "AWS DMS endpoints must connect to their databases over SSL/TLS, Redis endpoints included.",
    rationale:
        "A DMS endpoint is the connection through which a migration reads or writes a whole database. With sslMode 'none' " +
        "(AWS's default) the replication instance sends the database credentials and every migrated row in clear text; a " +
        "Redis target with sslSecurityProtocol 'plaintext' does the same with every key it writes.",
    domain: "encryption-in-transit",
    severity: "high",
    remediationSteps:
        "Set sslMode on the aws.dms.Endpoint to 'require', or better 'verify-ca' / 'verify-full' with certificateArn naming an " +
        "aws.dms.Certificate of the database's CA. For a Redis target leave redisSettings.sslSecurityProtocol unset or set it to " +
        "'ssl-encryption'.",
    framework: {
        name: "AWS Foundational Security Best Practices",
        version: "1.0.0",
        reference: "DMS.9, DMS.12",
        specification: "DMS endpoints should use SSL; DMS endpoints for Redis OSS should have TLS enabled",
    },
    noRemediation:
        "the migration stops if the database does not accept SSL (and verify-ca or verify-full need its CA's certificate), which a fix cannot tell from the program",
    messages: {
        noSsl: "DMS endpoint '{{endpoint}}' ({{engine}}) connects without SSL ({{why}}). Set sslMode to 'require', 'verify-ca' or 'verify-full'.",
        redisPlaintext:
            "DMS endpoint '{{endpoint}}' writes to Redis without TLS (redisSettings.sslSecurityProtocol is 'plaintext'). Set it to " +
            "'ssl-encryption' or leave it unset.",
    },
    resourceTypes: [...types.dmsEndpoint],
    checkResource(endpoint, ctx) {
        const engine = str(endpoint.props.engineName);
        if (engine === UNKNOWN) {
            ctx.undecided("engineName is unknown");
            return;
        }
        const name = (engine ?? "").toLowerCase();
        if (name === "redis") {
            // Unset is 'ssl-encryption'.
            const protocol = str(at(endpoint.props.redisSettings, 0, "sslSecurityProtocol"));
            if (protocol === UNKNOWN) {
                ctx.undecided("redisSettings.sslSecurityProtocol is unknown");
            } else if (typeof protocol === "string" && protocol.toLowerCase() === "plaintext") {
                ctx.report("redisPlaintext", { endpoint: endpoint.name });
            }
            return;
        }
        if (withoutSslMode.includes(name)) {
            ctx.notApplicable(`AWS DMS has no SSL mode for ${name} endpoints: their connection security is set elsewhere (the service's HTTPS API or the engine's own settings)`);
        }
        const mode = str(endpoint.props.sslMode);
        if (mode === UNKNOWN) {
            ctx.undecided("sslMode is unknown");
        } else if (mode === undefined || mode === "" || mode.toLowerCase() === "none") {
            ctx.report("noSsl", { endpoint: endpoint.name, engine: engine ?? "engine unset", why: mode ? "sslMode is 'none'" : "sslMode is unset, and AWS's default is 'none'" });
        }
    },
});
