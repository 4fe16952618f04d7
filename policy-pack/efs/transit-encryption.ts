import { definePolicy } from "../lib/policy";
import { coversWholeService } from "../lib/s3";
import { tlsDenial } from "../lib/tls-denial";
import { types } from "../lib/types";
import { UNKNOWN, at, list, str } from "../lib/values";

export const efsTransitEncryption = definePolicy({
    name: "efs-transit-encryption",
    description: "EFS file systems must refuse mounts without TLS, and ECS tasks must mount them with transit encryption.",
    rationale:
        "NFS carries file contents and metadata unencrypted unless the client mounts with TLS. EFS accepts such mounts unless " +
        "the file system policy denies requests whose aws:SecureTransport is false, and an ECS task's EFS volume mounts " +
        "without TLS unless its transitEncryption is ENABLED (the default is DISABLED).",
    domain: "encryption-in-transit",
    severity: "high",
    remediationSteps:
        "Give each aws.efs.FileSystem an aws.efs.FileSystemPolicy (fileSystemId set to the file system's id) with the statement " +
        "{ Effect: \"Deny\", Principal: { AWS: \"*\" }, Action: \"*\", Resource: <file system arn>, Condition: { Bool: " +
        "{ \"aws:SecureTransport\": \"false\" } } }, and set efsVolumeConfiguration.transitEncryption: \"ENABLED\" on every EFS " +
        "volume of an aws.ecs.TaskDefinition (clients outside ECS mount with the EFS mount helper's -o tls option).",
    findingsOn: "the ECS task definition whose volume mounts without TLS; the EFS file system whose policy does not refuse non-TLS requests",
    noRemediation:
        "turning on transit encryption of a task's volume makes a new revision of the task definition (a replacement), and refusing mounts without TLS takes a file system policy, a new resource whose statements only the file system's owner can write",
    messages: {
        taskVolumeWithoutTls:
            "ECS task definition '{{taskDefinition}}' mounts EFS volume '{{volume}}' without TLS ({{why}}). Set " +
            "efsVolumeConfiguration.transitEncryption to 'ENABLED'.",
        noPolicy:
            "EFS file system '{{fileSystem}}' has no file system policy, so EFS accepts mounts without TLS. Add an " +
            "aws.efs.FileSystemPolicy that denies Principal '*' every action on the file system when aws:SecureTransport is 'false'.",
        notEnforced:
            "The policy of EFS file system '{{fileSystem}}' (declared on '{{declaredOn}}') does not deny non-TLS requests for every " +
            "principal and every elasticfilesystem action on the file system. Add a statement denying Principal '*' Action '*' on " +
            "the file system's ARN with Condition Bool aws:SecureTransport 'false'.",
    },
    resourceTypes: [...types.ecsTaskDefinition],
    checkResource(taskDefinition, ctx) {
        const volumes = list(taskDefinition.props.volumes);
        if (volumes === UNKNOWN) {
            ctx.undecided("volumes is unknown");
            return;
        }
        for (const [i, volume] of volumes.entries()) {
            const efs = at(volume, "efsVolumeConfiguration", 0);
            if (efs === undefined || efs === null) {
                continue;
            }
            const label = str(at(volume, "name"));
            const name = typeof label === "string" ? label : `#${i + 1}`;
            if (efs === UNKNOWN) {
                ctx.undecided(`the efsVolumeConfiguration of volume ${name} is unknown`);
                continue;
            }
            // Unset is DISABLED (Amazon ECS API Reference, EFSVolumeConfiguration).
            const transit = str(at(efs, "transitEncryption"));
            if (transit === UNKNOWN) {
                ctx.undecided(`the transitEncryption of volume ${name} is unknown`);
            } else if (transit === undefined || transit.toUpperCase() !== "ENABLED") {
                const why = transit === undefined ? "transitEncryption is unset, and the default is DISABLED" : `transitEncryption is '${transit}'`;
                ctx.report("taskVolumeWithoutTls", { taskDefinition: taskDefinition.name, volume: name, why });
            }
        }
    },
    checkStack(stack, ctx) {
        const fileSystems = stack.ofType(...types.efsFileSystem);
        if (fileSystems.length === 0) {
            ctx.notApplicable("the stack has no EFS file systems");
        }
        for (const fileSystem of fileSystems) {
            const denial = tlsDenial(stack, fileSystem, {
                policyTypes: [...types.efsFileSystemPolicy],
                linkProp: "fileSystemId",
                service: "elasticfilesystem",
                actions: (s) => coversWholeService(s, "elasticfilesystem"),
            });
            if (denial.verdict === "pass") {
                continue;
            }
            if (denial.verdict === "unknown" || denial.mayHaveUnresolved) {
                ctx.undecided(denial.verdict === "unknown" ? "the file system policy is partly unknown" : "a file system policy's file system is unknown", fileSystem.urn);
            } else if (denial.declaredOn.length === 0) {
                ctx.report("noPolicy", { fileSystem: fileSystem.name }, fileSystem.urn);
            } else {
                ctx.report("notEnforced", { fileSystem: fileSystem.name, declaredOn: denial.declaredOn.map((d) => d.name) }, fileSystem.urn);
            }
        }
    },
});
