import { definePolicy } from "../lib/policy";
import { types } from "../lib/types";
import { UNKNOWN, at, str } from "../lib/values";

const instanceTypes: string[] = [...types.ec2Instance];

export const ec2Imdsv2Required = definePolicy({
    name: "ec2-imdsv2-required",
    description: "EC2 instances and launch templates must require IMDSv2 (metadataOptions.httpTokens \"required\").",
    rationale:
        "With httpTokens \"optional\" an instance still answers IMDSv1: a plain GET to 169.254.169.254 returns the temporary credentials of " +
        "its IAM role, so a server-side request forgery in any application on the instance, or a misconfigured proxy or firewall in front of " +
        "it, hands those credentials to an attacker. IMDSv2 requires a session token obtained with a PUT that such requests cannot send. " +
        "Left unset, the setting comes from the AMI or the account's defaults, which the program does not show and another team can change. " +
        "Security Hub checks instances (EC2.8) and launch templates (EC2.170).",
    domain: "access",
    severity: "high",
    findingsOn: "the aws.ec2.Instance or aws.ec2.LaunchTemplate (an instance launched from a template without its own setting is judged on the template)",
    remediationSteps:
        "Set metadataOptions: { httpTokens: \"required\", httpEndpoint: \"enabled\" } on the aws.ec2.Instance or aws.ec2.LaunchTemplate (it " +
        "applies without replacing the instance). Update software that reads instance metadata to an AWS SDK or agent that uses IMDSv2 first; " +
        "the MetadataNoToken CloudWatch metric shows whether anything still calls IMDSv1. Containers on the instance that need the metadata " +
        "service also need httpPutResponseHopLimit: 2.",
    framework: { name: "AWS Foundational Security Best Practices", version: "1.0.0", reference: "EC2.8", specification: "EC2 instances should use Instance Metadata Service Version 2 (IMDSv2)" },
    messages: {
        tokensOptional:
            "{{kind}} '{{resource}}' sets metadataOptions.httpTokens {{value}}, so the metadata service answers IMDSv1 requests, which carry no session token. Set httpTokens: \"required\".",
        tokensUnset:
            "{{kind}} '{{resource}}' does not set metadataOptions.httpTokens, so whether the metadata service answers IMDSv1 depends on the AMI and the account's defaults. " +
            "Set metadataOptions: { httpTokens: \"required\" }.",
    },
    resourceTypes: [...types.ec2Instance, ...types.ec2LaunchTemplate],
    remediation: {
        summary:
            "Sets metadataOptions.httpTokens: \"required\" on an instance or launch template that sets it otherwise or not at all (an instance " +
            "that takes its launch template's setting is fixed on the template). The instance is updated in place; a launch template gets a new version.",
        resourceTypes: [...types.ec2Instance, ...types.ec2LaunchTemplate],
        fix(props) {
            const options = props.metadataOptions;
            // @pulumi/aws 6 state may hold the block as a list of one.
            const listShaped = Array.isArray(options);
            const httpTokens = str(at(props, "metadataOptions", 0, "httpTokens"));
            if (httpTokens === UNKNOWN || httpTokens === "required" || options === UNKNOWN || (listShaped && options.length !== 1)) {
                return [];
            }
            // An instance without its own setting that launches from a template takes the template's.
            const template = at(props, "launchTemplate", 0);
            if ((httpTokens === undefined || httpTokens === "") && template !== undefined && template !== null) {
                return [];
            }
            return [{ path: listShaped ? ["metadataOptions", 0, "httpTokens"] : ["metadataOptions", "httpTokens"], value: "required" }];
        },
    },
    checkResource(resource, ctx) {
        const isInstance = instanceTypes.includes(resource.type);
        // @pulumi/aws 6 state may hold the block as a list of one.
        const httpTokens = str(at(resource.props, "metadataOptions", 0, "httpTokens"));
        if (httpTokens === UNKNOWN) {
            ctx.undecided("metadataOptions.httpTokens is unknown");
            return;
        }
        const data = { kind: isInstance ? "EC2 instance" : "Launch template", resource: resource.name };
        if (httpTokens === undefined || httpTokens === "") {
            // An instance's own setting overrides its launch template's; without one it takes the
            // template's, which is judged on the template (Amazon EC2 User Guide, "Configure the
            // Instance Metadata Service options": launch parameters, then launch template, then AMI,
            // then account defaults).
            const template = isInstance ? at(resource.props, "launchTemplate", 0) : undefined;
            if (template === UNKNOWN) {
                ctx.undecided("launchTemplate is unknown");
            } else if (template === undefined || template === null) {
                ctx.report("tokensUnset", data);
            }
        } else if (httpTokens !== "required") {
            ctx.report("tokensOptional", { ...data, value: JSON.stringify(httpTokens) });
        }
    },
});
