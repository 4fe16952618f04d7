import { definePolicy } from "../lib/policy";
import { types } from "../lib/types";
import { UNKNOWN, Unknown, at, isUnknown, list, str } from "../lib/values";

const accepted = ["true", "1", "on"];

export const redshiftServerlessRequireTls = definePolicy({
    name: "redshift-serverless-require-tls",
    description: "Redshift Serverless workgroups must set the require_ssl config parameter to true.",
    rationale:
        "A Redshift Serverless workgroup speaks the PostgreSQL wire protocol and, with require_ssl false, accepts clients that do " +
        "not ask for TLS: their credentials and result sets cross the network in clear text. The workgroup's configParameters " +
        "are where the requirement is declared; a workgroup that does not declare it depends on whatever the account's " +
        "workgroups were created with, which the program does not show.",
    domain: "encryption-in-transit",
    severity: "high",
    remediationSteps:
        "Add { parameterKey: \"require_ssl\", parameterValue: \"true\" } to the configParameters of the " +
        "aws.redshiftserverless.Workgroup (it applies without replacing the workgroup).",
    framework: { name: "AWS Foundational Security Best Practices", version: "1.0.0", reference: "RedshiftServerless.2", specification: "Connections to Redshift Serverless workgroups should be required to use SSL" },
    noRemediation:
        "require_ssl is updated in place, but every client that connects to the workgroup without SSL then stops working, and only the workgroup's owner knows whether any does",
    messages: {
        notRequired:
            "Redshift Serverless workgroup '{{workgroup}}' {{why}}, so it may accept plaintext connections. Add { parameterKey: " +
            "\"require_ssl\", parameterValue: \"true\" } to its configParameters.",
    },
    resourceTypes: [...types.redshiftServerlessWorkgroup],
    checkResource(workgroup, ctx) {
        const parameters = list(workgroup.props.configParameters);
        if (parameters === UNKNOWN) {
            ctx.undecided("configParameters is unknown");
            return;
        }
        let unknownKey = false;
        let value: string | Unknown | undefined;
        for (const p of parameters) {
            const key = str(at(p, "parameterKey"));
            if (key === UNKNOWN || isUnknown(p)) {
                unknownKey = true;
            } else if (key === "require_ssl") {
                // The API keeps the last value given for a key.
                value = str(at(p, "parameterValue")) ?? "";
            }
        }
        if (value === UNKNOWN) {
            ctx.undecided("the value of require_ssl is unknown");
        } else if (value !== undefined && accepted.includes(value.trim().toLowerCase())) {
            return;
        } else if (unknownKey) {
            // A parameter whose key is unknown may be a later require_ssl = true.
            ctx.undecided("a config parameter's key is unknown");
        } else if (value !== undefined) {
            ctx.report("notRequired", { workgroup: workgroup.name, why: `sets require_ssl to '${value}'` });
        } else {
            ctx.report("notRequired", { workgroup: workgroup.name, why: "does not set require_ssl in its configParameters" });
        }
    },
});
